package io.github.crimeanomaly.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.classify.ClipStream;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.detect.internal.ScoringPipeline;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import io.github.crimeanomaly.model.WindowPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervised detector: a classification {@link HybridModel} (e.g. fight / noFight) applied to a
 * sliding window over a video. The score of a frame is the probability of the classes other than
 * the normal one ({@code 1 - p(normal)}), from the window of the last frames up to and including
 * it; every {@link FrameScore} also carries all class probabilities.
 *
 * <p><b>Input.</b> If the model carries a {@link ClipInput} (as clip classifiers trained by the
 * {@code train-classifier} command do), the detector reads gray frames of
 * {@link ClipInput#rawFormat()}, samples one every {@link ClipInput#strideAt stride} frames (the
 * rate the training clips were sampled at; from the source's fps, 25 if unknown; a source too slow
 * for that gets a logged {@link ClipInput#samplingWarning warning}), and keeps the
 * last {@link ClipInput#rawFrames()} samples. Otherwise it feeds the model's own frame format
 * directly, a window of {@code sequenceLength} frames, every frame sampled. The model's output is
 * recomputed at each sampled frame; frames in between reuse the last result. Each sampled frame
 * goes through the CNN once ({@link ClipStream}, {@link WindowPredictor}); only the LSTM and the
 * head run over the window. Before the window is full it is padded by repeating its oldest frame,
 * so every frame from the first one on gets a score. The model sees the sampled frames in batches
 * of {@link #batch(int) batch} ({@value #DEFAULT_BATCH} by default), so scores reach the sink up to
 * that many sampled frames late (a second or two of live video; {@code batch(1)} for none). Memory
 * is bounded by the window and the batch.
 *
 * <p><b>Threshold.</b> Stored in the model's metadata under {@link #METADATA_KEY} together with
 * the normal class ({@link #storeIn}); {@link #DEFAULT_THRESHOLD} if none.
 *
 * <pre>{@code
 * try (ClassifierDetector d = ClassifierDetector.load(Path.of("fight.model"));
 *      FrameSource video = VideoFrameSource.open(file, VideoOptions.builder().format(d.inputFormat()).build())) {
 *     AnomalyReport report = d.detect(video);
 * }
 * }</pre>
 *
 * <p>The detector owns the model: closing the detector closes it. Not thread-safe.
 */
public final class ClassifierDetector implements VideoAnomalyDetector {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierDetector.class);

    /** The metadata key holding {@code {"normalClass": ..., "threshold": ...}}. */
    public static final String METADATA_KEY = "classifierDetector";
    /** The threshold of a model without a stored one. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final HybridModel model;
    private final ClipInput input;
    private final List<String> classes;
    private final int normalCode;
    private final double threshold;
    private final int stride;
    private int batch = DEFAULT_BATCH;
    private boolean closed;

    private ClassifierDetector(HybridModel model, ClipInput input, int normalCode, double threshold, int stride) {
        this.model = model;
        this.input = input;
        this.classes = model.labels().orElseThrow().classes();
        this.normalCode = normalCode;
        this.threshold = threshold;
        this.stride = stride;
    }

    /**
     * A detector over a trained classification model.
     *
     * @param model       a classification model (the detector takes ownership)
     * @param normalClass the class that is not an anomaly, e.g. {@code noFight}
     * @param threshold   the score at and above which a frame is anomalous, in [0, 1]
     * @param stride      sample one frame every {@code stride} source frames; 0 = from the
     *                    model's clip input and the source's fps (1 without clip input)
     * @throws IllegalArgumentException if the model is not a classifier, does not know
     *                                  {@code normalClass}, or a number is out of range
     */
    public static ClassifierDetector of(HybridModel model, String normalClass, double threshold, int stride) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(normalClass, "normalClass");
        LabelEncoder enc = model.labels().orElseThrow(() -> new IllegalArgumentException(
                "expected a classification model, got " + model.config().head()));
        List<String> errors = new ArrayList<>();
        if (!enc.classes().contains(normalClass)) {
            errors.add("normalClass must be one of " + enc.classes() + ", got '" + normalClass + "'");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            errors.add("threshold must be in [0, 1], got " + threshold);
        }
        if (stride < 0) {
            errors.add("stride must be >= 0 (0 = automatic), got " + stride);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        ClipInput in = ClipInput.of(model).orElse(null);
        if (in != null) {
            in.checkMatches(model);
        }
        return new ClassifierDetector(model, in, enc.encode(normalClass), threshold, stride);
    }

    /**
     * A detector with the normal class and threshold stored in the model ({@link #storeIn}).
     *
     * @throws IllegalArgumentException if the model stores no normal class
     */
    public static ClassifierDetector of(HybridModel model) {
        String normal = storedNormalClass(model).orElseThrow(() -> new IllegalArgumentException("the model stores "
                + "no '" + METADATA_KEY + ".normalClass': store one with ClassifierDetector.storeIn(model, normalClass, "
                + "threshold) before saving it (as train-classifier and ClipClassifierTraining do), or use "
                + "ClassifierDetector.of(model, normalClass, threshold, stride)"));
        return of(model, normal, storedThreshold(model), 0);
    }

    /**
     * Loads a saved classifier and makes a detector from its stored normal class and threshold.
     *
     * @throws ModelFormatException if the file is not a model, or not a classifier with a normal class
     * @throws IOException          if it cannot be read
     */
    public static ClassifierDetector load(Path file) throws IOException {
        HybridModel m = HybridModel.load(file);
        try {
            return of(m);
        } catch (IllegalArgumentException e) {
            m.close();
            throw new ModelFormatException(ModelFormatException.Reason.INVALID_CONTENT,
                    file + ": not usable as a classifier detector: " + e.getMessage(), e);
        }
    }

    /** Stores the normal class and threshold in the model's metadata (saved with it). */
    public static void storeIn(HybridModel model, String normalClass, double threshold) {
        Objects.requireNonNull(normalClass, "normalClass");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("normalClass", normalClass);
        n.put("threshold", threshold);
        model.putMetadata(METADATA_KEY, n);
    }

    /**
     * The normal class stored in the model's metadata ({@link #storeIn}), if any.
     *
     * @throws IllegalArgumentException if the stored class is not one of the model's classes (a file
     *                                  edited by hand, or forged)
     */
    public static Optional<String> storedNormalClass(HybridModel model) {
        JsonNode n = model.metadata().get(METADATA_KEY);
        if (n == null || !n.hasNonNull("normalClass")) {
            return Optional.empty();
        }
        String normal = n.get("normalClass").asText();
        List<String> classes = model.labels().map(LabelEncoder::classes).orElse(List.of());
        if (!n.get("normalClass").isTextual() || !classes.contains(normal)) {
            throw new IllegalArgumentException("the model stores normal class " + n.get("normalClass")
                    + ", expected one of its classes " + classes);
        }
        return Optional.of(normal);
    }

    /**
     * The threshold stored in the model's metadata, or {@link #DEFAULT_THRESHOLD}.
     *
     * @throws IllegalArgumentException if the stored threshold is not a probability in [0, 1]
     */
    public static double storedThreshold(HybridModel model) {
        JsonNode n = model.metadata().get(METADATA_KEY);
        if (n == null || !n.hasNonNull("threshold")) {
            return DEFAULT_THRESHOLD;
        }
        double t = n.get("threshold").asDouble(Double.NaN);
        if (!n.get("threshold").isNumber() || !(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("the model stores threshold " + n.get("threshold")
                    + ", expected a probability in [0, 1]");
        }
        return t;
    }

    /**
     * Sets how many sampled frames the model sees per call when scoring (default
     * {@value #DEFAULT_BATCH}). Scores reach the sink in groups of up to this many sampled frames
     * (with the frames between them), so a live stream's scores come up to that many sampled
     * frames late; 1 delivers each score as soon as its frame has been read, at about a quarter
     * of the speed (the fight hybrid on one thread: about 15 ms per sampled frame instead of
     * 3.7). The scores themselves do not depend on it.
     *
     * @param sampledFrames at least 1
     * @return this detector
     * @throws IllegalArgumentException if {@code sampledFrames} is below 1
     */
    public ClassifierDetector batch(int sampledFrames) {
        if (sampledFrames < 1) {
            throw new IllegalArgumentException("batch must be >= 1 sampled frame, got " + sampledFrames);
        }
        batch = sampledFrames;
        return this;
    }

    /** The normal class. */
    public String normalClass() {
        return classes.get(normalCode);
    }

    /** The model's clip input, if it has one. */
    public Optional<ClipInput> clipInput() {
        return Optional.ofNullable(input);
    }

    @Override
    public void score(FrameSource source, Consumer<FrameScore> sink) throws IOException {
        checkOpen();
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        FrameFormat fmt = inputFormat();
        double fps = source.fps().orElse(Double.NaN);
        // A source may report no rate, 0 or a nonsense rate: sample as for 25 fps then, and say so.
        boolean knownRate = fps > 0 && fps < 1000;
        int step = stride > 0 ? stride : input == null ? 1 : input.strideAt(knownRate ? fps : ASSUMED_FPS);
        if (input != null && knownRate) {
            input.samplingWarning(fps, step).ifPresent(w -> LOG.warn("{}: {}", source.description(), w));
        } else if (input != null && stride == 0) {
            LOG.warn("{}: the source reports {}; sampling one frame in {} as for {} frames/s, to match the model's "
                    + "training step of {} s. If the video runs at another rate, give the detector a stride "
                    + "(ClassifierDetector.of(model, normalClass, threshold, stride))", source.description(),
                    source.fps().isPresent() ? "a frame rate of " + fps : "no frame rate", step, ASSUMED_FPS,
                    String.format(java.util.Locale.ROOT, "%.3f", input.stepSeconds()));
        }
        long n = 0;
        try (Window w = input == null ? new FrameWindow(model.windowPredictor(model.config().sequenceLength(), 1))
                : new ClipWindow(input.stream(model))) {
            Batch b = new Batch(w, sink);
            for (Optional<Frame> next = source.next(); next.isPresent(); next = source.next(), n++) {
                Frame f = next.get();
                if (!f.format().equals(fmt)) {
                    b.flush(); // the frames before it keep their scores
                    throw new IllegalArgumentException("expected frames of " + fmt + ", got " + f.format() + " (frame "
                            + f.index() + " of " + source.description() + ")");
                }
                b.add(f, n % step == 0);
            }
            b.flush();
        }
        if (n == 0) {
            throw ScoringPipeline.noFrames(source);
        }
    }

    /** The frame rate assumed for a source that reports none (or a nonsense one). */
    static final double ASSUMED_FPS = 25;

    /** The default of {@link #batch(int)}. */
    public static final int DEFAULT_BATCH = 16;

    /**
     * Sampled frames waiting for the model, with the frames after each that take its score; the
     * model runs when {@link #batch} samples wait. A frame after a sample already scored gets its
     * score at once.
     */
    private final class Batch {
        private final Window window;
        private final Consumer<FrameScore> sink;
        private final List<float[]> samples = new ArrayList<>();
        private final List<long[]> pending = new ArrayList<>(); // {frame index, timestamp, its sample}
        /** The last scored sample's score and class probabilities. */
        private double score;
        private Map<String, Double> probs;

        Batch(Window window, Consumer<FrameScore> sink) {
            this.window = window;
            this.sink = sink;
        }

        void add(Frame f, boolean sampled) {
            if (sampled) {
                samples.add(f.pixels());
            } else if (samples.isEmpty()) {
                sink.accept(new FrameScore(f.index(), f.timestampMicros(), score, probs));
                return;
            }
            pending.add(new long[] {f.index(), f.timestampMicros(), samples.size() - 1});
            if (samples.size() == batch) {
                flush();
            }
        }

        /** Runs the model on the waiting samples and gives every pending frame its sample's score. */
        void flush() {
            if (samples.isEmpty()) {
                return;
            }
            float[][] p = window.next(samples.toArray(new float[0][]));
            List<Map<String, Double>> maps = new ArrayList<>(p.length);
            for (float[] q : p) {
                Map<String, Double> m = new LinkedHashMap<>();
                for (int c = 0; c < q.length; c++) {
                    m.put(classes.get(c), (double) Math.min(1f, Math.max(0f, q[c])));
                }
                maps.add(m);
            }
            for (long[] f : pending) {
                int j = (int) f[2];
                sink.accept(new FrameScore(f[0], f[1], scoreOf(p[j]), maps.get(j)));
            }
            score = scoreOf(p[p.length - 1]);
            probs = maps.get(p.length - 1);
            samples.clear();
            pending.clear();
        }

        private double scoreOf(float[] p) {
            return Math.min(1.0, Math.max(0.0, 1.0 - p[normalCode]));
        }
    }

    /**
     * The model's outputs for the windows ending at each of the next sampled frames; the first
     * window is the first frame repeated. Each frame goes through the CNN once.
     */
    private interface Window extends AutoCloseable {
        float[][] next(float[][] pixels);

        @Override
        void close();
    }

    /** Raw frames through the model's clip input. */
    private record ClipWindow(ClipStream stream) implements Window {
        @Override
        public float[][] next(float[][] pixels) {
            return stream.next(pixels);
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** The frames themselves, a window of the model's sequence length. */
    private record FrameWindow(WindowPredictor predictor) implements Window {
        @Override
        public float[][] next(float[][] pixels) {
            float[][][] one = new float[pixels.length][][];
            for (int i = 0; i < one.length; i++) {
                one[i] = new float[][] {pixels[i]};
            }
            float[][][] p = predictor.slide(one);
            float[][] out = new float[p.length][];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][0];
            }
            return out;
        }

        @Override
        public void close() {
            predictor.close();
        }
    }

    @Override
    public FrameFormat inputFormat() {
        return input == null ? model.frameFormat() : input.rawFormat();
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /**
     * The threshold that flags about {@code falsePositiveRate} of the frames of {@code normal}:
     * footage without any event of the anomalous classes, from the camera the detector will watch.
     * It is the {@code 1 - falsePositiveRate} quantile of this detector's scores over all their
     * frames (scored as {@link #score} scores them), which may be above or below the current
     * threshold. Store it with {@link #storeIn} and save the model to keep it. A model trained on
     * other footage can flag many frames of a new camera at 0.5 (see the README's false alarms on
     * other cameras); this sets the alarm rate there, at the cost of some recall.
     *
     * <pre>{@code
     * HybridModel m = HybridModel.load(Path.of("fight.model"));
     * try (ClassifierDetector d = ClassifierDetector.of(m);
     *      FrameSource quiet = VideoFrameSource.open(Path.of("cam3-quiet-day.mp4"), VideoOptions.builder().format(d.inputFormat()).build())) {
     *     ClassifierDetector.storeIn(m, d.normalClass(), d.thresholdFor(List.of(quiet), 0.001));
     *     m.save(Path.of("fight-cam3.model"));
     * }
     * }</pre>
     *
     * @param normal            sources of normal footage; each is read to its end (not closed)
     * @param falsePositiveRate share of their frames allowed at or above the threshold, in [0, 0.5]
     * @throws IllegalArgumentException if {@code falsePositiveRate} is out of range or the sources
     *                                  hold no frame
     * @throws IOException              if a source cannot be read
     */
    public double thresholdFor(List<? extends FrameSource> normal, double falsePositiveRate) throws IOException {
        return Detectors.thresholdFor(this, normal, falsePositiveRate);
    }

    /**
     * Saves the model with the normal class and {@code threshold} in its metadata
     * ({@link Detectors#saveWithThreshold}); the model's metadata and this detector's threshold are
     * as they were afterwards.
     */
    void save(Path file, double threshold) throws IOException {
        checkOpen();
        JsonNode own = model.metadata().get(METADATA_KEY);
        storeIn(model, normalClass(), threshold);
        try {
            model.save(file);
        } finally {
            model.putMetadata(METADATA_KEY, own);
        }
    }

    /** The model's architecture and classes, the normal class, the input format and the threshold. */
    @Override
    public String toString() {
        return "ClassifierDetector[" + model.architecture() + " " + classes + ", normal '" + classes.get(normalCode)
                + "', input (" + inputFormat() + "), threshold " + threshold + "]";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this ClassifierDetector is closed");
        }
    }
}
