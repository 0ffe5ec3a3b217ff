package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.metrics.Metrics;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelRuntime;
import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the sampling spacing costs a fight model on source videos it never saw: the grouped k-fold
 * split of {@code compare} (whole source videos per fold), each fold's model trained as
 * {@code train-classifier} trains (20% of its source videos held out for the best epoch), then each
 * held-out clip scored as a video by a {@link ClassifierDetector} at strides 1 to
 * {@value #MAX_STRIDE}, at the threshold 0.5. A clip is flagged if any of its frames is.
 *
 * <p>Clips differ in frame rate, so for each target spacing (in times the model's training step)
 * each clip counts at its stride whose spacing is nearest: per target, the fights flagged (recall),
 * the noFight clips flagged (false-positive rate), their mean, and the clip-level ROC AUC of each
 * clip's highest frame score.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/* \
 *     io.github.crimeanomaly.examples.fight.FightSamplingSpacing ../shared/datasets/surveillance-fight [k] [seed] [HYBRID|CNN_ONLY|LSTM_ONLY]
 * </pre>
 */
public final class FightSamplingSpacing {

    /** Largest stride scored. */
    static final int MAX_STRIDE = 6;
    /** Target spacings, in times the training step. */
    static final double[] TARGETS = {0.5, 0.67, 1.0, 1.33, 1.67, 2.0};

    /**
     * One held-out clip's highest frame score at each stride.
     *
     * @param name     the clip's name
     * @param fight    whether it is a fight
     * @param ratios   spacing in times the training step, per stride 1..MAX_STRIDE (index 0 = stride 1)
     * @param maxScore the clip's highest frame score, per stride
     */
    public record ClipScores(String name, boolean fight, double[] ratios, double[] maxScore) {
    }

    /**
     * The figures at one target spacing.
     *
     * @param target     the target spacing
     * @param meanRatio  the mean spacing of the strides used
     * @param recall     fights flagged / fights
     * @param fpr        noFight clips flagged / noFight clips
     * @param auc        clip-level ROC AUC of the highest frame score
     */
    public record Row(double target, double meanRatio, double recall, double fpr, double auc) {

        /** (recall + 1 - FPR) / 2. */
        public double balancedAccuracy() {
            return (recall + 1 - fpr) / 2;
        }
    }

    private FightSamplingSpacing() {
    }

    /**
     * Trains {@code arch} on each of the {@code k} grouped folds as {@code train-classifier} does
     * and scores its held-out clips, from the videos under {@code root}, at every stride.
     */
    public static List<ClipScores> run(Path root, ClipFolder clips, ClipClassifier.Settings s, Architecture arch,
                                       int k, Path work, PrintStream log) throws IOException {
        Map<String, Path> videos = videosByName(root);
        String normal = clips.classes().stream().filter(c -> !c.equals("fight")).findFirst().orElseThrow();
        int fightIndex = clips.classes().indexOf("fight");
        if (fightIndex < 0) {
            throw new IllegalArgumentException("expected a class folder named 'fight', got " + clips.classes());
        }
        List<ClipScores> out = new ArrayList<>();
        List<Split> folds = FightComparison.groupedFolds(clips, k, s.seed());
        for (int f = 0; f < folds.size(); f++) {
            Split split = FightComparison.regime(clips, folds.get(f), FightComparison.Training.HELD_OUT_VIDEOS, s.seed());
            Path modelFile = work.resolve("fold" + f + ".model");
            ClipInput input;
            try (HybridModel m = ClipClassifier.build(arch, s, clips.classes(), normal)) {
                ClipClassifier.train(m, s, clips.select(split.train()), clips.select(split.validation()), null);
                ClassifierDetector.storeIn(m, normal, ClassifierDetector.DEFAULT_THRESHOLD);
                input = ClipInput.of(m).orElseThrow();
                m.save(modelFile);
            }
            List<ClipClassifier.Clip> test = clips.select(split.test());
            double[][] max = new double[test.size()][MAX_STRIDE];
            double[][] ratios = new double[test.size()][MAX_STRIDE];
            for (int stride = 1; stride <= MAX_STRIDE; stride++) {
                try (ClassifierDetector d = ClassifierDetector.of(HybridModel.load(modelFile), normal,
                        ClassifierDetector.DEFAULT_THRESHOLD, stride)) {
                    for (int i = 0; i < test.size(); i++) {
                        Path video = videos.get(test.get(i).name());
                        if (video == null) {
                            throw new IllegalStateException("no video file for clip '" + test.get(i).name() + "' under " + root);
                        }
                        try (FrameSource src = VideoFrameSource.open(video, VideoOptions.builder().format(d.inputFormat()).build())) {
                            double fps = src.fps().orElseThrow(() -> new IOException(video + " reports no frame rate"));
                            ratios[i][stride - 1] = stride / fps / input.stepSeconds();
                            max[i][stride - 1] = java.util.Arrays.stream(d.detect(src).scores()).max().orElse(0);
                        }
                    }
                }
            }
            for (int i = 0; i < test.size(); i++) {
                out.add(new ClipScores(test.get(i).name(), test.get(i).label() == fightIndex, ratios[i], max[i]));
            }
            log.printf(Locale.ROOT, "%s fold %d/%d: %d held-out clips scored at strides 1..%d%n", arch, f + 1,
                    folds.size(), test.size(), MAX_STRIDE);
            Files.deleteIfExists(modelFile);
        }
        return out;
    }

    /** The figures per target spacing, each clip at its stride nearest the target. */
    public static List<Row> rows(List<ClipScores> clips) {
        List<Row> rows = new ArrayList<>();
        for (double target : TARGETS) {
            int fights = 0;
            int fightsFlagged = 0;
            int normal = 0;
            int normalFlagged = 0;
            double ratioSum = 0;
            int[] truth = new int[clips.size()];
            double[] score = new double[clips.size()];
            for (int i = 0; i < clips.size(); i++) {
                ClipScores c = clips.get(i);
                int best = 0;
                for (int j = 1; j < c.ratios().length; j++) {
                    if (Math.abs(c.ratios()[j] - target) < Math.abs(c.ratios()[best] - target)) {
                        best = j;
                    }
                }
                ratioSum += c.ratios()[best];
                boolean flagged = c.maxScore()[best] >= ClassifierDetector.DEFAULT_THRESHOLD;
                truth[i] = c.fight() ? 1 : 0;
                score[i] = c.maxScore()[best];
                if (c.fight()) {
                    fights++;
                    fightsFlagged += flagged ? 1 : 0;
                } else {
                    normal++;
                    normalFlagged += flagged ? 1 : 0;
                }
            }
            rows.add(new Row(target, ratioSum / clips.size(), fights == 0 ? Double.NaN : fightsFlagged / (double) fights,
                    normal == 0 ? Double.NaN : normalFlagged / (double) normal, Metrics.rocAuc(truth, score)));
        }
        return rows;
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| target spacing | mean spacing used | fights flagged (recall) | noFight flagged (FPR) "
                + "| balanced accuracy | clip AUC |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %.2fx | %.2fx | %.3f | %.3f | %.3f | %.3f |%n", r.target(), r.meanRatio(),
                    r.recall(), r.fpr(), r.balancedAccuracy(), r.auc()));
        }
        return b.toString();
    }

    /** Every video file under {@code root}'s class folders, by name without extension. */
    static Map<String, Path> videosByName(Path root) throws IOException {
        Map<String, Path> map = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                if (dot > 0 && n.substring(dot + 1).toLowerCase(Locale.ROOT).matches("mp4|avi|mkv|mov|webm")) {
                    Path old = map.put(n.substring(0, dot), p);
                    if (old != null) {
                        throw new IllegalArgumentException("two videos named '" + n.substring(0, dot) + "': " + old + " and " + p);
                    }
                }
            }
        }
        return map;
    }

    /**
     * Arguments: the class-folder dataset, k (default 5), seed (default 42), architecture (default
     * HYBRID), then changes to the architecture's default settings as {@code key=value} (the keys of
     * {@link HybridSelection}, e.g. {@code pooling=MULTIPLE_INSTANCE} for candidate T).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: FightSamplingSpacing <data> [k] [seed] [HYBRID|CNN_ONLY|LSTM_ONLY] "
                    + "[key=value ...]");
        }
        Path root = Path.of(args[0]);
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Architecture arch = args.length > 3 ? Architecture.valueOf(args[3]) : Architecture.HYBRID;
        ModelRuntime.setThreads(Integer.getInteger("crimeanomaly.threads", 1));
        List<String> changes = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
        ClipClassifier.Settings s = HybridSelection.settings(ClipClassifier.Settings.defaults(arch), changes)
                .withSeed(seed);
        long t0 = System.nanoTime();
        ClipFolder clips = FightClips.load(root, s.input(), true);
        Path work = Files.createTempDirectory("spacing");
        List<ClipScores> scores = run(root, clips, s, arch, k, work, System.err);
        Files.deleteIfExists(work);
        System.out.printf(Locale.ROOT, "%s, grouped %d-fold CV trained as train-classifier trains (seed %d), %d held-out "
                + "clips, training step %.3f s, %.0f s%n", arch, k, seed, scores.size(), s.input().stepSeconds(),
                (System.nanoTime() - t0) / 1e9);
        System.out.print(markdown(rows(scores)));
    }
}
