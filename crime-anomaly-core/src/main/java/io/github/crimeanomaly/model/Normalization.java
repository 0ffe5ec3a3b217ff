package io.github.crimeanomaly.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-channel input standardisation applied to every frame before the network:
 * {@code (x - mean[c]) / std[c]}. Fitted on the training data by the trainer (or the identity),
 * stored in the saved model, and applied identically in batch and streaming prediction.
 */
public final class Normalization {

    private final double[] mean;
    private final double[] std;

    private Normalization(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Per-channel statistics.
     *
     * @throws IllegalArgumentException if the lengths differ or are not 1 or 3, a mean is not
     *                                  finite or a standard deviation is not finite and &gt; 0
     */
    @JsonCreator
    public static Normalization perChannel(@JsonProperty(value = "mean", required = true) double[] mean,
                                           @JsonProperty(value = "std", required = true) double[] std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != std.length || (mean.length != 1 && mean.length != 3)) {
            throw new IllegalArgumentException("mean and std must both have 1 or 3 values (one per channel), got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("mean[" + c + "] must be finite, got " + mean[c]);
            }
            if (!(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new IllegalArgumentException("std[" + c + "] must be finite and > 0, got " + std[c]);
            }
        }
        return new Normalization(mean.clone(), std.clone());
    }

    /** No change: mean 0, std 1 for each of {@code channels} channels. */
    public static Normalization identity(int channels) {
        double[] m = new double[channels];
        double[] s = new double[channels];
        Arrays.fill(s, 1);
        return perChannel(m, s);
    }

    /** Per-channel means. */
    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    /** Per-channel standard deviations. */
    @JsonProperty("std")
    public double[] std() {
        return std.clone();
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** Writes the standardised {@code frame} (CHW) into {@code dst} at {@code offset}. */
    void apply(float[] frame, float[] dst, int offset) {
        int plane = frame.length / mean.length;
        for (int c = 0; c < mean.length; c++) {
            float m = (float) mean[c];
            float inv = (float) (1.0 / std[c]);
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                dst[offset + base + i] = (frame[base + i] - m) * inv;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
