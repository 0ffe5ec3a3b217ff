package io.github.crimeanomaly.metrics;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve: for each threshold {@code t}, the false-positive
 * rate and true-positive rate of the rule "positive if score &gt;= t".
 *
 * <p>Semantics of scikit-learn's {@code roc_curve(drop_intermediate=False)} (1.3 and later): the
 * thresholds are the distinct scores in decreasing order, preceded by {@code +Infinity} for the
 * point (0, 0) where nothing is predicted positive; tied scores make one point. The last point is
 * always (1, 1). Made by {@link Metrics#rocCurve(int[], double[])}; immutable (getters return
 * copies).
 */
public final class RocCurve {

    private final double[] fpr;
    private final double[] tpr;
    private final double[] thresholds;
    private final double auc;

    RocCurve(double[] fpr, double[] tpr, double[] thresholds, double auc) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.thresholds = thresholds;
        this.auc = auc;
    }

    /** False-positive rates, non-decreasing, from 0 to 1. */
    public double[] fpr() {
        return fpr.clone();
    }

    /** True-positive rates, non-decreasing, from 0 to 1. */
    public double[] tpr() {
        return tpr.clone();
    }

    /** Thresholds, decreasing; the first is {@code +Infinity}. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The number of points. */
    public int size() {
        return fpr.length;
    }

    /** The area under the curve (trapezoidal; ties count one half), computed exactly from counts. */
    public double auc() {
        return auc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RocCurve r && Arrays.equals(fpr, r.fpr) && Arrays.equals(tpr, r.tpr)
                && Arrays.equals(thresholds, r.thresholds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(fpr) + Arrays.hashCode(tpr)) + Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "RocCurve[" + fpr.length + " points, auc=" + auc + "]";
    }
}
