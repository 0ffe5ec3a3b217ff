package io.github.crimeanomaly.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.crimeanomaly.internal.Json;

/** Checks on row-major feature matrices shared by the scalers and the imputer. */
final class Matrices {

    private Matrices() {
    }

    /**
     * Checks that {@code x} is a non-empty rectangular matrix and returns its column count.
     *
     * @param allowNaN whether NaN marks a missing value (imputer) or is an error (scalers)
     */
    static int check(double[][] x, String name, boolean allowNaN) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row, got 0");
        }
        if (x[0] == null) {
            throw new IllegalArgumentException(name + "[0] is null");
        }
        int cols = x[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException(name + " must have at least one column, got 0");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null) {
                throw new IllegalArgumentException(name + "[" + r + "] is null");
            }
            if (x[r].length != cols) {
                throw new IllegalArgumentException(name + " must be rectangular: row " + r + " has "
                        + x[r].length + " columns but row 0 has " + cols);
            }
            checkRow(x[r], name + "[" + r + "]", allowNaN);
        }
        return cols;
    }

    /** Checks a matrix to be transformed by something fitted on {@code expectedCols} columns. */
    static void checkForTransform(double[][] x, String name, int expectedCols, boolean allowNaN, String fitted) {
        int cols = check(x, name, allowNaN);
        if (cols != expectedCols) {
            throw new IllegalArgumentException(name + " has " + cols + " columns but the " + fitted
                    + " was fitted on " + expectedCols);
        }
    }

    static void checkRow(double[] row, String name, boolean allowNaN) {
        for (int c = 0; c < row.length; c++) {
            double v = row[c];
            if (Double.isNaN(v)) {
                if (!allowNaN) {
                    throw new IllegalArgumentException(name + "[" + c + "] is NaN; impute missing values "
                            + "first (SimpleImputer)");
                }
            } else if (Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + "[" + c + "] is " + v + ", expected a finite value");
            }
        }
    }

    static void checkStatistics(double[] values, String name, int expectedLength) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (values.length != expectedLength) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected "
                    + expectedLength);
        }
        for (int c = 0; c < values.length; c++) {
            if (!Double.isFinite(values[c])) {
                throw new IllegalArgumentException(name + "[" + c + "] is " + values[c] + ", expected a finite value");
            }
        }
    }

    static String toJson(Object o, String what) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + what, e);
        }
    }

    /**
     * The mean of finite values computed on {@code v / max|v|}, for values whose plain sum
     * overflows; NaN if even that overflows.
     */
    static double scaledMean(double[] v) {
        double a = 0;
        for (double d : v) {
            a = Math.max(a, Math.abs(d));
        }
        if (a == 0) {
            return 0;
        }
        double sum = 0;
        for (double d : v) {
            sum += d / a;
        }
        return a * (sum / v.length);
    }

    static <T> T fromJson(String json, Class<T> type) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " JSON: " + Json.problem(e), e);
        }
    }
}
