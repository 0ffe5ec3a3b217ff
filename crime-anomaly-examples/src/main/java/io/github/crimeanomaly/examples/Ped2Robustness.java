package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.examples.UcsdPed2Benchmark.ClipResult;
import io.github.crimeanomaly.examples.UcsdPed2Benchmark.Kind;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.StressConditions;
import io.github.crimeanomaly.metrics.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * How a UCSD Ped2 detector holds up when the test video is degraded: trains (or calibrates) the
 * detector once on the clean normal Train clips, as it would be deployed, then scores the Test
 * clips clean and under each stress condition of {@link #conditions(long)} (sensor noise, an
 * object fixed in front of the camera, flickering dropouts, motion blur, darkness, and several of
 * them together) and reports, per condition, the pooled frame AUC, the mean per-clip AUC, the EER, and
 * at the threshold calibrated on clean normal video the share of normal frames flagged (false-
 * positive rate) and of anomalous frames flagged (recall). Nothing is chosen on these figures; they
 * measure the detector as shipped.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar \
 *     io.github.crimeanomaly.examples.Ped2Robustness [dataset-dir] [MOTION_SPEED|MOTION_PREDICTION|FRAME_DIFFERENCE|NORMAL_ONLY] [seed] [conceal]
 * </pre>
 */
public final class Ped2Robustness {

    /**
     * One condition's figures.
     *
     * @param condition   the condition's name
     * @param pooledAuc   frame AUC over all test frames pooled
     * @param meanClipAuc mean AUC over the clips with both classes
     * @param eer         pooled equal error rate
     * @param fpr         share of ground-truth normal frames at or above the detector's threshold
     * @param recall      share of ground-truth anomalous frames at or above the threshold
     * @param frames      frames scored
     */
    public record Row(String condition, double pooledAuc, double meanClipAuc, double eer, double fpr, double recall,
                      int frames) {
    }

    private Ped2Robustness() {
    }

    /** The conditions, in order: {@link StressConditions#standard} with 9 px of blur (5% of 180 px). */
    public static Map<String, IntFunction<FrameTransform>> conditions(long seed) {
        return StressConditions.standard(seed, 9);
    }

    /**
     * Trains {@code kind} with its default settings on the clean Train clips of the
     * {@code UCSDped2} folder under {@code dataset}, then scores the Test clips under every
     * condition named in {@code only} (all of {@link #conditions(long)} when empty).
     *
     * @throws IllegalArgumentException if {@code only} names an unknown condition
     */
    public static List<Row> run(Path dataset, Kind kind, long seed, List<String> only, PrintStream out)
            throws IOException {
        return run(dataset, kind, seed, only, false, out);
    }

    /**
     * Like {@link #run(Path, Kind, long, List, PrintStream)}, every clip, Train and degraded Test,
     * seen through a {@link DropoutConcealment} if {@code conceal}; then each condition's share of
     * concealed pixels is printed.
     */
    public static List<Row> run(Path dataset, Kind kind, long seed, List<String> only, boolean conceal,
                                PrintStream out) throws IOException {
        Map<String, IntFunction<FrameTransform>> all = conditions(seed);
        for (String c : only) {
            if (!all.containsKey(c)) {
                throw new IllegalArgumentException("unknown condition '" + c + "', expected one of " + all.keySet());
            }
        }
        UcsdPedDataset ds = UcsdPedDataset.open(dataset, "UCSDped2");
        List<Row> rows = new ArrayList<>();
        try (VideoAnomalyDetector detector = UcsdPed2Benchmark.obtain(
                new UcsdPed2Benchmark.Options(dataset, Optional.empty(), Optional.empty(), kind), ds, out, conceal)) {
            out.printf(Locale.ROOT, "threshold (calibrated on clean normal Train video): %.4f%n", detector.threshold());
            for (Map.Entry<String, IntFunction<FrameTransform>> c : all.entrySet()) {
                if (!only.isEmpty() && !only.contains(c.getKey())) {
                    continue;
                }
                long[] counts = new long[3];
                List<ClipResult> clips = UcsdPed2Benchmark.scoreTestClips(detector, ds, c.getValue(), c.getKey(),
                        conceal ? Optional.of(counts) : Optional.empty());
                rows.add(row(c.getKey(), clips, detector.threshold()));
                if (conceal) {
                    long pixels = counts[0] * detector.inputFormat().width() * detector.inputFormat().height();
                    out.printf(Locale.ROOT, "%s: dropouts concealed in %d of %d frames, %.4f%% of pixels%n",
                            c.getKey(), counts[1], counts[0], 100.0 * counts[2] / pixels);
                }
            }
        }
        return rows;
    }

    static Row row(String condition, List<ClipResult> clips, double threshold) {
        double[] s = UcsdPed2Benchmark.pooledScores(clips);
        int[] y = UcsdPed2Benchmark.pooledLabels(clips);
        int normal = 0;
        int normalFlagged = 0;
        int anomalous = 0;
        int anomalousFlagged = 0;
        for (int i = 0; i < s.length; i++) {
            boolean flagged = s[i] >= threshold;
            if (y[i] == 1) {
                anomalous++;
                anomalousFlagged += flagged ? 1 : 0;
            } else {
                normal++;
                normalFlagged += flagged ? 1 : 0;
            }
        }
        return new Row(condition, Metrics.rocAuc(y, s), UcsdPed2Benchmark.meanClipAuc(clips),
                Metrics.equalErrorRate(y, s), normal == 0 ? Double.NaN : normalFlagged / (double) normal,
                anomalous == 0 ? Double.NaN : anomalousFlagged / (double) anomalous, s.length);
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder(
                "| condition | pooled AUC | mean clip AUC | EER | FPR at threshold | recall at threshold |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r.condition(),
                    r.pooledAuc(), r.meanClipAuc(), r.eer(), r.fpr(), r.recall()));
        }
        return b.toString();
    }

    /**
     * Runs with the dataset folder (default {@code <crimeanomaly.shared>/datasets/ucsd-ped2}), the
     * detector kind (default {@code MOTION_SPEED}), the seed of the random conditions (default 42)
     * and, optionally, {@code conceal}: every clip through a {@link DropoutConcealment}.
     */
    public static void main(String[] args) throws IOException {
        Path dataset = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("crimeanomaly.shared", "../shared"), "datasets", "ucsd-ped2");
        Kind kind = args.length > 1 ? Kind.valueOf(args[1]) : Kind.MOTION_SPEED;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        boolean conceal = args.length > 3 && parseConceal(args[3]);
        long t0 = System.nanoTime();
        List<Row> rows = run(dataset, kind, seed, List.of(), conceal, System.out);
        System.out.printf(Locale.ROOT, "%s on %s, %d test frames per condition, seed %d%s, %.0f s%n", kind, dataset,
                rows.get(0).frames(), seed, conceal ? ", dropouts concealed" : "", (System.nanoTime() - t0) / 1e9);
        System.out.print(markdown(rows));
    }

    private static boolean parseConceal(String arg) {
        if (!arg.equals("conceal")) {
            throw new IllegalArgumentException("expected 'conceal' as the fourth argument, got '" + arg + "'");
        }
        return true;
    }
}
