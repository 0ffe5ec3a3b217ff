package io.github.crimeanomaly.split;

import java.util.Locale;

/**
 * The fractions of the data for train, validation and test. Each is finite and in [0, 1], they
 * sum to 1 within 1e-9, and train is positive. A zero validation or test ratio means that split
 * is deliberately empty.
 *
 * @param train the training fraction, in (0, 1]
 * @param validation the validation fraction, in [0, 1)
 * @param test the test fraction, in [0, 1)
 */
public record SplitRatios(double train, double validation, double test) {

    /** The papers' split: 70 % train, 20 % validation, 10 % test. */
    public static final SplitRatios DEFAULT = new SplitRatios(0.7, 0.2, 0.1);

    /** Tolerance on the sum of the ratios. */
    public static final double SUM_TOLERANCE = 1e-9;

    /** Validates the ratios. */
    public SplitRatios {
        check("train", train);
        check("validation", validation);
        check("test", test);
        if (train == 0) {
            throw new IllegalArgumentException("train ratio must be > 0, got 0");
        }
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("ratios must sum to 1 (within " + SUM_TOLERANCE + "), got "
                    + train + " + " + validation + " + " + test + " = " + sum);
        }
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v < 0 || v > 1) {
            throw new IllegalArgumentException(name + " ratio must be in [0, 1], got " + v);
        }
    }

    /** The ratio of a part. */
    public double of(Split.Part part) {
        return switch (part) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s/%s/%s", train, validation, test);
    }
}
