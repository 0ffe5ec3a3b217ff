package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.Sequence;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervised detector on synthetic motion clips ({@code left} = normal, {@code right} =
 * anomaly): a hybrid trained on them must score a stream's right-moving part higher than its
 * left-moving part, every frame scored.
 */
class ClassifierDetectorTest {

    static final SyntheticMotionClips GEN = new SyntheticMotionClips(16, 16, 6);
    static Path trained;

    @BeforeAll
    static void trainOnce(@TempDir Path dir) throws Exception {
        List<Sequence> train = GEN.generate(128, 1);
        try (HybridModel m = HybridModel.builder()
                .inputShape(16, 16, 1).sequenceLength(6)
                .cnnBlock(new CnnBlock(8, 3, 1, 2, false, 0))
                .dense(32).lstm(24)
                .classification(SyntheticMotionClips.labels())
                .learningRate(5e-3).l2(0).seed(7)
                .build()) {
            m.trainer().epochs(12).batchSize(16).validation(SequenceDataset.of(GEN.generate(32, 2)))
                    .fit(SequenceDataset.of(train));
            ClassifierDetector.storeIn(m, "left", 0.6);
            trained = dir.resolve("synthetic-detector.model");
            m.save(trained);
        }
    }

    /** A synthetic stream: {@code n} left-moving clips, then {@code n} right-moving clips, renumbered. */
    static List<Frame> stream(int n) {
        List<Frame> out = new ArrayList<>();
        for (int label = 0; label < 2; label++) {
            for (int k = 0; k < n; k++) {
                for (Frame f : GEN.clipFrames(label, 100 + k + 10L * label)) {
                    out.add(f.withPosition(out.size(), out.size() * 40_000L));
                }
            }
        }
        return out;
    }

    @Test
    void detectorsLoadRecognisesASavedClassifier() throws Exception {
        try (VideoAnomalyDetector d = Detectors.load(trained)) {
            assertTrue(d instanceof ClassifierDetector, "got " + d.getClass());
            assertEquals(0.6, d.threshold());
            assertEquals(List.of("left", "right"), d.classes());
        }
    }

    @Test
    void scoresEveryFrameAndRanksTheAnomalousPartHigher() throws Exception {
        List<Frame> frames = stream(5);
        try (ClassifierDetector d = ClassifierDetector.load(trained)) {
            assertEquals(0.6, d.threshold());
            assertEquals("left", d.normalClass());
            assertEquals(List.of("left", "right"), d.classes());
            assertEquals(FrameFormat.gray(16, 16), d.inputFormat());
            List<FrameScore> s = new ArrayList<>();
            d.score(FrameSources.of("synthetic stream", frames, 25), s::add);
            assertEquals(frames.size(), s.size());
            int half = frames.size() / 2;
            double left = 0;
            double right = 0;
            int correct = 0;
            for (int i = 0; i < s.size(); i++) {
                FrameScore fs = s.get(i);
                assertEquals(i, fs.frameIndex());
                double sum = fs.classProbabilities().values().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(1.0, sum, 1e-4);
                assertEquals(1.0 - fs.classProbabilities().get("left"), fs.score(), 1e-6);
                if (i < half) {
                    left += fs.score();
                } else {
                    right += fs.score();
                }
                // At a clip's last frame the window holds exactly that clip: classify it.
                if ((i + 1) % 6 == 0) {
                    boolean anomalous = fs.score() >= 0.5;
                    correct += anomalous == (i >= half) ? 1 : 0;
                }
            }
            left /= half;
            right /= s.size() - half;
            assertTrue(correct >= 9, correct + " of 10 whole-clip windows classified right, expected >= 9");
            assertTrue(right > left + 0.1, "mean score right part " + right + ", left part " + left);
        }
    }

    @Test
    void rejectsFramesOfAnotherFormat() throws Exception {
        List<Frame> rgb = List.of(Frame.of(0, 0, FrameFormat.rgb(16, 16), new float[768]));
        try (ClassifierDetector d = ClassifierDetector.load(trained)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.detect(FrameSources.of("rgb", rgb, 25)));
            assertTrue(e.getMessage().startsWith("expected frames of "), e.getMessage());
        }
    }

    @Test
    void validatesNormalClassAndThreshold() {
        try (HybridModel m = tinyClipModel()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClassifierDetector.of(m, "calm", 1.5, -1));
            assertEquals("normalClass must be one of [fight, noFight], got 'calm'; threshold must be in [0, 1], "
                    + "got 1.5; stride must be >= 0 (0 = automatic), got -1", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ClassifierDetector.of(m));
        }
    }

    @Test
    void storedValuesOutsideTheModelsRangeAreRefusedWhenRead() {
        try (HybridModel m = tinyClipModel()) {
            m.putMetadata(ClassifierDetector.METADATA_KEY, io.github.crimeanomaly.internal.Json.mapper()
                    .createObjectNode().put("normalClass", "cat").put("threshold", "high"));
            assertEquals("the model stores normal class \"cat\", expected one of its classes [fight, noFight]",
                    assertThrows(IllegalArgumentException.class, () -> ClassifierDetector.storedNormalClass(m)).getMessage());
            assertEquals("the model stores threshold \"high\", expected a probability in [0, 1]",
                    assertThrows(IllegalArgumentException.class, () -> ClassifierDetector.storedThreshold(m)).getMessage());
            ClassifierDetector.storeIn(m, "noFight", 0.3);
            assertEquals(java.util.Optional.of("noFight"), ClassifierDetector.storedNormalClass(m));
            assertEquals(0.3, ClassifierDetector.storedThreshold(m));
        }
    }

    @Test
    void modelWithoutNormalClassIsAFormatErrorOnLoad(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plain.model");
        try (HybridModel m = tinyClipModel()) {
            assertEquals(java.util.Optional.empty(), ClassifierDetector.storedNormalClass(m));
            m.save(f);
            ClassifierDetector.storeIn(m, "noFight", 0.7);
            assertEquals(java.util.Optional.of("noFight"), ClassifierDetector.storedNormalClass(m));
            assertEquals(0.7, ClassifierDetector.storedThreshold(m));
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ClassifierDetector.load(f));
        assertTrue(e.getMessage().contains("normalClass") && e.getMessage().contains("ClassifierDetector.storeIn(model, "
                + "normalClass, threshold)"), e.getMessage());
    }

    /** {@code n} synthetic 8x8 gray frames of uniform random pixels at 20 frames/s. */
    private static List<Frame> randomFrames(int n, long seed) {
        Random r = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] p = new float[64];
            for (int j = 0; j < 64; j++) {
                p[j] = r.nextFloat();
            }
            frames.add(Frame.wrap(i, i * 50_000L, FrameFormat.gray(8, 8), p));
        }
        return frames;
    }

    /** An untrained model with a motion clip input: 4 steps of 8x8, so 5 raw frames. */
    static HybridModel tinyClipModel() {
        HybridModel m = HybridModel.builder().inputShape(8, 8, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(6)
                .classification(LabelEncoder.ofClasses(List.of("fight", "noFight")))
                .architecture(Architecture.HYBRID).seed(3).build();
        new ClipInput(4, 8, 8, ClipInput.Mode.MOTION, 1.0).storeIn(m);
        return m;
    }

    /** A detector over {@link #tinyClipModel()} with normal class noFight and threshold 0.5 stored in it. */
    private static ClassifierDetector tinyClipDetector() {
        HybridModel m = tinyClipModel();
        ClassifierDetector.storeIn(m, "noFight", 0.5);
        return ClassifierDetector.of(m);
    }

    @Test
    void thresholdForNormalFootageFlagsTheRequestedShareOfIt() throws Exception {
        // Synthetic random frames at 20 fps, 200 of them: an untrained model scores them all differently.
        List<Frame> frames = randomFrames(200, 8);
        try (ClassifierDetector d = tinyClipDetector()) {
            double[] scores = d.detect(FrameSources.of("normal", frames, 20)).scores();
            for (double fpr : new double[] {0.0, 0.05, 0.2}) {
                double thr = d.thresholdFor(List.of(FrameSources.of("normal", frames, 20)), fpr);
                long flagged = java.util.Arrays.stream(scores).filter(x -> x >= thr).count();
                // a frame between two samples has the last sample's score: ties come in runs of 5
                assertTrue(flagged >= Math.max(1, Math.floor(fpr * scores.length) - 5) && flagged <= Math.ceil(fpr * scores.length) + 5,
                        "fpr " + fpr + ": threshold " + thr + " flags " + flagged + " of " + scores.length);
            }
            assertEquals(java.util.Arrays.stream(scores).max().orElseThrow(),
                    d.thresholdFor(List.of(FrameSources.of("normal", frames, 20)), 0), 0.0);
            String bad = assertThrows(IllegalArgumentException.class,
                    () -> d.thresholdFor(List.of(FrameSources.of("normal", frames, 20)), 0.7)).getMessage();
            assertTrue(bad.contains("falsePositiveRate must be in [0, 0.5], got 0.7"), bad);
            String none = assertThrows(IllegalArgumentException.class, () -> d.thresholdFor(List.of(), 0.01)).getMessage();
            assertTrue(none.contains("got none from 0 sources"), none);
        }
    }

    /**
     * A video too slow for the model's training step, or one without a frame rate, gets a logged
     * warning naming what was expected and found; a video at the training rate gets none. The tiny
     * model was trained 0.25 s apart (4 steps over 1 s).
     */
    @Test
    void warnsWhenTheVideoIsTooSlowForTheModelOrHasNoFrameRate() throws Throwable {
        List<Frame> frames = randomFrames(12, 5);
        try (ClassifierDetector d = tinyClipDetector()) {
            String slow = logged(() -> d.detect(FrameSources.of("slow camera", frames, 2)));
            assertTrue(slow.contains("slow camera: the model was trained on frames 0.250 s apart (4 steps over 1.0 s), "
                    + "but this 2.0 frames/s video is sampled 0.500 s apart, 2.0 times"), slow);
            assertTrue(slow.contains("crime-anomaly calibrate") && slow.contains("3.2 frames/s or more"), slow);
            assertFalse(logged(() -> d.detect(FrameSources.of("at the training rate", frames, 20))).contains("WARN"));
            String unknown = logged(() -> d.detect(FrameSources.of("no rate", frames, Double.NaN)));
            assertTrue(unknown.contains("no rate: the source reports no frame rate; sampling one frame in 6 as for "
                    + "25.0 frames/s, to match the model's training step of 0.250 s"), unknown);
        }
        // a stride given by the caller is the caller's statement of the rate: no guess to warn about
        try (ClassifierDetector d = ClassifierDetector.of(tinyClipModel(), "noFight", 0.5, 5)) {
            assertFalse(logged(() -> d.detect(FrameSources.of("no rate", frames, Double.NaN))).contains("WARN"));
        }
    }

    /** What the detector logged (slf4j-simple writes to the current System.err) while {@code run} ran. */
    private static String logged(org.junit.jupiter.api.function.Executable run) throws Throwable {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run.execute();
        } finally {
            System.setErr(old);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void clipInputWindowSamplesAtTheTrainingRate() throws Exception {
        // Synthetic random frames at 20 fps: 1 s clips of 4 steps -> one sample every 5 frames.
        List<Frame> frames = randomFrames(40, 4);
        HybridModel m = tinyClipModel();
        ClassifierDetector.storeIn(m, "noFight", 0.5);
        try (ClassifierDetector d = ClassifierDetector.of(m)) {
            List<FrameScore> s = new ArrayList<>();
            d.score(FrameSources.of("random", frames, 20), s::add);
            assertEquals(40, s.size());
            for (int i = 0; i < 40; i++) {
                // Frames between two samples reuse the last sample's result.
                if (i % 5 != 0) {
                    assertEquals(s.get(i - 1).score(), s.get(i).score(), 0.0, "frame " + i);
                }
            }
            // Once the window is full (5 samples, frames 0..20), the score at frame 35 is the
            // model's output on the samples at 15, 20, 25, 30 and 35.
            float[][] raw = new float[5][];
            for (int k = 0; k < 5; k++) {
                raw[k] = frames.get(15 + 5 * k).pixels();
            }
            float[] p = m.predictSequences(new float[][][] {d.clipInput().orElseThrow().toSequence(raw)})[0];
            assertEquals(1.0 - p[1], s.get(35).score(), 1e-6);
        }
    }

    /**
     * Over more sampled frames than one batch of the model holds, every frame's score is the
     * model's output on the clip of the last samples (the first sample repeated before there are
     * enough), with mirror averaging and a skip connection; frames before a bad frame keep their
     * scores.
     */
    @Test
    void everyWindowAcrossBatchesIsTheModelOnItsClip() throws Exception {
        int total = 5 * (2 * ClassifierDetector.DEFAULT_BATCH + 3) + 2; // 20 fps, one sample every 5 frames
        List<Frame> frames = randomFrames(total, 8);
        HybridModel m = HybridModel.builder().inputShape(8, 8, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(6).skipConnection(true)
                .classification(LabelEncoder.ofClasses(List.of("fight", "noFight")))
                .architecture(Architecture.HYBRID).seed(3).build();
        ClipInput in = new ClipInput(4, 8, 8, ClipInput.Mode.MOTION, 1.0, true);
        in.storeIn(m);
        ClassifierDetector.storeIn(m, "noFight", 0.5);
        try (ClassifierDetector d = ClassifierDetector.of(m)) {
            List<FrameScore> s = new ArrayList<>();
            d.score(FrameSources.of("random", frames, 20), s::add);
            assertEquals(total, s.size());
            for (int i = 0; i < total; i++) {
                int sample = i / 5;
                float[][] raw = new float[5][];
                for (int k = 0; k < 5; k++) {
                    raw[k] = frames.get(5 * Math.max(0, sample - 4 + k)).pixels();
                }
                assertEquals(1.0 - in.predict(m, raw)[1], s.get(i).score(), 1e-5, "frame " + i);
                assertEquals(i, s.get(i).frameIndex());
            }
            assertTrue(s.stream().mapToDouble(FrameScore::score).distinct().count() > total / 10,
                    "the clips differ, so must their scores");
            java.util.Iterator<Frame> it = frames.subList(0, 12).iterator();
            FrameSource bad = source("a source whose 13th frame is 8x9", () -> java.util.Optional.of(it.hasNext()
                    ? it.next() : Frame.of(12, 600_000L, FrameFormat.gray(8, 9), new float[72])));
            List<FrameScore> before = new ArrayList<>();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.score(bad, before::add));
            assertTrue(e.getMessage().contains("expected frames of") && e.getMessage().contains("frame 12"), e.getMessage());
            assertEquals(s.subList(0, 12), before, "the frames before the bad one keep their scores");

            // batch(1): every score before the next frame is read, and the same scores
            int[] read = {0};
            java.util.Iterator<Frame> all = frames.iterator();
            FrameSource counting = source("a counting source", () -> {
                if (!all.hasNext()) {
                    return java.util.Optional.empty();
                }
                read[0]++;
                return java.util.Optional.of(all.next());
            });
            List<FrameScore> one = new ArrayList<>();
            d.batch(1).score(counting, f -> {
                assertEquals(f.frameIndex() + 1, read[0], "frame " + f.frameIndex() + " scored before the next is read");
                one.add(f);
            });
            assertEquals(s.size(), one.size());
            for (int i = 0; i < total; i++) {
                assertEquals(s.get(i).score(), one.get(i).score(), 1e-6, "frame " + i);
            }
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> d.batch(0));
            assertTrue(b.getMessage().contains("batch must be >= 1 sampled frame, got 0"), b.getMessage());
        }
    }

    /** A 20 fps source of 8x8 gray frames that yields what {@code next} gives, frame by frame. */
    private static FrameSource source(String description, java.util.function.Supplier<java.util.Optional<Frame>> next) {
        return new FrameSource() {
            @Override
            public java.util.Optional<Frame> next() {
                return next.get();
            }

            @Override
            public FrameFormat format() {
                return FrameFormat.gray(8, 8);
            }

            @Override
            public java.util.OptionalDouble fps() {
                return java.util.OptionalDouble.of(20);
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
            }
        };
    }
}
