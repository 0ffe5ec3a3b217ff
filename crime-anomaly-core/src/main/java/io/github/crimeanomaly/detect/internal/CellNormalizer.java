package io.github.crimeanomaly.detect.internal;

import java.util.Arrays;

/**
 * Frozen per-cell mean and std; turns raw cell scores into a frame score: the maximum over cells
 * of the cell's z-score. Immutable.
 *
 * @param mean per-cell mean on normal data
 * @param std  per-cell standard deviation (floored, &gt; 0)
 */
public record CellNormalizer(float[] mean, float[] std) {

    /** Validates and copies. */
    public CellNormalizer {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std must have the same, non-zero length, got "
                    + mean.length + " and " + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("cell " + i + ": expected finite mean and std > 0, got "
                        + mean[i] + ", " + std[i]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Number of cells. */
    public int cells() {
        return mean.length;
    }

    /** The frame score: max over cells of {@code (raw - mean) / std}. */
    public double frameScore(float[] raw) {
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < mean.length; c++) {
            double z = (raw[c] - mean[c]) / std[c];
            if (z > best) {
                best = z;
            }
        }
        return best;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellNormalizer n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "CellNormalizer[" + mean.length + " cells]";
    }
}
