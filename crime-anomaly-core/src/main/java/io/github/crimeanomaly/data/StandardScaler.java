package io.github.crimeanomaly.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Standardises each feature (column) to zero mean and unit variance using the training mean and
 * population standard deviation (divisor n, as scikit-learn's {@code StandardScaler}).
 *
 * <p><b>Layout.</b> Row-major {@code double[][]}: {@code x[row][column]}, one row per sample.
 *
 * <p><b>Fit on training data only</b>, then transform other data with the fitted statistics.
 *
 * <p><b>Constant columns</b> (every training value equal) get scale 1 and mean equal to that
 * value exactly, so training values map to exactly 0 and other values to their difference from
 * it. (Detected by equality rather than a computed variance of 0, which rounding can miss.)
 *
 * <p><b>NaN and infinity</b> in {@code fit} or {@code transform} are
 * {@link IllegalArgumentException}s naming row and column; impute first with
 * {@link SimpleImputer}. A different column count than fitted is an
 * {@link IllegalArgumentException} saying expected vs found.
 *
 * <p>Immutable and thread-safe; serialises to JSON.
 *
 * <pre>{@code
 * StandardScaler scaler = StandardScaler.fit(train);
 * double[][] z = scaler.transform(test);
 * }</pre>
 */
public final class StandardScaler {

    private final double[] mean;
    private final double[] scale;

    private StandardScaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits the per-column mean and standard deviation.
     *
     * @throws IllegalArgumentException if {@code x} is empty, ragged, or holds NaN or infinity
     */
    public static StandardScaler fit(double[][] x) {
        int cols = Matrices.check(x, "x", false);
        int n = x.length;
        double[] mean = new double[cols];
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            boolean constant = true;
            double sum = 0;
            for (double[] row : x) {
                sum += row[c];
                constant &= row[c] == x[0][c];
            }
            if (constant) {
                mean[c] = x[0][c];
                scale[c] = 1.0;
                continue;
            }
            double m = sum / n;
            double ss = 0;
            for (double[] row : x) {
                double d = row[c] - m;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / n);
            if (!Double.isFinite(m) || !Double.isFinite(sd)) {
                // values near Double.MAX_VALUE: the sums overflow, so work on the column divided by its
                // largest magnitude; statistics still beyond a double are an error, not Infinity
                double[] col = new double[n];
                double a = 0;
                for (int r = 0; r < n; r++) {
                    col[r] = x[r][c];
                    a = Math.max(a, Math.abs(col[r]));
                }
                m = Matrices.scaledMean(col);
                double sss = 0;
                for (double v : col) {
                    double d = v / a - m / a;
                    sss += d * d;
                }
                sd = a * Math.sqrt(sss / n);
                if (!Double.isFinite(m) || !Double.isFinite(sd)) {
                    throw new IllegalArgumentException("x column " + c + ": its standard deviation exceeds the "
                            + "largest double (values up to " + a + "); rescale the column first");
                }
            }
            mean[c] = m;
            scale[c] = sd == 0 ? 1.0 : sd;
        }
        return new StandardScaler(mean, scale);
    }

    /** Standardises a matrix; returns a new one. */
    public double[][] transform(double[][] x) {
        Matrices.checkForTransform(x, "x", mean.length, false, "StandardScaler");
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = standardise(x[r]);
        }
        return out;
    }

    /** Standardises one row (one sample); returns a new array. */
    public double[] transform(double[] row) {
        if (row == null) {
            throw new IllegalArgumentException("row must not be null");
        }
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length
                    + " columns but the StandardScaler was fitted on " + mean.length);
        }
        Matrices.checkRow(row, "row", false);
        return standardise(row);
    }

    private double[] standardise(double[] row) {
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = (row[c] - mean[c]) / scale[c];
        }
        return out;
    }

    /** Maps standardised values back to the original units; returns a new matrix. */
    public double[][] inverseTransform(double[][] x) {
        Matrices.checkForTransform(x, "x", mean.length, false, "StandardScaler");
        double[][] out = new double[x.length][mean.length];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < mean.length; c++) {
                out[r][c] = x[r][c] * scale[c] + mean[c];
            }
        }
        return out;
    }

    /** The number of features (columns) fitted. */
    public int numFeatures() {
        return mean.length;
    }

    /** The training mean of each column (a copy). */
    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    /** The divisor of each column: its standard deviation, or 1 for a constant column (a copy). */
    @JsonProperty("scale")
    public double[] scale() {
        return scale.clone();
    }

    /** Serialises to JSON. */
    public String toJson() {
        return Matrices.toJson(this, "StandardScaler");
    }

    /**
     * Reads a scaler written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or inconsistent
     */
    public static StandardScaler fromJson(String json) {
        return Matrices.fromJson(json, StandardScaler.class);
    }

    @JsonCreator
    static StandardScaler create(@JsonProperty(value = "mean", required = true) double[] mean,
                                 @JsonProperty(value = "scale", required = true) double[] scale) {
        Matrices.checkStatistics(mean, "mean", mean == null ? 0 : mean.length);
        Matrices.checkStatistics(scale, "scale", mean.length);
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0)) {
                throw new IllegalArgumentException("scale[" + c + "] must be > 0, got " + scale[c]);
            }
        }
        return new StandardScaler(mean.clone(), scale.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "StandardScaler[" + mean.length + " features]";
    }
}
