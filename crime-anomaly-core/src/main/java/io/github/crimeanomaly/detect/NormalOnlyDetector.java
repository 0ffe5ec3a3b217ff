package io.github.crimeanomaly.detect;

import io.github.crimeanomaly.detect.internal.Calibration;
import io.github.crimeanomaly.detect.internal.CellGrid;
import io.github.crimeanomaly.detect.internal.CellNormalizer;
import io.github.crimeanomaly.detect.internal.CellStatistics;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import io.github.crimeanomaly.detect.internal.PatchPredictionScorer;
import io.github.crimeanomaly.detect.internal.PatchSequenceNetwork;
import io.github.crimeanomaly.detect.internal.PatchSequences;
import io.github.crimeanomaly.detect.internal.ScoringPipeline;
import io.github.crimeanomaly.detect.internal.WorkingFrames;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An anomaly detector trained on normal video only, with a hybrid CNN+LSTM.
 *
 * <p>How it scores: every frame is cut into overlapping square cells (patches). For each cell, a
 * small CNN encodes the patch's appearance and frame difference at each of the last {@code T}
 * frames, an LSTM runs over those {@code T} steps, and a linear layer predicts the cell's next
 * frame difference. The cell's raw score is the mean squared error of that prediction; it is
 * normalised by the cell's own statistics on the normal training video ({@link CellNormalization},
 * default: divided by the cell's 99th percentile; far cells
 * are small, busy paths busier), and the frame score is the maximum over cells, then smoothed
 * ({@link ScoringOptions}). Objects moving faster or otherwise than anything in the normal
 * video (bicycles, carts, cars on a walkway) are predicted badly and stand out.
 *
 * <p>The threshold is the {@code 1 - falsePositiveRate} quantile of the frame scores of the
 * normal training video.
 *
 * <pre>{@code
 * try (NormalOnlyDetector d = NormalOnlyDetector.trainer().epochs(4).fit(normalSources)) {
 *     d.save(Path.of("ped2.detector"));
 *     AnomalyReport r = d.detect(testSource);
 * }
 * }</pre>
 *
 * Holds native memory: close it. Not thread-safe.
 */
public final class NormalOnlyDetector implements VideoAnomalyDetector {

    private static final Logger LOG = LoggerFactory.getLogger(NormalOnlyDetector.class);
    static final String TYPE = "normal-only-cnn-lstm";
    /** Default {@code scaleFloor}. */
    public static final double DEFAULT_SCALE_FLOOR = 0.35;

    /**
     * Hyperparameters and settings, stored with the detector.
     *
     * @param inputFormat           frame format of the sources
     * @param scale                 integer downsampling of the input (1 = none)
     * @param cellSize              cell (patch) side in working pixels, divisible by 4
     * @param cellStride            step between cells
     * @param steps                 LSTM time steps T
     * @param convFilters           filters of the first convolution (the second has twice as many)
     * @param embedding             per-step CNN embedding size
     * @param lstmUnits             LSTM units
     * @param epochs                training epochs over the sampled sequences
     * @param batchSize             minibatch size
     * @param learningRate          Adam learning rate
     * @param trainingSequences     number of (frame, cell) sequences sampled for training
     * @param motionThreshold       mean absolute frame difference above which a sampled cell counts as moving
     * @param staticKeepProbability probability of keeping a sampled cell that is not moving
     * @param cellNormalization     how cells are normalised by their normal statistics
     * @param scaleFloor            cell scales are floored at this fraction of the 90th percentile of
     *                              the scales over cells (0 = no floor)
     * @param scoring               post-processing of the frame scores
     * @param falsePositiveRate     fraction of normal frames allowed above the threshold
     * @param seed                  seed of every random choice (sampling, shuffling, weights)
     */
    public record Config(FrameFormat inputFormat, int scale, int cellSize, int cellStride, int steps,
                         int convFilters, int embedding, int lstmUnits, int epochs, int batchSize,
                         double learningRate, int trainingSequences, double motionThreshold,
                         double staticKeepProbability, CellNormalization cellNormalization, double scaleFloor, ScoringOptions scoring, double falsePositiveRate, long seed) {

        /** Validates every field, naming the field and the value. */
        public Config {
            Objects.requireNonNull(inputFormat, "inputFormat");
            Objects.requireNonNull(scoring, "scoring");
            Objects.requireNonNull(cellNormalization, "cellNormalization");
            if (!(scaleFloor >= 0 && scaleFloor <= 1)) {
                throw new IllegalArgumentException("scaleFloor must be in [0, 1], got " + scaleFloor);
            }
            WorkingFrames w = new WorkingFrames(inputFormat, scale);
            if (cellSize < 4 || cellSize % 4 != 0) {
                throw new IllegalArgumentException("cellSize must be a multiple of 4 and >= 4, got " + cellSize);
            }
            new CellGrid(w.width(), w.height(), cellSize, cellStride);
            positive("steps", steps);
            positive("convFilters", convFilters);
            positive("embedding", embedding);
            positive("lstmUnits", lstmUnits);
            positive("epochs", epochs);
            positive("batchSize", batchSize);
            positive("trainingSequences", trainingSequences);
            if (!(learningRate > 0 && learningRate < 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
            }
            if (!(motionThreshold >= 0 && motionThreshold < 1)) {
                throw new IllegalArgumentException("motionThreshold must be in [0, 1), got " + motionThreshold);
            }
            if (!(staticKeepProbability >= 0 && staticKeepProbability <= 1)) {
                throw new IllegalArgumentException("staticKeepProbability must be in [0, 1], got " + staticKeepProbability);
            }
            if (!(falsePositiveRate > 0 && falsePositiveRate <= 0.5)) {
                throw new IllegalArgumentException("falsePositiveRate must be in (0, 0.5], got " + falsePositiveRate);
            }
        }

        private static void positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + v);
            }
        }

        CellGrid grid() {
            WorkingFrames w = new WorkingFrames(inputFormat, scale);
            return new CellGrid(w.width(), w.height(), cellSize, cellStride);
        }
    }

    /**
     * Trains a {@link NormalOnlyDetector}. Defaults suit 180x120 gray surveillance video (UCSD
     * Ped2 at half resolution) and train in a few minutes on two CPU cores; they were chosen on
     * held-out normal Ped2 training clips with synthetic anomalies (see
     * {@code Ped2HyperparameterSelection} in the examples), never on test clips.
     */
    public static final class Trainer {
        private int scale = 1;
        private int cellSize = 16;
        private int cellStride = 8;
        private int steps = 4;
        private int convFilters = 8;
        private int embedding = 32;
        private int lstmUnits = 32;
        private int epochs = 4;
        private int batchSize = 256;
        private double learningRate = 2e-3;
        private int trainingSequences = 16_000;
        private double motionThreshold = 0.02;
        private double staticKeepProbability = 0.15;
        private ScoringOptions scoring = ScoringOptions.defaults();
        private CellNormalization cellNormalization = CellNormalization.QUANTILE;
        private double scaleFloor = DEFAULT_SCALE_FLOOR;
        private double falsePositiveRate = 0.01;
        private long seed = 42;
        private DetectorTrainingListener listener = DetectorTrainingListener.NONE;

        private Trainer() {
        }

        /** Integer downsampling of the input; default 1. */
        public Trainer scale(int v) {
            scale = v;
            return this;
        }

        /** Cell side; default 16. */
        public Trainer cellSize(int v) {
            cellSize = v;
            return this;
        }

        /** Cell stride; default 8. */
        public Trainer cellStride(int v) {
            cellStride = v;
            return this;
        }

        /** LSTM time steps; default 4. */
        public Trainer steps(int v) {
            steps = v;
            return this;
        }

        /** First-convolution filters; default 8. */
        public Trainer convFilters(int v) {
            convFilters = v;
            return this;
        }

        /** Per-step embedding size; default 32. */
        public Trainer embedding(int v) {
            embedding = v;
            return this;
        }

        /** LSTM units; default 32. */
        public Trainer lstmUnits(int v) {
            lstmUnits = v;
            return this;
        }

        /** Epochs; default 4. */
        public Trainer epochs(int v) {
            epochs = v;
            return this;
        }

        /** Minibatch size; default 256. */
        public Trainer batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Adam learning rate; default 0.002. */
        public Trainer learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sampled training sequences; default 16000. */
        public Trainer trainingSequences(int v) {
            trainingSequences = v;
            return this;
        }

        /** Motion threshold for sampling; default 0.02. */
        public Trainer motionThreshold(double v) {
            motionThreshold = v;
            return this;
        }

        /** Keep probability of static cells when sampling; default 0.15. */
        public Trainer staticKeepProbability(double v) {
            staticKeepProbability = v;
            return this;
        }

        /** Score post-processing; default {@link ScoringOptions#defaults()}. */
        public Trainer scoring(ScoringOptions v) {
            scoring = Objects.requireNonNull(v, "scoring");
            return this;
        }

        /** Floor of the cell scales as a fraction of the busy cells' scale; default {@value NormalOnlyDetector#DEFAULT_SCALE_FLOOR}. */
        public Trainer scaleFloor(double v) {
            scaleFloor = v;
            return this;
        }

        /** Cell normalisation; default {@link CellNormalization#QUANTILE}. */
        public Trainer cellNormalization(CellNormalization v) {
            cellNormalization = Objects.requireNonNull(v, "cellNormalization");
            return this;
        }

        /** Threshold false-positive rate on normal frames; default 0.01. */
        public Trainer falsePositiveRate(double v) {
            falsePositiveRate = v;
            return this;
        }

        /** Seed; default 42. */
        public Trainer seed(long v) {
            seed = v;
            return this;
        }

        /** Progress listener; default none. */
        public Trainer listener(DetectorTrainingListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /**
         * Trains on normal video: reads every source to its end (holding the working frames in
         * memory, about {@code width*height*4} bytes per frame) and closes it (every source, also if it fails).
         *
         * @throws IllegalArgumentException if there are no sources, formats differ, or the
         *                                  settings are invalid
         * @throws IOException              if a source cannot be read
         */
        public NormalOnlyDetector fit(List<? extends FrameSource> normal) throws IOException {
            // the sources not reached yet are closed too if it fails, as on success
            return io.github.crimeanomaly.detect.internal.FitSources.closingAllOnFailure(normal, this::fitSources);
        }

        /**
         * The configuration that {@link #fit} would use for sources of {@code format}, without reading
         * any video: every setting is checked here, so bad settings can be reported before a long read.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public Config config(FrameFormat format) {
            Objects.requireNonNull(format, "format");
            return new Config(format, scale, cellSize, cellStride, steps, convFilters, embedding, lstmUnits, epochs,
                    batchSize, learningRate, trainingSequences, motionThreshold, staticKeepProbability, cellNormalization,
                    scaleFloor, scoring, falsePositiveRate, seed);
        }

        private NormalOnlyDetector fitSources(List<? extends FrameSource> normal) throws IOException {
            if (normal.isEmpty()) {
                throw new IllegalArgumentException("need at least one normal source to train on, got none");
            }
            Config cfg = config(normal.get(0).format());
            long t0 = System.nanoTime();
            List<float[][]> clips = load(cfg, normal, listener);
            PatchSequenceNetwork net = PatchSequenceNetwork.create(cellSize, PatchSequences.CHANNELS, convFilters,
                    embedding, lstmUnits, learningRate, seed);
            try {
                train(cfg, net, clips, listener);
                NormalOnlyDetector d = calibrate(cfg, net, clips, listener);
                d.trainingSeconds = (System.nanoTime() - t0) / 1e9;
                d.datasetFingerprint = fingerprint(clips);
                return d;
            } catch (RuntimeException e) {
                net.close();
                throw e;
            }
        }
    }

    private final Config config;
    private final PatchSequenceNetwork net;
    private final CellNormalizer normalizer;
    private final double threshold;
    private final long calibrationFrames;
    private final PatchPredictionScorer scorer;
    private final ScoringPipeline pipeline;
    private double trainingSeconds;
    private String datasetFingerprint = "";
    private boolean closed;

    private NormalOnlyDetector(Config config, PatchSequenceNetwork net, CellNormalizer normalizer, double threshold,
                               long calibrationFrames) {
        this.config = config;
        this.net = net;
        this.normalizer = normalizer;
        this.threshold = threshold;
        this.calibrationFrames = calibrationFrames;
        CellGrid grid = config.grid();
        if (normalizer.cells() != grid.cells()) {
            throw new IllegalArgumentException("expected " + grid.cells() + " cell statistics, got " + normalizer.cells());
        }
        this.scorer = new PatchPredictionScorer(net, grid, config.steps());
        this.pipeline = new ScoringPipeline(new WorkingFrames(config.inputFormat(), config.scale()), scorer);
    }

    /** A trainer with the defaults. */
    public static Trainer trainer() {
        return new Trainer();
    }

    private static List<float[][]> load(Config cfg, List<? extends FrameSource> normal, DetectorTrainingListener l)
            throws IOException {
        WorkingFrames wf = new WorkingFrames(cfg.inputFormat(), cfg.scale());
        long total = 0;
        for (FrameSource s : normal) {
            total += s.frameCount().orElse(0);
        }
        l.onPhaseStart("loading", total);
        List<float[][]> clips = new ArrayList<>();
        float[] buf = new float[cfg.inputFormat().size()];
        for (FrameSource s : normal) {
            try (s) {
                if (!s.format().equals(cfg.inputFormat())) {
                    throw new IllegalArgumentException("expected frames of " + cfg.inputFormat() + ", got "
                            + s.format() + " (" + s.description() + ")");
                }
                List<float[]> frames = new ArrayList<>();
                for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
                    float[] w = new float[wf.width() * wf.height()];
                    wf.convert(f.get(), buf, w);
                    frames.add(w);
                    l.onStep("loading");
                }
                if (frames.isEmpty()) {
                    throw new IllegalArgumentException("expected frames in normal source " + s.description()
                            + ", got none");
                }
                clips.add(frames.toArray(new float[0][]));
            }
        }
        l.onPhaseEnd("loading");
        return clips;
    }

    /** The frames of the window ending at frame t, the first frame repeated at the start (as the pipeline does). */
    private static float[][] window(float[][] clip, int t, int n, float[][] dst) {
        for (int k = 0; k < n; k++) {
            dst[k] = clip[Math.max(0, t - (n - 1) + k)];
        }
        return dst;
    }

    private static void train(Config cfg, PatchSequenceNetwork net, List<float[][]> clips, DetectorTrainingListener l) {
        CellGrid grid = cfg.grid();
        PatchSequences seq = new PatchSequences(grid, cfg.steps());
        int n = seq.window();
        Random rnd = new Random(cfg.seed());
        List<Integer> eligible = new ArrayList<>();
        for (int c = 0; c < clips.size(); c++) {
            if (clips.get(c).length >= n) {
                eligible.add(c);
            }
        }
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("need normal clips of at least " + n + " frames to train, got none");
        }
        // sample (clip, t, cell) sequences, mostly where something moves
        int[][] samples = new int[cfg.trainingSequences()][];
        int got = 0;
        long tries = 0;
        float[][] w = new float[n][];
        int size = grid.size();
        while (got < samples.length) {
            int c = eligible.get(rnd.nextInt(eligible.size()));
            float[][] clip = clips.get(c);
            int t = n - 1 + rnd.nextInt(clip.length - n + 1);
            int cell = rnd.nextInt(grid.cells());
            window(clip, t, n, w);
            int x = grid.x0(cell % grid.cols());
            int y = grid.y0(cell / grid.cols());
            double motion = 0;
            for (int dy = 0; dy < size; dy++) {
                int row = (y + dy) * grid.width() + x;
                for (int dx = 0; dx < size; dx++) {
                    motion += Math.abs(w[n - 1][row + dx] - w[n - 2][row + dx]);
                }
            }
            motion /= size * size;
            tries++;
            if (motion > cfg.motionThreshold() || rnd.nextDouble() < cfg.staticKeepProbability()) {
                samples[got++] = new int[] {c, t, cell};
            }
            if (tries > 1000L * samples.length) {
                throw new IllegalStateException("could not sample training sequences: " + got + " of " + samples.length);
            }
        }
        int bs = cfg.batchSize();
        int batches = (samples.length + bs - 1) / bs;
        l.onPhaseStart("training", (long) batches * cfg.epochs());
        float[] in = new float[bs * seq.inputFeatures() * cfg.steps()];
        float[] tgt = new float[bs * seq.targetFeatures() * cfg.steps()];
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            // Fisher-Yates with the seeded RNG
            for (int i = samples.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int[] tmp = samples[i];
                samples[i] = samples[j];
                samples[j] = tmp;
            }
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * bs;
                int m = Math.min(bs, samples.length - from);
                for (int k = 0; k < m; k++) {
                    int[] s = samples[from + k];
                    window(clips.get(s[0]), s[1], n, w);
                    seq.input(w, 0, s[2], in, k);
                    seq.targets(w, 0, s[2], tgt, k);
                }
                try (INDArray x = Nd4j.create(java.util.Arrays.copyOf(in, m * seq.inputFeatures() * cfg.steps()),
                        new long[] {m, seq.inputFeatures(), cfg.steps()}, 'c');
                     INDArray y = Nd4j.create(java.util.Arrays.copyOf(tgt, m * seq.targetFeatures() * cfg.steps()),
                             new long[] {m, seq.targetFeatures(), cfg.steps()}, 'c')) {
                    lossSum += net.fit(x, y);
                }
                l.onStep("training");
            }
            double mean = lossSum / batches;
            LOG.info("epoch {}/{}: mean loss {}", epoch, cfg.epochs(), mean);
            l.onEpoch(epoch, mean);
        }
        l.onPhaseEnd("training");
    }

    private static NormalOnlyDetector calibrate(Config cfg, PatchSequenceNetwork net, List<float[][]> clips,
                                                DetectorTrainingListener l) {
        CellGrid grid = cfg.grid();
        long total = 0;
        for (float[][] c : clips) {
            total += c.length;
        }
        l.onPhaseStart("calibrating", total);
        CellStatistics stats = new CellStatistics(grid.cells());
        List<float[][]> raw = new ArrayList<>();
        try (PatchPredictionScorer scorer = new PatchPredictionScorer(net, grid, cfg.steps())) {
            int n = scorer.window();
            float[][] w = new float[n][];
            for (float[][] clip : clips) {
                float[][] r = new float[clip.length][grid.cells()];
                for (int t = 0; t < clip.length; t++) {
                    scorer.score(window(clip, t, n, w), r[t]);
                    stats.add(r[t]);
                    l.onStep("calibrating");
                }
                raw.add(r);
            }
        }
        CellNormalizer norm = stats.toNormalizer(cfg.cellNormalization(), cfg.scaleFloor());
        double thr = Calibration.quantile(Calibration.frameScores(raw, norm, cfg.scoring()), 1 - cfg.falsePositiveRate());
        l.onPhaseEnd("calibrating");
        LOG.info("normal-only detector calibrated on {} frames of {} clips: threshold {}", stats.count(), clips.size(), thr);
        return new NormalOnlyDetector(cfg, net, norm, thr, stats.count());
    }

    private static String fingerprint(List<float[][]> clips) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (float[][] clip : clips) {
                md.update(("clip " + clip.length + "\n").getBytes(StandardCharsets.UTF_8));
                for (float[] f : clip) {
                    ByteBuffer bb = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    bb.asFloatBuffer().put(f);
                    md.update(bb);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The configuration (hyperparameters) it was trained with. */
    public Config config() {
        return config;
    }

    /** Number of normal frames the cell statistics and threshold were estimated on. */
    public long calibrationFrames() {
        return calibrationFrames;
    }

    /** Number of network parameters. */
    public long parameterCount() {
        return net.parameterCount();
    }

    @Override
    public void score(FrameSource source, Consumer<FrameScore> sink) throws IOException {
        if (closed) {
            throw new IllegalStateException("this NormalOnlyDetector is closed");
        }
        pipeline.score(source, normalizer, config.scoring(), sink);
    }

    @Override
    public FrameFormat inputFormat() {
        return config.inputFormat();
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    /** The detector's kind, input format and threshold. */
    @Override
    public String toString() {
        return "NormalOnlyDetector[input (" + inputFormat() + "), threshold " + threshold() + "]";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scorer.close();
            net.close();
        }
    }

    /**
     * Saves the detector to one zip file, atomically. Entries: {@code manifest.json} (format
     * {@value DetectorFile#FORMAT} version {@value DetectorFile#FORMAT_VERSION}, library version,
     * detector type, Java/OS/arch, SHA-256 of every other entry), {@code config.json} (the
     * {@link Config}), {@code calibration.json} (threshold, per-cell mean and std, number of
     * calibration frames), {@code training.json} (seed, training time, dataset fingerprint),
     * {@code network.json} (the DL4J configuration) and {@code params.bin} (the weights in ND4J's
     * binary array format). No Java serialization. An existing file is replaced only if this
     * library saved it; any other file is refused with a
     * {@link java.nio.file.FileAlreadyExistsException} and left as it was.
     */
    public void save(Path file) throws IOException {
        save(file, threshold);
    }

    /** {@link #save} with another threshold ({@link Detectors#saveWithThreshold}); this detector keeps its own. */
    void save(Path file, double threshold) throws IOException {
        if (closed) {
            throw new IllegalStateException("this NormalOnlyDetector is closed");
        }
        Map<String, byte[]> payload = new LinkedHashMap<>();
        payload.put("config.json", Json.mapper().writeValueAsBytes(config));
        payload.put("calibration.json", Json.mapper().writeValueAsBytes(
                new SavedCalibration(threshold, calibrationFrames, normalizer.mean(), normalizer.std())));
        payload.put("training.json", Json.mapper().writeValueAsBytes(
                new SavedTraining(config.seed(), trainingSeconds, datasetFingerprint)));
        payload.put("network.json", net.configurationJson().getBytes(StandardCharsets.UTF_8));
        payload.put("params.bin", net.parameterBytes());
        DetectorFile.write(file, TYPE, payload);
    }

    /**
     * Loads a detector saved by {@link #save}.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws DetectorFormatException           if it is not a valid file of this detector type, was
     *                                           written by a newer format version, or was modified
     */
    public static NormalOnlyDetector load(Path file) throws IOException {
        DetectorFile.Contents c = DetectorFile.read(file, TYPE);
        Config cfg;
        SavedCalibration cal;
        SavedTraining tr;
        try {
            cfg = Json.mapper().treeToValue(c.json("config.json"), Config.class);
            cal = Json.mapper().treeToValue(c.json("calibration.json"), SavedCalibration.class);
            tr = Json.mapper().treeToValue(c.json("training.json"), SavedTraining.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new DetectorFormatException("invalid configuration in " + file + ": " + Json.problem(e), e);
        }
        PatchSequenceNetwork net;
        try {
            net = PatchSequenceNetwork.restore(new String(c.payload().get("network.json"), StandardCharsets.UTF_8),
                    c.payload().get("params.bin"), cfg.cellSize(), PatchSequences.CHANNELS);
        } catch (IOException | RuntimeException e) {
            throw new DetectorFormatException("invalid network in " + file + ": " + e.getMessage(), e);
        }
        try {
            NormalOnlyDetector d = new NormalOnlyDetector(cfg, net,
                    new CellNormalizer(cal.cellMean(), cal.cellStd()), cal.threshold(), cal.calibrationFrames());
            d.trainingSeconds = tr.trainingSeconds();
            d.datasetFingerprint = tr.datasetFingerprint();
            return d;
        } catch (IllegalArgumentException e) {
            net.close();
            throw new DetectorFormatException("inconsistent detector file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Calibration as stored in the file. */
    record SavedCalibration(double threshold, long calibrationFrames, float[] cellMean, float[] cellStd) {
    }

    /** Training provenance as stored in the file. */
    record SavedTraining(long seed, double trainingSeconds, String datasetFingerprint) {
    }
}
