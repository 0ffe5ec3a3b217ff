package io.github.crimeanomaly.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * A coarse motion field between two gray frames by block matching: the frame is tiled by square
 * blocks, and each block of the current frame that changed (mean absolute difference at least
 * {@code max(motionThreshold, noiseFactor * sigma)}, sigma the pair's {@link NoiseEstimator}
 * noise estimate) is searched for in the previous frame within {@code +-radius} pixels by the
 * sum of absolute differences. Its motion is the displacement from where it was to where it is
 * (ties go to the shorter one; {@link BlockMatching}); a block that did not change, or whose best match is the still
 * one, does not move. The same block matching as the motion-speed detector, but keeping the
 * direction.
 *
 * <p>Not thread-safe (it reuses its noise estimator); use one per thread.
 *
 * <pre>{@code
 * BlockFlow flow = new BlockFlow(64, 64, 4, 4, 0.02, 1.25);
 * float[] dx = new float[flow.blocks()], dy = new float[flow.blocks()];
 * flow.compute(previous, current, dx, dy);   // block (r, c) at index r * flow.cols() + c, in pixels
 * }</pre>
 */
public final class BlockFlow {

    private final int width;
    private final int height;
    private final int block;
    private final int radius;
    private final float motionThreshold;
    private final double noiseFactor;
    private final NoiseEstimator noise = new NoiseEstimator();
    private final int[] best = new int[2];
    private double[] sumsPrev;
    private double[] sumsCur;

    /**
     * A block matcher for frames of {@code width x height} pixels (row-major, values in [0, 1]).
     *
     * @param block           block side in pixels, in [1, min(width, height)]
     * @param radius          largest displacement searched per axis, in pixels, &gt;= 1
     * @param motionThreshold mean absolute difference above which a block has changed, in [0, 1)
     * @param noiseFactor     k of the noise-adaptive threshold, finite and &gt;= 0 (0: fixed threshold)
     * @throws IllegalArgumentException naming every bad argument
     */
    public BlockFlow(int width, int height, int block, int radius, double motionThreshold, double noiseFactor) {
        List<String> errors = new ArrayList<>();
        if (width < 1 || height < 1) {
            errors.add("width and height must be >= 1, got " + width + "x" + height);
        }
        if (block < 1 || block > Math.min(width, height)) {
            errors.add("block must be in [1, min(width, height)], got " + block + " for " + width + "x" + height);
        }
        if (radius < 1) {
            errors.add("radius must be >= 1, got " + radius);
        }
        if (!(motionThreshold >= 0 && motionThreshold < 1)) {
            errors.add("motionThreshold must be in [0, 1), got " + motionThreshold);
        }
        if (!(noiseFactor >= 0) || Double.isInfinite(noiseFactor)) {
            errors.add("noiseFactor must be finite and >= 0, got " + noiseFactor);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        this.width = width;
        this.height = height;
        this.block = block;
        this.radius = radius;
        this.motionThreshold = (float) motionThreshold;
        this.noiseFactor = noiseFactor;
    }

    /** Block columns ({@code width / block}; a remainder strip at the right is not covered). */
    public int cols() {
        return width / block;
    }

    /** Block rows ({@code height / block}; a remainder strip at the bottom is not covered). */
    public int rows() {
        return height / block;
    }

    /** Number of blocks, {@code rows() * cols()}. */
    public int blocks() {
        return rows() * cols();
    }

    /** Block side in pixels. */
    public int block() {
        return block;
    }

    /** Largest displacement searched per axis, in pixels. */
    public int radius() {
        return radius;
    }

    /**
     * The motion of every block from {@code prev} to {@code cur}, in pixels, into {@code dx}
     * (positive: rightwards) and {@code dy} (positive: downwards), block (r, c) at
     * {@code r * cols() + c}.
     *
     * @throws IllegalArgumentException if a frame does not hold {@code width * height} values or
     *                                  an output holds fewer than {@link #blocks()}
     */
    public void compute(float[] prev, float[] cur, float[] dx, float[] dy) {
        int plane = width * height;
        if (prev == null || cur == null || prev.length != plane || cur.length != plane) {
            throw new IllegalArgumentException("expected two frames of " + width + "x" + height + " (" + plane
                    + " values), got " + (prev == null ? "null" : prev.length) + " and "
                    + (cur == null ? "null" : cur.length) + " values");
        }
        if (dx == null || dy == null || dx.length < blocks() || dy.length < blocks()) {
            throw new IllegalArgumentException("expected outputs of at least " + blocks() + " values, got "
                    + (dx == null ? "null" : dx.length) + " and " + (dy == null ? "null" : dy.length));
        }
        float threshold = noiseFactor == 0 ? motionThreshold
                : (float) Math.max(motionThreshold, noiseFactor * noise.differenceSigma(prev, cur));
        int cols = cols();
        boolean sumsReady = false;
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols; c++) {
                int bx = c * block;
                int by = r * block;
                float still = BlockMatching.sad(prev, cur, width, block, bx, by, 0, 0, Float.MAX_VALUE);
                best[0] = 0;
                best[1] = 0;
                if (still / (block * block) >= threshold) {
                    if (!sumsReady) {
                        sums();
                        BlockMatching.blockSums(prev, width, height, block, sumsPrev);
                        BlockMatching.blockSums(cur, width, height, block, sumsCur);
                        sumsReady = true;
                    }
                    BlockMatching.search(prev, cur, width, height, block, bx, by, radius, still, best, sumsPrev,
                            sumsCur[by * (width - block + 1) + bx]);
                }
                // the block of cur at (bx, by) came from (bx + best[0], by + best[1]) in prev: it moved by -best
                dx[r * cols + c] = -best[0];
                dy[r * cols + c] = -best[1];
            }
        }
    }

    /** Allocates the block-sum buffers on first use. */
    private void sums() {
        if (sumsPrev == null) {
            sumsPrev = new double[(width - block + 1) * (height - block + 1)];
            sumsCur = new double[sumsPrev.length];
        }
    }
}
