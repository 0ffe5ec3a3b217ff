package io.github.crimeanomaly.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs over classes {@code 0..numClasses-1}, with the
 * per-class and averaged metrics derived from them.
 *
 * <p>Layout follows scikit-learn: {@code count(t, p)} is the number of samples whose true class
 * is {@code t} and whose predicted class is {@code p}; rows are true classes, columns predicted
 * classes. For binary data ({@link #binary(int[], int[])}) that is {@code [[TN, FP], [FN, TP]]}.
 *
 * <p>Every class in {@code 0..numClasses-1} takes part in the averages, even one that occurs in
 * neither array (its precision, recall and F1 are then 0 by the zero-division convention of
 * {@linkplain io.github.crimeanomaly.metrics this package}). Immutable.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, 3);
 * double macroF1 = cm.f1(Average.MACRO);
 * }</pre>
 */
public final class ConfusionMatrix {

    private final int[][] counts;
    private final long total;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
        long t = 0;
        for (int[] row : counts) {
            for (int c : row) {
                t += c;
            }
        }
        this.total = t;
    }

    /** Most classes a matrix holds (its cells take 4 bytes each: 64 MB at this count). */
    public static final int MAX_CLASSES = 4096;

    /**
     * Counts the pairs of true and predicted classes.
     *
     * @param yTrue true classes, each in {@code [0, numClasses)}
     * @param yPred predicted classes, each in {@code [0, numClasses)}, as many as {@code yTrue}
     * @param numClasses the number of classes, in [1, {@link #MAX_CLASSES}]
     * @throws IllegalArgumentException on empty or mismatched arrays or a class out of range
     */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred, int numClasses) {
        if (numClasses < 1 || numClasses > MAX_CLASSES) {
            // the matrix has numClasses^2 cells: a million classes asked for 4 TB
            throw new IllegalArgumentException("numClasses must be in [1, " + MAX_CLASSES + "], got " + numClasses);
        }
        Checks.pair("yTrue", yTrue, "yPred", yPred);
        Checks.inRange("yTrue", yTrue, numClasses);
        Checks.inRange("yPred", yPred, numClasses);
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < yTrue.length; i++) {
            m[yTrue[i]][yPred[i]]++;
        }
        return new ConfusionMatrix(m);
    }

    /**
     * The 2x2 matrix {@code [[TN, FP], [FN, TP]]} of binary labels (0 = negative, 1 = positive).
     *
     * @throws IllegalArgumentException on empty or mismatched arrays or a label other than 0 or 1
     */
    public static ConfusionMatrix binary(int[] yTrue, int[] yPred) {
        Checks.pair("yTrue", yTrue, "yPred", yPred);
        Checks.binary("yTrue", yTrue);
        Checks.binary("yPred", yPred);
        return of(yTrue, yPred, 2);
    }

    /**
     * A matrix from counts, {@code counts[t][p]}; square, non-negative, not all zero.
     *
     * @throws IllegalArgumentException if the array is not square or holds a negative count
     */
    public static ConfusionMatrix ofCounts(int[][] counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.length == 0) {
            throw new IllegalArgumentException("counts must not be empty");
        }
        int[][] m = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == null || counts[t].length != counts.length) {
                throw new IllegalArgumentException("counts must be square: row " + t + " has "
                        + (counts[t] == null ? "null" : counts[t].length + " columns") + ", expected "
                        + counts.length);
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("counts[" + t + "][" + p + "] is " + counts[t][p]
                            + ", expected >= 0");
                }
            }
            m[t] = counts[t].clone();
        }
        ConfusionMatrix cm = new ConfusionMatrix(m);
        if (cm.total == 0) {
            throw new IllegalArgumentException("counts must not all be zero");
        }
        return cm;
    }

    /** The number of classes (rows and columns). */
    public int numClasses() {
        return counts.length;
    }

    /** The number of samples of true class {@code t} predicted as {@code p}. */
    public int count(int trueClass, int predictedClass) {
        checkClass(trueClass);
        checkClass(predictedClass);
        return counts[trueClass][predictedClass];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public int[][] toArray() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** The number of samples. */
    public long total() {
        return total;
    }

    /** Samples of class {@code c} predicted as {@code c}. */
    public long truePositives(int c) {
        checkClass(c);
        return counts[c][c];
    }

    /** Samples of another class predicted as {@code c}. */
    public long falsePositives(int c) {
        return predicted(c) - truePositives(c);
    }

    /** Samples of class {@code c} predicted as another class. */
    public long falseNegatives(int c) {
        return support(c) - truePositives(c);
    }

    /** Samples neither of class {@code c} nor predicted as {@code c}. */
    public long trueNegatives(int c) {
        return total - support(c) - falsePositives(c);
    }

    /** The number of samples whose true class is {@code c}. */
    public long support(int c) {
        checkClass(c);
        long s = 0;
        for (int p = 0; p < counts.length; p++) {
            s += counts[c][p];
        }
        return s;
    }

    /** The number of samples predicted as {@code c}. */
    public long predicted(int c) {
        checkClass(c);
        long s = 0;
        for (int[] row : counts) {
            s += row[c];
        }
        return s;
    }

    /** The fraction of samples predicted correctly. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return Checks.ratio(correct, total);
    }

    /** TP / (TP + FP) of class {@code c}; 0 if nothing was predicted as {@code c}. */
    public double precision(int c) {
        return Checks.ratio(truePositives(c), predicted(c));
    }

    /** TP / (TP + FN) of class {@code c}; 0 if class {@code c} has no true members. */
    public double recall(int c) {
        return Checks.ratio(truePositives(c), support(c));
    }

    /** The harmonic mean of precision and recall of class {@code c}; 0 if both are 0. */
    public double f1(int c) {
        return f1(precision(c), recall(c));
    }

    /** FP / (FP + TN) of class {@code c}: the fraction of other samples predicted as {@code c}. */
    public double falsePositiveRate(int c) {
        long fp = falsePositives(c);
        return Checks.ratio(fp, fp + trueNegatives(c));
    }

    /** Precision averaged over classes. */
    public double precision(Average average) {
        return average(average, Metric.PRECISION);
    }

    /** Recall averaged over classes. */
    public double recall(Average average) {
        return average(average, Metric.RECALL);
    }

    /** F1 averaged over classes (macro and weighted: the mean of per-class F1, as scikit-learn). */
    public double f1(Average average) {
        return average(average, Metric.F1);
    }

    private enum Metric { PRECISION, RECALL, F1 }

    private double average(Average average, Metric metric) {
        Objects.requireNonNull(average, "average");
        int k = counts.length;
        switch (average) {
            case MICRO: {
                long tp = 0;
                long pred = 0;
                long sup = 0;
                for (int c = 0; c < k; c++) {
                    tp += truePositives(c);
                    pred += predicted(c);
                    sup += support(c);
                }
                double p = Checks.ratio(tp, pred);
                double r = Checks.ratio(tp, sup);
                return metric == Metric.PRECISION ? p : metric == Metric.RECALL ? r : f1(p, r);
            }
            case MACRO: {
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += perClass(metric, c);
                }
                return sum / k;
            }
            case WEIGHTED: {
                double sum = 0;
                long weight = 0;
                for (int c = 0; c < k; c++) {
                    long s = support(c);
                    sum += perClass(metric, c) * s;
                    weight += s;
                }
                return Checks.ratio(sum, weight);
            }
            default:
                throw new IllegalArgumentException("unknown average " + average);
        }
    }

    private double perClass(Metric metric, int c) {
        return switch (metric) {
            case PRECISION -> precision(c);
            case RECALL -> recall(c);
            case F1 -> f1(c);
        };
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    private void checkClass(int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("class must be in [0, " + counts.length + "), got " + c);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    /** The matrix as aligned text, rows = true class, columns = predicted class. */
    @Override
    public String toString() {
        int w = 1;
        for (int[] row : counts) {
            for (int c : row) {
                w = Math.max(w, Integer.toString(c).length());
            }
        }
        w = Math.max(w, Integer.toString(counts.length - 1).length());
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int p = 0; p < counts.length; p++) {
            sb.append(' ').append(pad(Integer.toString(p), w));
        }
        for (int t = 0; t < counts.length; t++) {
            sb.append('\n').append(pad(Integer.toString(t), 9));
            for (int p = 0; p < counts.length; p++) {
                sb.append(' ').append(pad(Integer.toString(counts[t][p]), w));
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
