package io.github.crimeanomaly.split;

import java.util.Random;

/**
 * Assigns whole groups to the three parts so that part sizes (and, when stratifying, per-class
 * counts per part) come as close as possible to their targets: a greedy pass over the groups in
 * seeded random order, then local search (moving one group, swapping two) while the total
 * absolute deviation falls. At a local optimum for single moves no part is off its target by more
 * than the largest group (unless a move is blocked by keeping every non-zero part non-empty).
 */
final class GroupAllocator {

    private static final int MAX_PASSES = 100;
    private static final int MAX_GROUPS_FOR_SWAPS = 400;
    private static final double EPS = 1e-9;

    private final int[] size;          // per group
    private final int[][] classIds;    // per group: the classes it holds (sparse)
    private final int[][] classCounts; // per group: their counts
    private final double[] target;     // per part
    private final double[][] classTarget; // [class][part], or null
    private final boolean[] allowed;   // part has a non-zero ratio

    private final long[] partSize = new long[3];
    private final long[][] partClass; // [class][part]
    private final int[] partGroups = new int[3];
    private final int[] assignment;

    GroupAllocator(int[] size, int[][] classIds, int[][] classCounts, int numClasses, SplitRatios ratios,
                   boolean stratify) {
        this.size = size;
        this.classIds = classIds;
        this.classCounts = classCounts;
        long n = 0;
        long[] classTotal = new long[numClasses];
        for (int g = 0; g < size.length; g++) {
            n += size[g];
            for (int j = 0; j < classIds[g].length; j++) {
                classTotal[classIds[g][j]] += classCounts[g][j];
            }
        }
        this.target = new double[3];
        this.allowed = new boolean[3];
        for (Split.Part p : Split.Part.values()) {
            target[p.ordinal()] = ratios.of(p) * n;
            allowed[p.ordinal()] = ratios.of(p) > 0;
        }
        if (stratify) {
            classTarget = new double[numClasses][3];
            for (int c = 0; c < numClasses; c++) {
                for (int s = 0; s < 3; s++) {
                    classTarget[c][s] = classTotal[c] * (target[s] / n);
                }
            }
            partClass = new long[numClasses][3];
        } else {
            classTarget = null;
            partClass = null;
        }
        this.assignment = new int[size.length];
    }

    int[] allocate(long seed) {
        int groups = size.length;
        int[] order = new int[groups];
        for (int i = 0; i < groups; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = groups - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int emptyAllowed = 0;
        for (boolean a : allowed) {
            if (a) {
                emptyAllowed++;
            }
        }
        for (int k = 0; k < groups; k++) {
            int g = order[k];
            int remaining = groups - k;
            boolean mustFillEmpty = remaining <= emptyAllowed;
            int best = -1;
            double bestDelta = 0;
            double bestDeficit = 0;
            for (int s = 0; s < 3; s++) {
                if (!allowed[s] || (mustFillEmpty && partGroups[s] > 0)) {
                    continue;
                }
                double delta = addDelta(g, s, +1);
                double deficit = (target[s] - partSize[s]) / target[s];
                if (best < 0 || delta < bestDelta - EPS
                        || (Math.abs(delta - bestDelta) <= EPS && deficit > bestDeficit)) {
                    best = s;
                    bestDelta = delta;
                    bestDeficit = deficit;
                }
            }
            if (partGroups[best] == 0) {
                emptyAllowed--;
            }
            place(g, best, +1);
            assignment[g] = best;
        }
        improve(order);
        return assignment;
    }

    private void improve(int[] order) {
        boolean swaps = size.length <= MAX_GROUPS_FOR_SWAPS;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean improved = false;
            for (int g : order) {
                int from = assignment[g];
                if (partGroups[from] <= 1) {
                    continue; // keep every non-zero part non-empty
                }
                for (int to = 0; to < 3; to++) {
                    if (to == from || !allowed[to]) {
                        continue;
                    }
                    double delta = addDelta(g, from, -1);
                    place(g, from, -1);
                    delta += addDelta(g, to, +1);
                    if (delta < -EPS) {
                        place(g, to, +1);
                        assignment[g] = to;
                        improved = true;
                        break;
                    }
                    place(g, from, +1);
                }
            }
            if (swaps) {
                for (int a = 0; a < order.length; a++) {
                    for (int b = a + 1; b < order.length; b++) {
                        int g = order[a];
                        int h = order[b];
                        int sg = assignment[g];
                        int sh = assignment[h];
                        if (sg == sh || size[g] == size[h] && classTarget == null) {
                            continue;
                        }
                        double delta = addDelta(g, sg, -1);
                        place(g, sg, -1);
                        delta += addDelta(h, sh, -1);
                        place(h, sh, -1);
                        delta += addDelta(g, sh, +1);
                        place(g, sh, +1);
                        delta += addDelta(h, sg, +1);
                        place(h, sg, +1);
                        if (delta < -EPS) {
                            assignment[g] = sh;
                            assignment[h] = sg;
                            improved = true;
                        } else {
                            place(h, sg, -1);
                            place(g, sh, -1);
                            place(h, sh, +1);
                            place(g, sg, +1);
                        }
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    /** The change in total deviation if group {@code g} is added to (sign +1) or removed from (-1) part s. */
    private double addDelta(int g, int s, int sign) {
        long before = partSize[s];
        long after = before + sign * (long) size[g];
        double d = Math.abs(after - target[s]) - Math.abs(before - target[s]);
        if (classTarget != null) {
            for (int j = 0; j < classIds[g].length; j++) {
                int c = classIds[g][j];
                long cb = partClass[c][s];
                long ca = cb + sign * (long) classCounts[g][j];
                d += Math.abs(ca - classTarget[c][s]) - Math.abs(cb - classTarget[c][s]);
            }
        }
        return d;
    }

    private void place(int g, int s, int sign) {
        partSize[s] += sign * (long) size[g];
        partGroups[s] += sign;
        if (partClass != null) {
            for (int j = 0; j < classIds[g].length; j++) {
                partClass[classIds[g][j]][s] += sign * (long) classCounts[g][j];
            }
        }
    }
}
