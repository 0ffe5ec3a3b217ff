package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the benchmark with the fast frame-difference detector on the real Ped2 data. */
class UcsdPed2BenchmarkTest {

    @TempDir
    Path tmp;

    static Path ped2() {
        Path d = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets", "ucsd-ped2");
        assumeTrue(Files.isDirectory(d.resolve("UCSDped2")), "UCSD Ped2 not found at " + d);
        return d;
    }

    @Test
    void frameDifferenceBaselineOnPed2WritesPlotsAndReloads() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        UcsdPed2Benchmark.Result r = UcsdPed2Benchmark.run(new UcsdPed2Benchmark.Options(ped2(), Optional.empty(),
                Optional.of(tmp), UcsdPed2Benchmark.Kind.FRAME_DIFFERENCE), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        String[] lines = out.trim().split("\\R");
        assertTrue(lines[lines.length - 1].matches("frame AUC \\(pooled\\): 0\\.\\d{4}"), lines[lines.length - 1]);
        // the baseline is far above chance on the real data, and every test frame is scored
        assertTrue(r.pooledAuc() > 0.75, "pooled AUC " + r.pooledAuc());
        assertEquals(6, r.clips().size());
        assertEquals(960, r.clips().stream().mapToInt(c -> c.scores().length).sum());
        for (UcsdPed2Benchmark.ClipResult c : r.clips()) {
            assertTrue(Files.size(tmp.resolve(c.name() + "-scores.png")) > 1000);
        }
        Path model = tmp.resolve("ped2-frame-difference.detector");
        assertTrue(Files.exists(model));
        UcsdPed2Benchmark.Result again = UcsdPed2Benchmark.run(new UcsdPed2Benchmark.Options(ped2(), Optional.of(model),
                Optional.empty(), UcsdPed2Benchmark.Kind.FRAME_DIFFERENCE), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8));
        assertEquals(r.pooledAuc(), again.pooledAuc(), 1e-12);
    }

    @Test
    void motionPredictionSettingsNameTheClamp() {
        UcsdPed2Benchmark.motionPredictionTrainer("top=9:clamp=P99:clampWindow=true");
        UcsdPed2Benchmark.motionPredictionTrainer("clamp=MAX");
        UcsdPed2Benchmark.motionPredictionTrainer("objective=PSEUDO_ANOMALY");
        assertThrows(IllegalArgumentException.class,
                () -> UcsdPed2Benchmark.motionPredictionTrainer("objective=RECONSTRUCT"));
        assertThrows(IllegalArgumentException.class, () -> UcsdPed2Benchmark.motionPredictionTrainer("clamp=HIGH"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> UcsdPed2Benchmark.motionPredictionTrainer("clampy=P99"));
        assertTrue(unknown.getMessage().contains("unknown motion-prediction setting 'clampy'"), unknown.getMessage());
    }

    @Test
    void motionSpeedDefaultsReachTheIssueTargetOnPed2AndReloadFromDetectorsLoad() throws IOException {
        // the published headline: pooled frame AUC >= 0.90 on the odd Ped2 test clips with the defaults
        UcsdPed2Benchmark.Result r = UcsdPed2Benchmark.run(new UcsdPed2Benchmark.Options(ped2(), Optional.empty(),
                Optional.of(tmp), UcsdPed2Benchmark.Kind.MOTION_SPEED), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8));
        assertTrue(r.pooledAuc() >= 0.90, "pooled AUC " + r.pooledAuc());
        assertEquals(960, r.clips().stream().mapToInt(c -> c.scores().length).sum());
        try (var d = io.github.crimeanomaly.detect.Detectors.load(tmp.resolve("ped2-motion-speed.detector"))) {
            assertEquals(r.threshold(), d.threshold(), 1e-12);
        }
    }
}
