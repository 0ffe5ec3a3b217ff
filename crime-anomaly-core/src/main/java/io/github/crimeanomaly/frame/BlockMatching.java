package io.github.crimeanomaly.frame;

/**
 * Sum-of-absolute-differences block matching on row-major gray frames, shared by
 * {@link BlockFlow} and the motion-speed detector: where did a square block of one frame come
 * from in another?
 *
 * <pre>{@code
 * float still = BlockMatching.sad(prev, cur, width, 4, bx, by, 0, 0, Float.MAX_VALUE);
 * int[] d = new int[2];
 * float best = BlockMatching.search(prev, cur, width, height, 4, bx, by, 4, still, d);   // d = {dx, dy}
 * }</pre>
 */
public final class BlockMatching {

    private BlockMatching() {
    }

    /**
     * The SAD between the {@code block x block} block of {@code cur} at (bx, by) and the block of
     * {@code prev} at (bx + dx, by + dy); stops early, row by row, once it exceeds {@code bound}
     * (the result is then some value above it). The caller keeps both blocks inside the frame.
     */
    public static float sad(float[] prev, float[] cur, int width, int block, int bx, int by, int dx, int dy,
                            float bound) {
        float s = 0;
        for (int r = 0; r < block; r++) {
            int c = (by + r) * width + bx;
            int p = (by + dy + r) * width + bx + dx;
            for (int k = 0; k < block; k++) {
                s += Math.abs(cur[c + k] - prev[p + k]);
            }
            if (s > bound) {
                return s;
            }
        }
        return s;
    }

    /**
     * Searches {@code a} for the block of {@code b} at (bx, by) within {@code +-radius} pixels per
     * axis (displacements that leave the frame are skipped), starting from the still match's SAD
     * {@code still}: the displacement with the lowest SAD below it wins, ties going to the shorter
     * one. Writes it to {@code best} ({@code {dx, dy}}, {@code {0, 0}} if nothing beats the still
     * match) and returns its SAD.
     */
    public static float search(float[] a, float[] b, int width, int height, int block, int bx, int by, int radius,
                               float still, int[] best) {
        return search(a, b, width, height, block, bx, by, radius, still, best, null, 0);
    }

    /**
     * How far a lower bound may exceed the best SAD before a candidate is skipped: the SADs are
     * float sums, the block sums double ones, and their rounding differs by far less than this.
     */
    static final double SUM_BOUND_SLACK = 1e-3;

    /**
     * The sum of every {@code block x block} block of {@code frame}, for
     * {@link #search(float[], float[], int, int, int, int, int, int, float, int[], double[], double)}:
     * the block at (x, y) at {@code y * (width - block + 1) + x}.
     *
     * @param sums at least {@code (width - block + 1) * (height - block + 1)} values, overwritten
     */
    public static void blockSums(float[] frame, int width, int height, int block, double[] sums) {
        int sw = width - block + 1;
        int sh = height - block + 1;
        // column sums over the first block rows, then slid down a row at a time
        double[] col = new double[width];
        for (int y = 0; y < block; y++) {
            for (int x = 0; x < width; x++) {
                col[x] += frame[y * width + x];
            }
        }
        for (int y = 0; y < sh; y++) {
            double s = 0;
            for (int x = 0; x < block; x++) {
                s += col[x];
            }
            sums[y * sw] = s;
            for (int x = 1; x < sw; x++) {
                s += col[x + block - 1] - col[x - 1];
                sums[y * sw + x] = s;
            }
            if (y + 1 < sh) {
                for (int x = 0; x < width; x++) {
                    col[x] += (double) frame[(y + block) * width + x] - frame[y * width + x];
                }
            }
        }
    }

    /**
     * As {@link #search(float[], float[], int, int, int, int, int, int, float, int[])}, with the same
     * result, faster: a candidate whose block sum differs from the searched block's by more than the
     * best SAD so far cannot beat it (|sum a - sum b| &lt;= SAD), so its SAD is never computed
     * (successive elimination).
     *
     * @param sumsA the block sums of {@code a} ({@link #blockSums}); null searches every candidate
     * @param sumB  the sum of the block of {@code b} at (bx, by)
     */
    public static float search(float[] a, float[] b, int width, int height, int block, int bx, int by, int radius,
                               float still, int[] best, double[] sumsA, double sumB) {
        int sw = width - block + 1;
        float bestSad = still;
        int bdx = 0;
        int bdy = 0;
        for (int dy = -radius; dy <= radius; dy++) {
            if (by + dy < 0 || by + dy + block > height) {
                continue;
            }
            int row = (by + dy) * sw + bx;
            for (int dx = -radius; dx <= radius; dx++) {
                if ((dx == 0 && dy == 0) || bx + dx < 0 || bx + dx + block > width) {
                    continue;
                }
                if (sumsA != null && Math.abs(sumsA[row + dx] - sumB) > bestSad + SUM_BOUND_SLACK) {
                    continue;
                }
                float s = sad(a, b, width, block, bx, by, dx, dy, bestSad);
                // prefer the shorter displacement on ties
                if (s < bestSad || (s == bestSad && dx * dx + dy * dy < bdx * bdx + bdy * bdy)) {
                    bestSad = s;
                    bdx = dx;
                    bdy = dy;
                }
            }
        }
        best[0] = bdx;
        best[1] = bdy;
        return bestSad;
    }
}
