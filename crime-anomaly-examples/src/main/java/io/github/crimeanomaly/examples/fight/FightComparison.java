package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.internal.AtomicFiles;
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
 *
 * <p>Run: {@code ./crime-anomaly compare --data ../shared/datasets/surveillance-fight --out target/compare}
 * or {@code main(dataDir, outDir)}.
 */
public final class FightComparison {

    /** The three architectures, in table order. */
    public static final List<Architecture> ARCHITECTURES =
            List.of(Architecture.HYBRID, Architecture.CNN_ONLY, Architecture.LSTM_ONLY);

    /**
     * One model's result on one test part.
     *
     * @param architecture the architecture
     * @param test         figures on the test part
     * @param bestEpoch    the epoch kept (1-based), chosen on validation
     * @param trainSeconds training time
     * @param params       number of parameters
     */
    public record Row(Architecture architecture, ClipEvaluation test, int bestEpoch, double trainSeconds,
                      long params) {
    }

    /**
     * The comparison.
     *
     * @param split      the clip indices of each part
     * @param rows       one per architecture
     * @param cvMeans    per architecture, mean accuracy, F1 and AUC over the cross-validation folds
     *                   (empty without cross-validation)
     * @param seconds    total wall-clock seconds
     */
    public record Result(Split split, List<Row> rows, Map<Architecture, double[]> cvMeans, double seconds) {
    }

    private FightComparison() {
    }

    /** Runs the comparison on the dataset in {@code args[0]}, writing to {@code args[1]} (default target/compare). */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/datasets/surveillance-fight");
        Path out = Path.of(args.length > 1 ? args[1] : "target/compare");
        FightClassifier.Settings s = FightClassifier.Settings.DEFAULT;
        FightClips clips = FightClips.load(data, s.input(), true);
        Result r = run(clips, s, ARCHITECTURES, 0, () -> null, System.out);
        write(r, clips, out);
        System.out.println(markdown(r));
    }

    /** The required split: stratified by class, grouped by source video, 70/20/10, seeded. */
    public static Split split(FightClips clips, long seed) {
        return Splits.stratifiedGrouped(clips.groups(), clips.labelNames(), SplitRatios.DEFAULT, seed);
    }

    /**
     * Trains and tests every architecture on the split, then (if {@code folds >= 3}) runs the
     * grouped cross-validation.
     *
     * @param listeners a fresh training listener per training run (may supply null)
     * @param log       where to print progress lines
     */
    public static Result run(FightClips clips, FightClassifier.Settings s, List<Architecture> archs, int folds,
                             Supplier<TrainingListener> listeners, PrintStream log) throws IOException {
        return run(clips, s, archs, folds, true, listeners, log);
    }

    /**
     * As {@link #run(FightClips, FightClassifier.Settings, List, int, Supplier, PrintStream)}; with
     * {@code withSplit} false only the cross-validation runs (the result then has no rows).
     */
    public static Result run(FightClips clips, FightClassifier.Settings s, List<Architecture> archs, int folds,
                             boolean withSplit, Supplier<TrainingListener> listeners, PrintStream log)
            throws IOException {
        long t0 = System.nanoTime();
        Split split = split(clips, s.seed());
        log.printf(Locale.ROOT, "split by source video: train %d, validation %d, test %d clips%n",
                split.trainSize(), split.validationSize(), split.testSize());
        List<Row> rows = new ArrayList<>();
        for (Architecture a : withSplit ? archs : List.<Architecture>of()) {
            rows.add(trainAndTest(clips, s, a, split, listeners.get(), log));
        }
        Map<Architecture, double[]> cv = new LinkedHashMap<>();
        if (folds >= 3) {
            List<Split> splits = groupedFolds(clips, folds, s.seed());
            for (Architecture a : archs) {
                double[] sum = new double[3];
                for (int k = 0; k < splits.size(); k++) {
                    log.printf(Locale.ROOT, "cross-validation %s fold %d/%d%n", a, k + 1, splits.size());
                    Row r = trainAndTest(clips, s, a, splits.get(k), listeners.get(), log);
                    sum[0] += r.test().accuracy();
                    sum[1] += r.test().f1();
                    sum[2] += r.test().auc();
                }
                for (int j = 0; j < 3; j++) {
                    sum[j] /= splits.size();
                }
                cv.put(a, sum);
                log.printf(Locale.ROOT, "cross-validation %s mean: accuracy=%.4f f1=%.4f auc=%.4f%n", a, sum[0],
                        sum[1], sum[2]);
            }
        }
        return new Result(split, rows, cv, (System.nanoTime() - t0) / 1e9);
    }

    /** Trains {@code arch} on the split's train part, best epoch on validation, scores the test part. */
    public static Row trainAndTest(FightClips clips, FightClassifier.Settings s, Architecture arch, Split split,
                                   TrainingListener listener, PrintStream log) throws IOException {
        try (HybridModel m = FightClassifier.build(arch, s, clips.classes())) {
            TrainingReport r = FightClassifier.train(m, s, clips.select(split.train()), clips.select(split.validation()),
                    listener);
            ClipEvaluation e = FightClassifier.evaluate(m, clips.select(split.test()), clips.classes(), "fight");
            log.printf(Locale.ROOT, "%s: best epoch %d (val loss %.4f), %.0f s; test %s%n", arch, r.bestEpoch() + 1,
                    r.best().map(x -> x.validationLoss()).orElse(Double.NaN), r.seconds(), e.summaryLine());
            return new Row(arch, e, r.bestEpoch() + 1, r.seconds(), m.summary().parameters());
        }
    }

    /**
     * {@code k} folds of whole source-video groups, balanced by class (groups shuffled with the
     * seed, each added to the fold with the fewest clips of its majority class); split {@code i}
     * tests on fold i, validates on fold i+1 and trains on the rest.
     */
    public static List<Split> groupedFolds(FightClips clips, int k, long seed) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < clips.clips().size(); i++) {
            byGroup.computeIfAbsent(clips.clips().get(i).group(), g -> new ArrayList<>()).add(i);
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

    private static String name(Architecture a) {
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
            sb.append("| Model | Accuracy | Precision | Recall | F1 | FPR | MSE | ROC AUC | Best epoch | Params | Train s |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row row : r.rows()) {
                ClipEvaluation e = row.test();
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %d | %d | %.0f |%n",
                        name(row.architecture()), e.accuracy(), e.precision(), e.recall(), e.f1(), e.falsePositiveRate(),
                        e.mse(), e.auc(), row.bestEpoch(), row.params(), row.trainSeconds()));
            }
        }
        if (!r.cvMeans().isEmpty()) {
            sb.append("\n| Model | CV mean accuracy | CV mean F1 | CV mean ROC AUC |\n|---|---|---|---|\n");
            r.cvMeans().forEach((a, m) -> sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n",
                    name(a), m[0], m[1], m[2])));
        }
        return sb.toString();
    }

    /** The table as CSV. */
    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder("model,architecture,accuracy,precision,recall,f1,fpr,mse,roc_auc,best_epoch,params,train_seconds,test_clips\n");
        for (Row row : r.rows()) {
            ClipEvaluation e = row.test();
            sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d,%.1f,%d%n",
                    name(row.architecture()), row.architecture(), e.accuracy(), e.precision(), e.recall(), e.f1(),
                    e.falsePositiveRate(), e.mse(), e.auc(), row.bestEpoch(), row.params(), row.trainSeconds(), e.size()));
        }
        return sb.toString();
    }

    /** The confusion matrices, one block per model. */
    public static String confusionMatrices(Result r, FightClips clips) {
        String negative = clips.classes().stream().filter(c -> !c.equals("fight")).findFirst().orElse("other");
        StringBuilder sb = new StringBuilder();
        for (Row row : r.rows()) {
            sb.append(name(row.architecture())).append(" (test, ").append(row.test().size()).append(" clips)\n");
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

    /** Writes {@code comparison.md}, {@code comparison.csv}, {@code confusion.txt} and {@code comparison.png} to {@code dir}. */
    public static void write(Result r, FightClips clips, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("comparison.md"), w -> w.write(markdown(r)));
        AtomicFiles.write(dir.resolve("comparison.csv"), w -> w.write(csv(r)));
        AtomicFiles.write(dir.resolve("confusion.txt"), w -> w.write(confusionMatrices(r, clips)));
        CategoryChart c = chart(r);
        AtomicFiles.writeBytes(dir.resolve("comparison.png"),
                out -> BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
