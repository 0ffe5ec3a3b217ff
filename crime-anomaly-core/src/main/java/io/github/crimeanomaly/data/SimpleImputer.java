package io.github.crimeanomaly.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * Replaces missing values, marked by {@code NaN}, column by column with a statistic of the
 * training data, like scikit-learn's {@code SimpleImputer}.
 *
 * <p><b>Layout.</b> Row-major {@code double[][]}: {@code x[row][column]}, one row per sample.
 *
 * <p>Strategies ({@link Strategy}): the column's {@code MEAN}, {@code MEDIAN} (the mean of the two
 * middle values for an even count), {@code MOST_FREQUENT} (the smallest of equally frequent
 * values) of the non-missing training values, or a {@code CONSTANT} fill value
 * ({@link #fitConstant(double[][], double)}; {@link #fit(double[][], Strategy)} with
 * {@code CONSTANT} fills 0). Fit on training data only, then transform other data.
 *
 * <p><b>Errors.</b> A column with no non-missing training value cannot give a statistic: fitting
 * MEAN, MEDIAN or MOST_FREQUENT on it is an {@link IllegalArgumentException} naming the column.
 * Infinite values are errors (they are not "missing"); a different column count than fitted is an
 * {@link IllegalArgumentException} saying expected vs found.
 *
 * <p>Immutable and thread-safe; serialises to JSON.
 *
 * <pre>{@code
 * SimpleImputer imputer = SimpleImputer.fit(train, SimpleImputer.Strategy.MEDIAN);
 * double[][] filled = imputer.transform(test);
 * }</pre>
 */
public final class SimpleImputer {

    /** How the fill value of a column is chosen. */
    public enum Strategy {
        /** The mean of the non-missing training values. */
        MEAN,
        /** The median of the non-missing training values. */
        MEDIAN,
        /** The most frequent non-missing training value; the smallest one on ties. */
        MOST_FREQUENT,
        /** A fixed value, the same for every column. */
        CONSTANT
    }

    private final Strategy strategy;
    private final double[] fill;

    private SimpleImputer(Strategy strategy, double[] fill) {
        this.strategy = strategy;
        this.fill = fill;
    }

    /**
     * Fits the fill value of every column ({@code CONSTANT} fills 0).
     *
     * @throws IllegalArgumentException if {@code x} is empty, ragged or holds infinity, or a
     *     column has no non-missing value (for MEAN, MEDIAN, MOST_FREQUENT)
     */
    public static SimpleImputer fit(double[][] x, Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy == Strategy.CONSTANT) {
            return fitConstant(x, 0.0);
        }
        int cols = Matrices.check(x, "x", true);
        double[] fill = new double[cols];
        double[] column = new double[x.length];
        for (int c = 0; c < cols; c++) {
            int n = 0;
            for (double[] row : x) {
                if (!Double.isNaN(row[c])) {
                    column[n++] = row[c];
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("column " + c + " has no non-missing values in its " + x.length
                        + " rows; cannot compute its " + strategy);
            }
            fill[c] = statistic(Arrays.copyOf(column, n), strategy);
        }
        return new SimpleImputer(strategy, fill);
    }

    /**
     * An imputer filling every missing value with {@code fillValue}; {@code x} gives the column count.
     *
     * @throws IllegalArgumentException if {@code fillValue} is not finite or {@code x} is malformed
     */
    public static SimpleImputer fitConstant(double[][] x, double fillValue) {
        if (!Double.isFinite(fillValue)) {
            throw new IllegalArgumentException("fillValue must be finite, got " + fillValue);
        }
        int cols = Matrices.check(x, "x", true);
        double[] fill = new double[cols];
        Arrays.fill(fill, fillValue);
        return new SimpleImputer(Strategy.CONSTANT, fill);
    }

    private static double statistic(double[] v, Strategy strategy) {
        switch (strategy) {
            case MEAN: {
                double sum = 0;
                for (double d : v) {
                    sum += d;
                }
                double mean = sum / v.length;
                // the sum of values near Double.MAX_VALUE overflows where their mean does not
                return Double.isFinite(mean) ? mean : Matrices.scaledMean(v);
            }
            case MEDIAN: {
                Arrays.sort(v);
                int mid = v.length / 2;
                double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
                return Double.isFinite(median) ? median : v[mid - 1] / 2 + v[mid] / 2;
            }
            case MOST_FREQUENT: {
                Arrays.sort(v);
                double best = v[0];
                int bestCount = 0;
                int i = 0;
                while (i < v.length) {
                    int j = i;
                    while (j < v.length && v[j] == v[i]) {
                        j++;
                    }
                    if (j - i > bestCount) { // strict: the smallest value wins ties
                        bestCount = j - i;
                        best = v[i];
                    }
                    i = j;
                }
                return best == 0.0 ? 0.0 : best; // -0.0 and 0.0 count as one value
            }
            default:
                throw new IllegalArgumentException("no statistic for " + strategy);
        }
    }

    /** Returns a copy of {@code x} with every NaN replaced by its column's fill value. */
    public double[][] transform(double[][] x) {
        Matrices.checkForTransform(x, "x", fill.length, true, "SimpleImputer");
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = x[r].clone();
            for (int c = 0; c < fill.length; c++) {
                if (Double.isNaN(out[r][c])) {
                    out[r][c] = fill[c];
                }
            }
        }
        return out;
    }

    /** The strategy fitted with. */
    @JsonProperty("strategy")
    public Strategy strategy() {
        return strategy;
    }

    /** The fill value of each column (a copy). */
    @JsonProperty("fill")
    public double[] fillValues() {
        return fill.clone();
    }

    /** The number of columns fitted. */
    public int numFeatures() {
        return fill.length;
    }

    /** Serialises to JSON. */
    public String toJson() {
        return Matrices.toJson(this, "SimpleImputer");
    }

    /**
     * Reads an imputer written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or inconsistent
     */
    public static SimpleImputer fromJson(String json) {
        return Matrices.fromJson(json, SimpleImputer.class);
    }

    @JsonCreator
    static SimpleImputer create(@JsonProperty(value = "strategy", required = true) Strategy strategy,
                                @JsonProperty(value = "fill", required = true) double[] fill) {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy must not be null");
        }
        Matrices.checkStatistics(fill, "fill", fill == null ? 0 : fill.length);
        return new SimpleImputer(strategy, fill.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimpleImputer s && strategy == s.strategy && Arrays.equals(fill, s.fill);
    }

    @Override
    public int hashCode() {
        return 31 * strategy.hashCode() + Arrays.hashCode(fill);
    }

    @Override
    public String toString() {
        return "SimpleImputer[" + strategy + ", fill=" + Arrays.toString(fill) + "]";
    }
}
