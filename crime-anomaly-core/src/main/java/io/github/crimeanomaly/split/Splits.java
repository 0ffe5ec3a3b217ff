package io.github.crimeanomaly.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The splitters. Each returns a {@link Split} of item indices {@code 0..n-1}.
 *
 * <ul>
 *   <li>{@link #random}: a seeded shuffle cut at the target sizes.</li>
 *   <li>{@link #stratified}: every class is spread over the parts in the split's proportions
 *       (each class's count in each part is the floor or ceiling of its ideal share) while the
 *       part sizes stay exactly the targets.</li>
 *   <li>{@link #grouped}: items with equal group keys (e.g. clips of one source video) always land
 *       in the same part; whole groups are allocated to come as close to the ratios as possible.</li>
 *   <li>{@link #stratifiedGrouped}: as {@link #grouped}, also balancing each class's share per
 *       part.</li>
 *   <li>{@link #temporal}: ordered by a time key; every train time &lt;= every validation time
 *       &lt;= every test time, and items with equal times never straddle a boundary. Not random.</li>
 * </ul>
 *
 * <p><b>Target sizes.</b> The {@code n * ratio} shares rounded by largest remainder (ties to
 * train, then validation), so they sum to {@code n}: 10 items at 70/20/10 give 7/2/1.
 *
 * <p><b>Impossible requests</b> are {@link IllegalArgumentException}s: a part with a non-zero
 * ratio whose target size rounds to 0, fewer groups than non-empty parts, or times so tied that a
 * part would be empty. Ratios themselves are validated by {@link SplitRatios}.
 *
 * <p>Reproducible: the same input and seed give the same split on any JVM ({@link Random} is
 * specified exactly); group and class keys are taken in order of first appearance, never in hash
 * order.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * The target part sizes for {@code n} items, by largest remainder.
     *
     * @throws IllegalArgumentException if {@code n < 1} or a part with a non-zero ratio would be empty
     */
    public static int[] targetSizes(int n, SplitRatios ratios) {
        Objects.requireNonNull(ratios, "ratios");
        if (n < 1) {
            throw new IllegalArgumentException("cannot split " + n + " items, need at least 1");
        }
        int[] size = new int[3];
        double[] rem = new double[3];
        int assigned = 0;
        for (Split.Part p : Split.Part.values()) {
            double share = ratios.of(p) * n;
            int fl = (int) Math.floor(share + 1e-9);
            size[p.ordinal()] = fl;
            rem[p.ordinal()] = share - fl;
            assigned += fl;
        }
        while (assigned < n) {
            int best = 0;
            for (int s = 1; s < 3; s++) {
                if (rem[s] > rem[best] + 1e-12) {
                    best = s;
                }
            }
            size[best]++;
            rem[best] = -1;
            assigned++;
        }
        while (assigned > n) { // only from the 1e-9 guard on shares like 6.9999999999
            int s = size[0] >= size[1] && size[0] >= size[2] ? 0 : size[1] >= size[2] ? 1 : 2;
            size[s]--;
            assigned--;
        }
        for (Split.Part p : Split.Part.values()) {
            double r = ratios.of(p);
            if (r > 0 && size[p.ordinal()] == 0) {
                throw new IllegalArgumentException(name(p) + " split would be empty: " + r + " of " + n
                        + " items rounds to 0 (need at least " + (int) Math.ceil(0.5 / r) + " items)");
            }
        }
        return size;
    }

    private static String name(Split.Part p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }

    // ------------------------------------------------------------------ random

    /** A seeded random split of {@code n} items. */
    public static Split random(int n, SplitRatios ratios, long seed) {
        int[] size = targetSizes(n, ratios);
        int[] perm = permutation(n, new Random(seed));
        return cut(perm, size);
    }

    private static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rnd);
        return p;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static Split cut(int[] order, int[] size) {
        return new Split(Arrays.copyOfRange(order, 0, size[0]),
                Arrays.copyOfRange(order, size[0], size[0] + size[1]),
                Arrays.copyOfRange(order, size[0] + size[1], order.length));
    }

    // ------------------------------------------------------------------ stratified

    /** A stratified split by integer labels; see {@link #stratified(List, SplitRatios, long)}. */
    public static Split stratified(int[] labels, SplitRatios ratios, long seed) {
        Objects.requireNonNull(labels, "labels");
        List<Integer> boxed = new ArrayList<>(labels.length);
        for (int l : labels) {
            boxed.add(l);
        }
        return stratified(boxed, ratios, seed);
    }

    /**
     * A seeded split in which each class's count in each part is the floor or the ceiling of
     * {@code classSize * partSize / n}, and part sizes are exactly the targets.
     *
     * @param labels one label per item (any objects with equals/hashCode; none null)
     */
    public static Split stratified(List<?> labels, SplitRatios ratios, long seed) {
        Keys keys = Keys.of(labels, "labels");
        int n = keys.ids.length;
        int[] size = targetSizes(n, ratios);
        int k = keys.count;
        int[] classSize = new int[k];
        for (int id : keys.ids) {
            classSize[id]++;
        }
        int[][] alloc = controlledRounding(classSize, size, n);
        int[][] members = membersByKey(keys);
        Random rnd = new Random(seed);
        int[][] parts = {new int[size[0]], new int[size[1]], new int[size[2]]};
        int[] fill = new int[3];
        for (int c = 0; c < k; c++) {
            int[] m = members[c];
            shuffle(m, rnd);
            int pos = 0;
            for (int s = 0; s < 3; s++) {
                for (int j = 0; j < alloc[c][s]; j++) {
                    parts[s][fill[s]++] = m[pos++];
                }
            }
        }
        return new Split(parts[0], parts[1], parts[2]);
    }

    /**
     * Rounds the matrix {@code rowTotal[c] * colTotal[s] / n} to integers keeping every row and
     * column total exact, each entry the floor or ceiling of its ideal value (controlled rounding;
     * always possible for two-way tables). Greedy by fractional part, completed by augmenting paths.
     */
    static int[][] controlledRounding(int[] rowTotal, int[] colTotal, int n) {
        int k = rowTotal.length;
        int[][] out = new int[k][3];
        long[][] frac = new long[k][3]; // fractional parts, in units of 1/n
        int[] rowNeed = new int[k];
        int[] colNeed = colTotal.clone();
        List<long[]> cells = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            rowNeed[c] = rowTotal[c];
            for (int s = 0; s < 3; s++) {
                long prod = (long) rowTotal[c] * colTotal[s];
                out[c][s] = (int) (prod / n);
                frac[c][s] = prod % n;
                rowNeed[c] -= out[c][s];
                colNeed[s] -= out[c][s];
                if (frac[c][s] > 0) {
                    cells.add(new long[] {frac[c][s], c, s});
                }
            }
        }
        boolean[][] up = new boolean[k][3];
        cells.sort(Comparator.<long[]>comparingLong(a -> -a[0]).thenComparingLong(a -> a[1])
                .thenComparingLong(a -> a[2]));
        for (long[] cell : cells) {
            int c = (int) cell[1];
            int s = (int) cell[2];
            if (rowNeed[c] > 0 && colNeed[s] > 0) {
                up[c][s] = true;
                rowNeed[c]--;
                colNeed[s]--;
            }
        }
        for (int c = 0; c < k; c++) {
            while (rowNeed[c] > 0) {
                if (!augment(c, frac, up, colNeed, k)) {
                    throw new IllegalStateException("controlled rounding failed for class " + c
                            + " (a bug: it always exists)");
                }
                rowNeed[c]--;
            }
        }
        for (int c = 0; c < k; c++) {
            for (int s = 0; s < 3; s++) {
                if (up[c][s]) {
                    out[c][s]++;
                }
            }
        }
        return out;
    }

    /** BFS for an alternating path class c -> part (not up) -> class (up) -> ... -> part with need. */
    private static boolean augment(int start, long[][] frac, boolean[][] up, int[] colNeed, int k) {
        int[] prevClassOfPart = new int[3];
        int[] prevPartOfClass = new int[k];
        Arrays.fill(prevClassOfPart, -1);
        Arrays.fill(prevPartOfClass, -2);
        prevPartOfClass[start] = -1;
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int c = queue.poll();
            for (int s = 0; s < 3; s++) {
                if (frac[c][s] == 0 || up[c][s] || prevClassOfPart[s] != -1) {
                    continue;
                }
                prevClassOfPart[s] = c;
                if (colNeed[s] > 0) {
                    // flip the path back to start
                    colNeed[s]--;
                    int part = s;
                    int cls = c;
                    while (true) {
                        up[cls][part] = true;
                        int back = prevPartOfClass[cls];
                        if (back == -1) {
                            return true;
                        }
                        up[cls][back] = false;
                        part = back;
                        cls = prevClassOfPart[part];
                    }
                }
                for (int c2 = 0; c2 < k; c2++) {
                    if (up[c2][s] && prevPartOfClass[c2] == -2) {
                        prevPartOfClass[c2] = s;
                        queue.add(c2);
                    }
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ grouped

    /**
     * A seeded split in which items with equal group keys are always in the same part, and whole
     * groups are allocated to bring the part sizes as close to {@code ratios * n} as possible.
     *
     * @param groups one group key per item (e.g. the source video of a clip; none null)
     * @throws IllegalArgumentException if there are fewer groups than parts with a non-zero ratio
     */
    public static Split grouped(List<?> groups, SplitRatios ratios, long seed) {
        Keys g = Keys.of(groups, "groups");
        int[] oneClass = new int[g.ids.length];
        return allocateGroups(g, oneClass, 1, ratios, seed, false);
    }

    /**
     * As {@link #grouped}, also bringing each class's count per part close to its share: minimises
     * the summed absolute deviation of part sizes and of per-class counts from their targets.
     *
     * @param groups one group key per item (none null)
     * @param labels one label per item (none null)
     */
    public static Split stratifiedGrouped(List<?> groups, List<?> labels, SplitRatios ratios, long seed) {
        Keys g = Keys.of(groups, "groups");
        Keys l = Keys.of(labels, "labels");
        if (g.ids.length != l.ids.length) {
            throw new IllegalArgumentException("groups has " + g.ids.length + " elements but labels has "
                    + l.ids.length);
        }
        return allocateGroups(g, l.ids, l.count, ratios, seed, true);
    }

    private static Split allocateGroups(Keys g, int[] classOf, int numClasses, SplitRatios ratios, long seed,
                                        boolean stratify) {
        int n = g.ids.length;
        Objects.requireNonNull(ratios, "ratios");
        targetSizes(n, ratios); // rejects parts that would be empty at any allocation
        int nonZero = 0;
        for (Split.Part p : Split.Part.values()) {
            if (ratios.of(p) > 0) {
                nonZero++;
            }
        }
        if (g.count < nonZero) {
            throw new IllegalArgumentException("need at least " + nonZero + " groups for " + nonZero
                    + " non-empty parts, found " + g.count + " group" + (g.count == 1 ? "" : "s")
                    + " among " + n + " items");
        }
        int[][] members = membersByKey(g);
        int[] size = new int[g.count];
        int[][] classIds = new int[g.count][];
        int[][] classCounts = new int[g.count][];
        for (int gi = 0; gi < g.count; gi++) {
            size[gi] = members[gi].length;
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (int item : members[gi]) {
                counts.merge(classOf[item], 1, Integer::sum);
            }
            classIds[gi] = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            classCounts[gi] = counts.values().stream().mapToInt(Integer::intValue).toArray();
        }
        int[] assignment = new GroupAllocator(size, classIds, classCounts, numClasses, ratios, stratify)
                .allocate(seed);
        int[] partSize = new int[3];
        for (int gi = 0; gi < g.count; gi++) {
            partSize[assignment[gi]] += size[gi];
        }
        int[][] parts = {new int[partSize[0]], new int[partSize[1]], new int[partSize[2]]};
        int[] fill = new int[3];
        for (int gi = 0; gi < g.count; gi++) {
            int s = assignment[gi];
            for (int item : members[gi]) {
                parts[s][fill[s]++] = item;
            }
        }
        return new Split(parts[0], parts[1], parts[2]);
    }

    // ------------------------------------------------------------------ temporal

    /** A temporal split by {@code long} times (e.g. epoch milliseconds); see {@link #temporal(List, SplitRatios)}. */
    public static Split temporal(long[] times, SplitRatios ratios) {
        Objects.requireNonNull(times, "times");
        List<Long> boxed = new ArrayList<>(times.length);
        for (long t : times) {
            boxed.add(t);
        }
        return temporal(boxed, ratios);
    }

    /**
     * Orders the items by time (ties by index) and cuts the order into train, validation and test,
     * so that no part holds a time earlier than a time in the part before it. Items with equal
     * times are never separated: each cut sits between two distinct times, the one closest to the
     * target sizes. Deterministic (no seed). As with every {@link Split}, each part lists its
     * indices in ascending index order, not in time order.
     *
     * @param times one time per item (e.g. {@code LocalDateTime}; none null)
     * @throws IllegalArgumentException if ties leave no cut with every non-zero part non-empty
     */
    public static <T extends Comparable<? super T>> Split temporal(List<T> times, SplitRatios ratios) {
        Objects.requireNonNull(times, "times");
        int n = times.size();
        for (int i = 0; i < n; i++) {
            if (times.get(i) == null) {
                throw new IllegalArgumentException("times[" + i + "] is null");
            }
        }
        int[] size = targetSizes(n, ratios);
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = times.get(a).compareTo(times.get(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        // boundaries: positions p where a cut separates distinct times
        int[] bounds = new int[n + 1];
        int nb = 0;
        for (int p = 0; p <= n; p++) {
            if (p == 0 || p == n || times.get(order[p - 1]).compareTo(times.get(order[p])) != 0) {
                bounds[nb++] = p;
            }
        }
        bounds = Arrays.copyOf(bounds, nb);
        int t1 = size[0];
        int t2 = size[0] + size[1];
        boolean needVal = ratios.validation() > 0;
        boolean needTest = ratios.test() > 0;
        List<Integer> c1s = new ArrayList<>(List.of(below(bounds, t1), above(bounds, t1), above(bounds, 1)));
        List<Integer> c2s = new ArrayList<>(List.of(below(bounds, t2), above(bounds, t2), below(bounds, n - 1), n));
        for (int c1 : List.copyOf(c1s)) {
            c2s.add(c1);
            c2s.add(above(bounds, Math.min(n, c1 + 1)));
        }
        int best1 = -1;
        int best2 = -1;
        long bestCost = Long.MAX_VALUE;
        for (int c1 : c1s) {
            for (int c2 : c2s) {
                boolean ok = c1 >= 1 && c2 >= c1 && c2 <= n
                        && (needVal ? c2 > c1 : c2 == c1)
                        && (needTest ? c2 < n : c2 == n);
                if (!ok) {
                    continue;
                }
                long cost = Math.abs(c1 - t1) + (long) Math.abs(c2 - t2);
                if (cost < bestCost || cost == bestCost && (c1 < best1 || c1 == best1 && c2 < best2)) {
                    bestCost = cost;
                    best1 = c1;
                    best2 = c2;
                }
            }
        }
        if (best1 < 0) {
            throw new IllegalArgumentException("cannot split " + n + " items temporally at " + ratios
                    + ": they have only " + (nb - 1) + " distinct time" + (nb == 2 ? "" : "s")
                    + ", and items with equal times must stay in one part, so a non-zero part would be empty");
        }
        return new Split(Arrays.copyOfRange(order, 0, best1), Arrays.copyOfRange(order, best1, best2),
                Arrays.copyOfRange(order, best2, n));
    }

    /** The largest boundary <= t (boundaries include 0). */
    private static int below(int[] bounds, int t) {
        int i = Arrays.binarySearch(bounds, t);
        return i >= 0 ? bounds[i] : bounds[-i - 2];
    }

    /** The smallest boundary >= t (boundaries include n), for t <= n. */
    private static int above(int[] bounds, int t) {
        int i = Arrays.binarySearch(bounds, t);
        return i >= 0 ? bounds[i] : bounds[-i - 1];
    }

    // ------------------------------------------------------------------ keys

    /** Dense ids for keys in order of first appearance. */
    private static final class Keys {
        final int[] ids;
        final int count;

        private Keys(int[] ids, int count) {
            this.ids = ids;
            this.count = count;
        }

        static Keys of(List<?> keys, String name) {
            if (keys == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            Map<Object, Integer> index = new LinkedHashMap<>();
            int[] ids = new int[keys.size()];
            for (int i = 0; i < ids.length; i++) {
                Object key = keys.get(i);
                if (key == null) {
                    throw new IllegalArgumentException(name + "[" + i + "] is null");
                }
                Integer id = index.putIfAbsent(key, index.size());
                ids[i] = id == null ? index.size() - 1 : id;
            }
            return new Keys(ids, index.size());
        }
    }

    private static int[][] membersByKey(Keys keys) {
        int[] count = new int[keys.count];
        for (int id : keys.ids) {
            count[id]++;
        }
        int[][] members = new int[keys.count][];
        for (int c = 0; c < keys.count; c++) {
            members[c] = new int[count[c]];
        }
        int[] fill = new int[keys.count];
        for (int i = 0; i < keys.ids.length; i++) {
            int id = keys.ids[i];
            members[id][fill[id]++] = i;
        }
        return members;
    }
}
