package io.github.crimeanomaly.examples;

import java.util.Arrays;
import java.util.Comparator;

// TODO replace with io.github.crimeanomaly.metrics once merged
/**
 * Frame-level ROC AUC and equal error rate for the benchmarks. Temporary, package-private: the
 * metrics package of core replaces it.
 */
final class RocMetrics {

    private RocMetrics() {
    }

    /**
     * ROC AUC with ties counted half (the Mann-Whitney statistic), as scikit-learn's
     * {@code roc_auc_score}.
     *
     * @throws IllegalArgumentException if both classes are not present
     */
    static double auc(double[] scores, boolean[] positive) {
        check(scores, positive);
        Integer[] order = sortedAscending(scores);
        long pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        long neg = scores.length - pos;
        double rankSumPos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPos += avgRank;
                }
            }
            i = j + 1;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * Equal error rate: the point of the ROC curve where the false-positive rate equals the
     * false-negative rate (linear interpolation between thresholds).
     */
    static double eer(double[] scores, boolean[] positive) {
        check(scores, positive);
        Integer[] order = sortedAscending(scores);
        long pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        long neg = scores.length - pos;
        // threshold sweeps from above the max down: predicted positive = score >= thr
        double prevFpr = 0;
        double prevFnr = 1;
        long tp = 0;
        long fp = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                if (positive[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            double fpr = (double) fp / neg;
            double fnr = 1 - (double) tp / pos;
            if (fpr >= fnr) {
                // crossing between prev and this point: interpolate on the segment
                double d0 = prevFnr - prevFpr;
                double d1 = fnr - fpr;
                double t = d0 == d1 ? 0 : d0 / (d0 - d1);
                return prevFpr + t * (fpr - prevFpr);
            }
            prevFpr = fpr;
            prevFnr = fnr;
            i = j - 1;
        }
        return 0.5;
    }

    static boolean hasBothClasses(boolean[] positive) {
        boolean p = false;
        boolean n = false;
        for (boolean b : positive) {
            p |= b;
            n |= !b;
        }
        return p && n;
    }

    private static void check(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("expected as many labels as scores, got " + positive.length
                    + " labels for " + scores.length + " scores");
        }
        if (!hasBothClasses(positive)) {
            throw new IllegalArgumentException("ROC needs both classes, got only one among " + scores.length + " frames");
        }
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> scores[k]));
        return order;
    }
}
