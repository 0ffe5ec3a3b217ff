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
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.FrameTransforms;
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
 *
 * <p>That first proxy ({@link Proxy#WALKERS}) scored ~0.98 for every candidate and did not predict
 * the test ranking. {@code --proxy=fast-objects} pastes deforming walker silhouettes (no box) at
 * bicycle speed into the held-out clips, one of which is anomalous from its first frame to its
 * last, and {@code --fold=0..3} chooses which four Train clips are held out (run all four and
 * average). Candidates: {@code fd:QUANTILE:floor=0.35}, {@code nn:QUANTILE:steps=6},
 * {@code ms:QUANTILE:agg=MEAN:ratio=0.7} (motion speed).
 */
public final class Ped2HyperparameterSelection {

    private Ped2HyperparameterSelection() {
    }

    /** Which synthetic anomalies are pasted into the held-out clips. */
    public enum Proxy {
        /** Two walkers per clip at about twice walking speed (the first proxy; every candidate scored ~0.98). */
        WALKERS,
        /**
         * Walker silhouettes (foreground pixels only, no box, deforming as the walker walks) moved at
         * bicycle speed: 1.5x zoomed (cyclist-sized) at 2.5-4 px/frame near the camera, unzoomed
         * at 1.5-2.5 px/frame far away (3-5x walking speed at 180x120); a 2x zoomed one (cart-sized)
         * at 1.5 px/frame; and one held-out clip with a cyclist-sized fast object
         * fast object from its first frame to its last, so that the pooled AUC rewards scores that
         * are comparable across clips.
         */
        FAST_OBJECTS,
        /**
         * Real footage played faster: in a full-width band a third of the frame high, placed where
         * the held-out clip moves most, frame t shows the band of frame s + k(t - s), so the real
         * walkers in it move k = 2 or 3 times faster (cyclist and skateboarder speeds) for 30 frames,
         * twice per clip; the last held-out clip has such a band (k = 2) from its first frame to its
         * last. Unlike {@link #FAST_OBJECTS} nothing is drawn: the anomalous pixels are real
         * walkers with their real texture, noise and block-matching failures (after the
         * skip-frame pseudo-anomalies of Astrid et al., BMVC 2021).
         */
        SPEED_UP
    }

    /** Candidate name to (sigma to AUC), on the {@link Proxy#WALKERS} proxy. */
    public static Map<String, Map<Double, Double>> run(Path dataset, List<String> candidates, PrintStream out)
            throws IOException {
        return run(dataset, candidates, Proxy.WALKERS, 3, out);
    }

    /**
     * Candidate name to (sigma to AUC).
     *
     * @param fold which four consecutive Train clips are held out: 0 (Train001-004) to 3
     *             (Train013-016, the original split); the others are fitted on
     */
    public static Map<String, Map<Double, Double>> run(Path dataset, List<String> candidates, Proxy proxy, int fold,
                                                       PrintStream out) throws IOException {
        return run(dataset, candidates, proxy, fold, false, out);
    }

    /**
     * Candidate name to (sigma to AUC).
     *
     * @param fold      which four consecutive Train clips are held out (see above)
     * @param nuisance  whether each held-out clip, normal and anomalous frames alike, is also
     *                  degraded by one of: nothing, Gaussian noise (sigma 0.01), horizontal motion
     *                  blur (3 px), brighter and more contrast (+0.05, x1.2), rotating with the
     *                  fold, so that the pooled AUC also rewards scores that stay comparable across
     *                  cameras and conditions (the robustness the library promises)
     */
    public static Map<String, Map<Double, Double>> run(Path dataset, List<String> candidates, Proxy proxy, int fold,
                                                       boolean nuisance, PrintStream out) throws IOException {
        return run(dataset, candidates, proxy, fold, nuisance, 0, out);
    }

    /**
     * As {@link #run(Path, List, Proxy, int, boolean, PrintStream)}; with {@code blur > 0} every
     * held-out clip, anomalies included, is then also blurred horizontally by {@code blur} pixels
     * ({@link FrameTransforms#motionBlur}), as the robustness table's blur condition: what a
     * detector calibrated on sharp video meets on a blurred camera, on training data only.
     */
    public static Map<String, Map<Double, Double>> run(Path dataset, List<String> candidates, Proxy proxy, int fold,
                                                       boolean nuisance, int blur, PrintStream out) throws IOException {
        if (blur < 0) {
            throw new IllegalArgumentException("blur must be >= 0 pixels, got " + blur);
        }
        UcsdPedDataset ds = UcsdPedDataset.open(dataset, "UCSDped2");
        List<UcsdPedDataset.Clip> train = ds.trainClips();
        if (fold < 0 || 4 * fold + 4 > train.size()) {
            throw new IllegalArgumentException("fold must be in [0, " + (train.size() / 4 - 1) + "], got " + fold);
        }
        List<List<Frame>> fit = new ArrayList<>();
        List<List<Frame>> held = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            (i >= 4 * fold && i < 4 * fold + 4 ? held : fit).add(readAll(train.get(i)));
        }
        // synthetic anomalies in the held-out clips
        Random rnd = new Random(7);
        List<SyntheticWalkway.Clip> val = switch (proxy) {
            case FAST_OBJECTS -> fastObjects(held);
            case SPEED_UP -> speedUp(held);
            case WALKERS -> new ArrayList<>();
        };
        for (List<Frame> clip : proxy == Proxy.WALKERS ? held : List.<List<Frame>>of()) {
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
        if (nuisance) {
            for (int c = 0; c < val.size(); c++) {
                FrameTransform tf = switch ((c + fold) % 4) {
                    case 0 -> null;
                    case 1 -> FrameTransforms.gaussianNoise(0.01, 100 + c);
                    case 2 -> FrameTransforms.motionBlur(3, 0);
                    default -> FrameTransforms.brightness(0.05, 1.2);
                };
                if (tf != null) {
                    val.set(c, degraded(val.get(c), tf));
                    System.err.println("held-out clip " + c + ": " + tf);
                }
            }
        }
        if (blur > 0) {
            FrameTransform tf = FrameTransforms.motionBlur(blur, 0);
            val.replaceAll(clip -> degraded(clip, tf));
            System.err.println("every held-out clip: " + tf);
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
        if (p[0].equals("mp")) {
            // motion prediction: the rest are its settings (no cell normalisation choice; sigma swept here)
            String settings = String.join(":", java.util.Arrays.asList(p).subList(2, p.length));
            return UcsdPed2Benchmark.motionPredictionTrainer(settings).scoring(ScoringOptions.raw())
                    .listener(new ProgressBarListener()).fit(fit);
        }
        if (p[0].equals("ms")) {
            // the rest of the candidate are motion-speed settings (sigma is swept here, so raw scoring)
            String settings = String.join(":", java.util.Arrays.asList(p).subList(2, p.length));
            return UcsdPed2Benchmark.motionSpeedCalibrator(settings).cellNormalization(norm)
                    .scoring(ScoringOptions.raw()).fit(fit);
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

    /**
     * The {@link Proxy#FAST_OBJECTS} validation clips: <b>synthetic</b> anomalies (real walker
     * textures from the same clip, moved rigidly) pasted into the held-out normal clips; the last
     * clip is covered by a fast object from its first frame to its last.
     */
    static List<SyntheticWalkway.Clip> fastObjects(List<List<Frame>> held) {
        Random rnd = new Random(11);
        List<SyntheticWalkway.Clip> val = new ArrayList<>();
        for (int c = 0; c < held.size(); c++) {
            List<Frame> clip = held.get(c);
            int n = clip.size();
            float[] bg = medianBackground(clip);
            boolean[] labels = new boolean[n];
            List<Frame> frames = clip;
            if (c == held.size() - 1) {
                // fully anomalous clip: a fast near object through the whole clip (wrapping at the border)
                frames = pasteObject(frames, bg, 0, n, rnd.nextInt(100), 50 + rnd.nextInt(50), 16, 1.5,
                        2.5 + rnd.nextDouble() * 1.5, labels);
                val.add(new SyntheticWalkway.Clip(frames, labels));
                continue;
            }
            // three 30-frame events in thirds of the clip: near fast, far fast, big and a bit fast
            int third = n / 3;
            int[] sizes = {16, 10, 16};
            // a cyclist is about a walker and a half (rider and bicycle); a cart or car about twice
            double[] zooms = {1.5, 1, 2};
            for (int e = 0; e < 3; e++) {
                int start = e * third + 3 + rnd.nextInt(Math.max(1, third - 36));
                double speed = switch (e) {
                    case 0 -> 2.5 + rnd.nextDouble() * 1.5;
                    case 1 -> 1.5 + rnd.nextDouble();
                    default -> 1.5;
                };
                int y0 = switch (e) {
                    case 0 -> 60 + rnd.nextInt(40);
                    case 1 -> 10 + rnd.nextInt(25);
                    default -> 40 + rnd.nextInt(50);
                };
                frames = pasteObject(frames, bg, start, Math.min(n, start + 30), rnd.nextInt(100), y0, sizes[e],
                        zooms[e], speed, labels);
            }
            val.add(new SyntheticWalkway.Clip(frames, labels));
        }
        return val;
    }

    /**
     * The {@link Proxy#SPEED_UP} validation clips: real walkers played 2-3x faster in a band of
     * each held-out normal clip (see there); the last clip is sped up from its first frame to its last.
     */
    static List<SyntheticWalkway.Clip> speedUp(List<List<Frame>> held) {
        Random rnd = new Random(13);
        List<SyntheticWalkway.Clip> val = new ArrayList<>();
        for (int c = 0; c < held.size(); c++) {
            List<Frame> clip = held.get(c);
            int n = clip.size();
            int h = clip.get(0).format().height();
            int band = h / 3;
            boolean[] labels = new boolean[n];
            List<Frame> frames = new ArrayList<>(clip);
            if (c == held.size() - 1) {
                int y = busiestBand(clip, 0, n, band);
                for (int t = 0; t < n; t++) {
                    frames.set(t, withBand(frames.get(t), clip.get((2 * t) % n), y, band));
                    labels[t] = true;
                }
            } else {
                // two 30-frame events, one in each half of the clip
                int len = 30;
                for (int e = 0; e < 2; e++) {
                    int k = 2 + rnd.nextInt(2);
                    int lo = e * n / 2;
                    int hi = Math.min(n - k * len, lo + n / 2 - len);
                    int s = hi <= lo ? Math.max(0, n - k * len) : lo + rnd.nextInt(hi - lo);
                    int y = busiestBand(clip, s, Math.min(n, s + k * len), band);
                    for (int t = s; t < s + len && t < n; t++) {
                        frames.set(t, withBand(frames.get(t), clip.get(Math.min(n - 1, s + k * (t - s))), y, band));
                        labels[t] = true;
                    }
                    System.err.printf(Locale.ROOT, "speed-up event: frames %d-%d, band y=%d, %dx%n", s, s + len - 1, y, k);
                }
            }
            val.add(new SyntheticWalkway.Clip(frames, labels));
        }
        return val;
    }

    /** Top row of the full-width band of the given height with the most frame-difference motion over frames [from, to). */
    private static int busiestBand(List<Frame> clip, int from, int to, int band) {
        int w = clip.get(0).format().width();
        int h = clip.get(0).format().height();
        double[] rows = new double[h];
        for (int t = Math.max(1, from); t < to; t++) {
            float[] a = clip.get(t - 1).pixels();
            float[] b = clip.get(t).pixels();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    rows[y] += Math.abs(b[y * w + x] - a[y * w + x]);
                }
            }
        }
        int best = 0;
        double bestSum = -1;
        for (int y = 0; y + band <= h; y++) {
            double sum = 0;
            for (int r = y; r < y + band; r++) {
                sum += rows[r];
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = y;
            }
        }
        return best;
    }

    /** {@code base} with rows [y, y + band) taken from {@code src}. */
    private static Frame withBand(Frame base, Frame src, int y, int band) {
        int w = base.format().width();
        float[] px = base.pixels();
        System.arraycopy(src.pixels(), y * w, px, y * w, band * w);
        return Frame.wrap(base.index(), base.timestampMicros(), base.format(), px);
    }

    /**
     * Pastes the foreground pixels (those differing from the clip's median background by more than
     * 0.08), zoomed by {@code zoom}, of the most moving size x size region at frame {@code start}, moving right at
     * {@code speed} px/frame from (x0, y0) over frames [start, end): a real walker's silhouette
     * without the box around it, so that its frame difference is that of a walker of that size.
     */
    private static List<Frame> pasteObject(List<Frame> frames, float[] bg, int start, int end, int x0, int y0,
                                           int size, double zoom, double speed, boolean[] labels) {
        // the object: a walker, the most moving region over every 5th frame of the clip, followed
        // from frame to frame so that it deforms (legs, arms) as real objects do
        int[] at = null;
        int from = 0;
        for (int t = 1; t < frames.size(); t += 5) {
            int[] cand = mostMoving(frames, t, size, 0, 0, Integer.MAX_VALUE);
            if (at == null || cand[2] > at[2]) {
                at = cand;
                from = t;
            }
        }
        int n = frames.size();
        int w = frames.get(0).format().width();
        int h = frames.get(0).format().height();
        List<Frame> out = new ArrayList<>(frames);
        int side = (int) Math.round(size * zoom);
        int span = Math.max(1, w - side);
        int top = Math.min(y0, h - side);
        int fg = 0;
        for (int t = start; t < end; t++) {
            int srcT = 1 + (from - 1 + (t - start)) % (n - 1);
            if (t > start) {
                at = mostMoving(frames, srcT, size, at[0], at[1], 4);
            }
            float[] src = frames.get(srcT).pixels();
            Frame f = frames.get(t);
            float[] px = f.pixels();
            int x = (int) ((x0 + Math.round((t - start) * speed)) % span);
            for (int dy = 0; dy < side; dy++) {
                for (int dx = 0; dx < side; dx++) {
                    // nearest-neighbour zoom of the tracked region
                    int i = (at[1] + (int) (dy / zoom)) * w + at[0] + (int) (dx / zoom);
                    if (Math.abs(src[i] - bg[i]) > 0.08f) {
                        px[(top + dy) * w + x + dx] = src[i];
                        fg += t == start ? 1 : 0;
                    }
                }
            }
            out.set(t, Frame.wrap(f.index(), f.timestampMicros(), f.format(), px));
            labels[t] = true;
        }
        System.err.printf(Locale.ROOT, "synthetic object: %d of %d pixels foreground, %.1f px/frame%n", fg,
                side * side, speed);
        return out;
    }

    /** Per-pixel temporal median of a gray clip (every 4th frame). */
    private static float[] medianBackground(List<Frame> clip) {
        int size = clip.get(0).format().size();
        List<float[]> sample = new ArrayList<>();
        for (int t = 0; t < clip.size(); t += 4) {
            sample.add(clip.get(t).pixels());
        }
        float[] bg = new float[size];
        float[] col = new float[sample.size()];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < col.length; k++) {
                col[k] = sample.get(k)[i];
            }
            java.util.Arrays.sort(col);
            bg[i] = col[col.length / 2];
        }
        return bg;
    }

    /** Within {@code reach} px of (cx, cy): top-left (x, y) of the size x size region, and its motion (x1000),  with the most motion around frame t. */
    private static int[] mostMoving(List<Frame> clip, int t, int size, int cx, int cy, int reach) {
        float[] pa = clip.get(Math.max(0, t - 1)).pixels();
        float[] pb = clip.get(t).pixels();
        int w = clip.get(t).format().width();
        int h = clip.get(t).format().height();
        double best = -1;
        int[] at = {cx, cy, 0};
        int step = reach == Integer.MAX_VALUE ? 2 : 1;
        for (int y = Math.max(0, cy - reach); y + size <= h && y <= cy + (long) reach; y += step) {
            for (int x = Math.max(0, cx - reach); x + size <= w && x <= cx + (long) reach; x += step) {
                double m = 0;
                for (int dy = 0; dy < size; dy++) {
                    for (int dx = 0; dx < size; dx++) {
                        int i = (y + dy) * w + x + dx;
                        m += Math.abs(pb[i] - pa[i]);
                    }
                }
                if (m > best) {
                    best = m;
                    at = new int[] {x, y, (int) (m * 1000)};
                }
            }
        }
        return at;
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

    /** {@code clip} with {@code tf} applied to every frame, its labels kept. */
    private static SyntheticWalkway.Clip degraded(SyntheticWalkway.Clip clip, FrameTransform tf) {
        List<Frame> out = new ArrayList<>(clip.frames().size());
        for (Frame f : clip.frames()) {
            out.add(tf.apply(f));
        }
        return new SyntheticWalkway.Clip(out, clip.anomalous());
    }

    /** Arguments: dataset folder, optionally {@code --proxy=fast-objects|speed-up}, {@code --fold=0..3}, {@code --nuisance=true} and {@code --blur=<px>}, then candidates like {@code fd:ZSCORE} or {@code nn:QUANTILE:steps=6}. */
    public static void main(String[] args) throws IOException {
        Path dataset = Path.of(args[0]);
        Proxy proxy = Proxy.WALKERS;
        int fold = 3;
        boolean nuisance = false;
        int blur = 0;
        int first = 1;
        for (; first < args.length && args[first].startsWith("--"); first++) {
            String[] kv = args[first].substring(2).split("=", 2);
            switch (kv[0]) {
                case "proxy" -> proxy = Proxy.valueOf(kv[1].toUpperCase(Locale.ROOT).replace('-', '_'));
                case "fold" -> fold = Integer.parseInt(kv[1]);
                case "nuisance" -> nuisance = Boolean.parseBoolean(kv[1]);
                case "blur" -> blur = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option --" + kv[0]);
            }
        }
        List<String> cands = args.length > first ? List.of(args).subList(first, args.length)
                : List.of("fd:ZSCORE", "fd:QUANTILE", "nn:ZSCORE", "nn:QUANTILE");
        run(dataset, cands, proxy, fold, nuisance, blur, System.out);
    }
}
