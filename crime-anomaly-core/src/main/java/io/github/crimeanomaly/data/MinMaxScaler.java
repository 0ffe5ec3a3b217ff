package io.github.crimeanomaly.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Scales each feature (column) linearly so that its training minimum maps to
 * {@code featureMin} and its training maximum to {@code featureMax} (default 0 and 1), like
 * scikit-learn's {@code MinMaxScaler}.
 *
 * <p><b>Layout.</b> Feature matrices are row-major {@code double[][]}: {@code x[row][column]},
 * one row per sample, one column per feature.
 *
 * <p><b>Fit on training data only</b>, then transform validation and test data with the fitted
 * statistics; values outside the training range map outside {@code [featureMin, featureMax]}
 * (they are not clipped).
 *
 * <p><b>Constant columns</b> (training min == max) use a range of 1, so training values map to
 * {@code featureMin} and other values shift by their distance from the training value.
 *
 * <p><b>NaN and infinity</b> in {@code fit} or {@code transform} are
 * {@link IllegalArgumentException}s naming row and column (e.g. {@code "x[3][2] is NaN"}): impute
 * first with {@link SimpleImputer}. A matrix with a different column count than the fitted one
 * is an {@link IllegalArgumentException} saying expected vs found.
 *
 * <p>Immutable and thread-safe; serialises to JSON ({@link #toJson()}, {@link #fromJson(String)}).
 *
 * <pre>{@code
 * MinMaxScaler scaler = MinMaxScaler.fit(train);
 * double[][] testScaled = scaler.transform(test);
 * }</pre>
 */
public final class MinMaxScaler {

    private final double[] dataMin;
    private final double[] dataMax;
    private final double featureMin;
    private final double featureMax;

    private MinMaxScaler(double[] dataMin, double[] dataMax, double featureMin, double featureMax) {
        this.dataMin = dataMin;
        this.dataMax = dataMax;
        this.featureMin = featureMin;
        this.featureMax = featureMax;
    }

    /** Fits to the range [0, 1]. */
    public static MinMaxScaler fit(double[][] x) {
        return fit(x, 0.0, 1.0);
    }

    /**
     * Fits to the range {@code [featureMin, featureMax]}.
     *
     * @throws IllegalArgumentException if the range is not finite with {@code featureMin < featureMax},
     *     or {@code x} is empty, ragged, or holds NaN or infinity
     */
    public static MinMaxScaler fit(double[][] x, double featureMin, double featureMax) {
        checkRange(featureMin, featureMax);
        int cols = Matrices.check(x, "x", false);
        double[] min = new double[cols];
        double[] max = new double[cols];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : x) {
            for (int c = 0; c < cols; c++) {
                min[c] = Math.min(min[c], row[c]);
                max[c] = Math.max(max[c], row[c]);
            }
        }
        for (int c = 0; c < cols; c++) {
            if (Double.isInfinite(max[c] - min[c])) {
                // the range overflowed, and transform then gave NaN
                throw new IllegalArgumentException("x column " + c + ": its values span [" + min[c] + ", " + max[c]
                        + "], a range beyond the largest double; rescale the column first");
            }
        }
        return new MinMaxScaler(min, max, featureMin, featureMax);
    }

    private static void checkRange(double featureMin, double featureMax) {
        if (!Double.isFinite(featureMin) || !Double.isFinite(featureMax) || !(featureMin < featureMax)) {
            throw new IllegalArgumentException("feature range must be finite with featureMin < featureMax, got ["
                    + featureMin + ", " + featureMax + "]");
        }
    }

    private double range(int c) {
        double r = dataMax[c] - dataMin[c];
        return r == 0 ? 1.0 : r;
    }

    /** Scales a matrix; returns a new one. */
    public double[][] transform(double[][] x) {
        Matrices.checkForTransform(x, "x", dataMin.length, false, "MinMaxScaler");
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = scale(x[r]);
        }
        return out;
    }

    /** Scales one row (one sample); returns a new array. */
    public double[] transform(double[] row) {
        checkRow(row);
        Matrices.checkRow(row, "row", false);
        return scale(row);
    }

    private double[] scale(double[] row) {
        double[] out = new double[row.length];
        double span = featureMax - featureMin;
        for (int c = 0; c < row.length; c++) {
            out[c] = (row[c] - dataMin[c]) / range(c) * span + featureMin;
        }
        return out;
    }

    /** Maps scaled values back to the original units; returns a new matrix. */
    public double[][] inverseTransform(double[][] x) {
        Matrices.checkForTransform(x, "x", dataMin.length, false, "MinMaxScaler");
        double span = featureMax - featureMin;
        double[][] out = new double[x.length][dataMin.length];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < dataMin.length; c++) {
                out[r][c] = (x[r][c] - featureMin) / span * range(c) + dataMin[c];
            }
        }
        return out;
    }

    private void checkRow(double[] row) {
        if (row == null) {
            throw new IllegalArgumentException("row must not be null");
        }
        if (row.length != dataMin.length) {
            throw new IllegalArgumentException("row has " + row.length + " columns but the MinMaxScaler was fitted on "
                    + dataMin.length);
        }
    }

    /** The number of features (columns) fitted. */
    public int numFeatures() {
        return dataMin.length;
    }

    /** The training minimum of each column (a copy). */
    @JsonProperty("dataMin")
    public double[] dataMin() {
        return dataMin.clone();
    }

    /** The training maximum of each column (a copy). */
    @JsonProperty("dataMax")
    public double[] dataMax() {
        return dataMax.clone();
    }

    /** The value training minima map to. */
    @JsonProperty("featureMin")
    public double featureMin() {
        return featureMin;
    }

    /** The value training maxima map to. */
    @JsonProperty("featureMax")
    public double featureMax() {
        return featureMax;
    }

    /** Serialises to JSON. */
    public String toJson() {
        return Matrices.toJson(this, "MinMaxScaler");
    }

    /**
     * Reads a scaler written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or inconsistent
     */
    public static MinMaxScaler fromJson(String json) {
        return Matrices.fromJson(json, MinMaxScaler.class);
    }

    @JsonCreator
    static MinMaxScaler create(@JsonProperty(value = "dataMin", required = true) double[] dataMin,
                               @JsonProperty(value = "dataMax", required = true) double[] dataMax,
                               @JsonProperty(value = "featureMin", required = true) double featureMin,
                               @JsonProperty(value = "featureMax", required = true) double featureMax) {
        checkRange(featureMin, featureMax);
        Matrices.checkStatistics(dataMin, "dataMin", dataMin == null ? 0 : dataMin.length);
        Matrices.checkStatistics(dataMax, "dataMax", dataMin.length);
        for (int c = 0; c < dataMin.length; c++) {
            if (dataMin[c] > dataMax[c]) {
                throw new IllegalArgumentException("dataMin[" + c + "] = " + dataMin[c] + " exceeds dataMax[" + c
                        + "] = " + dataMax[c]);
            }
        }
        return new MinMaxScaler(dataMin.clone(), dataMax.clone(), featureMin, featureMax);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxScaler s && Arrays.equals(dataMin, s.dataMin) && Arrays.equals(dataMax, s.dataMax)
                && Double.compare(featureMin, s.featureMin) == 0 && Double.compare(featureMax, s.featureMax) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dataMin) + Arrays.hashCode(dataMax);
    }

    @Override
    public String toString() {
        return "MinMaxScaler[" + dataMin.length + " features -> [" + featureMin + ", " + featureMax + "]]";
    }
}
