package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.model.HybridModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorsTest {

    @TempDir
    Path dir;

    /** Synthetic: a bright square walking across a noisy dark background. */
    static FrameSource walkingSquare(FrameFormat fmt, int frames, long seed) {
        Random rnd = new Random(seed);
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            float[] px = new float[fmt.size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = 0.1f + 0.02f * rnd.nextFloat();
            }
            int x0 = (t * 2) % (fmt.width() - 8);
            for (int y = 10; y < 18; y++) {
                for (int x = x0; x < x0 + 8; x++) {
                    px[y * fmt.width() + x] = 0.9f;
                }
            }
            out.add(Frame.wrap(t, t * 100_000L, fmt, px));
        }
        return FrameSources.of("synthetic walking square", out, 10);
    }

    @Test
    void loadsASavedFrameDifferenceDetectorWithoutKnowingItsKind() throws IOException {
        FrameFormat fmt = FrameFormat.gray(64, 48);
        Path file = dir.resolve("fd.detector");
        try (FrameDifferenceDetector d = FrameDifferenceDetector.calibrator().fit(List.of(walkingSquare(fmt, 60, 1)))) {
            d.save(file);
            try (VideoAnomalyDetector loaded = Detectors.load(file)) {
                assertInstanceOf(FrameDifferenceDetector.class, loaded);
                assertEquals(d.threshold(), loaded.threshold());
                assertEquals(fmt, loaded.inputFormat());
                double[] a = d.detect(walkingSquare(fmt, 30, 2)).scores();
                double[] b = loaded.detect(walkingSquare(fmt, 30, 2)).scores();
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 0.0, "frame " + i);
                }
            }
        }
    }

    @Test
    void loadsASavedMotionSpeedDetector() throws IOException {
        FrameFormat fmt = FrameFormat.gray(64, 48);
        Path file = dir.resolve("ms.detector");
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().fit(List.of(walkingSquare(fmt, 60, 1)))) {
            d.save(file);
            try (VideoAnomalyDetector loaded = Detectors.load(file)) {
                assertInstanceOf(MotionSpeedDetector.class, loaded);
                assertEquals(d.threshold(), loaded.threshold());
                assertEquals("MotionSpeedDetector[input (" + fmt + "), threshold " + d.threshold() + "]", loaded.toString());
            }
        }
    }

    @Test
    void rejectsMissingForeignAndCorruptFiles() throws IOException {
        assertThrows(NoSuchFileException.class, () -> Detectors.load(dir.resolve("none.detector")));
        Path junk = Files.write(dir.resolve("junk.detector"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        DetectorFormatException e = assertThrows(DetectorFormatException.class, () -> Detectors.load(junk));
        assertTrue(e.getMessage().contains("junk.detector"), e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.detector"), "hello");
        assertThrows(DetectorFormatException.class, () -> Detectors.load(text));
    }

    @Test
    void refusesATruncatedDetectorFileWhereverItIsCut() throws IOException {
        Path file = savedMotionSpeedDetector("ms.detector");
        byte[] whole = Files.readAllBytes(file);
        // from the last byte (the zip's end record) to most of the file (its first entries intact)
        for (int cut : new int[] {1, 10, 100, 200, 400, whole.length / 2, whole.length - 30}) {
            Path cutFile = Files.write(dir.resolve("cut" + cut + ".detector"), java.util.Arrays.copyOf(whole, whole.length - cut));
            for (IoCall load : new IoCall[] {() -> Detectors.load(cutFile), () -> MotionSpeedDetector.load(cutFile)}) {
                DetectorFormatException e = assertThrows(DetectorFormatException.class, load::run, "cut " + cut);
                assertTrue(e.getMessage().contains(cutFile.toString()) && e.getMessage().contains("truncated or corrupt"),
                        "cut " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void namesWhatItFoundWhenGivenTheOtherKindOfFile() throws IOException {
        Path detector = savedMotionSpeedDetector("ms.detector");
        Path model = dir.resolve("tiny.model");
        try (io.github.crimeanomaly.model.HybridModel m = io.github.crimeanomaly.model.ModelTestSupport
                .tiny(io.github.crimeanomaly.model.Architecture.HYBRID).build()) {
            m.save(model);
        }
        String asDetector = assertThrows(DetectorFormatException.class, () -> MotionSpeedDetector.load(model)).getMessage();
        assertTrue(asDetector.contains("a model file of kind 'crime-anomaly/hybrid-model'")
                && asDetector.contains("HybridModel.load"), asDetector);
        String asModel = assertThrows(io.github.crimeanomaly.model.ModelFormatException.class,
                () -> io.github.crimeanomaly.model.HybridModel.load(detector)).getMessage();
        assertTrue(asModel.contains("a saved detector of type 'motion-speed'") && asModel.contains("Detectors.load"), asModel);
    }

    /** A motion-speed detector calibrated on a synthetic walking square, saved as {@code name}. */
    private Path savedMotionSpeedDetector(String name) throws IOException {
        Path file = dir.resolve(name);
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().fit(List.of(walkingSquare(FrameFormat.gray(64, 48), 60, 1)))) {
            d.save(file);
        }
        return file;
    }

    @FunctionalInterface
    interface IoCall {
        Object run() throws IOException;
    }
    @Test
    void thresholdForFlagsTheAskedShareOfAnyDetectorsNormalFootage() throws IOException {
        FrameFormat fmt = FrameFormat.gray(64, 48);
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().scoring(ScoringOptions.raw())
                .fit(List.of(walkingSquare(fmt, 60, 1)))) {
            double[] s = d.detect(walkingSquare(fmt, 100, 5)).scores();
            for (double fpr : new double[] {0.05, 0.2}) {
                double t = Detectors.thresholdFor(d, List.of(walkingSquare(fmt, 100, 5)), fpr);
                long flagged = java.util.Arrays.stream(s).filter(x -> x >= t).count();
                assertTrue(Math.abs(flagged - fpr * s.length) <= 1, "fpr " + fpr + ": " + flagged + " of " + s.length);
            }
            String bad = assertThrows(IllegalArgumentException.class,
                    () -> Detectors.thresholdFor(d, List.of(walkingSquare(fmt, 10, 5)), 0.6)).getMessage();
            assertTrue(bad.contains("falsePositiveRate must be in [0, 0.5], got 0.6"), bad);
            bad = assertThrows(IllegalArgumentException.class, () -> Detectors.thresholdFor(d, List.of(), 0.01))
                    .getMessage();
            assertTrue(bad.contains("got none from 0 sources"), bad);
            // one frame cannot say where 1% of the frames lie; 100 can (calibrate used to accept one)
            bad = assertThrows(IllegalArgumentException.class,
                    () -> Detectors.thresholdFor(d, List.of(walkingSquare(fmt, 99, 5)), 0.01)).getMessage();
            assertEquals("expected at least 100 frames of normal footage to flag 1% of them (one frame in 100), got 99 "
                    + "from 1 source: give more footage or a larger falsePositiveRate", bad);
            assertTrue(Double.isFinite(Detectors.thresholdFor(d, List.of(walkingSquare(fmt, 100, 5)), 0.01)));
            assertTrue(Double.isFinite(Detectors.thresholdFor(d, List.of(walkingSquare(fmt, 1, 5)), 0)),
                    "at rate 0 the threshold is the largest score, of any number of frames");
        }
    }

    @Test
    void saveWithThresholdWritesACopyThatScoresTheSameAndAlarmsAtTheNewThreshold() throws IOException {
        FrameFormat fmt = DetectorTestSupport.FORMAT;
        List<VideoAnomalyDetector> all = new ArrayList<>();
        try {
            all.add(FrameDifferenceDetector.calibrator().fit(DetectorTestSupport.normalClips(2, 30)));
            all.add(MotionSpeedDetector.calibrator().fit(DetectorTestSupport.normalClips(2, 30)));
            all.add(MotionPredictionDetector.trainer().blockSize(4).steps(4).topBlocks(2).epochs(1).batchSize(8)
                    .scoring(ScoringOptions.raw()).fit(DetectorTestSupport.normalClips(2, 30)));
            all.add(NormalOnlyDetector.trainer().scale(1).cellSize(8).cellStride(8).steps(3).embedding(8)
                    .lstmUnits(8).epochs(1).batchSize(128).trainingSequences(256).scoring(ScoringOptions.raw())
                    .fit(DetectorTestSupport.normalClips(2, 30)));
            HybridModel clip = ClassifierDetectorTest.tinyClipModel();
            ClassifierDetector.storeIn(clip, "noFight", 0.5);
            all.add(ClassifierDetector.of(clip));
            for (VideoAnomalyDetector d : all) {
                String kind = d.getClass().getSimpleName();
                FrameFormat in = d.inputFormat();
                // the synthetic walkway for the video detectors, random 8x8 frames at 20 fps for the clip model
                java.util.function.Supplier<FrameSource> video = () -> in.equals(fmt)
                        ? DetectorTestSupport.anomalousClip().source("a") : randomFrames(in, 40, 7);
                double own = d.threshold();
                double[] scores = d.detect(video.get()).scores();
                double raised = kind.equals("ClassifierDetector") ? 0.75 : own * 3 + 1;
                Path file = dir.resolve(kind + ".detector");
                Detectors.saveWithThreshold(d, raised, file);
                assertEquals(own, d.threshold(), kind + " keeps its own threshold");
                try (VideoAnomalyDetector copy = Detectors.load(file)) {
                    assertInstanceOf(d.getClass(), copy);
                    assertEquals(raised, copy.threshold(), 0.0, kind);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(scores, copy.detect(video.get()).scores(), 1e-9, kind);
                }
                if (d instanceof MotionPredictionDetector mp) {
                    // the threshold rides in the model's metadata: its own save still writes its own
                    Path plain = dir.resolve(kind + "-own.detector");
                    mp.save(plain);
                    try (VideoAnomalyDetector again = Detectors.load(plain)) {
                        assertEquals(own, again.threshold(), 0.0, kind);
                    }
                }
            }
            VideoAnomalyDetector first = all.get(0);
            String bad = assertThrows(IllegalArgumentException.class,
                    () -> Detectors.saveWithThreshold(first, Double.NaN, dir.resolve("nan.detector"))).getMessage();
            assertTrue(bad.contains("threshold must be finite, got NaN"), bad);
            assertTrue(Files.notExists(dir.resolve("nan.detector")));
        } finally {
            all.forEach(VideoAnomalyDetector::close);
        }
    }

    /** Synthetic: {@code n} frames of uniform random pixels in {@code fmt}, at 20 frames/s. */
    static FrameSource randomFrames(FrameFormat fmt, int n, long seed) {
        Random r = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] p = new float[fmt.size()];
            for (int j = 0; j < p.length; j++) {
                p[j] = r.nextFloat();
            }
            frames.add(Frame.wrap(i, i * 50_000L, fmt, p));
        }
        return FrameSources.of("synthetic random frames", frames, 20);
    }

    @Test
    void saveWithThresholdNamesADetectorItCannotSave() {
        VideoAnomalyDetector own = new VideoAnomalyDetector() {
            @Override
            public void score(FrameSource source, java.util.function.Consumer<FrameScore> sink) {
            }

            @Override
            public FrameFormat inputFormat() {
                return FrameFormat.gray(8, 8);
            }

            @Override
            public double threshold() {
                return 1;
            }

            @Override
            public List<String> classes() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        String bad = assertThrows(IllegalArgumentException.class,
                () -> Detectors.saveWithThreshold(own, 2, dir.resolve("own.detector"))).getMessage();
        assertTrue(bad.contains("expected one of this library's detectors") && bad.contains("DetectorsTest$"), bad);
    }
}
