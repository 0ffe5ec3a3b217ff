package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.BlockAggregation;
import io.github.crimeanomaly.detect.CellNormalization;
import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.MotionPredictionDetector;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.detect.NormalOnlyDetector;
import io.github.crimeanomaly.detect.ScoringOptions;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.examples.plot.ScoreCurvePlot;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.metrics.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The UCSD Ped2 benchmark: trains a detector on the normal Train clips (or loads one), scores
 * every Test frame and reports the frame-level ROC AUC pooled over all test frames, the mean
 * per-clip AUC (clips with both classes), the EER and each clip's top-ranked frames; writes a
 * score-curve PNG per clip with the ground truth shaded. The last line printed is
 * {@code frame AUC (pooled): 0.xxxx}.
 *
 * <pre>
 * java ... io.github.crimeanomaly.examples.UcsdPed2Benchmark [dataset-dir] [out-dir] [NORMAL_ONLY|FRAME_DIFFERENCE|MOTION_SPEED|MOTION_PREDICTION] [settings]
 * </pre>
 */
public final class UcsdPed2Benchmark {

    /** Frame format of the benchmark: Ped2 at 180x120 gray (the shared copy's size). */
    public static final FrameFormat FORMAT = FrameFormat.gray(180, 120);

    /** Which detector to train. */
    public enum Kind {
        /** The normal-only patch CNN+LSTM detector. */
        NORMAL_ONLY,
        /** The frame-difference baseline. */
        FRAME_DIFFERENCE,
        /** The block-matching motion-speed detector (the default until 0.1.0's appearance objective; seconds to calibrate). */
        MOTION_SPEED,
        /**
         * The CNN+LSTM that predicts each frame's motion map (from its appearance, by default): the
         * default, first on the training-only selection proxy (0.9436 vs motion speed's 0.9411).
         */
        MOTION_PREDICTION,
    }

    /**
     * Settings.
     *
     * @param dataset folder containing {@code UCSDped2}
     * @param model   a saved detector to load instead of training
     * @param out     folder for the trained detector and the plots, if any
     * @param kind    detector to train when no model is given
     * @param settings motion-speed or motion-prediction settings to train with, {@code key=value}
     *                 joined by {@code :} (see {@link #motionSpeedCalibrator} and
     *                 {@link #motionPredictionTrainer}); empty for the defaults
     */
    public record Options(Path dataset, Optional<Path> model, Optional<Path> out, Kind kind, String settings) {

        /** Options with the default settings. */
        public Options(Path dataset, Optional<Path> model, Optional<Path> out, Kind kind) {
            this(dataset, model, out, kind, "");
        }

        /** Validates. */
        public Options {
            Objects.requireNonNull(settings, "settings");
            if (!settings.isEmpty() && kind != Kind.MOTION_SPEED && kind != Kind.MOTION_PREDICTION) {
                throw new IllegalArgumentException("settings are only for MOTION_SPEED and MOTION_PREDICTION, got '"
                        + settings + "' for " + kind);
            }
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(kind, "kind");
            if (!settings.isEmpty() && model.isPresent()) {
                throw new IllegalArgumentException("settings are for training, but a saved detector is loaded ("
                        + model.get() + "), which keeps its own; got settings '" + settings + "'");
            }
        }
    }

    /**
     * One test clip's outcome.
     *
     * @param name   clip name
     * @param scores per-frame scores
     * @param labels per-frame ground truth
     * @param auc    the clip's AUC if it has both classes
     * @param top    the top-ranked frames
     */
    public record ClipResult(String name, double[] scores, boolean[] labels, OptionalDouble auc, List<FrameScore> top) {
    }

    /**
     * The outcome.
     *
     * @param pooledAuc     frame AUC over all test frames pooled
     * @param meanClipAuc   mean of per-clip AUCs over clips with both classes
     * @param eer           equal error rate, pooled
     * @param threshold     the detector's calibrated threshold
     * @param clips         per clip
     * @param trainSeconds  training (or loading) time
     * @param scoreSeconds  scoring time for all test frames
     */
    public record Result(double pooledAuc, double meanClipAuc, double eer, double threshold, List<ClipResult> clips,
                         double trainSeconds, double scoreSeconds) {
    }

    private UcsdPed2Benchmark() {
    }

    /** Runs the benchmark, printing progress and results to {@code out}. */
    public static Result run(Options o, PrintStream out) throws IOException {
        UcsdPedDataset ds = UcsdPedDataset.open(o.dataset(), "UCSDped2");
        // before any training: these used to fail after it ("yTrue must not be empty")
        if (ds.testClips().isEmpty()) {
            throw new IllegalArgumentException("no test clips to evaluate in " + ds.root().resolve("Test")
                    + ": expected clip folders Test001, Test002, ... named in its ground truth UCSDped2.m");
        }
        if (o.model().isEmpty() && ds.trainClips().isEmpty()) {
            throw new IllegalArgumentException("no training clips in " + ds.root().resolve("Train")
                    + ": expected clip folders Train001, Train002, ... of normal frames (or pass --model)");
        }
        if (o.out().isPresent()) {
            java.nio.file.Files.createDirectories(o.out().get());
        }
        long t0 = System.nanoTime();
        try (VideoAnomalyDetector detector = obtain(o, ds, out)) {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "detector ready in %.1f s, threshold %.4f%n", trainSeconds, detector.threshold());
            long t1 = System.nanoTime();
            List<ClipResult> clips = scoreTestClips(detector, ds, i -> FrameTransform.identity(), "scoring");
            double scoreSeconds = (System.nanoTime() - t1) / 1e9;
            int n = clips.stream().mapToInt(c -> c.scores().length).sum();
            double[] all = pooledScores(clips);
            int[] lab = pooledLabels(clips);
            double pooled = Metrics.rocAuc(lab, all);
            double eer = Metrics.equalErrorRate(lab, all);
            double meanClip = meanClipAuc(clips);
            Result res = new Result(pooled, meanClip, eer, detector.threshold(), clips, trainSeconds, scoreSeconds);
            if (o.out().isPresent()) {
                for (ClipResult c : clips) {
                    ScoreCurvePlot.builder("UCSD Ped2 " + c.name() + " (shaded: ground-truth anomalous)")
                            .series("anomaly score", c.scores()).shade(c.labels()).threshold(detector.threshold())
                            .build().writePng(o.out().get().resolve(c.name() + "-scores.png"));
                }
            }
            print(res, n, out);
            return res;
        }
    }

    /**
     * Scores every test clip of {@code ds}, the clip at index i seen through {@code stress.apply(i)},
     * with a progress bar named {@code task}.
     */
    static List<ClipResult> scoreTestClips(VideoAnomalyDetector detector, UcsdPedDataset ds,
                                           IntFunction<FrameTransform> stress, String task) throws IOException {
        return scoreTestClips(detector, ds, stress, task, Optional.empty());
    }

    /**
     * Like {@link #scoreTestClips(VideoAnomalyDetector, UcsdPedDataset, IntFunction, String)}, each
     * degraded clip seen through a {@link DropoutConcealment} when {@code concealment} is present;
     * its {@code [frames, concealed frames, concealed pixels]} are added to the array.
     */
    static List<ClipResult> scoreTestClips(VideoAnomalyDetector detector, UcsdPedDataset ds,
                                           IntFunction<FrameTransform> stress, String task,
                                           Optional<long[]> concealment) throws IOException {
        List<ClipResult> clips = new ArrayList<>();
        long total = ds.testClips().stream().mapToLong(UcsdPedDataset.Clip::frameCount).sum();
        try (ProgressBar pb = bar(task, total)) {
            for (int i = 0; i < ds.testClips().size(); i++) {
                UcsdPedDataset.Clip clip = ds.testClips().get(i);
                AnomalyReport r;
                FrameSource degraded = stress.apply(i).applyTo(clip.open(detector.inputFormat()));
                try (FrameSource src = concealment.isPresent() ? DropoutConcealment.wrap(degraded) : degraded) {
                    List<FrameScore> scores = new ArrayList<>();
                    detector.score(src, f -> {
                        scores.add(f);
                        pb.step();
                    });
                    r = AnomalyReport.of(clip.name(), scores, detector.threshold());
                    if (src instanceof DropoutConcealment dc) {
                        long[] c = concealment.get();
                        c[0] += dc.framesRead();
                        c[1] += dc.concealedFrames();
                        c[2] += dc.concealedPixels();
                    }
                }
                boolean[] labels = clip.labels();
                double[] s = r.scores();
                OptionalDouble auc = hasBothClasses(labels)
                        ? OptionalDouble.of(Metrics.rocAuc(asInt(labels), s)) : OptionalDouble.empty();
                clips.add(new ClipResult(clip.name(), s, labels, auc, r.topK(5)));
            }
        }
        return clips;
    }

    /** Every clip's scores, concatenated in clip order. */
    static double[] pooledScores(List<ClipResult> clips) {
        return clips.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.scores())).toArray();
    }

    /** Every clip's ground truth as 0/1, concatenated in clip order. */
    static int[] pooledLabels(List<ClipResult> clips) {
        return clips.stream().flatMapToInt(c -> java.util.Arrays.stream(asInt(c.labels()))).toArray();
    }

    /** The mean AUC over the clips with both classes (NaN if none). */
    static double meanClipAuc(List<ClipResult> clips) {
        return clips.stream().filter(c -> c.auc().isPresent())
                .mapToDouble(c -> c.auc().getAsDouble()).average().orElse(Double.NaN);
    }

    static VideoAnomalyDetector obtain(Options o, UcsdPedDataset ds, PrintStream out) throws IOException {
        return obtain(o, ds, out, false);
    }

    /** Like {@link #obtain(Options, UcsdPedDataset, PrintStream)}, the Train clips seen through a {@link DropoutConcealment} if {@code conceal}. */
    static VideoAnomalyDetector obtain(Options o, UcsdPedDataset ds, PrintStream out, boolean conceal) throws IOException {
        if (o.model().isPresent()) {
            out.println("loading detector " + o.model().get());
            // any saved detector: the file says which kind it is
            return Detectors.load(o.model().get());
        }
        List<FrameSource> train = new ArrayList<>();
        for (UcsdPedDataset.Clip c : ds.trainClips()) {
            train.add(conceal ? DropoutConcealment.wrap(c.open(FORMAT)) : c.open(FORMAT));
        }
        out.println("training " + o.kind() + " on " + train.size() + " normal clips");
        if (o.kind() == Kind.FRAME_DIFFERENCE) {
            FrameDifferenceDetector d = FrameDifferenceDetector.calibrator().fit(train);
            if (o.out().isPresent()) {
                Path f = o.out().get().resolve("ped2-frame-difference.detector");
                d.save(f);
                out.println("saved detector to " + f);
            }
            return d;
        }
        if (o.kind() == Kind.MOTION_SPEED) {
            MotionSpeedDetector d = motionSpeedCalibrator(o.settings()).fit(train);
            if (o.out().isPresent()) {
                Path f = o.out().get().resolve("ped2-motion-speed.detector");
                d.save(f);
                out.println("saved detector to " + f);
            }
            return d;
        }
        if (o.kind() == Kind.MOTION_PREDICTION) {
            MotionPredictionDetector d = motionPredictionTrainer(o.settings()).listener(new ProgressBarListener())
                    .fit(train);
            try {
                out.printf(Locale.ROOT, "CNN+LSTM predicting motion maps: %d parameters, config %s%n", d.parameterCount(),
                        d.config());
                if (o.out().isPresent()) {
                    Path f = o.out().get().resolve("ped2-motion-prediction.detector");
                    d.save(f);
                    out.println("saved detector to " + f);
                }
                return d;
            } catch (IOException | RuntimeException e) {
                d.close();
                throw e;
            }
        }
        NormalOnlyDetector d = NormalOnlyDetector.trainer().listener(new ProgressBarListener()).fit(train);
        try {
            out.printf(Locale.ROOT, "CNN+LSTM: %d parameters, config %s%n", d.parameterCount(), d.config());
            if (o.out().isPresent()) {
                Path f = o.out().get().resolve("ped2-normal-only.detector");
                d.save(f);
                out.println("saved detector to " + f);
            }
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * A motion-speed calibrator from {@code key=value} settings joined by {@code :} (empty = the
     * defaults): {@code gap}, {@code radius}, {@code motion}, {@code ratio}, {@code noise} (noise factor), {@code agg}
     * ({@link BlockAggregation} name), {@code bidir} (true/false), {@code floor}, {@code cell},
     * {@code stride}, {@code norm} ({@link CellNormalization} name), {@code sigma}.
     *
     * @throws IllegalArgumentException naming an unknown key
     */
    public static MotionSpeedDetector.Calibrator motionSpeedCalibrator(String settings) {
        MotionSpeedDetector.Calibrator c = MotionSpeedDetector.calibrator();
        eachSetting(settings, "motion-speed", (k, v) -> {
            switch (k) {
                case "gap" -> c.gap(integer(v));
                case "radius" -> c.searchRadius(integer(v));
                case "motion" -> c.motionThreshold(real(v));
                case "ratio" -> c.matchRatio(real(v));
                case "noise" -> c.noiseFactor(real(v));
                case "agg" -> c.blockAggregation(choice(BlockAggregation.class, v));
                case "bidir" -> c.bidirectional(bool(v));
                case "floor" -> c.scaleFloor(real(v));
                case "cell" -> c.cellSize(integer(v));
                case "stride" -> c.cellStride(integer(v));
                case "norm" -> c.cellNormalization(choice(CellNormalization.class, v));
                case "sigma" -> c.scoring(ScoringOptions.defaults().withSmoothingSigma(real(v)));
                default -> {
                    return false;
                }
            }
            return true;
        });
        return c;
    }

    /**
     * A motion-prediction trainer from {@code key=value} settings joined by {@code :} (empty = the
     * defaults): {@code steps}, {@code top}, {@code noise} (noise factor), {@code energy}, {@code residual}, {@code cells} ({@link BlockAggregation} name), {@code epochs}, {@code block},
     * {@code lr}, {@code floor}, {@code sigma}, {@code seed}, {@code clamp}
     * ({@link MotionPredictionDetector.PredictionClamp} name), {@code clampWindow} (true/false),
     * {@code objective} ({@link MotionPredictionDetector.Objective} name), {@code appearanceScale}.
     *
     * @throws IllegalArgumentException naming an unknown key
     */
    public static MotionPredictionDetector.Trainer motionPredictionTrainer(String settings) {
        MotionPredictionDetector.Trainer t = MotionPredictionDetector.trainer();
        eachSetting(settings, "motion-prediction", (k, v) -> {
            switch (k) {
                case "noise" -> t.noiseFactor(real(v));
                case "steps" -> t.steps(integer(v));
                case "top" -> t.topBlocks(integer(v));
                case "energy" -> t.energy(bool(v));
                case "residual" -> t.residualScaling(bool(v));
                case "cells" -> t.cellAggregation(choice(BlockAggregation.class, v));
                case "epochs" -> t.epochs(integer(v));
                case "block" -> t.blockSize(integer(v));
                case "lr" -> t.learningRate(real(v));
                case "floor" -> t.scaleFloor(real(v));
                case "sigma" -> t.scoring(ScoringOptions.defaults().withSmoothingSigma(real(v)));
                case "seed" -> t.seed(wholeLong(v));
                case "clamp" -> t.predictionClamp(choice(MotionPredictionDetector.PredictionClamp.class, v));
                case "clampWindow" -> t.clampWindow(bool(v));
                case "objective" -> t.objective(choice(MotionPredictionDetector.Objective.class, v));
                case "appearanceScale" -> t.appearanceScale(integer(v));
                case "weight" -> t.predictionWeight(real(v));
                default -> {
                    return false;
                }
            }
            return true;
        });
        return t;
    }

    /** Applies each {@code key=value} of {@code settings} (joined by {@code :}); {@code apply} returns false for an unknown key. */
    private static void eachSetting(String settings, String what,
                                    java.util.function.BiPredicate<String, String> apply) {
        if (settings.isEmpty()) {
            return;
        }
        for (String kv0 : settings.split(":")) {
            String[] kv = kv0.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value in " + what + " settings, got '" + kv0 + "'");
            }
            boolean known;
            try {
                known = apply.test(kv[0], kv[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " setting " + kv0 + ": " + e.getMessage(), e);
            }
            if (!known) {
                throw new IllegalArgumentException("unknown " + what + " setting '" + kv[0] + "' in '" + settings + "'");
            }
        }
    }

    /** A whole number, or an exception saying one was expected. */
    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
        }
    }

    /** A whole number (64-bit), or an exception saying one was expected. */
    private static long wholeLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
        }
    }

    /** A finite number, or an exception saying one was expected. */
    private static double real(String v) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("expected a finite number, got '" + v + "'");
        }
        return d;
    }

    /** true or false (Boolean.parseBoolean reads anything else as false). */
    private static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + v + "'");
        };
    }

    /** One of {@code type}'s constants by name (any case). */
    private static <E extends Enum<E>> E choice(Class<E> type, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected one of " + java.util.Arrays.toString(type.getEnumConstants())
                + ", got '" + v + "'");
    }

    static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
    }

    private static void print(Result r, int frames, PrintStream out) {
        out.printf(Locale.ROOT, "%-8s %7s %9s  %s%n", "clip", "frames", "clip AUC", "top frames (1-based frame: score)");
        for (ClipResult c : r.clips()) {
            StringBuilder top = new StringBuilder();
            for (FrameScore f : c.top()) {
                top.append(String.format(Locale.ROOT, "%d%s:%.2f ", f.frameIndex() + 1,
                        c.labels()[(int) f.frameIndex()] ? "*" : "", f.score()));
            }
            out.printf(Locale.ROOT, "%-8s %7d %9s  %s%n", c.name(), c.scores().length,
                    c.auc().isPresent() ? String.format(Locale.ROOT, "%.4f", c.auc().getAsDouble()) : "n/a",
                    top.toString().trim());
        }
        out.println("(* = ground-truth anomalous frame)");
        out.printf(Locale.ROOT, "test frames: %d in %d clips; training %.1f s, scoring %.1f s (%.1f frames/s)%n",
                frames, r.clips().size(), r.trainSeconds(), r.scoreSeconds(), frames / r.scoreSeconds());
        out.printf(Locale.ROOT, "mean per-clip AUC (clips with both classes): %.4f%n", r.meanClipAuc());
        out.printf(Locale.ROOT, "EER (pooled): %.4f%n", r.eer());
        out.printf(Locale.ROOT, "frame AUC (pooled): %.4f%n", r.pooledAuc());
    }

    /**
     * Runs with the dataset folder (default {@code <crimeanomaly.shared>/datasets/ucsd-ped2}) and
     * an optional output folder.
     */
    public static void main(String[] args) throws IOException {
        Path dataset = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("crimeanomaly.shared", "../shared"), "datasets", "ucsd-ped2");
        Optional<Path> outDir = args.length > 1 ? Optional.of(Path.of(args[1])) : Optional.empty();
        Kind kind = args.length > 2 ? Kind.valueOf(args[2]) : Kind.MOTION_PREDICTION;
        String settings = args.length > 3 ? args[3] : "";
        run(new Options(dataset, Optional.empty(), outDir, kind, settings), System.out);
    }

    /** Ground truth as the 0/1 labels the metrics take (1 = anomalous). */
    static int[] asInt(boolean[] anomalous) {
        int[] y = new int[anomalous.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = anomalous[i] ? 1 : 0;
        }
        return y;
    }

    private static boolean hasBothClasses(boolean[] anomalous) {
        boolean pos = false;
        boolean neg = false;
        for (boolean b : anomalous) {
            pos |= b;
            neg |= !b;
        }
        return pos && neg;
    }
}
