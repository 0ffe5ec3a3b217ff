package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.detect.CellNormalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-cell statistics of a raw cell score on normal data, used to normalise each cell by its own
 * normal behaviour ({@link CellNormalization}): perspective makes far cells small and busy paths
 * busier than lawns. Mean and std by Welford in doubles; the 99th percentile from the kept
 * values. The scale (std or percentile) is floored at a fraction of the 90th percentile of the
 * scales over cells (the busy cells' scale), so that cells where something moves only rarely do
 * not turn a normal passer-by into a huge score. Keeps every added frame's cell scores
 * for the percentiles: memory grows with the calibration video ({@code cells} floats a frame).
 */
public final class CellStatistics {

    /** The cell scales are floored at a fraction of this quantile of the scales over cells (busy cells). */
    public static final double FLOOR_REFERENCE_QUANTILE = 0.9;

    private final long[] n;
    private final double[] mean;
    private final double[] m2;
    private final List<float[]> frames = new ArrayList<>();

    /** Empty statistics for {@code cells} cells. */
    public CellStatistics(int cells) {
        n = new long[cells];
        mean = new double[cells];
        m2 = new double[cells];
    }

    /** Quantile used by {@link CellNormalization#QUANTILE}. */
    public static final double QUANTILE = 0.99;

    /** Adds one frame's raw cell scores. */
    public void add(float[] raw) {
        frames.add(raw.clone());
        for (int c = 0; c < mean.length; c++) {
            n[c]++;
            double d = raw[c] - mean[c];
            mean[c] += d / n[c];
            m2[c] += d * (raw[c] - mean[c]);
        }
    }

    /** Number of frames added. */
    public long count() {
        return n.length == 0 ? 0 : n[0];
    }

    /** The frozen normaliser for the given method. */
    public CellNormalizer toNormalizer(CellNormalization method, double floorFraction) {
        if (method == CellNormalization.ZSCORE) {
            return toNormalizer(floorFraction);
        }
        if (count() < 2) {
            throw new IllegalStateException("need at least 2 normal frames to estimate cell statistics, got " + count());
        }
        int cells = mean.length;
        double[] q = new double[cells];
        float[] col = new float[frames.size()];
        for (int c = 0; c < cells; c++) {
            for (int t = 0; t < col.length; t++) {
                col[t] = frames.get(t)[c];
            }
            Arrays.sort(col);
            double pos = QUANTILE * (col.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(col.length - 1, lo + 1);
            q[c] = col[lo] + (pos - lo) * (col[hi] - col[lo]);
        }
        double floor = floor(q, floorFraction);
        float[] zero = new float[cells];
        float[] scale = new float[cells];
        for (int c = 0; c < cells; c++) {
            scale[c] = (float) Math.max(q[c], floor);
        }
        return new CellNormalizer(zero, scale);
    }

    private static double floor(double[] scales, double fraction) {
        double[] sorted = scales.clone();
        Arrays.sort(sorted);
        return Math.max(1e-6, fraction * sorted[(int) Math.floor(FLOOR_REFERENCE_QUANTILE * (sorted.length - 1))]);
    }

    /** The frozen z-score normaliser: per-cell mean and floored std, as floats. */
    public CellNormalizer toNormalizer(double floorFraction) {
        if (count() < 2) {
            throw new IllegalStateException("need at least 2 normal frames to estimate cell statistics, got " + count());
        }
        float[] mu = new float[mean.length];
        float[] sd = new float[mean.length];
        double[] raw = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            mu[c] = (float) mean[c];
            raw[c] = Math.sqrt(m2[c] / (n[c] - 1));
        }
        double floor = floor(raw, floorFraction);
        for (int c = 0; c < mean.length; c++) {
            sd[c] = (float) Math.max(raw[c], floor);
        }
        return new CellNormalizer(mu, sd);
    }
}
