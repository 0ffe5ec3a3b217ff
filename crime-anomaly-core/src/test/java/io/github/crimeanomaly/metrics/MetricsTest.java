package io.github.crimeanomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** The O(n^2) definition: P(score+ > score-) + 0.5 P(tie). */
    private static double naiveAuc(int[] y, double[] s) {
        double num = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return num / pairs;
    }

    /** AP by its definition: mean over positives of precision at that positive's threshold. */
    private static double naiveAveragePrecision(int[] y, double[] s) {
        double sum = 0;
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1) {
                continue;
            }
            positives++;
            int tp = 0;
            int predicted = 0;
            for (int j = 0; j < y.length; j++) {
                if (s[j] >= s[i]) {
                    predicted++;
                    tp += y[j];
                }
            }
            sum += (double) tp / predicted;
        }
        return sum / positives;
    }

    @Test
    void rocAucAndAveragePrecisionMatchTheirDefinitionsOnRandomTiedScores() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            int n = 2 + rnd.nextInt(60);
            int[] y = new int[n];
            double[] s = new double[n];
            int levels = 1 + rnd.nextInt(8); // few levels: many ties
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextInt(2);
                s[i] = rnd.nextInt(levels) / (double) levels + (rnd.nextBoolean() ? 0.0 : -0.0);
            }
            y[0] = 0;
            y[1] = 1;
            assertEquals(naiveAuc(y, s), Metrics.rocAuc(y, s), 1e-12, "seed " + seed);
            assertEquals(naiveAveragePrecision(y, s), Metrics.averagePrecision(y, s), 1e-12, "seed " + seed);
        }
    }

    @Test
    void rocCurveMergesTiesAndStartsAtInfinity() {
        int[] y = {0, 1, 1, 0, 1};
        double[] s = {0.1, 0.4, 0.4, 0.4, 0.8};
        RocCurve roc = Metrics.rocCurve(y, s);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.8, 0.4, 0.1}, roc.thresholds());
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.fpr());
        assertArrayEquals(new double[] {0, 1 / 3.0, 1, 1}, roc.tpr());
        // area: 0.5 * (1/3 + 1) / 2 + 0.5 * 1 = 1/3 + 1/2
        assertEquals(1 / 3.0 + 0.5, roc.auc(), 1e-15);
    }

    @Test
    void rocAucHandlesTensOfThousandsOfScores() {
        Random rnd = new Random(7);
        int n = 200_000;
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(10) == 0 ? 1 : 0;
            s[i] = rnd.nextGaussian() + y[i]; // positives shifted by one sd: AUC = Phi(1/sqrt 2)
        }
        assertEquals(0.7602, Metrics.rocAuc(y, s), 0.005);
    }

    @Test
    void equalErrorRateInterpolatesTheCrossing() {
        assertEquals(0.0, Metrics.equalErrorRate(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9}));
        assertEquals(1.0, Metrics.equalErrorRate(new int[] {1, 1, 0, 0}, new double[] {0.1, 0.2, 0.8, 0.9}));
        // Constant scores: the ROC is the diagonal (0,0)-(1,1); FPR = FNR at 0.5.
        assertEquals(0.5, Metrics.equalErrorRate(new int[] {0, 1, 0, 1}, new double[] {3, 3, 3, 3}), 1e-15);
        // y = 0 1 0 1 ranked 1,0,1,0 from the top: ROC points (0,0) (0,.5) (.5,.5) (.5,1) (1,1).
        // FNR - FPR: 1, .5, 0 -> crossing exactly at FPR 0.5.
        assertEquals(0.5, Metrics.equalErrorRate(new int[] {0, 1, 0, 1}, new double[] {1, 2, 3, 4}), 1e-15);
        // 3 negatives, 1 positive ranked second: points (0,0) (1/3,0) (1/3,1) (2/3,1) (1,1);
        // FNR - FPR: 1, 2/3, -1/3 -> vertical segment at FPR 1/3.
        assertEquals(1 / 3.0, Metrics.equalErrorRate(new int[] {0, 1, 0, 0}, new double[] {4, 3, 2, 1}), 1e-15);
    }

    @Test
    void zeroDenominatorsGiveZero() {
        int[] yTrue = {1, 1, 0};
        int[] noPositivePredictions = {0, 0, 0};
        assertEquals(0.0, Metrics.precision(yTrue, noPositivePredictions));
        assertEquals(0.0, Metrics.f1(yTrue, noPositivePredictions));
        int[] allPositiveTruth = {1, 1};
        assertEquals(0.0, Metrics.falsePositiveRate(allPositiveTruth, new int[] {1, 0}));
        assertEquals(0.0, Metrics.recall(new int[] {0, 0}, new int[] {1, 0}));
    }

    @Test
    void badInputNamesTheArgument() {
        double[] scores = new double[19];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.rocAuc(new int[20], scores));
        assertEquals("yTrue has 20 elements but scores has 19", e.getMessage());

        double[] withNaN = new double[20];
        withNaN[17] = Double.NaN;
        int[] y = new int[20];
        y[3] = 1;
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(y, withNaN));
        assertEquals("scores[17] is NaN, expected a finite value", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[0], new int[0]));
        assertEquals("yTrue must not be empty", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.precision(new int[] {0, 2}, new int[] {0, 1}));
        assertEquals("yTrue[1] is 2, expected 0 or 1", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.rocAuc(new int[] {1, 1}, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("no negatives"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.averagePrecision(new int[] {0, 0}, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("no positives"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertEquals("yTrue[1] is NaN", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.confusionMatrix(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertEquals("yTrue[1] is 3, expected a class in [0, 3)", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.recall(new int[] {0, 1}, new int[] {0, 1}, 2));
        assertEquals("positiveLabel must be 0 or 1, got 2", e.getMessage());

        // infinite scores, as scikit-learn: they used to give two points at threshold +Infinity
        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.rocCurve(new int[] {0, 1, 1, 0}, new double[] {0.1, Double.POSITIVE_INFINITY, 2, 0}));
        assertEquals("scores[1] is Infinity, expected a finite value", e.getMessage());

        // a million classes used to end in OutOfMemoryError
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 1_000_000));
        assertEquals("numClasses must be in [1, 4096], got 1000000", e.getMessage());
    }

    @Test
    void positiveLabelZeroSwapsTheRoles() {
        int[] yTrue = {0, 0, 0, 1};
        int[] yPred = {0, 0, 1, 1};
        // class 0: TP 2 (rows 0,1), FP 0, FN 1
        assertEquals(1.0, Metrics.precision(yTrue, yPred, 0));
        assertEquals(2 / 3.0, Metrics.recall(yTrue, yPred, 0), 1e-15);
        assertEquals(0.0, Metrics.falsePositiveRate(yTrue, yPred, 0));
        assertEquals(1 / 3.0, Metrics.falsePositiveRate(yTrue, yPred, 1), 1e-15);
    }

    @Test
    void confusionMatrixCountsAndDerivedValues() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 2, 0}, 3);
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}, cm.toArray());
        assertEquals(6, cm.total());
        assertEquals(2, cm.support(0));
        assertEquals(1, cm.falsePositives(0));
        assertEquals(3, cm.trueNegatives(0));
        assertEquals(4 / 6.0, cm.accuracy(), 1e-15);
        assertEquals(cm, ConfusionMatrix.ofCounts(cm.toArray()));
        assertTrue(cm.toString().contains("true\\pred"), cm.toString());
    }

    @Test
    void regressionMetrics() {
        double[] t = {1, 2, 3};
        double[] p = {1, 4, 0};
        assertEquals((0 + 4 + 9) / 3.0, Metrics.mse(t, p), 1e-15);
        assertEquals((0 + 2 + 3) / 3.0, Metrics.mae(t, p), 1e-15);
        assertEquals(Math.sqrt(13 / 3.0), Metrics.rmse(t, p), 1e-15);
    }

    @Test
    void f1OptimalThresholdReachesTheBestF1OfAnyThreshold() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(30);
            int[] y = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextInt(2);
                s[i] = rnd.nextInt(8) / 8.0 + (y[i] == 1 ? rnd.nextDouble() * 0.3 : 0);
            }
            y[0] = 1;
            double best = 0;
            for (double t : s) {
                best = Math.max(best, Metrics.f1(y, Metrics.predict(s, t)));
            }
            double chosen = Metrics.f1OptimalThreshold(y, s, 0.5);
            assertEquals(best, Metrics.f1(y, Metrics.predict(s, chosen)), 1e-12, "trial " + trial);
        }
    }

    @Test
    void f1OptimalThresholdKeepsThePreferredOneWhenItIsAmongTheBest() {
        int[] y = {0, 0, 1, 1};
        assertEquals(0.5, Metrics.f1OptimalThreshold(y, new double[] {0.1, 0.3, 0.6, 0.9}, 0.5));
        // 0.5 gives F1 2/3 here; every threshold in (0.7, 0.8] gives 1: the midpoint is returned
        assertEquals(0.75, Metrics.f1OptimalThreshold(y, new double[] {0.6, 0.7, 0.8, 0.9}, 0.5), 1e-12);
        // the best is below every score but the lowest positive: the lowest score itself
        assertEquals(0.2, Metrics.f1OptimalThreshold(new int[] {1, 1}, new double[] {0.2, 0.4}, 0.5), 1e-12);
    }

    @Test
    void f1OptimalThresholdStaysInsideTheBestIntervalAtTheEdgesOfDoubles() {
        // adjacent doubles: the midpoint rounded down to the lower score, which then counted as positive
        double[] close = {0.5, Math.nextUp(0.5)};
        double t = Metrics.f1OptimalThreshold(new int[] {0, 1}, close, 0.0);
        assertArrayEquals(new int[] {0, 1}, Metrics.predict(close, t));
        // huge scores: (hi + lo) / 2 overflowed to Infinity, which flags nothing
        double[] huge = {Double.MAX_VALUE * 0.9, Double.MAX_VALUE};
        t = Metrics.f1OptimalThreshold(new int[] {0, 1}, huge, 0.0);
        assertTrue(Double.isFinite(t), "threshold " + t);
        assertArrayEquals(new int[] {0, 1}, Metrics.predict(huge, t));
    }

    @Test
    void f1OptimalThresholdRejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.f1OptimalThreshold(new int[] {0, 1}, new double[] {0.1, 0.2}, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.f1OptimalThreshold(new int[] {0, 0}, new double[] {0.1, 0.2}, 0.5));
        assertTrue(e.getMessage().contains("no positives"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.f1OptimalThreshold(new int[] {0, 1}, new double[] {0.1, Double.NaN}, 0.5));
    }
}
