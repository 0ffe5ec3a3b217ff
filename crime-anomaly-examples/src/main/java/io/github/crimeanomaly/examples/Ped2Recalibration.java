package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What recalibrating a detector's threshold on busier footage of its camera buys and costs
 * ({@link Detectors#thresholdFor}, {@code crime-anomaly calibrate}), on real UCSD Ped2 frames. The
 * detector trains on Train005-016; Train001-003 are about twice as busy (twice the pixels changing
 * from frame to frame). It is then recalibrated (1% of frames) on Train001, a busy clip, and
 * measured, before and after, on Train002-003 (busy, never seen), on Train004 (quiet, never seen) and
 * on the labelled Test clips (the anomalous frames it still flags, and the normal ones). Nothing
 * is chosen on these figures.
 *
 * <p>Arguments: the dataset folder (containing {@code UCSDped2}), optionally the detector
 * ({@code MOTION_PREDICTION}, the default, or {@code MOTION_SPEED}) and the seed (42).
 */
public final class Ped2Recalibration {

    private Ped2Recalibration() {
    }

    /** Frames at or above the threshold, and frames, of the given clips (labels: null for all frames). */
    private record Count(long flagged, long frames) {
        double share() {
            return frames == 0 ? Double.NaN : (double) flagged / frames;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.1f%% (%d of %d)", 100 * share(), flagged, frames);
        }
    }

    /** Scores of every frame of each clip. */
    private static List<double[]> scores(VideoAnomalyDetector d, List<UcsdPedDataset.Clip> clips) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (UcsdPedDataset.Clip c : clips) {
            try (FrameSource s = c.open(UcsdPed2Benchmark.FORMAT)) {
                out.add(d.detect(s).frames().stream().mapToDouble(FrameScore::score).toArray());
            }
        }
        return out;
    }

    /** Frames at or above {@code t}; with {@code labels}, only those whose label is {@code want}. */
    private static Count count(List<double[]> scores, List<boolean[]> labels, boolean want, double t) {
        long flagged = 0;
        long n = 0;
        for (int c = 0; c < scores.size(); c++) {
            double[] s = scores.get(c);
            for (int i = 0; i < s.length; i++) {
                if (labels == null || labels.get(c)[i] == want) {
                    n++;
                    flagged += s[i] >= t ? 1 : 0;
                }
            }
        }
        return new Count(flagged, n);
    }

    /** Runs the measurement and prints its table. */
    public static void run(Path dataset, String kind, long seed, PrintStream out) throws IOException {
        UcsdPedDataset ds = UcsdPedDataset.open(dataset, "UCSDped2");
        List<UcsdPedDataset.Clip> train = ds.trainClips();
        if (train.size() < 16) {
            throw new IllegalArgumentException("expected the 16 UCSD Ped2 Train clips, got " + train.size());
        }
        List<FrameSource> fit = new ArrayList<>();
        for (UcsdPedDataset.Clip c : train.subList(4, 16)) {
            fit.add(c.open(UcsdPed2Benchmark.FORMAT));
        }
        long t0 = System.nanoTime();
        try (VideoAnomalyDetector d = kind.equals("MOTION_SPEED")
                ? UcsdPed2Benchmark.motionSpeedCalibrator("").fit(fit)
                : UcsdPed2Benchmark.motionPredictionTrainer("seed=" + seed).fit(fit)) {
            out.printf(Locale.ROOT, "%s trained on Train005-016 in %.0f s%n", kind, (System.nanoTime() - t0) / 1e9);
            List<FrameSource> busy = new ArrayList<>();
            busy.add(train.get(0).open(UcsdPed2Benchmark.FORMAT));
            double own = d.threshold();
            double raised;
            try {
                raised = Math.max(own, Detectors.thresholdFor(d, busy, 0.01));
            } finally {
                busy.get(0).close();
            }
            List<double[]> busyHeld = scores(d, train.subList(1, 3));
            List<double[]> quietHeld = scores(d, train.subList(3, 4));
            List<UcsdPedDataset.Clip> test = ds.testClips().stream().filter(UcsdPedDataset.Clip::isLabelled).toList();
            List<double[]> testScores = scores(d, test);
            List<boolean[]> testLabels = test.stream().map(UcsdPedDataset.Clip::labels).toList();
            out.printf(Locale.ROOT, "threshold: trained %.4f, recalibrated on Train001 (1%% of its frames) %.4f%n", own, raised);
            out.println("| frames flagged | trained threshold | recalibrated on Train001 |");
            out.println("|---|---|---|");
            out.printf(Locale.ROOT, "| Train002-003 (busy, unseen) | %s | %s |%n", count(busyHeld, null, true, own),
                    count(busyHeld, null, true, raised));
            out.printf(Locale.ROOT, "| Train004 (quiet, unseen) | %s | %s |%n", count(quietHeld, null, true, own),
                    count(quietHeld, null, true, raised));
            out.printf(Locale.ROOT, "| Test clips, normal frames | %s | %s |%n", count(testScores, testLabels, false, own),
                    count(testScores, testLabels, false, raised));
            out.printf(Locale.ROOT, "| Test clips, anomalous frames (recall) | %s | %s |%n",
                    count(testScores, testLabels, true, own), count(testScores, testLabels, true, raised));
        }
    }

    /** Arguments: dataset folder, optionally MOTION_PREDICTION (default) or MOTION_SPEED, and the seed. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Ped2Recalibration <dir containing UCSDped2> [MOTION_PREDICTION|MOTION_SPEED] [seed]");
            System.exit(2);
        }
        String kind = args.length > 1 ? args[1].toUpperCase(Locale.ROOT) : "MOTION_PREDICTION";
        if (!kind.equals("MOTION_PREDICTION") && !kind.equals("MOTION_SPEED")) {
            throw new IllegalArgumentException("expected MOTION_PREDICTION or MOTION_SPEED, got " + args[1]);
        }
        run(Path.of(args[0]), kind, args.length > 2 ? Long.parseLong(args[2]) : 42, System.out);
    }
}
