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
        float bestSad = still;
        int bdx = 0;
        int bdy = 0;
        for (int dy = -radius; dy <= radius; dy++) {
            if (by + dy < 0 || by + dy + block > height) {
                continue;
            }
            for (int dx = -radius; dx <= radius; dx++) {
                if ((dx == 0 && dy == 0) || bx + dx < 0 || bx + dx + block > width) {
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
