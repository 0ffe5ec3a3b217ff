package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.datasets.SyntheticWalkway;
import io.github.crimeanomaly.detect.internal.CellGrid;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import io.github.crimeanomaly.detect.internal.MotionSpeedScorer;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotionSpeedDetectorTest {

    @TempDir
    Path tmp;

    /** 8x8 cells (4x4 blocks) on the 64x48 synthetic walkway; two-way matching, as 4x4 blocks are noisy. */
    private static MotionSpeedDetector calibrated(ScoringOptions o) throws IOException {
        return MotionSpeedDetector.calibrator().cellSize(8).cellStride(4).bidirectional(true).scoring(o)
                .fit(DetectorTestSupport.normalClips(3, 40));
    }

    /** A 64x48 background of faint random texture around 0.4. */
    private static float[] background(Random rnd) {
        float[] bg = new float[64 * 48];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = 0.4f + 0.05f * rnd.nextFloat();
        }
        return bg;
    }

    /** An 8x8 square of strong random texture. */
    private static float[] square(Random rnd) {
        float[] square = new float[64];
        for (int i = 0; i < square.length; i++) {
            square[i] = rnd.nextFloat();
        }
        return square;
    }

    /** A 64x48 frame of random texture with a textured 8x8 square at (x, 20). */
    private static float[] frameWithSquare(float[] background, float[] square, int x) {
        float[] f = background.clone();
        for (int dy = 0; dy < 8; dy++) {
            System.arraycopy(square, dy * 8, f, (20 + dy) * 64 + x, 8);
        }
        return f;
    }

    @Test
    void blockMatchingMeasuresTheSpeedOfAMovingSquare() {
        Random rnd = new Random(1);
        float[] bg = background(rnd);
        float[] square = square(rnd);
        CellGrid grid = new CellGrid(64, 48, 16, 8);
        MotionSpeedScorer scorer = new MotionSpeedScorer(grid, 2, 8, 0.02, 1.0, true,
                q -> BlockAggregation.MAX.of(q[0], q[1], q[2], q[3]));
        // 3 px/frame: x = 10, 13, 16 over the window (oldest first)
        float[][] window = {frameWithSquare(bg, square, 10), frameWithSquare(bg, square, 13),
            frameWithSquare(bg, square, 16)};
        float[] out = new float[grid.cells()];
        scorer.score(window, out);
        float max = 0;
        for (float v : out) {
            max = Math.max(max, v);
        }
        assertEquals(3.0, max, 1e-6, "fastest cell");
        // one-way matching: the background the square uncovered matches at a spurious, larger displacement
        MotionSpeedScorer oneWay = new MotionSpeedScorer(grid, 2, 8, 0.02, 1.0, false,
                q -> BlockAggregation.MAX.of(q[0], q[1], q[2], q[3]));
        float[] out1 = new float[grid.cells()];
        oneWay.score(window, out1);
        float max1 = 0;
        for (float v : out1) {
            max1 = Math.max(max1, v);
        }
        assertTrue(max1 > 3.0, "one-way fastest cell " + max1);
        // still video: every cell 0
        scorer.score(new float[][] {bg, bg, bg}, out);
        for (float v : out) {
            assertEquals(0f, v);
        }
    }

    private static float[] noisy(float[] frame, Random rnd, double sigma) {
        float[] f = frame.clone();
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.min(1, Math.max(0, f[i] + sigma * rnd.nextGaussian()));
        }
        return f;
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void noiseAdaptiveThresholdIgnoresSensorNoiseButKeepsMotion() {
        Random rnd = new Random(2);
        float[] bg = background(rnd);
        float[] square = square(rnd);
        CellGrid grid = new CellGrid(64, 48, 16, 8);
        ToDoubleFunction<float[]> agg = q -> BlockAggregation.MAX.of(q[0], q[1], q[2], q[3]);
        MotionSpeedScorer fixed = new MotionSpeedScorer(grid, 2, 8, 0.02, 1.0, true, agg);
        MotionSpeedScorer adaptive = new MotionSpeedScorer(grid, 2, 8, 0.02, 1.0, true, agg, 1.25);
        float[] a = new float[grid.cells()];
        float[] b = new float[grid.cells()];

        // clean video: the estimate is below the fixed threshold, so nothing changes
        float[][] clean = {frameWithSquare(bg, square, 10), frameWithSquare(bg, square, 13),
            frameWithSquare(bg, square, 16)};
        assertEquals(0.02f, adaptive.threshold(clean[0], clean[2]));
        fixed.score(clean, a);
        adaptive.score(clean, b);
        assertArrayEquals(a, b);

        // a still scene under sensor noise of sigma 0.03 per frame (difference sigma 0.042): the
        // fixed threshold sees motion in most cells, the adaptive one in none
        float[][] still = {noisy(bg, rnd, 0.03), noisy(bg, rnd, 0.03), noisy(bg, rnd, 0.03)};
        float threshold = adaptive.threshold(still[0], still[2]);
        assertEquals(1.25 * 0.03 * Math.sqrt(2), threshold, 0.1 * threshold, "noise-adaptive threshold");
        // the same noise in a dark scene whose left half is clipped to black: the estimate ignores
        // the clipped pixels (no noise shows there) instead of halving
        float[][] dark = {still[0].clone(), still[2].clone()};
        for (float[] f : dark) {
            for (int y = 0; y < 48; y++) {
                Arrays.fill(f, y * 64, y * 64 + 32, 0f);
            }
        }
        assertEquals(threshold, adaptive.threshold(dark[0], dark[1]), 0.1 * threshold, "threshold with clipped pixels");
        float[] black = new float[64 * 48];
        assertEquals(0.02f, adaptive.threshold(black, black), "an all-black pair has no noise estimate");
        fixed.score(still, a);
        long moving = 0;
        for (float v : a) {
            moving += v > 0 ? 1 : 0;
        }
        assertTrue(moving > a.length / 2, "cells moving under noise with the fixed threshold: " + moving + " of " + a.length);
        adaptive.score(still, b);
        assertEquals(0f, max(b), "fastest cell of a still, noisy scene");

        // the moving square under the same noise is still measured at 3 px/frame
        float[][] moved = {noisy(clean[0], rnd, 0.03), noisy(clean[1], rnd, 0.03), noisy(clean[2], rnd, 0.03)};
        adaptive.score(moved, b);
        assertEquals(3.0, max(b), 1e-6, "fastest cell of the noisy moving square");

        assertThrows(IllegalArgumentException.class,
                () -> new MotionSpeedScorer(grid, 2, 8, 0.02, 1.0, true, agg, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new MotionSpeedScorer(grid, 2, 8, 0.02, 1.0, true, agg, Double.NaN));
    }

    @Test
    void filesSavedBeforeTheNoiseFactorKeepTheFixedThreshold() throws IOException {
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().cellSize(8).cellStride(4)
                .fit(DetectorTestSupport.normalClips(2, 30))) {
            assertEquals(MotionSpeedDetector.DEFAULT_NOISE_FACTOR, d.config().noiseFactor());
            Path f = tmp.resolve("new.detector");
            d.save(f);
            // the same file as the previous version wrote it: no noiseFactor in its configuration
            DetectorFile.Contents c =
                    DetectorFile.read(f, MotionSpeedDetector.TYPE);
            ObjectNode cfg =
                    (ObjectNode) c.json("config.json");
            assertEquals(1.25, cfg.path("noiseFactor").asDouble());
            cfg.remove("noiseFactor");
            Map<String, byte[]> payload = new LinkedHashMap<>();
            payload.put("config.json", Json.mapper().writeValueAsBytes(cfg));
            payload.put("calibration.json", Json.mapper()
                    .writeValueAsBytes(c.json("calibration.json")));
            Path old = tmp.resolve("old.detector");
            DetectorFile.write(old, MotionSpeedDetector.TYPE, payload);
            MotionSpeedDetector back = MotionSpeedDetector.load(old);
            assertEquals(0.0, back.config().noiseFactor());
            assertEquals(d.threshold(), back.threshold());
        }
    }

    @Test
    void blockAggregationsCombineFourSpeeds() {
        assertEquals(4f, BlockAggregation.MAX.of(1, 4, 0, 3));
        assertEquals(2f, BlockAggregation.MEAN.of(1, 4, 0, 3));
        assertEquals(2f, BlockAggregation.TRIMMED_MEAN.of(1, 4, 0, 3));
    }

    @Test
    void fastObjectScoresAboveWalkers() throws IOException {
        try (MotionSpeedDetector d = calibrated(ScoringOptions.raw())) {
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            AnomalyReport r = d.detect(clip.source("anomalous"));
            assertEquals(50, r.frames().size());
            double sep = DetectorTestSupport.separation(r.scores(), clip.anomalous());
            assertTrue(sep > 1, "separation " + sep);
            long topInside = r.topK(5).stream().filter(f -> f.frameIndex() >= 20 && f.frameIndex() <= 36).count();
            assertTrue(topInside >= 3, r.topK(5).toString());
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalScores() throws IOException {
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().cellSize(8).cellStride(4)
                .blockAggregation(BlockAggregation.TRIMMED_MEAN).matchRatio(0.7)
                .fit(DetectorTestSupport.normalClips(2, 30))) {
            Path f = tmp.resolve("ms.detector");
            d.save(f);
            MotionSpeedDetector back = MotionSpeedDetector.load(f);
            assertEquals(d.config(), back.config());
            assertEquals(d.threshold(), back.threshold());
            assertArrayEquals(d.detect(DetectorTestSupport.anomalousClip().source("a")).scores(),
                    back.detect(DetectorTestSupport.anomalousClip().source("a")).scores());
            assertThrows(DetectorFormatException.class, () -> FrameDifferenceDetector.load(f));
        }
    }

    @Test
    void rejectsBadSettingsNamingTheField() {
        List<FrameSource> normal = DetectorTestSupport.normalClips(1, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MotionSpeedDetector.calibrator().cellSize(8).cellStride(4).matchRatio(0).fit(normal));
        assertTrue(e.getMessage().contains("matchRatio must be in (0, 1], got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MotionSpeedDetector.calibrator().cellSize(8).cellStride(4).gap(0).fit(normal));
        assertTrue(e.getMessage().contains("gap must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MotionSpeedDetector.calibrator().cellSize(9).cellStride(4).fit(normal));
        assertTrue(e.getMessage().contains("cell size must be even"), e.getMessage());
    }

    @Test
    void rejectsFramesOfAnotherFormat() throws IOException {
        try (MotionSpeedDetector d = calibrated(ScoringOptions.raw())) {
            FrameSource other = SyntheticWalkway.generate(FrameFormat.gray(32, 24), 5, 1, -1, -1, 1).source("small");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.detect(other));
            assertTrue(e.getMessage().contains("expected frames of width 64, height 48, 1 channel, got width 32, height 24, 1 channel"), e.getMessage());
        }
    }
}
