package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate} on a detector trained on normal video (the clip-classifier case is in ClassifierCommandsTest). */
class CalibrateCommandTest {

    @TempDir
    Path tmp;

    private static Path train(int i) {
        Path p = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
                String.format("datasets/ucsd-ped2/UCSDped2/Train/Train%03d", i));
        assumeTrue(Files.isDirectory(p), "UCSD Ped2 Train clip not found at " + p);
        return p;
    }

    /** Frames at or above {@code threshold} over the folders, scored by {@code d}. */
    private static long[] flagged(VideoAnomalyDetector d, double threshold, Path... folders) throws IOException {
        long n = 0;
        long above = 0;
        for (Path f : folders) {
            try (FrameSource s = ImageFolderFrameSource.open(f, d.inputFormat(), 10)) {
                for (double x : d.detect(s).scores()) {
                    n++;
                    above += x >= threshold ? 1 : 0;
                }
            }
        }
        return new long[] {above, n};
    }

    @Test
    void raisesAPed2DetectorsThresholdForBusierFootageOfTheSameCamera() throws IOException {
        // motion speed calibrated on the quieter clips Train005-008 (real Ped2 frames) ...
        Path model = tmp.resolve("quiet.detector");
        FrameFormat fmt = FrameFormat.gray(180, 120);
        List<FrameSource> quiet = new ArrayList<>();
        for (int i = 5; i <= 8; i++) {
            quiet.add(ImageFolderFrameSource.open(train(i), fmt, 10));
        }
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().fit(quiet)) {
            d.save(model);
        }
        byte[] before = Files.readAllBytes(model);
        Path busy1 = train(1);
        Path busy2 = train(2);
        long[] was;
        double own;
        try (VideoAnomalyDetector d = Detectors.load(model)) {
            own = d.threshold();
            was = flagged(d, own, busy1, busy2);
        }
        // ... flags more than its 1% of Train001-002, about twice as busy
        assertTrue(was[0] > 0.03 * was[1], was[0] + " of " + was[1] + " flagged before");

        Path out = tmp.resolve("busy.detector");
        CliRun c = CliRun.of("calibrate", "--model", model.toString(), "--normal", busy1.toString(), busy2.toString(),
                "--fps", "10", "--fpr", "0.01", "--out", out.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("calibrated on 2 normal videos (270 frames): 1.00% of their frames score "), c.out());
        assertTrue(c.out().contains(String.format(java.util.Locale.ROOT, "threshold %.4f -> ", own)), c.out());
        assertArrayEquals(before, Files.readAllBytes(model), "the input detector changed");
        try (VideoAnomalyDetector d = Detectors.load(out)) {
            assertInstanceOf(MotionSpeedDetector.class, d);
            assertTrue(d.threshold() > own, d.threshold() + " <= " + own);
            long[] now = flagged(d, d.threshold(), busy1, busy2);
            assertTrue(now[0] <= Math.ceil(0.01 * now[1]) + 1, now[0] + " of " + now[1] + " flagged after");
        }

        // --seconds keeps the first seconds of each source (10 fps: 5 s is 50 frames)
        CliRun first = CliRun.of("calibrate", "--model", model.toString(), "--normal", busy1.toString(), busy2.toString(),
                "--fps", "10", "--seconds", "5", "--out", tmp.resolve("first.detector").toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("calibrated on 2 normal videos (100 frames): "), first.out());
        CliRun zero = CliRun.of("calibrate", "--model", model.toString(), "--normal", busy1.toString(),
                "--seconds", "0", "--out", tmp.resolve("zero.detector").toString());
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("--seconds must be finite and > 0, got 0.0"), zero.err());
        CliRun infinite = CliRun.of("calibrate", "--model", model.toString(), "--normal", busy1.toString(),
                "--seconds", "Infinity", "--out", tmp.resolve("inf.detector").toString());
        assertEquals(2, infinite.exit());
        assertTrue(infinite.err().contains("--seconds must be finite and > 0, got Infinity"), infinite.err());

        // --fps is for folders of image frames only; a missing video is named
        CliRun noFolder = CliRun.of("calibrate", "--model", model.toString(), "--normal",
                tmp.resolve("none.mp4").toString(), "--fps", "10", "--out", tmp.resolve("x.detector").toString());
        assertEquals(2, noFolder.exit());
        assertTrue(noFolder.err().contains("--fps is for folders of image frames"), noFolder.err());
        CliRun missing = CliRun.of("calibrate", "--model", model.toString(), "--normal",
                tmp.resolve("none.mp4").toString(), "--out", tmp.resolve("x.detector").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("none.mp4"), missing.err());
        assertTrue(Files.notExists(tmp.resolve("x.detector")));
    }
}
