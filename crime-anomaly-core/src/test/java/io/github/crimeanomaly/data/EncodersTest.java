package io.github.crimeanomaly.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodersTest {

    private static final double NaN = Double.NaN;

    private static double[][] randomMatrix(long seed, int rows, int cols) {
        Random rnd = new Random(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int c = 0; c < cols; c++) {
                row[c] = rnd.nextGaussian() * (c + 1) * 10 + c;
            }
        }
        return x;
    }

    private static void assertMatrixEquals(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], tol, "row " + r);
        }
    }

    // ------------------------------------------------------------------ one-hot

    @Test
    void oneHotEncodesAndDecodes() {
        OneHotEncoder e = OneHotEncoder.fit(List.of("theft", "assault", "theft"));
        assertArrayEquals(new double[] {0, 1}, e.encode("theft"));
        assertArrayEquals(new double[][] {{1, 0}, {0, 1}}, e.encodeAll(List.of("assault", "theft")));
        assertEquals("theft", e.decode(new double[] {0.2, 0.8}));
        assertEquals(e, OneHotEncoder.of(LabelEncoder.fit(List.of("assault", "theft"))));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.decode(new double[] {1, 0, 0}));
        assertEquals("vector has 3 entries, expected 2 (one per class)", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.encode("arson"));
    }

    @Test
    void oneHotRoundTripsThroughJsonWithUnknownClass() {
        OneHotEncoder e = OneHotEncoder.of(LabelEncoder.fit(List.of("a", "b")).withUnknownClass("other"));
        OneHotEncoder back = OneHotEncoder.fromJson(e.toJson());
        assertEquals(e, back);
        assertArrayEquals(new double[] {0, 0, 1}, back.encode("zzz"));
    }

    // ------------------------------------------------------------------ min-max

    @Test
    void minMaxMapsTrainingRangeToFeatureRange() {
        double[][] train = {{1, 10}, {3, 20}, {2, 30}};
        MinMaxScaler s = MinMaxScaler.fit(train);
        assertMatrixEquals(new double[][] {{0, 0}, {1, 0.5}, {0.5, 1}}, s.transform(train), 1e-15);
        // outside the training range: not clipped
        assertArrayEquals(new double[] {1.5, -0.5}, s.transform(new double[] {4, 0}), 1e-15);
        MinMaxScaler sym = MinMaxScaler.fit(train, -1, 1);
        assertArrayEquals(new double[] {-1, 1}, sym.transform(new double[] {1, 30}), 1e-15);
    }

    @Test
    void minMaxConstantColumnMapsToFeatureMinAndShifts() {
        MinMaxScaler s = MinMaxScaler.fit(new double[][] {{5, 0}, {5, 1}});
        assertArrayEquals(new double[] {0, 0}, s.transform(new double[] {5, 0}), 0);
        assertArrayEquals(new double[] {2, 1}, s.transform(new double[] {7, 1}), 0);
    }

    @Test
    void minMaxInverseAndJsonRoundTripOnRandomData() {
        for (int seed = 0; seed < 20; seed++) {
            double[][] train = randomMatrix(seed, 50, 4);
            double[][] test = randomMatrix(seed + 1000, 10, 4);
            MinMaxScaler s = MinMaxScaler.fit(train, -2, 3);
            assertMatrixEquals(test, s.inverseTransform(s.transform(test)), 1e-9);
            MinMaxScaler back = MinMaxScaler.fromJson(s.toJson());
            assertEquals(s, back);
            assertMatrixEquals(s.transform(test), back.transform(test), 0);
        }
    }

    // ------------------------------------------------------------------ standard

    @Test
    void standardScalerGivesZeroMeanUnitPopulationVariance() {
        double[][] train = randomMatrix(3, 200, 3);
        StandardScaler s = StandardScaler.fit(train);
        double[][] z = s.transform(train);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double ss = 0;
            for (double[] row : z) {
                sum += row[c];
                ss += row[c] * row[c];
            }
            assertEquals(0, sum / z.length, 1e-12, "mean of column " + c);
            assertEquals(1, ss / z.length, 1e-12, "population variance of column " + c);
        }
        // known values: [1, 3] -> mean 2, population sd 1
        StandardScaler k = StandardScaler.fit(new double[][] {{1}, {3}});
        assertArrayEquals(new double[] {2}, k.mean());
        assertArrayEquals(new double[] {1}, k.scale());
        assertArrayEquals(new double[] {3}, k.transform(new double[] {5}));
    }

    @Test
    void standardScalerConstantColumnIsExactlyZero() {
        // 0.1 summed three times and divided by 3 is not 0.1: equality detection avoids dividing noise
        StandardScaler s = StandardScaler.fit(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 3}});
        assertEquals(1.0, s.scale()[0]);
        assertEquals(0.0, s.transform(new double[] {0.1, 2})[0]);
        assertEquals(0.5, s.transform(new double[] {0.6, 2})[0], 1e-15);
    }

    @Test
    void standardScalerInverseAndJsonRoundTrip() {
        double[][] train = randomMatrix(11, 40, 5);
        StandardScaler s = StandardScaler.fit(train);
        assertMatrixEquals(train, s.inverseTransform(s.transform(train)), 1e-9);
        StandardScaler back = StandardScaler.fromJson(s.toJson());
        assertEquals(s, back);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fromJson("{\"mean\":[1,2],\"scale\":[1]}"));
        assertTrue(ex.getMessage().contains("scale has 1 values, expected 2"), ex.getMessage());
    }

    @Test
    void scalersRejectNaNInfinityRaggedAndWrongWidth() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}, {3, NaN}}));
        assertTrue(ex.getMessage().startsWith("x[1][1] is NaN"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(new double[][] {{1, 2}, {3, NaN}}));
        assertTrue(ex.getMessage().startsWith("x[1][1] is NaN"), ex.getMessage());
        MinMaxScaler mm = MinMaxScaler.fit(new double[][] {{1, 2}, {3, 4}});
        ex = assertThrows(IllegalArgumentException.class,
                () -> mm.transform(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 2}}));
        assertEquals("x[1][0] is Infinity, expected a finite value", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> mm.transform(new double[][] {{1, 2, 3}}));
        assertEquals("x has 3 columns but the MinMaxScaler was fitted on 2", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> mm.transform(new double[] {1}));
        assertEquals("row has 1 columns but the MinMaxScaler was fitted on 2", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new double[][] {{1, 2}, {3}}));
        assertEquals("x must be rectangular: row 1 has 1 columns but row 0 has 2", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new double[0][]));
        assertEquals("x must have at least one row, got 0", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(new double[][] {{1}}, 1, 1));
        assertEquals("feature range must be finite with featureMin < featureMax, got [1.0, 1.0]", ex.getMessage());
    }

    @Test
    void valuesNearTheLargestDoubleGiveFiniteStatisticsOrANamedError() {
        // the sums overflowed: mean and scale were Infinity, transform gave NaN, and toJson could not be read back
        StandardScaler s = StandardScaler.fit(new double[][] {{1.7e308}, {1.6e308}});
        assertEquals(1.65e308, s.mean()[0], 1e294);
        assertEquals(0.05e308, s.scale()[0], 1e294);
        assertEquals(0.0, s.transform(new double[][] {{1.65e308}})[0][0], 1e-9);
        assertEquals(s, StandardScaler.fromJson(s.toJson()));
        SimpleImputer mean = SimpleImputer.fit(new double[][] {{1.7e308}, {1.7e308}, {NaN}}, SimpleImputer.Strategy.MEAN);
        assertEquals(1.7e308, mean.fillValues()[0], 1e294);
        assertEquals(1.7e308, SimpleImputer.fit(new double[][] {{1.7e308}, {1.7e308}}, SimpleImputer.Strategy.MEDIAN)
                .fillValues()[0], 1e294);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(new double[][] {{-Double.MAX_VALUE}, {Double.MAX_VALUE}}));
        assertTrue(ex.getMessage().startsWith("x column 0: its values span ["), ex.getMessage());
    }

    // ------------------------------------------------------------------ imputer

    private static final double[][] WITH_GAPS = {
        {1, NaN, 7},
        {2, 5, NaN},
        {NaN, 5, 7},
        {9, 1, 8},
        {2, NaN, NaN},
    };

    @Test
    void imputerStrategiesComputeTheirStatistics() {
        assertArrayEquals(new double[] {3.5, 11 / 3.0, 22 / 3.0},
                SimpleImputer.fit(WITH_GAPS, SimpleImputer.Strategy.MEAN).fillValues(), 1e-15);
        assertArrayEquals(new double[] {2, 5, 7},
                SimpleImputer.fit(WITH_GAPS, SimpleImputer.Strategy.MEDIAN).fillValues());
        assertArrayEquals(new double[] {2, 5, 7},
                SimpleImputer.fit(WITH_GAPS, SimpleImputer.Strategy.MOST_FREQUENT).fillValues());
        assertArrayEquals(new double[] {0, 0, 0},
                SimpleImputer.fit(WITH_GAPS, SimpleImputer.Strategy.CONSTANT).fillValues());
        assertArrayEquals(new double[] {-1, -1, -1}, SimpleImputer.fitConstant(WITH_GAPS, -1).fillValues());
        // even count median: mean of the two middle values; mode ties: smallest value
        double[][] even = {{4}, {1}, {3}, {2}};
        assertArrayEquals(new double[] {2.5}, SimpleImputer.fit(even, SimpleImputer.Strategy.MEDIAN).fillValues());
        assertArrayEquals(new double[] {1}, SimpleImputer.fit(even, SimpleImputer.Strategy.MOST_FREQUENT).fillValues());
    }

    @Test
    void imputerFillsOnlyMissingValuesAndLeavesInputAlone() {
        SimpleImputer imp = SimpleImputer.fit(WITH_GAPS, SimpleImputer.Strategy.MEDIAN);
        double[][] out = imp.transform(new double[][] {{NaN, NaN, NaN}, {0, 0, 0}});
        assertArrayEquals(new double[] {2, 5, 7}, out[0]);
        assertArrayEquals(new double[] {0, 0, 0}, out[1]);
        assertTrue(Double.isNaN(WITH_GAPS[0][1]), "input must not be modified");
    }

    @Test
    void imputerErrorsAndJsonRoundTrip() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> SimpleImputer.fit(new double[][] {{1, NaN}, {2, NaN}}, SimpleImputer.Strategy.MEAN));
        assertEquals("column 1 has no non-missing values in its 2 rows; cannot compute its MEAN", ex.getMessage());
        SimpleImputer imp = SimpleImputer.fit(WITH_GAPS, SimpleImputer.Strategy.MEAN);
        ex = assertThrows(IllegalArgumentException.class, () -> imp.transform(new double[][] {{1, 2}}));
        assertEquals("x has 2 columns but the SimpleImputer was fitted on 3", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> imp.transform(new double[][] {{1, 2, Double.NEGATIVE_INFINITY}}));
        assertEquals("x[0][2] is -Infinity, expected a finite value", ex.getMessage());
        for (SimpleImputer.Strategy st : SimpleImputer.Strategy.values()) {
            SimpleImputer s = SimpleImputer.fit(WITH_GAPS, st);
            SimpleImputer back = SimpleImputer.fromJson(s.toJson());
            assertEquals(s, back);
            assertEquals(st, back.strategy());
        }
        assertThrows(IllegalArgumentException.class,
                () -> SimpleImputer.fromJson("{\"strategy\":\"MEAN\",\"fill\":[]}"));
    }
}
