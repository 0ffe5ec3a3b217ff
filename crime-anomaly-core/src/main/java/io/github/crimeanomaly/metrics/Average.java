package io.github.crimeanomaly.metrics;

/**
 * How per-class precision, recall and F1 are combined into one number (scikit-learn's
 * {@code average=} parameter).
 */
public enum Average {
    /** Unweighted mean over all classes (absent classes count, with value 0). */
    MACRO,
    /** Computed from the counts summed over all classes; equals accuracy for single-label data. */
    MICRO,
    /** Mean over classes weighted by their support (number of true members). */
    WEIGHTED
}
