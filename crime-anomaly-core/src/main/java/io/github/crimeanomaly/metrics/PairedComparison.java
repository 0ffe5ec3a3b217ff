package io.github.crimeanomaly.metrics;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;

/**
 * Two binary classifiers, A and B, compared on the same samples: how often each is right where
 * the other is wrong, McNemar's exact test of whether they err equally often, and paired bootstrap
 * confidence intervals for the differences in accuracy and F1 (A minus B).
 *
 * <p>This is what a comparison table on a small test set needs beside it. On 24 clips, one model
 * one clip ahead of another is 0.04 of accuracy, and McNemar's p is 1.0: nothing tells the two
 * apart. The intervals resample the samples with replacement, the same draw for both models
 * (10,000 times by default), and take the percentiles of the differences (numpy's default
 * interpolation); F1 follows scikit-learn ({@code zero_division=0}).
 *
 * <pre>{@code
 * PairedComparison c = PairedComparison.of(truth, hybridPredicted, cnnPredicted);
 * System.out.println(c);   // A right alone 1, B right alone 2 (of 24), McNemar p 1.000, accuracy -0.042 [-0.208, +0.125], ...
 * }</pre>
 *
 * @param samples            number of samples both were scored on
 * @param onlyARight         samples A gets right and B wrong
 * @param onlyBRight         samples B gets right and A wrong
 * @param mcNemarP           two-sided exact McNemar p-value: the binomial test of {@code onlyARight}
 *                           out of {@code onlyARight + onlyBRight} at 1/2; 1 when they never disagree
 * @param accuracyDifference accuracy of A minus accuracy of B
 * @param accuracyInterval   bootstrap interval of that difference
 * @param f1Difference       F1 of A minus F1 of B, for {@code positiveLabel}
 * @param f1Interval         bootstrap interval of that difference
 * @param confidence         the intervals' confidence level, e.g. 0.95
 * @param resamples          bootstrap resamples drawn
 */
public record PairedComparison(int samples, int onlyARight, int onlyBRight, double mcNemarP,
                               double accuracyDifference, Interval accuracyInterval, double f1Difference,
                               Interval f1Interval, double confidence, int resamples) {

    /** Default bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Most bootstrap resamples (each keeps two doubles: 160 MB at this count). */
    public static final int MAX_RESAMPLES = 10_000_000;

    /** Checks the components: counts within the samples, a p-value, intervals, a confidence level. */
    public PairedComparison {
        java.util.List<String> errors = new java.util.ArrayList<>();
        if (samples < 1) {
            errors.add("samples must be >= 1, got " + samples);
        }
        if (onlyARight < 0 || onlyBRight < 0 || (long) onlyARight + onlyBRight > samples) {
            errors.add("onlyARight and onlyBRight must be >= 0 and together at most samples (" + samples + "), got "
                    + onlyARight + " and " + onlyBRight);
        }
        if (!(mcNemarP >= 0 && mcNemarP <= 1)) {
            errors.add("mcNemarP must be in [0, 1], got " + mcNemarP);
        }
        if (!(Math.abs(accuracyDifference) <= 1)) {
            errors.add("accuracyDifference must be in [-1, 1], got " + accuracyDifference);
        }
        if (!(Math.abs(f1Difference) <= 1)) {
            errors.add("f1Difference must be in [-1, 1], got " + f1Difference);
        }
        if (accuracyInterval == null || f1Interval == null) {
            errors.add("accuracyInterval and f1Interval must not be null");
        }
        if (!(confidence > 0 && confidence < 1)) {
            errors.add("confidence must be in (0, 1), got " + confidence);
        }
        if (resamples < 1) {
            errors.add("resamples must be >= 1, got " + resamples);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid PairedComparison: " + String.join("; ", errors));
        }
    }

    /** Default confidence level of the intervals. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Default seed of the bootstrap draws, so a comparison prints the same every run. */
    public static final long DEFAULT_SEED = 42;

    /**
     * A confidence interval.
     *
     * @param lower lower end
     * @param upper upper end, &gt;= lower
     */
    public record Interval(double lower, double upper) {

        /** Whether {@code x} lies in the interval, ends included. */
        public boolean contains(double x) {
            return x >= lower && x <= upper;
        }

        /** Whether zero lies outside the interval: the difference is distinguishable from none. */
        public boolean excludesZero() {
            return !contains(0);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "[%+.3f, %+.3f]", lower, upper);
        }
    }

    /**
     * Compares A and B with the defaults: positive label 1, 10,000 resamples, 95% intervals, seed 42.
     *
     * @param truth 0/1 truth per sample
     * @param predA A's 0/1 prediction per sample
     * @param predB B's 0/1 prediction per sample
     * @throws IllegalArgumentException if an array is null, empty, of another length or holds other
     *                                  than 0 and 1
     */
    public static PairedComparison of(int[] truth, int[] predA, int[] predB) {
        return of(truth, predA, predB, 1, DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED);
    }

    /**
     * Compares A and B.
     *
     * @param truth         0/1 truth per sample
     * @param predA         A's 0/1 prediction per sample
     * @param predB         B's 0/1 prediction per sample
     * @param positiveLabel the class whose F1 is compared, 0 or 1
     * @param resamples     bootstrap resamples, in [100, {@link #MAX_RESAMPLES}]
     * @param confidence    confidence level of the intervals, in (0, 1)
     * @param seed          seed of the bootstrap draws
     * @throws IllegalArgumentException naming the argument on bad input
     */
    public static PairedComparison of(int[] truth, int[] predA, int[] predB, int positiveLabel, int resamples,
                                      double confidence, long seed) {
        Checks.pair("truth", truth, "predA", predA);
        Checks.pair("truth", truth, "predB", predB);
        Checks.binary("truth", truth);
        Checks.binary("predA", predA);
        Checks.binary("predB", predB);
        Checks.positiveLabel(positiveLabel);
        if (resamples < 100 || resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples must be in [100, " + MAX_RESAMPLES + "], got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        int n = truth.length;
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < n; i++) {
            boolean a = predA[i] == truth[i];
            boolean b = predB[i] == truth[i];
            if (a && !b) {
                onlyA++;
            } else if (b && !a) {
                onlyB++;
            }
        }
        double p = onlyA + onlyB == 0 ? 1.0
                : Math.min(1.0, new BinomialTest().binomialTest(onlyA + onlyB, onlyA, 0.5, AlternativeHypothesis.TWO_SIDED));
        double accDiff = Metrics.accuracy(truth, predA) - Metrics.accuracy(truth, predB);
        double f1Diff = Metrics.f1(truth, predA, positiveLabel) - Metrics.f1(truth, predB, positiveLabel);

        // each resample scored by the same metrics as the full set (Metrics, checked against scikit-learn)
        double[] accDiffs = new double[resamples];
        double[] f1Diffs = new double[resamples];
        int[] t = new int[n];
        int[] a = new int[n];
        int[] b = new int[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            for (int k = 0; k < n; k++) {
                int i = rnd.nextInt(n);
                t[k] = truth[i];
                a[k] = predA[i];
                b[k] = predB[i];
            }
            accDiffs[r] = Metrics.accuracy(t, a) - Metrics.accuracy(t, b);
            f1Diffs[r] = Metrics.f1(t, a, positiveLabel) - Metrics.f1(t, b, positiveLabel);
        }
        return new PairedComparison(n, onlyA, onlyB, p, accDiff, interval(accDiffs, confidence), f1Diff,
                interval(f1Diffs, confidence), confidence, resamples);
    }

    private static Interval interval(double[] values, double confidence) {
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        pct.setData(values);
        double tail = (1 - confidence) / 2 * 100;
        return new Interval(pct.evaluate(tail), pct.evaluate(100 - tail));
    }

    /** One line: disagreements, McNemar's p and both differences with their intervals. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "A right alone %d, B right alone %d (of %d), McNemar p %.3f, accuracy %+.3f %s, F1 %+.3f %s (%.0f%% bootstrap)",
                onlyARight, onlyBRight, samples, mcNemarP, accuracyDifference, accuracyInterval, f1Difference,
                f1Interval, confidence * 100);
    }
}
