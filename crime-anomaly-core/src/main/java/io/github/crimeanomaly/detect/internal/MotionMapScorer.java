package io.github.crimeanomaly.detect.internal;

/**
 * The motion map of a frame, the input of the {@code MotionPredictionDetector}: two channels over
 * the block lattice of a {@link MotionSpeedScorer} (blocks of half a cell side tiling the frame),
 * channel-first (or channel 0 only). Channel 0 is each block's speed (working pixels per frame, by block matching over
 * {@code gap} frames); channel 1 its motion energy, the mean absolute difference between the
 * newest frame and the one before it. Speed tells a cyclist from a walker; energy tells a cart
 * from a walker.
 */
public final class MotionMapScorer implements CellScorer {

    private final MotionSpeedScorer speed;
    private final int gap;
    private final boolean energy;
    private final boolean cells;

    /**
     * Maps on the block lattice of {@code speed}, whose window ({@code gap + 1} frames) this scorer
     * shares; with the energy channel if {@code energy}, else speed only.
     */
    public MotionMapScorer(MotionSpeedScorer speed, boolean energy) {
        this(speed, energy, false);
    }

    /**
     * Maps as above; if {@code cells}, the speed map is instead the scorer's per-cell score (its
     * block aggregation over each cell's four quadrant blocks, on the cell grid) and there is no
     * energy channel.
     *
     * @throws IllegalArgumentException if both {@code cells} and {@code energy}
     */
    public MotionMapScorer(MotionSpeedScorer speed, boolean energy, boolean cells) {
        if (cells && energy) {
            throw new IllegalArgumentException("cell speed maps have no energy channel: use energy=false with cells");
        }
        this.speed = speed;
        this.gap = speed.window() - 1;
        this.energy = energy;
        this.cells = cells;
    }

    /** Channels: 2 with energy, 1 without. */
    public int channels() {
        return energy ? 2 : 1;
    }

    @Override
    public CellGrid grid() {
        return speed.grid();
    }

    @Override
    public int window() {
        return gap + 1;
    }

    /** Blocks per channel. */
    public int blocks() {
        return rows() * cols();
    }

    /** Rows of the map. */
    public int rows() {
        return cells ? speed.grid().rows() : speed.blockRows();
    }

    /** Columns of the map. */
    public int cols() {
        return cells ? speed.grid().cols() : speed.blockCols();
    }

    /** {@link #channels()} channels of {@link #blocks()} values. */
    @Override
    public int outputs() {
        return channels() * blocks();
    }

    @Override
    public void score(float[][] window, float[] out) {
        if (cells) {
            speed.score(window, out);
            return;
        }
        speed.blockSpeeds(window, out);
        if (!energy) {
            return;
        }
        float[] cur = window[window.length - 1];
        float[] prev = window[window.length - 2];
        int b = speed.blockSize();
        int w = grid().width();
        int cols = cols();
        int n = blocks();
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int dy = 0; dy < b; dy++) {
                    int row = (r * b + dy) * w + c * b;
                    for (int dx = 0; dx < b; dx++) {
                        sum += Math.abs(cur[row + dx] - prev[row + dx]);
                    }
                }
                out[n + r * cols + c] = (float) (sum / (b * b));
            }
        }
    }
}
