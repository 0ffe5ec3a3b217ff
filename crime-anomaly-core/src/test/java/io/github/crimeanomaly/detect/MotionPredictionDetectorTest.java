package io.github.crimeanomaly.detect;

import static io.github.crimeanomaly.detect.MotionPredictionDetector.Objective.PREDICT_NEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.datasets.SyntheticWalkway;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotionPredictionDetectorTest {

    private static MotionPredictionDetector detector;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws IOException {
        // 4x4 blocks on the 64x48 synthetic walkway (12x16 blocks), search up to 5 px/frame (the fast object
        // moves at about 4.3), with the energy channel (the synthetic objects are flat, so block matching
        // sees only their edges), two-block frame score, short training
        detector = MotionPredictionDetector.trainer().objective(PREDICT_NEXT).blockSize(4).searchRadius(10).energy(true).cellAggregation(null).steps(4).topBlocks(2)
                .epochs(8).batchSize(8).scoring(ScoringOptions.raw()).seed(3)
                .fit(DetectorTestSupport.normalClips(4, 60));
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void fastObjectStandsOutAndEveryFrameIsScored() throws IOException {
        SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
        AnomalyReport r = detector.detect(clip.source("anomalous"));
        assertEquals(50, r.frames().size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, r.frames().get(i).frameIndex());
            assertTrue(Double.isFinite(r.frames().get(i).score()), "frame " + i);
        }
        double sep = DetectorTestSupport.separation(r.scores(), clip.anomalous());
        assertTrue(sep > 2, "separation " + sep);
        long topInside = r.topK(10).stream().filter(f -> clip.anomalous()[(int) f.frameIndex()]).count();
        assertTrue(topInside >= 8, "top 10 inside the anomaly: " + topInside);
    }

    @Test
    void longerVideosThanOneBatchScoreTheSameAsInPieces() throws IOException {
        // 120 frames: several network batches; the first 50 frames' scores do not depend on what follows
        SyntheticWalkway.Clip longClip = SyntheticWalkway.generate(DetectorTestSupport.FORMAT, 120, 4, 70, 90, 5);
        SyntheticWalkway.Clip head = new SyntheticWalkway.Clip(longClip.frames().subList(0, 50),
                java.util.Arrays.copyOf(longClip.anomalous(), 50));
        double[] all = detector.detect(longClip.source("long")).scores();
        double[] first = detector.detect(head.source("head")).scores();
        assertEquals(120, all.length);
        assertArrayEquals(first, java.util.Arrays.copyOf(all, 50), 1e-5);
    }

    @Test
    void defaultTrimmedCellSpeedMapsSeparateTheFastObjectAndReload() throws IOException {
        try (MotionPredictionDetector cells = MotionPredictionDetector.trainer().objective(PREDICT_NEXT).blockSize(4).searchRadius(10)
                .steps(4).topBlocks(2).epochs(4).batchSize(8).scoring(ScoringOptions.raw()).seed(3)
                .fit(DetectorTestSupport.normalClips(3, 40))) {
            assertEquals(BlockAggregation.TRIMMED_MEAN, cells.config().cellAggregation());
            assertTrue(!cells.config().energy() && !cells.config().residualScaling());
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            double[] scores = cells.detect(clip.source("a")).scores();
            double sep = DetectorTestSupport.separation(scores, clip.anomalous());
            assertTrue(sep > 1.5, "separation " + sep);
            Path f = tmp.resolve("cells.detector");
            cells.save(f);
            try (VideoAnomalyDetector loaded = Detectors.load(f)) {
                assertArrayEquals(scores, loaded.detect(clip.source("a")).scores(), 1e-6);
            }
        }
    }

    @Test
    void residualScalesAreCalibratedSavedAndReloaded() throws IOException {
        try (MotionPredictionDetector scaled = MotionPredictionDetector.trainer().objective(PREDICT_NEXT).blockSize(4).searchRadius(10)
                .residualScaling(true).steps(4).topBlocks(2).epochs(1).batchSize(8).seed(3)
                .fit(DetectorTestSupport.normalClips(2, 30))) {
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            double[] scores = scaled.detect(clip.source("a")).scores();
            Path f = tmp.resolve("scaled.detector");
            scaled.save(f);
            try (MotionPredictionDetector loaded = MotionPredictionDetector.load(f)) {
                assertTrue(loaded.config().residualScaling());
                assertEquals(scaled.threshold(), loaded.threshold());
                assertArrayEquals(scores, loaded.detect(clip.source("a")).scores(), 1e-6);
            }
        }
    }

    @Test
    void clampedPredictionNeverLowersAScoreIsSavedAndOldFilesLoadUnclamped() throws IOException {
        try (MotionPredictionDetector clamped = MotionPredictionDetector.trainer().objective(PREDICT_NEXT).blockSize(4).searchRadius(10)
                .predictionClamp(MotionPredictionDetector.PredictionClamp.P99).steps(4).topBlocks(2).epochs(2)
                .batchSize(8).scoring(ScoringOptions.raw()).seed(3)
                .fit(DetectorTestSupport.normalClips(2, 30))) {
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            double[] scores = clamped.detect(clip.source("a")).scores();
            Path f = tmp.resolve("clamped.detector");
            clamped.save(f);
            Path old = tmp.resolve("old.detector");
            try (HybridModel m = HybridModel.load(f)) {
                ObjectNode meta = (ObjectNode) m.metadata().get(MotionPredictionDetector.METADATA_KEY);
                assertEquals(MotionPredictionDetector.METADATA_VERSION, meta.path("version").asInt());
                assertEquals("P99", meta.path("config").path("predictionClamp").asText());
                for (var c : meta.path("scales").path("ceiling")) {
                    assertEquals(1.0, c.asDouble());
                }
                // the same network as a version 1 file, written before the clamp existed
                meta.put("version", 1);
                ((ObjectNode) meta.get("config")).remove(List.of("predictionClamp", "clampWindow", "objective"));
                ((ObjectNode) meta.get("scales")).remove("ceiling");
                m.putMetadata(MotionPredictionDetector.METADATA_KEY, meta);
                m.save(old);
            }
            try (MotionPredictionDetector loaded = MotionPredictionDetector.load(f);
                 MotionPredictionDetector unclamped = MotionPredictionDetector.load(old)) {
                assertEquals(clamped.config(), loaded.config());
                assertArrayEquals(scores, loaded.detect(clip.source("a")).scores(), 1e-6);
                assertEquals(MotionPredictionDetector.PredictionClamp.NONE, unclamped.config().predictionClamp());
                assertEquals(MotionPredictionDetector.Objective.PREDICT_NEXT, unclamped.config().objective());
                double[] free = unclamped.detect(clip.source("a")).scores();
                // a capped prediction explains less of the observed motion: never a lower score
                for (int i = 0; i < scores.length; i++) {
                    assertTrue(scores[i] >= free[i] - 1e-6, "frame " + i + ": " + scores[i] + " < " + free[i]);
                }
            }
        }
    }

    @Test
    void maxClampCapsAtTheLargestNormalValueAndCanCapTheWindow() throws IOException {
        try (MotionPredictionDetector clamped = MotionPredictionDetector.trainer().objective(PREDICT_NEXT).blockSize(4).searchRadius(10)
                .predictionClamp(MotionPredictionDetector.PredictionClamp.MAX).clampWindow(true).steps(4).topBlocks(2).epochs(1)
                .batchSize(8).seed(3).fit(DetectorTestSupport.normalClips(2, 30))) {
            Path f = tmp.resolve("max.detector");
            clamped.save(f);
            try (HybridModel m = HybridModel.load(f)) {
                var scales = m.metadata().get(MotionPredictionDetector.METADATA_KEY).path("scales");
                var ceiling = scales.path("ceiling");
                // one speed channel: a ceiling per cell
                assertTrue(ceiling.size() > 0, "no ceiling");
                assertEquals(scales.path("speed").size(), ceiling.size());
                boolean above = false;
                for (var c : ceiling) {
                    assertTrue(c.asDouble() >= 0, "ceiling " + c);
                    above |= c.asDouble() > 1;
                }
                // each cell's 99th percentile is 1: somewhere the largest value is above it
                assertTrue(above, "no ceiling above 1");
            }
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            try (MotionPredictionDetector loaded = MotionPredictionDetector.load(f)) {
                assertEquals(clamped.config(), loaded.config());
                assertTrue(loaded.config().clampWindow());
                assertArrayEquals(clamped.detect(clip.source("a")).scores(), loaded.detect(clip.source("a")).scores(), 1e-6);
            }
        }
    }

    @Test
    void pseudoAnomalyTargetsAreOneOnlyInTheBandWhereTheSkippedMapMoves() {
        int rows = 3;
        int cols = 8;
        int steps = 4;
        int n = rows * cols;
        // normal maps: -1 everywhere, so that the band (skipped values, all >= 0) shows in the input
        float[][] normal = new float[20][];
        for (int t = 0; t < normal.length; t++) {
            normal[t] = new float[n];
            java.util.Arrays.fill(normal[t], -1f);
        }
        // skipped maps: a checkerboard of moving (0.8) and still (0.1) cells; skip 3 never moves
        float[][][] skipped = new float[2][][];
        skipped[0] = new float[10][n];
        skipped[1] = new float[7][n];
        for (int t = 0; t < 10; t++) {
            for (int i = 0; i < n; i++) {
                skipped[0][t][i] = ((i / cols + i % cols + t) % 2 == 0) ? 0.8f : 0.1f;
                if (t < 7) {
                    skipped[1][t][i] = 0.2f;
                }
            }
        }
        List<io.github.crimeanomaly.model.Sequence> w = MotionPredictionDetector.pseudoAnomalyWindows(
                normal, skipped, steps, 2, rows, cols, new java.util.Random(7));
        // windows start at 0, 2, ..., 16: 9 normal, each followed by a pseudo-anomaly
        assertEquals(18, w.size());
        int withTarget = 0;
        int allZero = 0;
        for (int j = 0; j < w.size(); j++) {
            var s = w.get(j);
            assertEquals(steps, s.length());
            float[] target = s.target();
            assertEquals(n, target.length);
            if (j % 2 == 0) {
                for (int t = 0; t < steps; t++) {
                    assertArrayEquals(normal[j / 2 * 2 + t], s.frame(t));
                }
                for (float v : target) {
                    assertEquals(0f, v);
                }
                continue;
            }
            // the band: the same columns, every row, every step; 25% to 50% of the width, contiguous
            boolean[] band = new boolean[cols];
            for (int x = 0; x < cols; x++) {
                band[x] = s.frame(steps - 1)[x] != -1f;
            }
            int first = -1;
            int last = -1;
            for (int x = 0; x < cols; x++) {
                if (band[x]) {
                    first = first < 0 ? x : first;
                    last = x;
                }
            }
            assertTrue(first >= 0, "no band in window " + j);
            int width = last - first + 1;
            assertTrue(width >= 2 && width <= 4, "band width " + width);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    boolean in = i % cols >= first && i % cols <= last;
                    assertEquals(in, s.frame(t)[i] != -1f, "window " + j + " step " + t + " cell " + i);
                }
            }
            float[] lastMap = s.frame(steps - 1);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                boolean moving = band[i % cols] && lastMap[i] > 0.25f;
                assertEquals(moving ? 1f : 0f, target[i], "window " + j + " cell " + i);
                any |= moving;
            }
            withTarget += any ? 1 : 0;
            allZero += any ? 0 : 1;
        }
        // both skips drawn: the moving one gives targets, the still one all-zero targets (kept)
        assertTrue(withTarget > 0 && allZero > 0, withTarget + " with a target, " + allZero + " all zero");
        // seeded: the same windows again
        List<io.github.crimeanomaly.model.Sequence> again = MotionPredictionDetector.pseudoAnomalyWindows(
                normal, skipped, steps, 2, rows, cols, new java.util.Random(7));
        for (int j = 0; j < w.size(); j++) {
            assertArrayEquals(w.get(j).target(), again.get(j).target());
            assertArrayEquals(w.get(j).frame(0), again.get(j).frame(0));
        }
    }

    @Test
    void pseudoAnomalyObjectiveScoresTheFastObjectHigherAndIsSavedWhileOldFilesPredictNext() throws IOException {
        try (MotionPredictionDetector pseudo = MotionPredictionDetector.trainer().blockSize(4).searchRadius(10)
                .objective(MotionPredictionDetector.Objective.PSEUDO_ANOMALY).steps(4).topBlocks(2).epochs(4)
                .batchSize(8).scoring(ScoringOptions.raw()).seed(3)
                .fit(DetectorTestSupport.normalClips(3, 40))) {
            assertEquals(MotionPredictionDetector.Objective.PSEUDO_ANOMALY, pseudo.config().objective());
            assertTrue(Double.isFinite(pseudo.threshold()), "threshold " + pseudo.threshold());
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            double[] scores = pseudo.detect(clip.source("a")).scores();
            assertEquals(50, scores.length);
            double anomalous = 0;
            double normal = 0;
            int na = 0;
            for (int i = 0; i < scores.length; i++) {
                assertTrue(Double.isFinite(scores[i]), "frame " + i);
                if (clip.anomalous()[i]) {
                    anomalous += scores[i];
                    na++;
                } else {
                    normal += scores[i];
                }
            }
            anomalous /= na;
            normal /= scores.length - na;
            assertTrue(anomalous > normal, "mean score of anomalous frames " + anomalous + ", of normal " + normal);
            Path f = tmp.resolve("pseudo.detector");
            pseudo.save(f);
            try (HybridModel m = HybridModel.load(f)) {
                var meta = m.metadata().get(MotionPredictionDetector.METADATA_KEY);
                assertEquals(MotionPredictionDetector.METADATA_VERSION, meta.path("version").asInt());
                assertEquals("PSEUDO_ANOMALY", meta.path("config").path("objective").asText());
            }
            try (MotionPredictionDetector loaded = MotionPredictionDetector.load(f);
                 VideoAnomalyDetector any = Detectors.load(f)) {
                assertEquals(pseudo.config(), loaded.config());
                assertEquals(pseudo.threshold(), loaded.threshold());
                assertArrayEquals(scores, loaded.detect(clip.source("a")).scores(), 1e-6);
                assertArrayEquals(scores, any.detect(clip.source("a")).scores(), 1e-6);
            }
        }
        // a version 2 file (before the objective existed) loads as PREDICT_NEXT and scores as before
        assertEquals(PREDICT_NEXT, detector.config().objective());
        Path old = savedAsVersion(2, "objective");
        SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
        try (MotionPredictionDetector loaded = MotionPredictionDetector.load(old)) {
            assertEquals(MotionPredictionDetector.Objective.PREDICT_NEXT, loaded.config().objective());
            assertEquals(detector.config(), loaded.config());
            assertArrayEquals(detector.detect(clip.source("a")).scores(), loaded.detect(clip.source("a")).scores(), 1e-6);
        }
    }

    @Test
    void appearanceObjectiveScoresTheFastObjectHigherFromAppearanceAloneAndIsSaved() throws IOException {
        try (MotionPredictionDetector app = MotionPredictionDetector.trainer().blockSize(4).searchRadius(10)
                .objective(MotionPredictionDetector.Objective.APPEARANCE).appearanceScale(2).steps(4).topBlocks(2)
                .epochs(6).batchSize(8).scoring(ScoringOptions.raw()).seed(3)
                .fit(DetectorTestSupport.normalClips(4, 60))) {
            assertEquals(MotionPredictionDetector.Objective.APPEARANCE, app.config().objective());
            assertTrue(Double.isFinite(app.threshold()), "threshold " + app.threshold());
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            double[] scores = app.detect(clip.source("a")).scores();
            assertEquals(50, scores.length);
            double sep = DetectorTestSupport.separation(scores, clip.anomalous());
            assertTrue(sep > 1, "separation " + sep);
            Path f = tmp.resolve("appearance.detector");
            app.save(f);
            try (HybridModel m = HybridModel.load(f)) {
                // the network sees the 32x24 reduced frame, not the 12x16 block map
                assertEquals(24, m.config().height());
                assertEquals(32, m.config().width());
                var meta = m.metadata().get(MotionPredictionDetector.METADATA_KEY);
                assertEquals("APPEARANCE", meta.path("config").path("objective").asText());
                assertEquals(2, meta.path("config").path("appearanceScale").asInt());
            }
            try (VideoAnomalyDetector any = Detectors.load(f)) {
                assertArrayEquals(scores, any.detect(clip.source("a")).scores(), 1e-6);
            }
        }
    }

    @Test
    void appearanceAtHalfTheWorkingSizeIsTheDefault() {
        MotionPredictionDetector.Config cfg = MotionPredictionDetector.trainer().config(DetectorTestSupport.FORMAT);
        assertEquals(MotionPredictionDetector.Objective.APPEARANCE, cfg.objective());
        assertEquals(2, cfg.appearanceScale());
    }

    @Test
    void appearanceInputIgnoresBrightnessAndContrastAndAveragesBlocks() {
        MotionPredictionDetector.Config cfg = MotionPredictionDetector.trainer().blockSize(4)
                .objective(MotionPredictionDetector.Objective.APPEARANCE).appearanceScale(2)
                .config(DetectorTestSupport.FORMAT);
        assertEquals(24, cfg.appearanceRows());
        assertEquals(32, cfg.appearanceCols());
        float[] px = new float[64 * 48];
        float[] brighter = new float[px.length];
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < px.length; i++) {
            px[i] = (40 + rng.nextInt(100)) / 255f;
            brighter[i] = 1.4f * px[i] + 0.15f; // brighter, more contrast (at most 0.91)
        }
        MotionPredictionDetector.Appearance a = new MotionPredictionDetector.Appearance(cfg);
        float[] one = a.of(io.github.crimeanomaly.frame.Frame.of(0, 0, DetectorTestSupport.FORMAT, px));
        float[] two = a.of(io.github.crimeanomaly.frame.Frame.of(0, 0, DetectorTestSupport.FORMAT, brighter));
        assertArrayEquals(one, two, 1e-4f);
        double mean = 0;
        double sq = 0;
        for (float v : one) {
            mean += v;
            sq += v * v;
        }
        assertEquals(0, mean / one.length, 1e-5);
        assertEquals(1, sq / one.length, 1e-4);
        // each value is its 2x2 block's mean, standardised: the order of two blocks follows their means
        float b0 = (px[0] + px[1] + px[64] + px[65]) / 4;
        float b1 = (px[2] + px[3] + px[66] + px[67]) / 4;
        assertEquals(Float.compare(b0, b1), Float.compare(one[0], one[1]));
        // a uniform frame has no contrast: all zero, not NaN
        float[] flat = a.of(io.github.crimeanomaly.frame.Frame.of(0, 0, DetectorTestSupport.FORMAT,
                new float[px.length]));
        for (float v : flat) {
            assertEquals(0f, v);
        }
    }

    @Test
    void appearanceObjectiveRefusesAWindowClampAndATooCoarseScale() {
        var t = MotionPredictionDetector.trainer().objective(MotionPredictionDetector.Objective.APPEARANCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t
                .predictionClamp(MotionPredictionDetector.PredictionClamp.P99).clampWindow(true)
                .config(DetectorTestSupport.FORMAT));
        assertTrue(e.getMessage().contains("clampWindow"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MotionPredictionDetector.trainer()
                .objective(MotionPredictionDetector.Objective.APPEARANCE).appearanceScale(13)
                .config(DetectorTestSupport.FORMAT));
        assertTrue(e.getMessage().contains("appearanceScale") && e.getMessage().contains("13"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MotionPredictionDetector.trainer()
                .appearanceScale(0).config(DetectorTestSupport.FORMAT));
        assertTrue(e.getMessage().contains("appearanceScale must be >= 1, got 0"), e.getMessage());
    }

    @Test
    void filesSavedBeforeTheAppearanceObjectiveLoadWithTheDefaultScale() throws IOException {
        Path old = savedAsVersion(4, "appearanceScale");
        try (MotionPredictionDetector loaded = MotionPredictionDetector.load(old)) {
            assertEquals(detector.config(), loaded.config());
            assertEquals(2, loaded.config().appearanceScale());
        }
    }

    /**
     * The shared detector saved as a file of an older metadata {@code version}: the current file
     * (checked to be of the current version) with the given config fields removed.
     */
    private Path savedAsVersion(int version, String... removedConfigFields) throws IOException {
        Path f = tmp.resolve("current.detector");
        detector.save(f);
        Path old = tmp.resolve("v" + version + ".detector");
        try (HybridModel m = HybridModel.load(f)) {
            ObjectNode meta = (ObjectNode) m.metadata().get(MotionPredictionDetector.METADATA_KEY);
            assertEquals(MotionPredictionDetector.METADATA_VERSION, meta.path("version").asInt());
            meta.put("version", version);
            ((ObjectNode) meta.get("config")).remove(List.of(removedConfigFields));
            m.putMetadata(MotionPredictionDetector.METADATA_KEY, meta);
            m.save(old);
        }
        return old;
    }

    @Test
    void filesSavedBeforeThePredictionWeightSubtractTheWholePrediction() throws IOException {
        assertEquals(1.0, detector.config().predictionWeight());
        assertEquals(6, MotionPredictionDetector.METADATA_VERSION);
        Path old = savedAsVersion(5, "predictionWeight");
        SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
        try (MotionPredictionDetector loaded = MotionPredictionDetector.load(old)) {
            assertEquals(detector.config(), loaded.config());
            assertArrayEquals(detector.detect(clip.source("a")).scores(), loaded.detect(clip.source("a")).scores(), 1e-6);
        }
    }

    @Test
    void predictionWeightOutsideZeroToOneIsRefusedNamingTheValue() {
        for (double w : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MotionPredictionDetector
                    .trainer().predictionWeight(w).config(DetectorTestSupport.FORMAT));
            assertTrue(e.getMessage().contains("predictionWeight must be in [0, 1], got " + w), e.getMessage());
        }
    }

    @Test
    void withWeightZeroTheScoresNoLongerDependOnTheNetwork() throws IOException {
        // two networks trained from different seeds: with the whole prediction subtracted their
        // scores differ; with none of it both score each frame's normalised speed alone
        SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
        double[][] full = new double[2][];
        double[][] none = new double[2][];
        double[] thresholds = new double[2];
        for (int k = 0; k < 2; k++) {
            for (double w : new double[] {1, 0}) {
                try (MotionPredictionDetector d = MotionPredictionDetector.trainer().objective(PREDICT_NEXT)
                        .blockSize(4).searchRadius(10).steps(4).topBlocks(2).epochs(2).batchSize(8)
                        .scoring(ScoringOptions.raw()).seed(3 + k).predictionWeight(w)
                        .fit(DetectorTestSupport.normalClips(4, 60))) {
                    double[] s = d.detect(clip.source("a")).scores();
                    if (w == 1) {
                        full[k] = s;
                    } else {
                        none[k] = s;
                        thresholds[k] = d.threshold();
                    }
                }
            }
        }
        assertTrue(!java.util.Arrays.equals(full[0], full[1]), "seeds 3 and 4 should predict differently");
        assertArrayEquals(none[0], none[1], 1e-9);
        assertEquals(thresholds[0], thresholds[1], 1e-9);
    }

    @Test
    void filesSavedBeforeTheNoiseFactorKeepTheFixedThreshold() throws IOException {
        assertEquals(MotionSpeedDetector.DEFAULT_NOISE_FACTOR, detector.config().noiseFactor());
        Path old = savedAsVersion(3, "noiseFactor");
        try (MotionPredictionDetector loaded = MotionPredictionDetector.load(old)) {
            assertEquals(0.0, loaded.config().noiseFactor());
            assertEquals(detector.threshold(), loaded.threshold());
        }
    }

    @Test
    void savedAndLoadedDetectorScoresIdentically() throws IOException {
        Path f = tmp.resolve("mp.detector");
        detector.save(f);
        SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
        double[] before = detector.detect(clip.source("a")).scores();
        try (MotionPredictionDetector loaded = MotionPredictionDetector.load(f);
             VideoAnomalyDetector any = Detectors.load(f)) {
            assertInstanceOf(MotionPredictionDetector.class, any);
            assertEquals(detector.threshold(), loaded.threshold());
            assertEquals(detector.config(), loaded.config());
            assertArrayEquals(before, loaded.detect(clip.source("a")).scores(), 1e-6);
            assertArrayEquals(before, any.detect(clip.source("a")).scores(), 1e-6);
        }
    }

    @Test
    void thresholdIsCalibratedOnNormalVideo() throws IOException {
        assertTrue(Double.isFinite(detector.threshold()) && detector.threshold() > 0, "threshold " + detector.threshold());
        // held-out normal clips: few frames above the 1% threshold
        int above = 0;
        int total = 0;
        for (var s : DetectorTestSupport.normalClips(2, 60)) {
            for (double v : detector.detect(s).scores()) {
                above += v >= detector.threshold() ? 1 : 0;
                total++;
            }
        }
        assertTrue(above <= total / 5, above + " of " + total + " normal frames above the threshold");
    }

    @Test
    void newerMetadataVersionAndMissingMetadataAreRefused() throws IOException {
        Path f = tmp.resolve("mp.detector");
        detector.save(f);
        Path newer = tmp.resolve("newer.detector");
        Path plain = tmp.resolve("plain.model");
        try (HybridModel m = HybridModel.load(f)) {
            ObjectNode meta = (ObjectNode) m.metadata().get(MotionPredictionDetector.METADATA_KEY);
            meta.put("version", MotionPredictionDetector.METADATA_VERSION + 1);
            m.putMetadata(MotionPredictionDetector.METADATA_KEY, meta);
            m.save(newer);
            m.putMetadata(MotionPredictionDetector.METADATA_KEY, null);
            m.save(plain);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> MotionPredictionDetector.load(newer));
        assertEquals(ModelFormatException.Reason.NEWER_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("version " + (MotionPredictionDetector.METADATA_VERSION + 1)), e.getMessage());
        ModelFormatException e2 = assertThrows(ModelFormatException.class, () -> MotionPredictionDetector.load(plain));
        assertTrue(e2.getMessage().contains("motion-prediction"), e2.getMessage());
    }

    @Test
    void badInputIsRejectedWithWhatWasExpected() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().fit(List.of()));
        assertTrue(empty.getMessage().contains("got none"), empty.getMessage());
        IllegalArgumentException shortClips = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().objective(PREDICT_NEXT).steps(8)
                        .fit(DetectorTestSupport.normalClips(1, 5)));
        assertTrue(shortClips.getMessage().contains("at least 9 frames"), shortClips.getMessage());
        // the default objective predicts each frame's own map: a window of 8 frames is enough
        shortClips = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().steps(8).fit(DetectorTestSupport.normalClips(1, 5)));
        assertTrue(shortClips.getMessage().contains("at least 8 frames"), shortClips.getMessage());
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().blockSize(5).fit(DetectorTestSupport.normalClips(1, 20)));
        assertTrue(odd.getMessage().contains("blockSize must be even"), odd.getMessage());
        IllegalArgumentException cellsWithEnergy = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().energy(true).cellAggregation(BlockAggregation.TRIMMED_MEAN)
                        .fit(DetectorTestSupport.normalClips(1, 20)));
        assertTrue(cellsWithEnergy.getMessage().contains("no energy channel"), cellsWithEnergy.getMessage());
        IllegalArgumentException windowWithoutClamp = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().clampWindow(true).fit(DetectorTestSupport.normalClips(1, 20)));
        assertTrue(windowWithoutClamp.getMessage().contains("clampWindow needs a predictionClamp"),
                windowWithoutClamp.getMessage());
        IllegalArgumentException pseudoClamped = assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().objective(MotionPredictionDetector.Objective.PSEUDO_ANOMALY)
                        .predictionClamp(MotionPredictionDetector.PredictionClamp.P99)
                        .fit(DetectorTestSupport.normalClips(1, 20)));
        assertTrue(pseudoClamped.getMessage().contains("PSEUDO_ANOMALY has no prediction"), pseudoClamped.getMessage());
        SyntheticWalkway.Clip wrong = SyntheticWalkway.generate(FrameFormat.gray(32, 24), 10, 1, -1, -1, 1);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> detector.detect(wrong.source("small")));
        assertTrue(size.getMessage().contains("expected frames of"), size.getMessage());
    }

    @Test
    void loadingAMissingFileNamesIt() {
        Path missing = tmp.resolve("nope.detector");
        IOException e = assertThrows(IOException.class, () -> MotionPredictionDetector.load(missing));
        assertTrue(e.getMessage().contains("nope.detector"), e.getMessage());
        assertTrue(Files.notExists(missing));
    }
}
