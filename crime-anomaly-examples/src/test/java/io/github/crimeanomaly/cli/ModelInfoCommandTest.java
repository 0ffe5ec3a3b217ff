package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsSummaryOfSavedModelAndRejectsBrokenFile() throws Exception {
        Path f = dir.resolve("m.zip");
        try (HybridModel m = HybridModel.builder().inputShape(16, 16, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(8)
                .classification(SyntheticMotionClips.labels()).build()) {
            m.save(f);
        }
        CliRun r = CliRun.of("model-info", f.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("HYBRID model, verified"), out);
        assertTrue(out.contains("classification over [left, right]"), out);
        assertTrue(out.contains("LSTM"), out);

        Path bad = dir.resolve("bad.zip");
        Files.write(bad, new byte[] {1, 2, 3});
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = CrimeAnomalyCli.execute("model-info", bad.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a readable zip"), err.toString(StandardCharsets.UTF_8));
    }

}
