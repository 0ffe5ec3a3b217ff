package io.github.crimeanomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    /** 60 samples, alternating classes; A wrong at every 7th, B at every 4th (both at every 28th). */
    private static final int N = 60;
    private static final int[] TRUTH = new int[N];
    private static final int[] A = new int[N];
    private static final int[] B = new int[N];

    static {
        for (int i = 0; i < N; i++) {
            TRUTH[i] = i % 2;
            A[i] = i % 7 == 0 ? 1 - TRUTH[i] : TRUTH[i];
            B[i] = i % 4 == 0 ? 1 - TRUTH[i] : TRUTH[i];
        }
    }

    /**
     * The exact McNemar p-values are scipy 1.17's {@code binomtest(b, b + c, 0.5).pvalue}, an
     * independent implementation.
     */
    @Test
    void mcNemarMatchesScipysExactBinomialTest() {
        int[][] cases = {{0, 1}, {1, 4}, {2, 10}, {0, 6}, {5, 5}, {3, 17}, {30, 12}};
        double[] scipy = {1.0, 0.375, 0.03857421875, 0.03125, 1.0, 0.0025768280029296875, 0.007915897334896727};
        for (int k = 0; k < cases.length; k++) {
            int onlyA = cases[k][0];
            int onlyB = cases[k][1];
            // the disagreements, then 4 samples both get right and 2 both get wrong
            int n = onlyA + onlyB + 6;
            int[] truth = new int[n];
            int[] a = new int[n];
            int[] b = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = i % 2;
                boolean aRight = i < onlyA || (i >= onlyA + onlyB && i < onlyA + onlyB + 4);
                boolean bRight = (i >= onlyA && i < onlyA + onlyB) || (i >= onlyA + onlyB && i < onlyA + onlyB + 4);
                a[i] = aRight ? truth[i] : 1 - truth[i];
                b[i] = bRight ? truth[i] : 1 - truth[i];
            }
            PairedComparison c = PairedComparison.of(truth, a, b);
            assertEquals(onlyA, c.onlyARight());
            assertEquals(onlyB, c.onlyBRight());
            assertEquals(scipy[k], c.mcNemarP(), 1e-12, "b=" + onlyA + " c=" + onlyB);
        }
    }

    /**
     * The differences are exact; the 95% percentile intervals agree with scipy 1.17's
     * {@code bootstrap((t, a, b), statistic, paired=True, method='percentile', n_resamples=10000)}
     * (accuracy [-0.0333, 0.2333], F1 [-0.0606, 0.1698]) to within one sample's worth of accuracy,
     * as two random streams can.
     */
    @Test
    void differencesAndIntervalsMatchScipysPairedBootstrap() {
        PairedComparison c = PairedComparison.of(TRUTH, A, B);
        assertEquals(N, c.samples());
        assertEquals(12, c.onlyARight());
        assertEquals(6, c.onlyBRight());
        assertEquals(0.237884521484375, c.mcNemarP(), 1e-12);
        assertEquals(Metrics.accuracy(TRUTH, A) - Metrics.accuracy(TRUTH, B), c.accuracyDifference(), 1e-12);
        assertEquals(0.1, c.accuracyDifference(), 1e-12);
        assertEquals(Metrics.f1(TRUTH, A) - Metrics.f1(TRUTH, B), c.f1Difference(), 1e-12);
        assertEquals(-0.0333, c.accuracyInterval().lower(), 0.02);
        assertEquals(0.2333, c.accuracyInterval().upper(), 0.02);
        assertEquals(-0.0606, c.f1Interval().lower(), 0.02);
        assertEquals(0.1698, c.f1Interval().upper(), 0.02);
        assertTrue(c.accuracyInterval().contains(c.accuracyDifference()));
        assertTrue(c.f1Interval().contains(c.f1Difference()));
        assertFalse(c.accuracyInterval().excludesZero());
    }

    @Test
    void identicalPredictionsAreIndistinguishable() {
        PairedComparison c = PairedComparison.of(TRUTH, A, A.clone());
        assertEquals(0, c.onlyARight() + c.onlyBRight());
        assertEquals(1.0, c.mcNemarP());
        assertEquals(0.0, c.accuracyInterval().lower());
        assertEquals(0.0, c.accuracyInterval().upper());
        assertEquals(0.0, c.f1Interval().lower());
        assertEquals(0.0, c.f1Interval().upper());
    }

    @Test
    void aPerfectModelAgainstOneAlwaysWrongIsClearlyApart() {
        int[] wrong = new int[N];
        for (int i = 0; i < N; i++) {
            wrong[i] = 1 - TRUTH[i];
        }
        PairedComparison c = PairedComparison.of(TRUTH, TRUTH.clone(), wrong);
        assertEquals(1.0, c.accuracyDifference());
        assertEquals(1.0, c.accuracyInterval().lower());
        assertEquals(1.0, c.f1Difference());    // F1 of the always-wrong model is 0
        assertTrue(c.f1Interval().excludesZero());
        assertTrue(c.mcNemarP() < 1e-15, "p = " + c.mcNemarP());
    }

    @Test
    void swappingTheModelsNegatesEverythingAndMoreSamplesNarrowTheIntervals() {
        PairedComparison ab = PairedComparison.of(TRUTH, A, B);
        PairedComparison ba = PairedComparison.of(TRUTH, B, A);
        assertEquals(ab.onlyARight(), ba.onlyBRight());
        assertEquals(ab.mcNemarP(), ba.mcNemarP(), 1e-15);
        assertEquals(-ab.accuracyDifference(), ba.accuracyDifference(), 1e-12);
        assertEquals(-ab.f1Difference(), ba.f1Difference(), 1e-12);
        // the same draws, mirrored: the intervals mirror too
        assertEquals(-ab.accuracyInterval().upper(), ba.accuracyInterval().lower(), 1e-12);
        assertEquals(-ab.f1Interval().lower(), ba.f1Interval().upper(), 1e-12);

        int[][] four = {new int[4 * N], new int[4 * N], new int[4 * N]};
        for (int i = 0; i < 4 * N; i++) {
            four[0][i] = TRUTH[i % N];
            four[1][i] = A[i % N];
            four[2][i] = B[i % N];
        }
        PairedComparison big = PairedComparison.of(four[0], four[1], four[2]);
        assertEquals(ab.accuracyDifference(), big.accuracyDifference(), 1e-12);
        double width = ab.accuracyInterval().upper() - ab.accuracyInterval().lower();
        double bigWidth = big.accuracyInterval().upper() - big.accuracyInterval().lower();
        assertEquals(width / 2, bigWidth, width / 8, "four times the samples: about half the width");
        assertTrue(big.mcNemarP() < ab.mcNemarP());
    }

    @Test
    void theSeedFixesTheIntervalsAndTheConfidenceWidensThem() {
        PairedComparison a = PairedComparison.of(TRUTH, A, B, 1, 2000, 0.95, 7);
        assertEquals(a, PairedComparison.of(TRUTH, A, B, 1, 2000, 0.95, 7));
        assertNotEquals(a, PairedComparison.of(TRUTH, A, B, 1, 2000, 0.95, 8));
        PairedComparison wide = PairedComparison.of(TRUTH, A, B, 1, 2000, 0.99, 7);
        assertTrue(wide.accuracyInterval().lower() <= a.accuracyInterval().lower()
                && wide.accuracyInterval().upper() >= a.accuracyInterval().upper(), wide + " vs " + a);
        // F1 of the other class differs from class 1's
        PairedComparison zero = PairedComparison.of(TRUTH, A, B, 0, 2000, 0.95, 7);
        assertEquals(Metrics.f1(TRUTH, A, 0) - Metrics.f1(TRUTH, B, 0), zero.f1Difference(), 1e-12);
        assertTrue(a.toString().startsWith("A right alone 12, B right alone 6 (of 60), McNemar p 0.238, accuracy +0.100 ["),
                a.toString());
    }

    @Test
    void badInputIsNamed() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(TRUTH, A, new int[3])).getMessage();
        assertEquals("truth has 60 elements but predB has 3", m);
        int[] two = A.clone();
        two[5] = 2;
        m = assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(TRUTH, two, B)).getMessage();
        assertEquals("predA[5] is 2, expected 0 or 1", m);
        m = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(new int[0], new int[0], new int[0])).getMessage();
        assertEquals("truth must not be empty", m);
        m = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(TRUTH, A, B, 1, 10, 0.95, 1)).getMessage();
        assertEquals("resamples must be in [100, 10000000], got 10", m);
        // Integer.MAX_VALUE used to end in OutOfMemoryError
        m = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(TRUTH, A, B, 1, Integer.MAX_VALUE, 0.95, 1)).getMessage();
        assertEquals("resamples must be in [100, 10000000], got " + Integer.MAX_VALUE, m);
        m = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(TRUTH, A, B, 1, 1000, 1.0, 1)).getMessage();
        assertEquals("confidence must be in (0, 1), got 1.0", m);
        m = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(TRUTH, A, B, 2, 1000, 0.95, 1)).getMessage();
        assertEquals("positiveLabel must be 0 or 1, got 2", m);
    }

    @Test
    void theConstructorRefusesComponentsNoComparisonCouldHave() {
        PairedComparison.Interval i = new PairedComparison.Interval(-0.1, 0.1);
        // it used to print "A right alone 5, B right alone 5 (of -1), McNemar p 2.000 ... (700% bootstrap)"
        String m = assertThrows(IllegalArgumentException.class,
                () -> new PairedComparison(-1, 5, 5, 2.0, 0, i, 0, null, 7, 100)).getMessage();
        assertEquals("invalid PairedComparison: samples must be >= 1, got -1; onlyARight and onlyBRight must be >= 0 "
                + "and together at most samples (-1), got 5 and 5; mcNemarP must be in [0, 1], got 2.0; "
                + "accuracyInterval and f1Interval must not be null; confidence must be in (0, 1), got 7.0", m);
        PairedComparison real = PairedComparison.of(TRUTH, A, B);
        assertEquals(real, new PairedComparison(real.samples(), real.onlyARight(), real.onlyBRight(), real.mcNemarP(),
                real.accuracyDifference(), real.accuracyInterval(), real.f1Difference(), real.f1Interval(),
                real.confidence(), real.resamples()));
    }
}
