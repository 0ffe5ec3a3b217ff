package io.github.crimeanomaly.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static final int SEEDS = 200;
    private static final SplitRatios[] RATIOS = {
        SplitRatios.DEFAULT, new SplitRatios(0.6, 0.2, 0.2), new SplitRatios(0.8, 0.0, 0.2),
        new SplitRatios(0.5, 0.25, 0.25),
    };

    /** Disjoint, covering 0..n-1, ascending within each part. */
    private static void assertPartition(Split s, int n, String where) {
        assertEquals(n, s.total(), where);
        Set<Integer> all = new HashSet<>();
        for (Split.Part p : Split.Part.values()) {
            List<Integer> idx = s.indices(p);
            assertEquals(idx.size(), s.size(p), where);
            for (int i = 0; i < idx.size(); i++) {
                assertTrue(all.add(idx.get(i)), where + ": index " + idx.get(i) + " repeated");
                if (i > 0) {
                    assertTrue(idx.get(i - 1) < idx.get(i), where + ": not ascending");
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(all.contains(i), where + ": index " + i + " missing");
        }
    }

    private static void assertNonZeroPartsNonEmpty(Split s, SplitRatios r, String where) {
        for (Split.Part p : Split.Part.values()) {
            assertEquals(r.of(p) > 0, s.size(p) > 0, where + ": " + p + " size " + s.size(p) + " at ratio " + r.of(p));
        }
    }

    @Test
    void targetSizesUseLargestRemainder() {
        assertArrayEquals(new int[] {7, 2, 1}, Splits.targetSizes(10, SplitRatios.DEFAULT));
        assertArrayEquals(new int[] {70, 20, 10}, Splits.targetSizes(100, SplitRatios.DEFAULT));
        assertArrayEquals(new int[] {9222, 2635, 1317}, Splits.targetSizes(13174, SplitRatios.DEFAULT));
        assertArrayEquals(new int[] {8, 2, 1}, Splits.targetSizes(11, SplitRatios.DEFAULT)); // 7.7, 2.2, 1.1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.targetSizes(4, SplitRatios.DEFAULT));
        assertEquals("test split would be empty: 0.1 of 4 items rounds to 0 (need at least 5 items)", e.getMessage());
    }

    @Test
    void ratiosAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SplitRatios(0.7, 0.2, 0.2));
        assertTrue(e.getMessage().startsWith("ratios must sum to 1 (within 1.0E-9), got 0.7 + 0.2 + 0.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SplitRatios(1.2, -0.1, -0.1));
        assertEquals("train ratio must be in [0, 1], got 1.2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SplitRatios(0.5, -0.1, 0.6));
        assertEquals("validation ratio must be in [0, 1], got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SplitRatios(0, 0.5, 0.5));
        assertEquals("train ratio must be > 0, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SplitRatios(Double.NaN, 0.5, 0.5));
        new SplitRatios(0.7, 0.2, 0.1 + 5e-10); // within tolerance
    }

    @Test
    void randomSplitIsAReproduciblePartitionOfTargetSize() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            int n = 10 + rnd.nextInt(300);
            SplitRatios r = RATIOS[seed % RATIOS.length];
            Split s = Splits.random(n, r, seed);
            String where = "seed " + seed + " n " + n + " " + r;
            assertPartition(s, n, where);
            int[] size = Splits.targetSizes(n, r);
            assertArrayEquals(size, new int[] {s.trainSize(), s.validationSize(), s.testSize()}, where);
            assertEquals(s, Splits.random(n, r, seed), where + ": same seed must give the same split");
            assertNotEquals(s, Splits.random(n, r, seed + 1), where + ": another seed should differ");
        }
    }

    @Test
    void stratifiedSplitKeepsEveryClassProportionalWithExactSizes() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            int n = 20 + rnd.nextInt(400);
            int k = 1 + rnd.nextInt(6);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                // skewed class frequencies, some classes tiny
                labels[i] = (int) Math.floor(k * Math.pow(rnd.nextDouble(), 2));
            }
            SplitRatios r = RATIOS[seed % RATIOS.length];
            String where = "seed " + seed + " n " + n + " k " + k + " " + r;
            Split s = Splits.stratified(labels, r, seed);
            assertPartition(s, n, where);
            int[] size = Splits.targetSizes(n, r);
            assertArrayEquals(size, new int[] {s.trainSize(), s.validationSize(), s.testSize()}, where);
            int[] classSize = new int[k];
            for (int l : labels) {
                classSize[l]++;
            }
            for (Split.Part p : Split.Part.values()) {
                int[] count = new int[k];
                for (int i : s.indices(p)) {
                    count[labels[i]]++;
                }
                for (int c = 0; c < k; c++) {
                    double ideal = (double) classSize[c] * size[p.ordinal()] / n;
                    assertTrue(count[c] >= Math.floor(ideal) && count[c] <= Math.ceil(ideal),
                            where + ": class " + c + " has " + count[c] + " in " + p + ", ideal " + ideal);
                }
            }
            assertEquals(s, Splits.stratified(labels, r, seed), where);
            if (n > 40) {
                assertNotEquals(s, Splits.stratified(labels, r, seed + 1), where);
            }
        }
    }

    @Test
    void groupedSplitNeverSeparatesAGroupAndComesCloseToTheRatios() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            int numGroups = 3 + rnd.nextInt(60);
            List<String> groups = new ArrayList<>();
            int maxGroup = 0;
            for (int g = 0; g < numGroups; g++) {
                int size = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 12);
                maxGroup = Math.max(maxGroup, size);
                for (int j = 0; j < size; j++) {
                    groups.add("video-" + g);
                }
            }
            java.util.Collections.shuffle(groups, rnd);
            int n = groups.size();
            SplitRatios r = RATIOS[seed % RATIOS.length];
            String where = "seed " + seed + " groups " + numGroups + " n " + n + " " + r;
            Split s;
            try {
                s = Splits.grouped(groups, r, seed);
            } catch (IllegalArgumentException tooSmall) {
                // only legitimate when a non-zero part's target size rounds to 0
                assertThrows(IllegalArgumentException.class, () -> Splits.targetSizes(n, r), where);
                continue;
            }
            assertPartition(s, n, where);
            assertNonZeroPartsNonEmpty(s, r, where);
            Map<String, Split.Part> partOf = new HashMap<>();
            for (Split.Part p : Split.Part.values()) {
                for (int i : s.indices(p)) {
                    Split.Part prev = partOf.put(groups.get(i), p);
                    assertTrue(prev == null || prev == p, where + ": group " + groups.get(i) + " in " + prev + " and " + p);
                }
                double target = r.of(p) * n;
                assertTrue(Math.abs(s.size(p) - target) <= maxGroup, where + ": " + p + " size " + s.size(p)
                        + " vs target " + target + " (largest group " + maxGroup + ")");
            }
            assertEquals(s, Splits.grouped(groups, r, seed), where);
            if (numGroups > 12) {
                assertNotEquals(s, Splits.grouped(groups, r, seed + 1), where);
            }
        }
    }

    @Test
    void stratifiedGroupedKeepsGroupsWholeAndBalancesClassesBetterThanChance() {
        double stratErr = 0;
        double plainErr = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            int numGroups = 10 + rnd.nextInt(50);
            List<Integer> groups = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int g = 0; g < numGroups; g++) {
                int size = 1 + rnd.nextInt(8);
                String label = rnd.nextInt(3) == 0 ? "fight" : "noFight"; // label per source video
                for (int j = 0; j < size; j++) {
                    groups.add(g);
                    labels.add(label);
                }
            }
            int n = groups.size();
            SplitRatios r = SplitRatios.DEFAULT;
            String where = "seed " + seed;
            Split s = Splits.stratifiedGrouped(groups, labels, r, seed);
            assertPartition(s, n, where);
            assertNonZeroPartsNonEmpty(s, r, where);
            for (Split.Part p : Split.Part.values()) {
                Set<Integer> here = new HashSet<>();
                for (int i : s.indices(p)) {
                    here.add(groups.get(i));
                }
                for (Split.Part q : Split.Part.values()) {
                    if (q != p) {
                        for (int i : s.indices(q)) {
                            assertTrue(!here.contains(groups.get(i)), where + ": group " + groups.get(i) + " straddles");
                        }
                    }
                }
            }
            assertEquals(s, Splits.stratifiedGrouped(groups, labels, r, seed), where);
            stratErr += classShareError(s, labels);
            plainErr += classShareError(Splits.grouped(groups, r, seed), labels);
        }
        assertTrue(stratErr < plainErr, "stratified-group class-share error " + stratErr
                + " should be below plain grouped " + plainErr);
    }

    /** Sum over parts and classes of |count - ratio * classSize|. */
    private static double classShareError(Split s, List<String> labels) {
        Map<String, Integer> total = new HashMap<>();
        labels.forEach(l -> total.merge(l, 1, Integer::sum));
        double err = 0;
        for (Split.Part p : Split.Part.values()) {
            Map<String, Integer> count = new HashMap<>();
            for (int i : s.indices(p)) {
                count.merge(labels.get(i), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : total.entrySet()) {
                err += Math.abs(count.getOrDefault(e.getKey(), 0) - SplitRatios.DEFAULT.of(p) * e.getValue());
            }
        }
        return err;
    }

    @Test
    void groupedRejectsTooFewGroups() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.grouped(List.of("a", "a", "a", "b", "b", "b", "b", "b", "b", "b"), SplitRatios.DEFAULT, 1));
        assertEquals("need at least 3 groups for 3 non-empty parts, found 2 groups among 10 items", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Splits.grouped(java.util.Arrays.asList("a", null), SplitRatios.DEFAULT, 1));
        assertEquals("groups[1] is null", e.getMessage());
    }

    @Test
    void temporalSplitHasNoFutureLeakageAndKeepsTiesTogether() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            int n = 10 + rnd.nextInt(300);
            int distinct = 5 + rnd.nextInt(n); // many ties when small
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                times[i] = 1_000L * rnd.nextInt(distinct);
            }
            SplitRatios r = RATIOS[seed % RATIOS.length];
            String where = "seed " + seed + " n " + n + " " + r;
            Split s;
            try {
                s = Splits.temporal(times, r);
            } catch (IllegalArgumentException tooTied) {
                assertTrue(tooTied.getMessage().contains("distinct time") || tooTied.getMessage().contains("empty"),
                        where + ": " + tooTied.getMessage());
                continue;
            }
            assertPartition(s, n, where);
            assertNonZeroPartsNonEmpty(s, r, where);
            long trainMax = max(s.train(), times);
            long valMin = min(s.validation(), times);
            long valMax = max(s.validation(), times);
            long testMin = min(s.test(), times);
            // strict: equal times never straddle a boundary
            assertTrue(trainMax < valMin, where + ": train max " + trainMax + " vs validation min " + valMin);
            assertTrue(valMax < testMin, where + ": validation max " + valMax + " vs test min " + testMin);
            assertTrue(trainMax < testMin, where);
            assertEquals(s, Splits.temporal(times, r), where);
        }
    }

    @Test
    void temporalSplitWithDistinctTimesHitsTargetSizesExactly() {
        for (int seed = 0; seed < 50; seed++) {
            Random rnd = new Random(seed);
            int n = 10 + rnd.nextInt(500);
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                times.add((long) i * 7919 % 100_003); // distinct, scrambled
            }
            Split s = Splits.temporal(times, SplitRatios.DEFAULT);
            int[] size = Splits.targetSizes(n, SplitRatios.DEFAULT);
            assertArrayEquals(size, new int[] {s.trainSize(), s.validationSize(), s.testSize()});
        }
    }

    @Test
    void temporalSplitMovesACutPastATieAndRejectsImpossibleTies() {
        // 10 items; target 7/2/1, but times 5 (x4) straddle position 7: cut moves to the nearer boundary
        long[] times = {1, 2, 3, 4, 5, 5, 5, 5, 9, 10};
        Split s = Splits.temporal(times, SplitRatios.DEFAULT);
        assertEquals("Split[train=8 (80.0%), validation=1 (10.0%), test=1 (10.0%)]", s.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.temporal(new long[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, SplitRatios.DEFAULT));
        assertTrue(e.getMessage().startsWith("cannot split 10 items temporally at 0.7/0.2/0.1: they have only 2 distinct times"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Splits.temporal(java.util.Arrays.asList(1L, null), SplitRatios.DEFAULT));
        assertEquals("times[1] is null", e.getMessage());
    }

    @Test
    void splitReportsSizesAndSelectsItems() {
        Split s = new Split(new int[] {3, 0, 1}, new int[] {2}, new int[] {4});
        assertEquals(List.of(0, 1, 3), s.train());
        assertEquals(List.of("a", "b", "d"), s.trainOf(List.of("a", "b", "c", "d", "e")));
        assertEquals(List.of("e"), s.testOf(List.of("a", "b", "c", "d", "e")));
        assertEquals("Split[train=3 (60.0%), validation=1 (20.0%), test=1 (20.0%)]", s.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Split(new int[] {0, 1}, new int[] {1}, new int[0]));
        assertEquals("index 1 appears twice (again in validation)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.trainOf(List.of("a")));
        assertEquals("items has 1 elements but the split covers 5", e.getMessage());
    }

    private static long max(List<Integer> idx, long[] t) {
        long m = Long.MIN_VALUE;
        for (int i : idx) {
            m = Math.max(m, t[i]);
        }
        return m;
    }

    private static long min(List<Integer> idx, long[] t) {
        long m = Long.MAX_VALUE;
        for (int i : idx) {
            m = Math.min(m, t[i]);
        }
        return m;
    }
}
