package io.github.crimeanomaly.metrics;

import java.util.Arrays;

/**
 * Binary classification, ranking and regression metrics with scikit-learn semantics.
 *
 * <p>Binary labels are {@code int}s 0 and 1; by default 1 is the positive class (an anomaly, a
 * crime), and every method that depends on it has an overload taking {@code positiveLabel}.
 * Scores are "higher means more positive"; a sample is predicted positive when
 * {@code score >= threshold} ({@link #predict(double[], double)}). Multiclass metrics live on
 * {@link ConfusionMatrix}.
 *
 * <p>Zero denominators give 0 (see {@linkplain io.github.crimeanomaly.metrics the package}).
 * Empty or mismatched arrays, labels other than 0/1 and NaN values are
 * {@link IllegalArgumentException}s naming the argument.
 *
 * <pre>{@code
 * double auc = Metrics.rocAuc(yTrue, scores);            // O(n log n)
 * int[] yPred = Metrics.predict(scores, 0.5);
 * double f1 = Metrics.f1(yTrue, yPred);
 * }</pre>
 */
public final class Metrics {

    private Metrics() {
    }

    // ------------------------------------------------------------------ labels vs predictions

    /** {@code 1} where {@code scores[i] >= threshold}, else {@code 0}. */
    public static int[] predict(double[] scores, double threshold) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        Checks.notNaN("scores", scores);
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] >= threshold ? 1 : 0;
        }
        return out;
    }

    /** The fraction of positions where {@code yPred} equals {@code yTrue} (any integer labels). */
    public static double accuracy(int[] yTrue, int[] yPred) {
        Checks.pair("yTrue", yTrue, "yPred", yPred);
        long correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == yPred[i]) {
                correct++;
            }
        }
        return (double) correct / yTrue.length;
    }

    /** The binary confusion matrix {@code [[TN, FP], [FN, TP]]} (labels 0 and 1). */
    public static ConfusionMatrix confusionMatrix(int[] yTrue, int[] yPred) {
        return ConfusionMatrix.binary(yTrue, yPred);
    }

    /** The confusion matrix over classes {@code 0..numClasses-1}. */
    public static ConfusionMatrix confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses);
    }

    /** Binary precision TP / (TP + FP) for positive label 1. */
    public static double precision(int[] yTrue, int[] yPred) {
        return precision(yTrue, yPred, 1);
    }

    /** Binary precision for the given positive label (0 or 1). */
    public static double precision(int[] yTrue, int[] yPred, int positiveLabel) {
        Checks.positiveLabel(positiveLabel);
        return ConfusionMatrix.binary(yTrue, yPred).precision(positiveLabel);
    }

    /** Binary recall TP / (TP + FN) for positive label 1. */
    public static double recall(int[] yTrue, int[] yPred) {
        return recall(yTrue, yPred, 1);
    }

    /** Binary recall for the given positive label (0 or 1). */
    public static double recall(int[] yTrue, int[] yPred, int positiveLabel) {
        Checks.positiveLabel(positiveLabel);
        return ConfusionMatrix.binary(yTrue, yPred).recall(positiveLabel);
    }

    /** Binary F1 for positive label 1. */
    public static double f1(int[] yTrue, int[] yPred) {
        return f1(yTrue, yPred, 1);
    }

    /** Binary F1 for the given positive label (0 or 1). */
    public static double f1(int[] yTrue, int[] yPred, int positiveLabel) {
        Checks.positiveLabel(positiveLabel);
        return ConfusionMatrix.binary(yTrue, yPred).f1(positiveLabel);
    }

    /** False-positive rate FP / (FP + TN) for positive label 1: the false-alarm rate. */
    public static double falsePositiveRate(int[] yTrue, int[] yPred) {
        return falsePositiveRate(yTrue, yPred, 1);
    }

    /** False-positive rate for the given positive label (0 or 1). */
    public static double falsePositiveRate(int[] yTrue, int[] yPred, int positiveLabel) {
        Checks.positiveLabel(positiveLabel);
        return ConfusionMatrix.binary(yTrue, yPred).falsePositiveRate(positiveLabel);
    }

    // ------------------------------------------------------------------ regression

    /** Mean squared error. */
    public static double mse(double[] yTrue, double[] yPred) {
        Checks.pair("yTrue", yTrue, "yPred", yPred);
        Checks.notNaN("yTrue", yTrue);
        Checks.notNaN("yPred", yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double d = yTrue[i] - yPred[i];
            sum += d * d;
        }
        return sum / yTrue.length;
    }

    /** Mean squared error between 0/1 labels and scores (the Brier score for probabilities). */
    public static double mse(int[] yTrue, double[] scores) {
        Checks.pair("yTrue", yTrue, "scores", scores);
        double[] t = new double[yTrue.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = yTrue[i];
        }
        Checks.notNaN("scores", scores);
        return mse(t, scores);
    }

    /** Mean absolute error. */
    public static double mae(double[] yTrue, double[] yPred) {
        Checks.pair("yTrue", yTrue, "yPred", yPred);
        Checks.notNaN("yTrue", yTrue);
        Checks.notNaN("yPred", yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.length; i++) {
            sum += Math.abs(yTrue[i] - yPred[i]);
        }
        return sum / yTrue.length;
    }

    /** Root mean squared error, {@code sqrt(mse)}. */
    public static double rmse(double[] yTrue, double[] yPred) {
        return Math.sqrt(mse(yTrue, yPred));
    }

    // ------------------------------------------------------------------ ranking (scores)

    /** The ROC curve for positive label 1; see {@link RocCurve} for the semantics. */
    public static RocCurve rocCurve(int[] yTrue, double[] scores) {
        return rocCurve(yTrue, scores, 1);
    }

    /**
     * The ROC curve, O(n log n).
     *
     * @throws IllegalArgumentException on empty or mismatched input, labels other than 0/1, a NaN
     *     or infinite score, or if {@code yTrue} lacks positives or negatives (the curve is then
     *     undefined)
     */
    public static RocCurve rocCurve(int[] yTrue, double[] scores, int positiveLabel) {
        Ranked r = Ranked.of(yTrue, scores, positiveLabel, "ROC curve");
        r.requireNegatives("ROC curve");
        int m = r.thresholds.length;
        double[] fpr = new double[m + 1];
        double[] tpr = new double[m + 1];
        double[] th = new double[m + 1];
        th[0] = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            fpr[k + 1] = (double) r.fps[k] / r.negatives;
            tpr[k + 1] = (double) r.tps[k] / r.positives;
            th[k + 1] = r.thresholds[k];
        }
        return new RocCurve(fpr, tpr, th, r.auc());
    }

    /**
     * The area under the ROC curve for positive label 1: the probability that a random positive
     * scores higher than a random negative, ties counting one half. O(n log n), exact up to one
     * final division.
     *
     * @throws IllegalArgumentException as {@link #rocCurve(int[], double[], int)}
     */
    public static double rocAuc(int[] yTrue, double[] scores) {
        return rocAuc(yTrue, scores, 1);
    }

    /** ROC AUC for the given positive label (0 or 1). */
    public static double rocAuc(int[] yTrue, double[] scores, int positiveLabel) {
        Ranked r = Ranked.of(yTrue, scores, positiveLabel, "ROC AUC");
        r.requireNegatives("ROC AUC");
        return r.auc();
    }

    /**
     * Average precision for positive label 1 (scikit-learn's {@code average_precision_score}):
     * {@code sum_k (R_k - R_{k-1}) P_k} over the distinct thresholds in decreasing order, without
     * interpolation.
     *
     * @throws IllegalArgumentException on bad input or if {@code yTrue} has no positives
     */
    public static double averagePrecision(int[] yTrue, double[] scores) {
        return averagePrecision(yTrue, scores, 1);
    }

    /** Average precision for the given positive label (0 or 1). */
    public static double averagePrecision(int[] yTrue, double[] scores, int positiveLabel) {
        Ranked r = Ranked.of(yTrue, scores, positiveLabel, "average precision");
        double ap = 0;
        long prevTp = 0;
        for (int k = 0; k < r.thresholds.length; k++) {
            long tp = r.tps[k];
            if (tp != prevTp) {
                double precision = (double) tp / (tp + r.fps[k]);
                ap += (double) (tp - prevTp) / r.positives * precision;
                prevTp = tp;
            }
        }
        return ap;
    }

    /**
     * The decision threshold with the highest F1 for positive label 1 (predict positive when
     * {@code score >= threshold}), for choosing a classifier's threshold on validation data.
     *
     * <p>Every distinct score {@code s_j} (descending) defines one prediction, positive for the
     * scores {@code >= s_j}; any threshold in {@code (s_(j+1), s_j]} gives it. Among the predictions
     * with the highest F1, the threshold returned is {@code preferred} itself when it lies in one of
     * their intervals (so a default such as 0.5 is kept unless it is beaten on F1); otherwise the
     * midpoint of the interval nearest to {@code preferred} ({@code s_j} itself for the lowest
     * score, whose interval is unbounded below).
     *
     * @param preferred the threshold to keep when it is among the best, and the tie-breaker
     * @throws IllegalArgumentException on empty or mismatched input, labels other than 0/1, a NaN
     *     or infinite score, a NaN {@code preferred}, or if {@code yTrue} has no positives
     */
    public static double f1OptimalThreshold(int[] yTrue, double[] scores, double preferred) {
        if (Double.isNaN(preferred)) {
            throw new IllegalArgumentException("preferred threshold is NaN");
        }
        Ranked r = Ranked.of(yTrue, scores, 1, "F1-optimal threshold");
        int m = r.thresholds.length;
        double bestF1 = -1;
        double best = Double.NaN;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            long tp = r.tps[k];
            long fp = r.fps[k];
            long fn = r.positives - tp;
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            double hi = r.thresholds[k];
            double lo = k + 1 < m ? r.thresholds[k + 1] : Double.NEGATIVE_INFINITY;
            double point;
            double distance;
            if (preferred <= hi && preferred > lo) {
                point = preferred;
                distance = 0;
            } else {
                // halves first: (hi + lo) / 2 overflowed to Infinity near Double.MAX_VALUE; and between
                // adjacent doubles the midpoint rounds to lo, outside the interval: take hi then
                double mid = lo / 2 + hi / 2;
                point = k + 1 < m && mid > lo && mid <= hi ? mid : hi;
                distance = Math.abs(point - preferred);
            }
            if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && distance < bestDistance)) {
                bestF1 = f1;
                best = point;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The equal error rate for positive label 1: the rate at which the false-positive rate equals
     * the false-negative rate (1 - TPR), found by linear interpolation between the two adjacent
     * ROC points where FNR - FPR changes sign (as {@code brentq} on {@code interp1d(fpr, tpr)} in
     * the usual Python evaluation scripts). 0 for perfectly separated scores.
     *
     * @throws IllegalArgumentException as {@link #rocCurve(int[], double[], int)}
     */
    public static double equalErrorRate(int[] yTrue, double[] scores) {
        return equalErrorRate(yTrue, scores, 1);
    }

    /** Equal error rate for the given positive label (0 or 1). */
    public static double equalErrorRate(int[] yTrue, double[] scores, int positiveLabel) {
        RocCurve roc = rocCurve(yTrue, scores, positiveLabel);
        double[] fpr = roc.fpr();
        double[] tpr = roc.tpr();
        double prevD = 1.0; // at (0, 0): FNR - FPR = 1
        for (int i = 1; i < fpr.length; i++) {
            double d = (1 - tpr[i]) - fpr[i];
            if (d <= 0) {
                if (d == 0) {
                    return fpr[i];
                }
                double t = prevD / (prevD - d);
                return fpr[i - 1] + t * (fpr[i] - fpr[i - 1]);
            }
            prevD = d;
        }
        throw new IllegalStateException("ROC curve does not reach (1, 1): " + Arrays.toString(fpr));
    }

    /**
     * Scores sorted once, grouped by distinct value in decreasing order, with cumulative counts:
     * {@code tps[k]} / {@code fps[k]} positives / negatives scoring {@code >= thresholds[k]}.
     */
    private static final class Ranked {
        final double[] thresholds;
        final long[] tps;
        final long[] fps;
        final long positives;
        final long negatives;

        private Ranked(double[] thresholds, long[] tps, long[] fps, long positives, long negatives) {
            this.thresholds = thresholds;
            this.tps = tps;
            this.fps = fps;
            this.positives = positives;
            this.negatives = negatives;
        }

        static Ranked of(int[] yTrue, double[] scores, int positiveLabel, String what) {
            Checks.pair("yTrue", yTrue, "scores", scores);
            Checks.positiveLabel(positiveLabel);
            Checks.binary("yTrue", yTrue);
            // as scikit-learn: an infinite score ties with the curve's opening threshold of +Infinity
            Checks.finite("scores", scores);
            int p = 0;
            for (int y : yTrue) {
                if (y == positiveLabel) {
                    p++;
                }
            }
            if (p == 0) {
                throw new IllegalArgumentException(what + " is undefined: yTrue has no positives (label "
                        + positiveLabel + ") among its " + yTrue.length + " elements");
            }
            // Sort positives and negatives separately (primitive sorts, no boxing), then merge
            // from the top; equal scores (including -0.0 and 0.0) form one threshold.
            double[] pos = new double[p];
            double[] neg = new double[yTrue.length - p];
            int ip = 0;
            int in = 0;
            for (int i = 0; i < yTrue.length; i++) {
                if (yTrue[i] == positiveLabel) {
                    pos[ip++] = scores[i];
                } else {
                    neg[in++] = scores[i];
                }
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            int n = yTrue.length;
            double[] th = new double[n];
            long[] tps = new long[n];
            long[] fps = new long[n];
            int i = pos.length - 1;
            int j = neg.length - 1;
            long tp = 0;
            long fp = 0;
            int m = 0;
            while (i >= 0 || j >= 0) {
                double t;
                if (i < 0) {
                    t = neg[j];
                } else if (j < 0) {
                    t = pos[i];
                } else {
                    t = Math.max(pos[i], neg[j]);
                }
                while (i >= 0 && pos[i] == t) {
                    tp++;
                    i--;
                }
                while (j >= 0 && neg[j] == t) {
                    fp++;
                    j--;
                }
                th[m] = t;
                tps[m] = tp;
                fps[m] = fp;
                m++;
            }
            return new Ranked(Arrays.copyOf(th, m), Arrays.copyOf(tps, m), Arrays.copyOf(fps, m),
                    pos.length, neg.length);
        }

        void requireNegatives(String what) {
            if (negatives == 0) {
                throw new IllegalArgumentException(what + " is undefined: yTrue has no negatives (all "
                        + positives + " elements are positive)");
            }
        }

        /** Trapezoidal area, exact in integers: 2 * P * N * AUC = sum dFP * (TP_prev + TP). */
        double auc() {
            long twiceArea = 0;
            long prevTp = 0;
            long prevFp = 0;
            for (int k = 0; k < thresholds.length; k++) {
                twiceArea += (fps[k] - prevFp) * (tps[k] + prevTp);
                prevTp = tps[k];
                prevFp = fps[k];
            }
            return twiceArea / (2.0 * positives * negatives);
        }
    }
}
