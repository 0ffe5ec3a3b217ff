package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.frame.BlockMatching;
import io.github.crimeanomaly.frame.NoiseEstimator;
import java.util.Arrays;

/**
 * Raw cell score: the apparent <b>speed</b> (working pixels per frame) of what moves in the cell,
 * estimated by block matching. Each cell is split into four quadrant blocks; a block that changed
 * between the newest frame and the one {@code gap} frames earlier (mean absolute difference at
 * least {@code motionThreshold}) is searched for in that earlier frame within {@code +-searchRadius}
 * pixels by the sum of absolute differences (if {@code bidirectional}, also the earlier block in
 * the newest frame, keeping the smaller speed: this removes the spurious matches of background
 * just covered or uncovered by a moving object),
 * and its speed is the length of the best displacement divided by {@code gap} (0 if that match is not better than {@code matchRatio} times the still
 * one). A still block has speed 0; the cell's score aggregates its four blocks.
 *
 * <p>With a {@code noiseFactor} k &gt; 0 the motion threshold adapts to the video's sensor noise:
 * for each pair of compared frames it is {@code max(motionThreshold, k * sigma)}, where sigma is
 * the {@link NoiseEstimator} estimate of the frame difference's noise over the whole working
 * frame. Without it, noise whose frame difference
 * averages more than {@code motionThreshold} makes every block "move" at a random speed. On clean
 * 8-bit video the estimate is far below the fixed threshold, which then applies unchanged.
 *
 * <p>Unlike the frame-difference energy, speed does not grow with an object's size or contrast, so
 * a large near walker and a small far cyclist are told apart by how fast they move; the per-cell
 * normalisation on normal video then accounts for perspective (far cells move fewer pixels).
 * Pure Java, a few milliseconds per 180x120 frame.
 */
public final class MotionSpeedScorer implements CellScorer {

    private final CellGrid grid;
    private final int gap;
    private final int radius;
    private final float motionThreshold;
    private final int block;
    private final float[] memo;
    private final double matchRatio;
    private final boolean bidirectional;
    private final java.util.function.ToDoubleFunction<float[]> aggregation;
    private final float[] quad = new float[4];
    private final int[] best = new int[2];
    private final double noiseFactor;
    private final NoiseEstimator noise = new NoiseEstimator();
    private float threshold;
    /** Block sums of the two compared frames, for the successive-elimination search; filled on first need per pair. */
    private final double[] sumsPrev;
    private final double[] sumsCur;
    private boolean sumsReady;

    /**
     * A scorer on {@code grid}.
     *
     * @param gap             frames between the two compared frames (&gt;= 1)
     * @param searchRadius    largest displacement searched, in working pixels (&gt;= 1)
     * @param motionThreshold mean absolute difference (pixels in [0, 1]) above which a block is moving
     * @param matchRatio      a displacement counts only if its SAD is at most this fraction of the
     *                        SAD without displacement, in (0, 1] (1 = always)
     * @param bidirectional   whether to also match forward and keep the smaller speed
     * @param aggregation     the cell score from its four block speeds (in a 4-element array)
     */
    public MotionSpeedScorer(CellGrid grid, int gap, int searchRadius, double motionThreshold, double matchRatio,
                             boolean bidirectional, java.util.function.ToDoubleFunction<float[]> aggregation) {
        this(grid, gap, searchRadius, motionThreshold, matchRatio, bidirectional, aggregation, 0);
    }

    /**
     * A scorer whose motion threshold adapts to the noise of each frame pair (see the class
     * comment); {@code noiseFactor} 0 is the fixed threshold of the other constructor.
     *
     * @param noiseFactor k in {@code max(motionThreshold, k * sigma)}, finite and &gt;= 0
     */
    public MotionSpeedScorer(CellGrid grid, int gap, int searchRadius, double motionThreshold, double matchRatio,
                             boolean bidirectional, java.util.function.ToDoubleFunction<float[]> aggregation,
                             double noiseFactor) {
        if (!(noiseFactor >= 0) || Double.isInfinite(noiseFactor)) {
            throw new IllegalArgumentException("noiseFactor must be finite and >= 0, got " + noiseFactor);
        }
        this.noiseFactor = noiseFactor;
        if (grid.size() % 2 != 0) {
            throw new IllegalArgumentException("cell size must be even for quadrant blocks, got " + grid.size());
        }
        if (gap < 1) {
            throw new IllegalArgumentException("gap must be >= 1, got " + gap);
        }
        if (searchRadius < 1) {
            throw new IllegalArgumentException("searchRadius must be >= 1, got " + searchRadius);
        }
        if (!(motionThreshold >= 0 && motionThreshold < 1)) {
            throw new IllegalArgumentException("motionThreshold must be in [0, 1), got " + motionThreshold);
        }
        if (!(matchRatio > 0 && matchRatio <= 1)) {
            throw new IllegalArgumentException("matchRatio must be in (0, 1], got " + matchRatio);
        }
        this.matchRatio = matchRatio;
        this.bidirectional = bidirectional;
        this.aggregation = java.util.Objects.requireNonNull(aggregation, "aggregation");
        this.grid = grid;
        this.gap = gap;
        this.radius = searchRadius;
        this.motionThreshold = (float) motionThreshold;
        this.threshold = this.motionThreshold;
        this.block = grid.size() / 2;
        this.memo = new float[grid.width() * grid.height()];
        int sums = (grid.width() - block + 1) * (grid.height() - block + 1);
        this.sumsPrev = new double[sums];
        this.sumsCur = new double[sums];

    }

    @Override
    public CellGrid grid() {
        return grid;
    }

    @Override
    public int window() {
        return gap + 1;
    }

    @Override
    public void score(float[][] window, float[] out) {
        float[] prev = window[0];
        float[] cur = window[window.length - 1];
        Arrays.fill(memo, -1f);
        sumsReady = false;
        threshold = threshold(prev, cur);
        for (int cell = 0; cell < grid.cells(); cell++) {
            int x = grid.x0(cell % grid.cols());
            int y = grid.y0(cell / grid.cols());
            for (int q = 0; q < 4; q++) {
                quad[q] = blockSpeed(prev, cur, x + (q % 2) * block, y + (q / 2) * block);
            }
            out[cell] = (float) aggregation.applyAsDouble(quad);
        }
    }

    /** Columns of the block lattice of {@link #blockSpeeds}: blocks of half a cell side, tiling the frame. */
    public int blockCols() {
        return grid.width() / block;
    }

    /** Rows of the block lattice of {@link #blockSpeeds}. */
    public int blockRows() {
        return grid.height() / block;
    }

    /** Block side in working pixels (half the cell side). */
    public int blockSize() {
        return block;
    }

    /**
     * The speed of every block of the lattice that tiles the frame (block (r, c) at
     * (c * blockSize, r * blockSize)), row-major into {@code out}, for the newest frame of the
     * window: the per-block map that {@link #score} aggregates per cell.
     */
    public void blockSpeeds(float[][] window, float[] out) {
        float[] prev = window[0];
        float[] cur = window[window.length - 1];
        Arrays.fill(memo, -1f);
        sumsReady = false;
        threshold = threshold(prev, cur);
        int cols = blockCols();
        for (int r = 0; r < blockRows(); r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = blockSpeed(prev, cur, c * block, r * block);
            }
        }
    }

    private float blockSpeed(float[] prev, float[] cur, int bx, int by) {
        int key = by * grid.width() + bx;
        if (memo[key] >= 0) {
            return memo[key];
        }
        float still = BlockMatching.sad(prev, cur, grid.width(), block, bx, by, 0, 0, Float.MAX_VALUE);
        float speed = 0;
        if (still / (block * block) >= threshold) {
            // backward (where did the current block come from) and, if bidirectional, forward (where
            // did the earlier block go): background uncovered or covered by a moving object matches
            // at a spurious displacement in one direction only, so the smaller of the two is kept
            if (!sumsReady) {
                BlockMatching.blockSums(prev, grid.width(), grid.height(), block, sumsPrev);
                BlockMatching.blockSums(cur, grid.width(), grid.height(), block, sumsCur);
                sumsReady = true;
            }
            speed = search(prev, cur, bx, by, still, sumsPrev, sumsCur);
            if (bidirectional && speed > 0) {
                speed = Math.min(speed, search(cur, prev, bx, by, still, sumsCur, sumsPrev));
            }
        }
        memo[key] = speed;
        return speed;
    }

    /**
     * The motion threshold for this frame pair: {@code motionThreshold}, raised to
     * {@code noiseFactor} times the robust noise estimate of the difference when that is higher.
     */
    public float threshold(float[] prev, float[] cur) {
        if (noiseFactor == 0) {
            return motionThreshold;
        }
        return (float) Math.max(motionThreshold, noiseFactor * noise.differenceSigma(prev, cur));
    }

    /**
     * Speed of the block of {@code b} at (bx, by) found in {@code a}; 0 if no match beats the still
     * one enough. {@code sumsA} and {@code sumsB} are the two frames' block sums.
     */
    private float search(float[] a, float[] b, int bx, int by, float still, double[] sumsA, double[] sumsB) {
        double sumB = sumsB[by * (grid.width() - block + 1) + bx];
        float bestSad = BlockMatching.search(a, b, grid.width(), grid.height(), block, bx, by, radius, still, best,
                sumsA, sumB);
        int bdx = best[0];
        int bdy = best[1];
        return bestSad <= matchRatio * still ? (float) (Math.sqrt(bdx * bdx + bdy * bdy) / gap) : 0f;
    }
}
