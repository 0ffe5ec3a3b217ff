package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.examples.UcsdPed2Benchmark.ClipResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class Ped2RobustnessTest {

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void rowCountsFlaggedFramesPerClassAtTheThreshold() {
        ClipResult a = new ClipResult("a", new double[] {0.1, 0.9, 0.5, 0.2}, new boolean[] {false, true, true, false},
                OptionalDouble.of(1.0), List.of());
        ClipResult b = new ClipResult("b", new double[] {0.6, 0.3}, new boolean[] {false, false},
                OptionalDouble.empty(), List.of());
        Ped2Robustness.Row r = Ped2Robustness.row("x", List.of(a, b), 0.5);
        // normal frames 0.1, 0.2, 0.6, 0.3: one at or above 0.5; anomalous 0.9, 0.5: both
        assertEquals(0.25, r.fpr(), 1e-12);
        assertEquals(1.0, r.recall(), 1e-12);
        assertEquals(6, r.frames());
        // pooled: 0.6 (normal) outranks 0.5 (anomalous) once of 8 pairs
        assertEquals(7 / 8.0, r.pooledAuc(), 1e-12);
        assertEquals(1.0, r.meanClipAuc(), 1e-12);
        assertTrue(Ped2Robustness.markdown(List.of(r)).contains("| x | 0.875 | 1.000 |"), Ped2Robustness.markdown(List.of(r)));
    }

    @Test
    void theDefaultDetectorKeepsItsRankingUnderSensorNoise() throws IOException {
        // real Ped2: with a fixed motion threshold, noise of sigma 0.02 flagged every frame (AUC 0.455)
        List<Ped2Robustness.Row> rows = Ped2Robustness.run(UcsdPed2BenchmarkTest.ped2(),
                UcsdPed2Benchmark.Kind.MOTION_SPEED, 42, List.of("clean", "sensor noise, sigma 0.02"), quiet());
        assertEquals(2, rows.size());
        Ped2Robustness.Row clean = rows.get(0);
        Ped2Robustness.Row noisy = rows.get(1);
        assertEquals(960, clean.frames());
        assertTrue(clean.pooledAuc() >= 0.90, "clean pooled AUC " + clean.pooledAuc());
        assertTrue(noisy.pooledAuc() >= 0.90, "pooled AUC under noise " + noisy.pooledAuc());
        assertTrue(noisy.fpr() < 0.2, "share of normal frames flagged under noise " + noisy.fpr());
    }

    @Test
    void unknownConditionsAreNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ped2Robustness.run(
                UcsdPed2BenchmarkTest.ped2(), UcsdPed2Benchmark.Kind.MOTION_SPEED, 42, List.of("fog"), quiet()));
        assertTrue(e.getMessage().contains("unknown condition 'fog'") && e.getMessage().contains("clean"),
                e.getMessage());
    }
}
