package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training-only proxy's blur option, on the real Ped2 Train clips (about 3 s per run). */
class Ped2HyperparameterSelectionTest {

    private static final Path PED2 = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
            "datasets/ucsd-ped2");

    @Test
    void blurDegradesEveryHeldOutClipAndChangesTheFigures() throws Exception {
        assumeTrue(Files.isDirectory(PED2), "UCSD Ped2 not found at " + PED2);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        Map<Double, Double> sharp = Ped2HyperparameterSelection.run(PED2, List.of("ms:QUANTILE"),
                Ped2HyperparameterSelection.Proxy.SPEED_UP, 0, false, 0, out).get("ms:QUANTILE");
        Map<Double, Double> same = Ped2HyperparameterSelection.run(PED2, List.of("ms:QUANTILE"),
                Ped2HyperparameterSelection.Proxy.SPEED_UP, 0, false, out).get("ms:QUANTILE");
        Map<Double, Double> blurred = Ped2HyperparameterSelection.run(PED2, List.of("ms:QUANTILE"),
                Ped2HyperparameterSelection.Proxy.SPEED_UP, 0, false, 9, out).get("ms:QUANTILE");
        assertEquals(sharp, same, "blur 0 is the proxy as before");
        assertEquals(sharp.keySet(), blurred.keySet(), "the same smoothing sigmas");
        for (double sigma : sharp.keySet()) {
            assertTrue(blurred.get(sigma) > 0.5 && blurred.get(sigma) <= 1, "an AUC: " + blurred.get(sigma));
        }
        assertNotEquals(sharp.get(5.0), blurred.get(5.0), "the held-out clips were blurred");
        String msg = assertThrows(IllegalArgumentException.class, () -> Ped2HyperparameterSelection.run(PED2,
                List.of("ms:QUANTILE"), Ped2HyperparameterSelection.Proxy.SPEED_UP, 0, false, -1, out)).getMessage();
        assertEquals("blur must be >= 0 pixels, got -1", msg);
    }
}
