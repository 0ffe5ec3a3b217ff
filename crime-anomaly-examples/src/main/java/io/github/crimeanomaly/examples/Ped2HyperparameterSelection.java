package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.SyntheticWalkway;
import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.CellNormalization;
import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.NormalOnlyDetector;
import io.github.crimeanomaly.detect.ScoringOptions;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.detect.internal.ScoreSmoother;
import io.github.crimeanomaly.metrics.Metrics;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses the detectors' hyperparameters on UCSD Ped2 <b>training data only</b> (the test clips
 * are never read): trains on Train001-012, then scores the held-out normal clips Train013-016
 * into which <b>synthetic</b> anomalies were pasted (walkers cut from the same clip, moving
 * across the walkway for 40 frames each: a near one of 10 px at 2 px/frame, about twice walking
 * speed, and a far one of 6 px at 1.2 px/frame in the upper third), and
 * reports the pooled frame AUC for each candidate and smoothing sigma, and the false-alarm rate
 * of the un-smoothed calibrated threshold on the untouched frames.
 */
public final class Ped2HyperparameterSelection {

    private Ped2HyperparameterSelection() {
    }

    /** Candidate name to (sigma to AUC). */
    public static Map<String, Map<Double, Double>> run(Path dataset, List<String> candidates, PrintStream out)
            throws IOException {
        UcsdPedDataset ds = UcsdPedDataset.open(dataset, "UCSDped2");
        List<UcsdPedDataset.Clip> train = ds.trainClips();
        int fitCount = train.size() - 4;
        List<List<Frame>> fit = new ArrayList<>();
        List<List<Frame>> held = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            (i < fitCount ? fit : held).add(readAll(train.get(i)));
        }
        // synthetic anomalies in the held-out clips
        Random rnd = new Random(7);
        List<SyntheticWalkway.Clip> val = new ArrayList<>();
        for (List<Frame> clip : held) {
            int n = clip.size();
            // a near object (10 px, 2 px/frame, lower half) in the first half of the clip and a far
            // one (6 px, 1.2 px/frame, upper third, where walkers are small) in the second half
            int start = 5 + rnd.nextInt(Math.max(1, n / 2 - 45));
            float[] tex = walkerTexture(clip, start, 10);
            SyntheticWalkway.Clip near = SyntheticWalkway.pasteMovingTexture(clip, start, Math.min(n, start + 40),
                    rnd.nextInt(100), 60 + rnd.nextInt(40), tex, 10, 2.0);
            int start2 = n / 2 + rnd.nextInt(Math.max(1, n / 2 - 40));
            float[] tex2 = walkerTexture(clip, start2, 6);
            SyntheticWalkway.Clip far = SyntheticWalkway.pasteMovingTexture(near.frames(), start2,
                    Math.min(n, start2 + 40), rnd.nextInt(100), 10 + rnd.nextInt(25), tex2, 6, 1.2);
            boolean[] labels = far.anomalous();
            for (int t = 0; t < n; t++) {
                labels[t] |= near.anomalous()[t];
            }
            val.add(new SyntheticWalkway.Clip(far.frames(), labels));
        }
        double[] sigmas = {0, 1.5, 3, 5};
        Map<String, Map<Double, Double>> result = new LinkedHashMap<>();
        for (String cand : candidates) {
            long t0 = System.nanoTime();
            List<FrameSource> fitSources = new ArrayList<>();
            for (int i = 0; i < fit.size(); i++) {
                fitSources.add(FrameSources.of("Train" + (i + 1), fit.get(i), 10));
            }
            try (VideoAnomalyDetector d = build(cand, fitSources)) {
                List<double[]> raw = new ArrayList<>();
                long alarms = 0;
                long normalFrames = 0;
                for (int v = 0; v < val.size(); v++) {
                    List<FrameScore> s = new ArrayList<>();
                    d.score(val.get(v).source("held-out " + v), s::add);
                    double[] r = s.stream().mapToDouble(FrameScore::score).toArray();
                    raw.add(r);
                    for (int t = 0; t < r.length; t++) {
                        if (!val.get(v).anomalous()[t]) {
                            normalFrames++;
                            alarms += r[t] >= d.threshold() ? 1 : 0;
                        }
                    }
                }
                Map<Double, Double> aucs = new LinkedHashMap<>();
                StringBuilder line = new StringBuilder();
                for (double sigma : sigmas) {
                    List<Double> all = new ArrayList<>();
                    List<Boolean> lab = new ArrayList<>();
                    for (int v = 0; v < val.size(); v++) {
                        ScoreSmoother sm = new ScoreSmoother(sigma, f -> all.add(f.score()));
                        double[] r = raw.get(v);
                        for (int t = 0; t < r.length; t++) {
                            sm.accept(t, 0, r[t]);
                            lab.add(val.get(v).anomalous()[t]);
                        }
                        sm.finish();
                    }
                    boolean[] l = new boolean[lab.size()];
                    for (int i = 0; i < l.length; i++) {
                        l[i] = lab.get(i);
                    }
                    double auc = Metrics.rocAuc(UcsdPed2Benchmark.asInt(l), all.stream().mapToDouble(Double::doubleValue).toArray());
                    aucs.put(sigma, auc);
                    line.append(String.format(Locale.ROOT, " sigma %.1f: %.4f", sigma, auc));
                }
                result.put(cand, aucs);
                out.printf(Locale.ROOT, "%-28s AUC%s | false alarms %.4f | %.0f s%n", cand, line,
                        (double) alarms / normalFrames, (System.nanoTime() - t0) / 1e9);
            }
        }
        return result;
    }

    private static VideoAnomalyDetector build(String cand, List<FrameSource> fit) throws IOException {
        String[] p = cand.split(":");
        CellNormalization norm = CellNormalization.valueOf(p[1]);
        if (p[0].equals("fd")) {
            FrameDifferenceDetector.Calibrator c = FrameDifferenceDetector.calibrator().cellNormalization(norm)
                    .scoring(ScoringOptions.raw());
            for (int i = 2; i < p.length; i++) {
                String[] kv = p[i].split("=");
                if (!kv[0].equals("floor")) {
                    throw new IllegalArgumentException("unknown candidate setting " + kv[0]);
                }
                c.scaleFloor(Double.parseDouble(kv[1]));
            }
            return c.fit(fit);
        }
        NormalOnlyDetector.Trainer t = NormalOnlyDetector.trainer().cellNormalization(norm)
                .scoring(ScoringOptions.raw()).listener(new ProgressBarListener());
        for (int i = 2; i < p.length; i++) {
            String[] kv = p[i].split("=");
            switch (kv[0]) {
                case "steps" -> t.steps(Integer.parseInt(kv[1]));
                case "epochs" -> t.epochs(Integer.parseInt(kv[1]));
                case "cell" -> t.cellSize(Integer.parseInt(kv[1]));
                case "stride" -> t.cellStride(Integer.parseInt(kv[1]));
                case "scale" -> t.scale(Integer.parseInt(kv[1]));
                case "floor" -> t.scaleFloor(Double.parseDouble(kv[1]));
                default -> throw new IllegalArgumentException("unknown candidate setting " + kv[0]);
            }
        }
        return t.fit(fit);
    }

    /** The size x size region with the most motion around frame t: a walker's texture. */
    private static float[] walkerTexture(List<Frame> clip, int t, int size) {
        Frame a = clip.get(Math.max(0, t - 1));
        Frame b = clip.get(t);
        int w = b.format().width();
        int h = b.format().height();
        float[] pa = a.pixels();
        float[] pb = b.pixels();
        double best = -1;
        int bx = 0;
        int by = 0;
        for (int y = 0; y + size <= h; y += 2) {
            for (int x = 0; x + size <= w; x += 2) {
                double m = 0;
                for (int dy = 0; dy < size; dy++) {
                    for (int dx = 0; dx < size; dx++) {
                        int i = (y + dy) * w + x + dx;
                        m += Math.abs(pb[i] - pa[i]);
                    }
                }
                if (m > best) {
                    best = m;
                    bx = x;
                    by = y;
                }
            }
        }
        float[] tex = new float[size * size];
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                tex[dy * size + dx] = pb[(by + dy) * w + bx + dx];
            }
        }
        return tex;
    }

    private static List<Frame> readAll(UcsdPedDataset.Clip c) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource s = c.open(UcsdPed2Benchmark.FORMAT)) {
            for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
                frames.add(f.get());
            }
        }
        return frames;
    }

    /** Arguments: dataset folder, then candidates like {@code fd:ZSCORE} or {@code nn:QUANTILE:steps=6}. */
    public static void main(String[] args) throws IOException {
        Path dataset = Path.of(args[0]);
        List<String> cands = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("fd:ZSCORE", "fd:QUANTILE", "nn:ZSCORE", "nn:QUANTILE");
        run(dataset, cands, System.out);
    }
}
