package io.github.crimeanomaly.metrics;

/** Argument checks shared by the metrics; messages name the argument and the element. */
final class Checks {

    private Checks() {
    }

    static void sameLength(String a, int na, String b, int nb) {
        if (na != nb) {
            throw new IllegalArgumentException(a + " has " + na + " elements but " + b + " has " + nb);
        }
    }

    static void notEmpty(String a, int n) {
        if (n == 0) {
            throw new IllegalArgumentException(a + " must not be empty");
        }
    }

    static void pair(String a, int[] x, String b, int[] y) {
        pairOf(a, x, b, y);
    }

    static void pair(String a, int[] x, String b, double[] y) {
        pairOf(a, x, b, y);
    }

    static void pair(String a, double[] x, String b, double[] y) {
        pairOf(a, x, b, y);
    }

    /** Both arrays non-null, of the same length, not empty; names the offending argument. */
    private static void pairOf(String a, Object x, String b, Object y) {
        if (x == null) {
            throw new IllegalArgumentException(a + " must not be null");
        }
        if (y == null) {
            throw new IllegalArgumentException(b + " must not be null");
        }
        int n = java.lang.reflect.Array.getLength(x);
        sameLength(a, n, b, java.lang.reflect.Array.getLength(y));
        notEmpty(a, n);
    }

    static void binary(String a, int[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0 && x[i] != 1) {
                throw new IllegalArgumentException(a + "[" + i + "] is " + x[i] + ", expected 0 or 1");
            }
        }
    }

    static void positiveLabel(int positiveLabel) {
        if (positiveLabel != 0 && positiveLabel != 1) {
            throw new IllegalArgumentException("positiveLabel must be 0 or 1, got " + positiveLabel);
        }
    }

    static void inRange(String a, int[] x, int numClasses) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || x[i] >= numClasses) {
                throw new IllegalArgumentException(a + "[" + i + "] is " + x[i] + ", expected a class in [0, "
                        + numClasses + ")");
            }
        }
    }

    static void notNaN(String a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new IllegalArgumentException(a + "[" + i + "] is NaN");
            }
        }
    }

    static void finite(String a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(a + "[" + i + "] is " + x[i] + ", expected a finite value");
            }
        }
    }

    /** {@code num / den}, or 0 when {@code den} is 0 (the zero_division=0 convention). */
    static double ratio(double num, double den) {
        return den == 0 ? 0.0 : num / den;
    }
}
