package io.github.crimeanomaly.model;

/** A per-epoch figure that early stopping and keep-best-weights can watch. */
public enum TrainingMetric {
    /** Mean training loss over the epoch's batches (lower is better). */
    TRAIN_LOSS(false),
    /** Validation loss: cross-entropy (classification) or mean squared error (regression); lower is better. */
    VALIDATION_LOSS(false),
    /** Validation accuracy (classification only; higher is better). */
    VALIDATION_ACCURACY(true);

    private final boolean higherIsBetter;

    TrainingMetric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether larger values are better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether this metric needs a validation set. */
    public boolean needsValidation() {
        return this != TRAIN_LOSS;
    }

    /** This metric's value in an epoch result (NaN if not computed). */
    public double of(EpochResult r) {
        return switch (this) {
            case TRAIN_LOSS -> r.trainLoss();
            case VALIDATION_LOSS -> r.validationLoss();
            case VALIDATION_ACCURACY -> r.validationAccuracy();
        };
    }

    /** Whether {@code candidate} beats {@code best} by more than {@code minDelta}. */
    public boolean improves(double candidate, double best, double minDelta) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
