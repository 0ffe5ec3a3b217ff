package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.metrics.Metrics;
import io.github.crimeanomaly.metrics.PairedComparison;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.TrainingListener;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.split.SplitRatios;
import io.github.crimeanomaly.split.Splits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The papers' comparison on real crime video: the hybrid CNN+LSTM against its CNN-only and
 * LSTM-only baselines, same input, budget and seed, on a group-aware (by source video) stratified
 * 70/20/10 split; each model keeps its best epoch on the validation part, and is scored once on the
 * test part. Optionally also a grouped k-fold cross-validation (each fold the test part once, the
 * next fold the validation part, the rest training), the honest number for choosing settings.
 * Each model's decision threshold follows a {@link ThresholdRule} (0.5 by default); with repeats,
 * every model is also trained with further seeds on the same split, to show how far the test
 * figures move with the training seed alone.
 *
 * <p>Run: {@code ./crime-anomaly compare --data ../shared/datasets/surveillance-fight --out target/compare}
 * or {@code main(dataDir, outDir)}.
 */
public final class FightComparison {

    /** The three architectures, in table order. */
    public static final List<Architecture> ARCHITECTURES =
            List.of(Architecture.HYBRID, Architecture.CNN_ONLY, Architecture.LSTM_ONLY);

    /** How each model's decision threshold is set (the same rule for every model). */
    public enum ThresholdRule {
        /** Predict positive at a fight probability of 0.5 or more. */
        HALF,
        /**
         * The threshold with the highest F1 on the validation part
         * ({@link Metrics#f1OptimalThreshold}, 0.5 kept when it is among the best); stored in the model.
         */
        VALIDATION_F1
    }

    /**
     * One model's result on one test part.
     *
     * @param architecture the architecture
     * @param test         figures on the test part at {@code threshold}
     * @param bestEpoch    the epoch kept (1-based), chosen on validation
     * @param trainSeconds training time
     * @param params       number of parameters
     * @param threshold    the decision threshold, set by the comparison's {@link ThresholdRule}
     * @param testAtHalf   figures on the test part at threshold 0.5 (the same scores)
     */
    public record Row(Architecture architecture, ClipEvaluation test, int bestEpoch, double trainSeconds,
                      long params, double threshold, ClipEvaluation testAtHalf) {
    }

    /**
     * The comparison.
     *
     * @param split      the clip indices of each part
     * @param rows       one per architecture
     * @param seconds    total wall-clock seconds
     * @param rule       how the thresholds were set
     * @param repeats    per architecture, its results on the same split with training seeds
     *                   {@code seed, seed+1, ...} (the first is the row in {@code rows}); empty when
     *                   each model was trained once
     * @param cvFolds    per architecture, its row on each cross-validation fold, in fold order (the
     *                   folds' test parts together hold every clip once); empty without
     *                   cross-validation
     */
    public record Result(Split split, List<Row> rows, double seconds, ThresholdRule rule,
                         Map<Architecture, List<Row>> repeats, Map<Architecture, List<Row>> cvFolds) {

        /**
         * Per architecture, mean accuracy, F1 and AUC over its cross-validation folds at the rule's
         * thresholds, then mean accuracy and F1 at 0.5 ({@link #means}); empty without
         * cross-validation.
         */
        public Map<Architecture, double[]> cvMeans() {
            Map<Architecture, double[]> m = new LinkedHashMap<>();
            cvFolds.forEach((a, folds) -> m.put(a, means(folds)));
            return m;
        }

        /**
         * This comparison followed by {@code other}'s models (run on the same clips and split, e.g.
         * with another input): rows, cross-validation means and repeats in order, times added.
         *
         * @throws IllegalArgumentException if the splits or threshold rules differ
         */
        public Result merge(Result other) {
            if (!split.equals(other.split) || rule != other.rule) {
                throw new IllegalArgumentException("cannot merge comparisons of different splits or threshold rules");
            }
            List<Row> r = new ArrayList<>(rows);
            r.addAll(other.rows);
            Map<Architecture, List<Row>> rep = new LinkedHashMap<>(repeats);
            rep.putAll(other.repeats);
            Map<Architecture, List<Row>> folds = new LinkedHashMap<>(cvFolds);
            folds.putAll(other.cvFolds);
            return new Result(split, r, seconds + other.seconds, rule, rep, folds);
        }
    }

    /**
     * The comparison's threshold rule: {@link ThresholdRule#HALF}. {@link ThresholdRule#VALIDATION_F1}
     * was to be adopted only if it raised the mean F1 of a grouped 4-fold cross-validation inside
     * the 219 train+validation clips (never the test part), averaged over the three models. It did
     * not (0.7036 vs 0.7063 at 0.5): it helped the hybrid (0.727 vs 0.700) and hurt CNN-only
     * (0.685 vs 0.713) and LSTM-only (0.700 vs 0.706); 49 validation clips are too few to place a
     * threshold reliably.
     */
    public static final ThresholdRule DEFAULT_RULE = ThresholdRule.HALF;

    private FightComparison() {
    }

    /** Runs the comparison on the dataset in {@code args[0]}, writing to {@code args[1]} (default target/compare). */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/datasets/surveillance-fight");
        Path out = Path.of(args.length > 1 ? args[1] : "target/compare");
        Result r = null;
        ClipFolder clips = null;
        FightClips.Cache decoded = new FightClips.Cache(data, true);
        for (Architecture a : ARCHITECTURES) {   // each with its own default input (the hybrid's is denser)
            ClipClassifier.Settings s = ClipClassifier.Settings.defaults(a);
            clips = decoded.get(s);
            Result one = run(clips, s, List.of(a), 0, true, DEFAULT_RULE, 1, () -> null, System.out);
            r = r == null ? one : r.merge(one);
        }
        write(r, clips, out);
        System.out.println(markdown(r));
    }

    /** The required split: stratified by class, grouped by source video, 70/20/10, seeded. */
    public static Split split(ClipFolder clips, long seed) {
        return Splits.stratifiedGrouped(clips.groups(), clips.labelNames(), SplitRatios.DEFAULT, seed);
    }

    /**
     * Trains and tests every architecture on the split, then (if {@code folds >= 3}) runs the
     * grouped cross-validation.
     *
     * @param listeners a fresh training listener per training run (may supply null)
     * @param log       where to print progress lines
     */
    public static Result run(ClipFolder clips, ClipClassifier.Settings s, List<Architecture> archs, int folds,
                             Supplier<TrainingListener> listeners, PrintStream log) throws IOException {
        return run(clips, s, archs, folds, true, DEFAULT_RULE, 1, listeners, log);
    }

    /**
     * As {@link #run(ClipFolder, ClipClassifier.Settings, List, int, Supplier, PrintStream)}; with
     * {@code withSplit} false only the cross-validation runs (the result then has no rows); every
     * model's threshold is set by {@code rule}. With {@code repeats > 1} every model is trained
     * that many times on the same split (the split's seed stays {@code s.seed()}), with training
     * seeds {@code s.seed() + i}: the spread of the test figures over training seeds.
     */
    public static Result run(ClipFolder clips, ClipClassifier.Settings s, List<Architecture> archs, int folds,
                             boolean withSplit, ThresholdRule rule, int repeats, Supplier<TrainingListener> listeners,
                             PrintStream log) throws IOException {
        return run(clips, s, archs, folds, withSplit, rule, repeats, Training.VALIDATION_PART, listeners, log);
    }

    /** How each model is trained on a split; its test part is never trained on. */
    public enum Training {
        /** On the train part, keeping the epoch with the lowest loss on the validation part (the default). */
        VALIDATION_PART,
        /**
         * On the train and validation parts together, all epochs, keeping the last weights: as
         * {@code train-classifier --validation 0} trains on a whole dataset. Needs threshold rule HALF.
         */
        LAST_EPOCH,
        /**
         * As {@code train-classifier} trains on a whole dataset by default: the train and validation
         * parts merged, then {@value #HELD_OUT_FRACTION} of them (whole source videos, stratified by
         * class, {@link ClipFolder#holdOut}) held out to keep the best epoch, the rest trained on.
         */
        HELD_OUT_VIDEOS,
        /**
         * As {@link #HELD_OUT_VIDEOS}, then a fresh model trained on the train and validation parts
         * together, nothing held out, for the epochs the held-out training kept
         * ({@link ClipClassifier#refit}): as {@code train-classifier --refit} trains. Needs
         * threshold rule HALF.
         */
        REFIT;

        /** The fraction {@link #HELD_OUT_VIDEOS} (and {@code train-classifier}) holds out. */
        public static final double HELD_OUT_FRACTION = 0.2;
    }

    /**
     * As {@link #run(ClipFolder, ClipClassifier.Settings, List, int, boolean, ThresholdRule, int, Supplier,
     * PrintStream)}, every model trained on each split as {@code training} says; with
     * {@link Training#LAST_EPOCH} or {@link Training#HELD_OUT_VIDEOS} the test figures estimate what
     * {@code train-classifier} (with {@code --validation 0}, or by default) gives on unseen source
     * videos.
     */
    public static Result run(ClipFolder clips, ClipClassifier.Settings s, List<Architecture> archs, int folds,
                             boolean withSplit, ThresholdRule rule, int repeats, Training training,
                             Supplier<TrainingListener> listeners, PrintStream log) throws IOException {
        if ((training == Training.LAST_EPOCH || training == Training.REFIT) && rule != ThresholdRule.HALF) {
            throw new IllegalArgumentException("training " + training + " leaves no validation part to set a "
                    + "threshold on: expected threshold rule HALF, got " + rule);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        long t0 = System.nanoTime();
        // the folds first: a fold count the data cannot fill fails here, not after the split's training
        List<Split> splits = folds >= 3 ? groupedFolds(clips, folds, s.seed()) : List.of();
        Split split = split(clips, s.seed());
        log.printf(Locale.ROOT, "split by source video: train %d, validation %d, test %d clips%n",
                split.trainSize(), split.validationSize(), split.testSize());
        List<Row> rows = new ArrayList<>();
        Map<Architecture, List<Row>> repeated = new LinkedHashMap<>();
        for (Architecture a : withSplit ? archs : List.<Architecture>of()) {
            rows.add(trainAndTest(clips, s, a, regime(clips, split, training, s.seed()), rule,
                    training == Training.REFIT, listeners.get(), log));
            if (repeats > 1) {
                List<Row> runs = new ArrayList<>(List.of(rows.get(rows.size() - 1)));
                for (int i = 1; i < repeats; i++) {
                    log.printf(Locale.ROOT, "%s repeat %d/%d, training seed %d%n", a, i + 1, repeats, s.seed() + i);
                    runs.add(trainAndTest(clips, s.withSeed(s.seed() + i), a,
                            regime(clips, split, training, s.seed() + i), rule, training == Training.REFIT,
                            listeners.get(), log));
                }
                repeated.put(a, runs);
            }
        }
        Map<Architecture, List<Row>> cvFolds = new LinkedHashMap<>();
        if (folds >= 3) {
            for (Architecture a : archs) {
                List<Row> foldRows = new ArrayList<>();
                for (int k = 0; k < splits.size(); k++) {
                    log.printf(Locale.ROOT, "cross-validation %s fold %d/%d%n", a, k + 1, splits.size());
                    foldRows.add(trainAndTest(clips, s, a, regime(clips, splits.get(k), training, s.seed()), rule,
                            training == Training.REFIT, listeners.get(), log));
                }
                double[] mean = means(foldRows);
                cvFolds.put(a, List.copyOf(foldRows));
                log.printf(Locale.ROOT, "cross-validation %s mean: accuracy=%.4f f1=%.4f auc=%.4f (at 0.5: "
                        + "accuracy=%.4f f1=%.4f)%n", a, mean[0], mean[1], mean[2], mean[3], mean[4]);
            }
        }
        return new Result(split, rows, (System.nanoTime() - t0) / 1e9, rule, repeated, cvFolds);
    }

    /** The split a model is trained on under {@code training}: the same test part, always. */
    static Split regime(ClipFolder clips, Split split, Training training, long seed) {
        if (training == Training.VALIDATION_PART) {
            return split;
        }
        List<Integer> trainAndValidation = new ArrayList<>(split.train());
        trainAndValidation.addAll(split.validation());
        return training == Training.LAST_EPOCH
                ? new Split(trainAndValidation.stream().mapToInt(Integer::intValue).toArray(), new int[0],
                        split.test().stream().mapToInt(Integer::intValue).toArray())
                : clips.holdOut(trainAndValidation, Training.HELD_OUT_FRACTION, seed);
    }

    /**
     * Mean test accuracy, F1 and AUC of the rows at their thresholds, then mean accuracy and F1 at
     * 0.5.
     */
    public static double[] means(List<Row> rows) {
        double[] m = new double[5];
        for (Row r : rows) {
            m[0] += r.test().accuracy();
            m[1] += r.test().f1();
            m[2] += r.test().auc();
            m[3] += r.testAtHalf().accuracy();
            m[4] += r.testAtHalf().f1();
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= rows.size();
        }
        return m;
    }

    /**
     * Trains {@code arch} on the split's train part, best epoch on validation (the last epoch if the
     * validation part is empty), sets the decision threshold by {@code rule} (on the validation
     * part's scores), scores the test part.
     */
    public static Row trainAndTest(ClipFolder clips, ClipClassifier.Settings s, Architecture arch, Split split,
                                   ThresholdRule rule, TrainingListener listener, PrintStream log) throws IOException {
        return trainAndTest(clips, s, arch, split, rule, false, listener, log);
    }

    /**
     * As {@link #trainAndTest(ClipFolder, ClipClassifier.Settings, Architecture, Split, ThresholdRule,
     * TrainingListener, PrintStream)}; with {@code refit}, the model scored is instead a fresh one
     * trained on the train and validation parts together for the epochs the first training kept
     * ({@link ClipClassifier#refit}; threshold rule HALF only).
     */
    public static Row trainAndTest(ClipFolder clips, ClipClassifier.Settings s, Architecture arch, Split split,
                                   ThresholdRule rule, boolean refit, TrainingListener listener, PrintStream log)
            throws IOException {
        if (!refit) {
            try (HybridModel m = ClipClassifier.build(arch, s, clips.classes(), FightClips.normalClass(clips))) {
                List<ClipClassifier.Clip> validation = clips.select(split.validation());
                TrainingReport r = ClipClassifier.train(m, s, clips.select(split.train()), validation, listener);
                // without a validation part the last epoch's weights are kept
                return test(clips, arch, split, rule, m, r, validation, validation.isEmpty() ? "last" : "best",
                        validation.isEmpty() ? r.epochs().size() : r.bestEpoch() + 1, r.seconds(), log);
            }
        }
        if (rule != ThresholdRule.HALF || split.validation().isEmpty()) {
            throw new IllegalArgumentException("a refit needs a validation part to choose the epochs and threshold "
                    + "rule HALF, got " + split.validation().size() + " validation clips and rule " + rule);
        }
        List<ClipClassifier.Clip> validation = clips.select(split.validation());
        TrainingReport r;
        try (HybridModel m = ClipClassifier.build(arch, s, clips.classes(), FightClips.normalClass(clips))) {
            r = ClipClassifier.train(m, s, clips.select(split.train()), validation, listener);
            // the model before the refit, on the same test part: the paired comparison
            ClipEvaluation before = ClipEvaluation.evaluate(m, clips.select(split.test()), clips.classes(), "fight");
            log.printf(Locale.ROOT, "%s before the refit: best epoch %d; test %s%n", arch, r.bestEpoch() + 1,
                    before.summaryLine());
        }
        List<ClipClassifier.Clip> all = new ArrayList<>(clips.select(split.train()));
        all.addAll(validation);
        long t0 = System.nanoTime();
        ClipClassifier.RefitPlan plan = ClipClassifier.refitPlan(arch, s, r);
        try (HybridModel f = ClipClassifier.refit(arch, s, clips.classes(), FightClips.normalClass(clips), all, r, listener)) {
            log.printf(Locale.ROOT, "%s: refit on %d clips for %d epochs (%d of them the CNN's)%n", arch, all.size(),
                    plan.epochs(), plan.cnnEpochs());
            return test(clips, arch, split, rule, f, r, List.of(), "refit to", plan.epochs(),
                    r.seconds() + (System.nanoTime() - t0) / 1e9, log);
        }
    }

    /** Sets the threshold by {@code rule} on {@code validation}, scores the test part with {@code m}. */
    private static Row test(ClipFolder clips, Architecture arch, Split split, ThresholdRule rule, HybridModel m,
                            TrainingReport r, List<ClipClassifier.Clip> validation, String keptLabel, int kept,
                            double seconds, PrintStream log) throws IOException {
        double threshold = ClassifierDetector.DEFAULT_THRESHOLD;
        if (rule == ThresholdRule.VALIDATION_F1) {
            ClipEvaluation v = ClipEvaluation.evaluate(m, validation, clips.classes(), "fight");
            if (v.confusion().support(1) > 0) {
                threshold = Metrics.f1OptimalThreshold(v.truth(), v.scores(), ClassifierDetector.DEFAULT_THRESHOLD);
            } else {
                log.println("no fight clip in the validation part: threshold stays 0.5");
            }
        }
        String normal = java.util.Objects.requireNonNull(FightClips.normalClass(clips), "a class besides fight");
        ClassifierDetector.storeIn(m, normal, threshold);
        ClipEvaluation e = ClipEvaluation.evaluate(m, clips.select(split.test()), clips.classes(), "fight");
        ClipEvaluation half = threshold == ClassifierDetector.DEFAULT_THRESHOLD ? e
                : ClipEvaluation.of(e.truth(), e.scores(), ClassifierDetector.DEFAULT_THRESHOLD, "fight");
        log.printf(Locale.ROOT, "%s: %s epoch %d (val loss %.4f), %.0f s; threshold %.4f; test %s (at 0.5: %s)%n",
                arch, keptLabel, kept,
                r.best().map(x -> x.validationLoss()).orElse(Double.NaN), seconds,
                threshold, e.summaryLine(), half.summaryLine());
        return new Row(arch, e, kept, seconds, m.summary().parameters(), threshold, half);
    }

    /**
     * {@code k} folds of whole source-video groups, balanced by class (groups shuffled with the
     * seed, each added to the fold with the fewest clips of its majority class); split {@code i}
     * tests on fold i, validates on fold i+1 and trains on the rest.
     */
    public static List<Split> groupedFolds(ClipFolder clips, int k, long seed) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < clips.clips().size(); i++) {
            byGroup.computeIfAbsent(clips.clips().get(i).group(), g -> new ArrayList<>()).add(i);
        }
        if (k > byGroup.size()) {
            throw new IllegalArgumentException("cannot make " + k + " folds of whole source videos from "
                    + byGroup.size() + " videos: expected at most " + byGroup.size() + " folds");
        }
        List<List<Integer>> groups = new ArrayList<>(byGroup.values());
        Collections.shuffle(groups, new Random(seed));
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        int nc = clips.classes().size();
        int[][] counts = new int[k][nc];
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (List<Integer> g : groups) {
            int[] gc = new int[nc];
            g.forEach(i -> gc[clips.clips().get(i).label()]++);
            int best = 0;
            long bestCost = Long.MAX_VALUE;
            for (int f = 0; f < k; f++) {
                long cost = 0;
                for (int c = 0; c < nc; c++) {
                    long v = counts[f][c] + gc[c];
                    cost += v * v;
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = f;
                }
            }
            folds.get(best).addAll(g);
            for (int c = 0; c < nc; c++) {
                counts[best][c] += gc[c];
            }
        }
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j != f && j != (f + 1) % k) {
                    train.addAll(folds.get(j));
                }
            }
            out.add(new Split(train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                    folds.get((f + 1) % k).stream().mapToInt(Integer::intValue).sorted().toArray(),
                    folds.get(f).stream().mapToInt(Integer::intValue).sorted().toArray()));
        }
        return out;
    }

    static String name(Architecture a) {
        return switch (a) {
            case HYBRID -> "Hybrid CNN+LSTM";
            case CNN_ONLY -> "CNN only";
            case LSTM_ONLY -> "LSTM only";
        };
    }

    /** The table as Markdown. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        if (!r.rows().isEmpty()) {
            sb.append("| Model | Accuracy | Precision | Recall | F1 | FPR | MSE | ROC AUC | Threshold | Best epoch | Params | Train s |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row row : r.rows()) {
                ClipEvaluation e = row.test();
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %d | %d | %.0f |%n",
                        name(row.architecture()), e.accuracy(), e.precision(), e.recall(), e.f1(), e.falsePositiveRate(),
                        e.mse(), e.auc(), row.threshold(), row.bestEpoch(), row.params(), row.trainSeconds()));
            }
            Map<Architecture, List<ClipEvaluation>> test = new LinkedHashMap<>();
            r.rows().forEach(row -> test.put(row.architecture(), List.of(row.test())));
            sb.append(paired(test, "test clips"));
            if (r.rule() != ThresholdRule.HALF) {
                sb.append("\nThresholds: ").append(r.rule()).append(". The same scores at threshold 0.5:\n\n");
                sb.append("| Model | Accuracy | Precision | Recall | F1 | FPR |\n|---|---|---|---|---|---|\n");
                for (Row row : r.rows()) {
                    ClipEvaluation e = row.testAtHalf();
                    sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                            name(row.architecture()), e.accuracy(), e.precision(), e.recall(), e.f1(),
                            e.falsePositiveRate()));
                }
            }
        }
        if (!r.repeats().isEmpty()) {
            int n = r.repeats().values().iterator().next().size();
            sb.append(String.format(Locale.ROOT, "%nThe same split, %d training seeds (mean ± standard deviation):%n%n", n));
            sb.append("| Model | Accuracy | F1 | ROC AUC | F1 per seed |\n|---|---|---|---|---|\n");
            r.repeats().forEach((a, runs) -> {
                double[] acc = runs.stream().mapToDouble(x -> x.test().accuracy()).toArray();
                double[] f1 = runs.stream().mapToDouble(x -> x.test().f1()).toArray();
                double[] auc = runs.stream().mapToDouble(x -> x.test().auc()).toArray();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name(a), meanSd(acc), meanSd(f1),
                        meanSd(auc), java.util.Arrays.stream(f1).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                                .collect(java.util.stream.Collectors.joining(" "))));
            });
        }
        if (!r.cvMeans().isEmpty()) {
            sb.append("\n| Model | CV mean accuracy | CV mean F1 | CV mean ROC AUC | CV mean accuracy at 0.5 | CV mean F1 at 0.5 |\n");
            sb.append("|---|---|---|---|---|---|\n");
            r.cvMeans().forEach((a, m) -> sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                    name(a), m[0], m[1], m[2], m[3], m[4])));
            Map<Architecture, List<ClipEvaluation>> folds = new LinkedHashMap<>();
            r.cvFolds().forEach((a, rows) -> folds.put(a, rows.stream().map(Row::test).toList()));
            sb.append(paired(folds, "clips pooled over the folds, each scored by the model that never saw its source video"));
        }
        return sb.toString();
    }

    /**
     * Every pair of models on the same clips, at each model's thresholds: the clips only one of the
     * two gets right, McNemar's exact p, and paired bootstrap intervals of the first model's lead
     * ({@link PairedComparison}, its defaults). {@code perModel} holds each model's evaluations of the
     * same parts in the same order (the test split, or the cross-validation folds, pooled). Pairs in
     * {@link Architecture}'s order: the hybrid against each baseline first, then CNN-only against
     * LSTM-only. Empty with fewer than two models.
     *
     * @throws IllegalStateException if two models were evaluated on different clips
     */
    static String paired(Map<Architecture, List<ClipEvaluation>> perModel, String clipsWhere) {
        if (perModel.size() < 2) {
            return "";
        }
        List<Architecture> models = perModel.keySet().stream().sorted().toList();
        int[] truth = pooledTruth(perModel.get(models.get(0)));
        for (Architecture a : models) {
            if (!java.util.Arrays.equals(pooledTruth(perModel.get(a)), truth)) {
                throw new IllegalStateException(a + " was evaluated on other clips than " + models.get(0));
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nEach pair of models on the same %d "
                + "%s (McNemar's exact test; first minus second, %.0f%% paired bootstrap intervals, %,d "
                + "resamples):%n%n", truth.length, clipsWhere, PairedComparison.DEFAULT_CONFIDENCE * 100,
                PairedComparison.DEFAULT_RESAMPLES));
        sb.append("| First | Second | Only the first right | Only the second right | McNemar p | Accuracy difference "
                + "| F1 difference |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < models.size(); i++) {
            int[] first = pooledPredictions(perModel.get(models.get(i)));
            for (int j = i + 1; j < models.size(); j++) {
                PairedComparison c = PairedComparison.of(truth, first, pooledPredictions(perModel.get(models.get(j))));
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %+.3f %s | %+.3f %s |%n",
                        name(models.get(i)), name(models.get(j)), c.onlyARight(), c.onlyBRight(), c.mcNemarP(),
                        c.accuracyDifference(), c.accuracyInterval(), c.f1Difference(), c.f1Interval()));
            }
        }
        return sb.toString();
    }

    private static int[] pooledTruth(List<ClipEvaluation> parts) {
        return parts.stream().flatMapToInt(e -> java.util.Arrays.stream(e.truth())).toArray();
    }

    private static int[] pooledPredictions(List<ClipEvaluation> parts) {
        return parts.stream().flatMapToInt(e -> java.util.Arrays.stream(Metrics.predict(e.scores(), e.threshold())))
                .toArray();
    }

    private static String meanSd(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, sd);
    }

    /** The table as CSV. */
    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder("model,architecture,accuracy,precision,recall,f1,fpr,mse,roc_auc,threshold,"
                + "best_epoch,params,train_seconds,test_clips,accuracy_at_0.5,f1_at_0.5\n");
        for (Row row : r.rows()) {
            ClipEvaluation e = row.test();
            sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d,%.1f,%d,%.4f,%.4f%n",
                    name(row.architecture()), row.architecture(), e.accuracy(), e.precision(), e.recall(), e.f1(),
                    e.falsePositiveRate(), e.mse(), e.auc(), row.threshold(), row.bestEpoch(), row.params(),
                    row.trainSeconds(), e.size(), row.testAtHalf().accuracy(), row.testAtHalf().f1()));
        }
        return sb.toString();
    }

    /**
     * Every test clip's truth and each model's fight probability and decision at its threshold, one
     * line per clip in the split's order: the per-clip data behind the table and the paired
     * comparison, for a reader's own tests. Columns {@code clip,source_video,truth}, then per model
     * {@code <architecture>_p_fight,<architecture>_predicted} (class names). Empty without rows.
     */
    public static String predictionsCsv(Result r, ClipFolder clips) {
        if (r.rows().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("clip,source_video,truth");
        appendPredictionHeader(sb, r.rows().stream().map(Row::architecture).toList());
        predictionLines(sb, "", clips, r.split().test(), r.rows(), "the split's test part");
        return sb.toString();
    }

    /**
     * As {@link #predictionsCsv}, for the cross-validation: every clip once, fold by fold, each
     * scored by the fold model that never saw its source video, with a first column {@code fold}
     * (1-based). {@code folds} are the splits the cross-validation ran on, {@link #groupedFolds}
     * of the same clips, fold count and seed. Empty without cross-validation.
     *
     * @throws IllegalArgumentException if {@code folds} are not the folds the result's models were tested on
     */
    public static String cvPredictionsCsv(Result r, ClipFolder clips, List<Split> folds) {
        if (r.cvFolds().isEmpty()) {
            return "";
        }
        List<Architecture> archs = List.copyOf(r.cvFolds().keySet());
        StringBuilder sb = new StringBuilder("fold,clip,source_video,truth");
        appendPredictionHeader(sb, archs);
        for (int k = 0; k < folds.size(); k++) {
            List<Row> rows = new ArrayList<>();
            for (Architecture a : archs) {
                List<Row> f = r.cvFolds().get(a);
                if (f.size() != folds.size()) {
                    throw new IllegalArgumentException(a + " has " + f.size() + " cross-validation folds, expected "
                            + folds.size());
                }
                rows.add(f.get(k));
            }
            predictionLines(sb, (k + 1) + ",", clips, folds.get(k).test(), rows, "fold " + (k + 1) + "'s test part");
        }
        return sb.toString();
    }

    private static void appendPredictionHeader(StringBuilder sb, List<Architecture> archs) {
        for (Architecture a : archs) {
            sb.append(',').append(a).append("_p_fight,").append(a).append("_predicted");
        }
        sb.append('\n');
    }

    /** One line per clip of {@code indices}: {@code prefix}, name, source video, truth, then each row's score and decision. */
    private static void predictionLines(StringBuilder sb, String prefix, ClipFolder clips, List<Integer> indices,
                                        List<Row> rows, String part) {
        String negative = java.util.Objects.requireNonNull(FightClips.normalClass(clips), "a class besides fight");
        List<ClipClassifier.Clip> test = clips.select(indices);
        // ClipEvaluation hands out copies: take each model's truth and scores once, not once per clip
        List<int[]> truths = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (Row row : rows) {
            if (row.test().size() != test.size()) {
                throw new IllegalArgumentException(row.architecture() + " was evaluated on other clips than " + part);
            }
            truths.add(row.test().truth());
            scores.add(row.test().scores());
        }
        for (int i = 0; i < test.size(); i++) {
            ClipClassifier.Clip c = test.get(i);
            String truth = clips.classes().get(c.label());
            sb.append(prefix).append(csvField(c.name())).append(',').append(csvField(c.group())).append(',')
                    .append(csvField(truth));
            for (int m = 0; m < rows.size(); m++) {
                if (truths.get(m)[i] != (truth.equals("fight") ? 1 : 0)) {
                    throw new IllegalArgumentException(rows.get(m).architecture() + " was evaluated on other clips than "
                            + part);
                }
                double p = scores.get(m)[i];
                sb.append(String.format(Locale.ROOT, ",%.6f,%s", p,
                        p >= rows.get(m).test().threshold() ? "fight" : csvField(negative)));
            }
            sb.append('\n');
        }
    }

    /** {@code s} as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    private static String csvField(String s) {
        return s.matches("[^,\"\r\n]*") ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The confusion matrices, one block per model. */
    public static String confusionMatrices(Result r, ClipFolder clips) {
        String negative = java.util.Objects.requireNonNullElse(FightClips.normalClass(clips), "other");
        StringBuilder sb = new StringBuilder();
        for (Row row : r.rows()) {
            sb.append(name(row.architecture())).append(String.format(Locale.ROOT, " (test, %d clips, threshold %.4f)%n",
                    row.test().size(), row.threshold()));
            sb.append(row.test().confusionText(negative)).append('\n');
        }
        return sb.toString();
    }

    /** A grouped bar chart: accuracy, precision, recall, F1 and AUC per model. */
    public static CategoryChart chart(Result r) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(500)
                .title("Surveillance fights: hybrid vs baselines (test split)").xAxisTitle("Model").yAxisTitle("Score")
                .build();
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> names = r.rows().stream().map(x -> name(x.architecture())).toList();
        Map<String, java.util.function.ToDoubleFunction<ClipEvaluation>> metrics = new LinkedHashMap<>();
        metrics.put("Accuracy", ClipEvaluation::accuracy);
        metrics.put("Precision", ClipEvaluation::precision);
        metrics.put("Recall", ClipEvaluation::recall);
        metrics.put("F1", ClipEvaluation::f1);
        metrics.put("ROC AUC", ClipEvaluation::auc);
        metrics.forEach((label, f) -> c.addSeries(label, names,
                r.rows().stream().map(x -> {
                    double v = f.applyAsDouble(x.test());
                    return Double.isNaN(v) ? 0.0 : v;
                }).toList()));
        return c;
    }

    /**
     * Writes {@code comparison.md}, {@code comparison.csv}, {@code predictions.csv} (per test clip,
     * {@link #predictionsCsv}), {@code confusion.txt} and {@code comparison.png} to {@code dir}.
     */
    public static void write(Result r, ClipFolder clips, Path dir) throws IOException {
        write(r, clips, List.of(), dir);
    }

    /**
     * Writes what {@code r} holds to {@code dir}: {@code comparison.md} always; with the split's
     * rows, {@code comparison.csv}, {@code predictions.csv}, {@code confusion.txt} and
     * {@code comparison.png}; with cross-validation, {@code cv-predictions.csv}
     * ({@link #cvPredictionsCsv}, on {@code folds}).
     */
    public static void write(Result r, ClipFolder clips, List<Split> folds, Path dir) throws IOException {
        String cv = cvPredictionsCsv(r, clips, folds); // checked before anything is written
        AtomicFiles.write(dir.resolve("comparison.md"), w -> w.write(markdown(r)));
        if (!r.cvFolds().isEmpty()) {
            AtomicFiles.write(dir.resolve("cv-predictions.csv"), w -> w.write(cv));
        }
        if (r.rows().isEmpty()) {
            return;
        }
        AtomicFiles.write(dir.resolve("comparison.csv"), w -> w.write(csv(r)));
        AtomicFiles.write(dir.resolve("predictions.csv"), w -> w.write(predictionsCsv(r, clips)));
        AtomicFiles.write(dir.resolve("confusion.txt"), w -> w.write(confusionMatrices(r, clips)));
        CategoryChart c = chart(r);
        AtomicFiles.writeBytes(dir.resolve("comparison.png"),
                out -> BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
