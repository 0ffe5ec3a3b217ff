package io.github.crimeanomaly.detect;

/**
 * How the {@link MotionSpeedDetector} turns the speeds of the four quadrant blocks of a cell into
 * the cell's raw score.
 */
public enum BlockAggregation {
    /** The fastest block (reacts to a small fast object, but also to one mismatched block). */
    MAX,
    /** The mean of the four blocks. */
    MEAN,
    /** The mean of the middle two of the four blocks (drops the fastest and the slowest). */
    TRIMMED_MEAN;

    /** Aggregates four block speeds. */
    float of(float a, float b, float c, float d) {
        float max = Math.max(Math.max(a, b), Math.max(c, d));
        float min = Math.min(Math.min(a, b), Math.min(c, d));
        float sum = a + b + c + d;
        return switch (this) {
            case MAX -> max;
            case MEAN -> sum / 4;
            case TRIMMED_MEAN -> (sum - max - min) / 2;
        };
    }
}
