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
        try (HybridModel m = HybridModel.builder().inputShape(16, 24, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(8)
                .classification(SyntheticMotionClips.labels()).build()) {
            m.save(f);
        }
        CliRun r = CliRun.of("model-info", f.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("HYBRID model, verified"), out);
        assertTrue(out.contains("classification over [left, right]"), out);
        assertTrue(out.contains("input: frames of width 24, height 16, 1 channel; sequences of 4"), out);
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

    @Test
    void printsASavedDetectorsKindInputThresholdAndSettings() throws Exception {
        // a motion-speed detector (no network) calibrated on synthetic frames: a square walking on noise
        io.github.crimeanomaly.frame.FrameFormat fmt = io.github.crimeanomaly.frame.FrameFormat.gray(64, 48);
        java.util.Random rnd = new java.util.Random(1);
        java.util.List<io.github.crimeanomaly.frame.Frame> frames = new java.util.ArrayList<>();
        for (int t = 0; t < 40; t++) {
            float[] px = new float[fmt.size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = 0.1f + 0.02f * rnd.nextFloat();
            }
            for (int y = 10; y < 18; y++) {
                for (int x = 2 * t % 50; x < 2 * t % 50 + 8; x++) {
                    px[y * 64 + x] = 0.9f;
                }
            }
            frames.add(io.github.crimeanomaly.frame.Frame.wrap(t, t * 100_000L, fmt, px));
        }
        Path ms = dir.resolve("ms.detector");
        double threshold;
        try (io.github.crimeanomaly.detect.MotionSpeedDetector d = io.github.crimeanomaly.detect.MotionSpeedDetector
                .calibrator().fit(java.util.List.of(io.github.crimeanomaly.frame.FrameSources.of("synthetic", frames, 10)))) {
            d.save(ms);
            threshold = d.threshold();
        }
        CliRun r = CliRun.of("model-info", ms.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ms.detector: detector, verified"), r.out());
        assertTrue(r.out().contains("detector: MotionSpeedDetector[input (" + fmt + "), threshold " + threshold + "]"), r.out());
        assertTrue(r.out().contains("settings: Config["), r.out());

        // a clip classifier: the model's summary, then its normal class and threshold
        Path clf = dir.resolve("clf.model");
        try (HybridModel m = HybridModel.builder().inputShape(16, 24, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(8)
                .classification(SyntheticMotionClips.labels()).build()) {
            io.github.crimeanomaly.detect.ClassifierDetector.storeIn(m, "left", 0.7);
            m.save(clf);
        }
        CliRun c = CliRun.of("model-info", clf.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("HYBRID model, verified"), c.out());
        assertTrue(c.out().contains("detector: ClassifierDetector[") && c.out().contains("normal 'left'")
                && c.out().contains("threshold 0.7]"), c.out());
    }
}
