package io.github.crimeanomaly.model;

import java.util.Objects;

/**
 * Stop training when {@code metric} has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row.
 *
 * @param metric   the metric to watch
 * @param patience epochs without improvement before stopping, &gt;= 1
 * @param minDelta the smallest change that counts as an improvement, &gt;= 0
 */
public record EarlyStopping(TrainingMetric metric, int patience, double minDelta) {

    /** Validates every field. */
    public EarlyStopping {
        Objects.requireNonNull(metric, "metric");
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be >= 0 and finite, got " + minDelta);
        }
    }

    /** Watch {@code metric} with the given patience and no minimum change. */
    public static EarlyStopping of(TrainingMetric metric, int patience) {
        return new EarlyStopping(metric, patience, 0);
    }
}
