package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.StressConditions;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.split.Split;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How a fight classifier holds up when the video is degraded. The inner grouped k-fold
 * cross-validation of {@link HybridSelection} (inside the train and validation parts of the
 * seed's split; the test part is never read) trains one model per fold on clean clips, as
 * {@code train-classifier} would, then classifies the fold's held-out clips clean and under each
 * condition of {@link #conditions(long)}, at the threshold 0.5. The degradations are applied to
 * the model's own input frames (gray, 64x64 by default), so noise of a given sigma here is
 * stronger than the same sigma at the camera's resolution, which downscaling averages away.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar \
 *     io.github.crimeanomaly.examples.fight.FightRobustness ../shared/datasets/surveillance-fight [HYBRID|CNN_ONLY|LSTM_ONLY] [k] [key=value ...]
 * </pre>
 */
public final class FightRobustness {

    /**
     * One condition's figures, each the mean over the folds, at the threshold 0.5.
     *
     * @param condition the condition's name
     * @param accuracy  mean accuracy
     * @param f1        mean F1 of the fight class
     * @param auc       mean ROC AUC
     * @param fpr       mean share of noFight clips classified as fights
     * @param recall    mean share of fights found
     */
    public record Row(String condition, double accuracy, double f1, double auc, double fpr, double recall) {
    }

    private FightRobustness() {
    }

    /**
     * The conditions, in order: {@link StressConditions#standard} with 3 px of blur, at 64x64 about
     * the share of the frame that 9 px is at 180x120.
     */
    public static Map<String, IntFunction<FrameTransform>> conditions(long seed) {
        return StressConditions.standard(seed, 3);
    }

    /** {@code clip} with every raw frame (of format {@code format}) passed through {@code t}. */
    static ClipClassifier.Clip stressed(ClipClassifier.Clip clip, FrameTransform t, FrameFormat format)
            throws IOException {
        return stressed(clip, t, format, false);
    }

    /**
     * {@code clip} with every raw frame (of format {@code format}) passed through {@code t}, then,
     * if {@code conceal}, the clip's frames through a {@link DropoutConcealment}.
     */
    static ClipClassifier.Clip stressed(ClipClassifier.Clip clip, FrameTransform t, FrameFormat format,
                                        boolean conceal) throws IOException {
        float[][] raw = clip.raw();
        List<Frame> frames = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            frames.add(t.apply(Frame.wrap(i, i * 100_000L, format, raw[i].clone())));
        }
        float[][] out = new float[raw.length][];
        try (FrameSource src = conceal ? DropoutConcealment.wrap(FrameSources.of(clip.name(), frames, 10))
                : FrameSources.of(clip.name(), frames, 10)) {
            int i = 0;
            for (var f = src.next(); f.isPresent(); f = src.next()) {
                out[i++] = f.get().pixels();
            }
        }
        return new ClipClassifier.Clip(clip.name(), clip.group(), clip.label(), out);
    }

    /**
     * Runs the k-fold inner cross-validation of {@code arch} with settings {@code s}, evaluating
     * every fold's model under every condition.
     */
    public static List<Row> run(ClipFolder clips, ClipClassifier.Settings s, Architecture arch, int k,
                                Map<String, IntFunction<FrameTransform>> conditions, PrintStream log)
            throws IOException {
        return run(clips, s, arch, k, conditions, false, log);
    }

    /**
     * Like {@link #run(ClipFolder, ClipClassifier.Settings, Architecture, int, Map, PrintStream)},
     * each degraded test clip's frames passed through a {@link DropoutConcealment} if {@code conceal}
     * (training clips stay as they are).
     */
    public static List<Row> run(ClipFolder clips, ClipClassifier.Settings s, Architecture arch, int k,
                                Map<String, IntFunction<FrameTransform>> conditions, boolean conceal,
                                PrintStream log) throws IOException {
        if (k < 3) {
            throw new IllegalArgumentException("k must be >= 3, got " + k);
        }
        ClipFolder inner = HybridSelection.trainAndValidation(clips, s.seed());
        List<Split> folds = FightComparison.groupedFolds(inner, k, s.seed());
        FrameFormat format = s.input().rawFormat();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String c : conditions.keySet()) {
            sums.put(c, new double[5]);
        }
        for (int f = 0; f < folds.size(); f++) {
            Split split = folds.get(f);
            try (HybridModel m = ClipClassifier.build(arch, s, inner.classes(), FightClips.normalClass(inner))) {
                ClipClassifier.train(m, s, inner.select(split.train()), inner.select(split.validation()), null);
                List<ClipClassifier.Clip> test = inner.select(split.test());
                for (Map.Entry<String, IntFunction<FrameTransform>> c : conditions.entrySet()) {
                    List<ClipClassifier.Clip> seen = new ArrayList<>(test.size());
                    for (int i = 0; i < test.size(); i++) {
                        seen.add(stressed(test.get(i), c.getValue().apply(i), format, conceal));
                    }
                    ClipEvaluation e = ClipEvaluation.evaluate(m, seen, inner.classes(), "fight");
                    log.printf(Locale.ROOT, "%s fold %d, %s: %s fpr=%.4f recall=%.4f%n", arch, f, c.getKey(),
                            e.summaryLine(), e.falsePositiveRate(), e.recall());
                    double[] sum = sums.get(c.getKey());
                    sum[0] += e.accuracy();
                    sum[1] += e.f1();
                    sum[2] += e.auc();
                    sum[3] += e.falsePositiveRate();
                    sum[4] += e.recall();
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] v = e.getValue();
            int n = folds.size();
            rows.add(new Row(e.getKey(), v[0] / n, v[1] / n, v[2] / n, v[3] / n, v[4] / n));
        }
        return rows;
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| condition | accuracy | F1 | ROC AUC | FPR | recall |\n"
                + "|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r.condition(),
                    r.accuracy(), r.f1(), r.auc(), r.fpr(), r.recall()));
        }
        return b.toString();
    }

    /**
     * Arguments: the class-folder dataset, the architecture (default HYBRID), k (default 4), then
     * changes to the default settings as {@code key=value} (the keys of {@link HybridSelection}),
     * and optionally the word {@code conceal}: degraded test clips through a {@link DropoutConcealment}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException(
                    "usage: FightRobustness <data> [HYBRID|CNN_ONLY|LSTM_ONLY] [k] [key=value ...]");
        }
        Architecture arch = args.length > 1 ? Architecture.valueOf(args[1]) : Architecture.HYBRID;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> rest = new ArrayList<>(args.length > 3 ? List.of(args).subList(3, args.length) : List.of());
        boolean conceal = rest.remove("conceal");
        ClipClassifier.Settings s = HybridSelection.settings(ClipClassifier.Settings.defaults(arch), rest);
        long t0 = System.nanoTime();
        ClipFolder clips = FightClips.load(Path.of(args[0]), s.input(), true);
        List<Row> rows = run(clips, s, arch, k, conditions(42), conceal, System.err);
        System.out.printf(Locale.ROOT, "%s, inner %d-fold CV (settings %s, seed %d%s), %.0f s%n", arch, k,
                rest.isEmpty() ? "default" : String.join(" ", rest), s.seed(),
                conceal ? ", dropouts concealed" : "", (System.nanoTime() - t0) / 1e9);
        System.out.print(markdown(rows));
    }
}
