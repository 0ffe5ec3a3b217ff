package io.github.crimeanomaly.detect.internal;

/**
 * Encodes a window of {@code T + 2} gray working frames, at one cell, as the network's input and
 * targets. Step {@code s} (0..T-1) shows frame {@code s+1} of the window: channel 0 its
 * appearance, channel 1 its difference from the frame before (times {@link #DIFF_GAIN}); the
 * target at step {@code s} is the difference of the following frame. The last target is the
 * newest frame's difference: the one the anomaly score is about.
 *
 * <p>Arrays are c-order {@code [batch, features, T]}: element {@code (b, f, s)} at
 * {@code (b * features + f) * T + s}.
 */
public final class PatchSequences {

    /** Frame differences are small; this gain brings them to the scale of the appearance. */
    public static final float DIFF_GAIN = 4f;
    /** Channels per step: appearance and difference. */
    public static final int CHANNELS = 2;

    private final CellGrid grid;
    private final int steps;
    private final int pp;

    /** An encoder for {@code steps} time steps on {@code grid}. */
    public PatchSequences(CellGrid grid, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.grid = grid;
        this.steps = steps;
        this.pp = grid.size() * grid.size();
    }

    /** Frames in a window: {@code steps + 2}. */
    public int window() {
        return steps + 2;
    }

    /** Input features per step. */
    public int inputFeatures() {
        return CHANNELS * pp;
    }

    /** Target features per step. */
    public int targetFeatures() {
        return pp;
    }

    /** Time steps. */
    public int steps() {
        return steps;
    }

    /**
     * Writes the input of {@code cell} for the window {@code w} (frames at positions
     * {@code w[off] .. w[off + steps + 1]}) as batch row {@code b} of {@code in}.
     */
    public void input(float[][] w, int off, int cell, float[] in, int b) {
        int size = grid.size();
        int x = grid.x0(cell % grid.cols());
        int y = grid.y0(cell / grid.cols());
        int width = grid.width();
        int f0 = CHANNELS * pp;
        for (int s = 0; s < steps; s++) {
            float[] cur = w[off + s + 1];
            float[] prev = w[off + s];
            for (int dy = 0; dy < size; dy++) {
                int row = (y + dy) * width + x;
                for (int dx = 0; dx < size; dx++) {
                    int p = dy * size + dx;
                    float a = cur[row + dx];
                    in[((b * f0) + p) * steps + s] = a;
                    in[((b * f0) + pp + p) * steps + s] = (a - prev[row + dx]) * DIFF_GAIN;
                }
            }
        }
    }

    /**
     * Writes step {@code s} alone of {@code cell}'s input for the window {@code w} (as in
     * {@link #input}, offset 0): row {@code b} of {@code in}, {@code [batch, CHANNELS*P*P]} (CHW).
     */
    public void stepInput(float[][] w, int s, int cell, float[] in, int b) {
        int size = grid.size();
        int x = grid.x0(cell % grid.cols());
        int y = grid.y0(cell / grid.cols());
        int width = grid.width();
        float[] cur = w[s + 1];
        float[] prev = w[s];
        int base = b * CHANNELS * pp;
        for (int dy = 0; dy < size; dy++) {
            int row = (y + dy) * width + x;
            for (int dx = 0; dx < size; dx++) {
                int p = dy * size + dx;
                float a = cur[row + dx];
                in[base + p] = a;
                in[base + pp + p] = (a - prev[row + dx]) * DIFF_GAIN;
            }
        }
    }

    /** Writes the targets of {@code cell} for the window as batch row {@code b} of {@code tgt}. */
    public void targets(float[][] w, int off, int cell, float[] tgt, int b) {
        int size = grid.size();
        int x = grid.x0(cell % grid.cols());
        int y = grid.y0(cell / grid.cols());
        int width = grid.width();
        for (int s = 0; s < steps; s++) {
            float[] next = w[off + s + 2];
            float[] cur = w[off + s + 1];
            for (int dy = 0; dy < size; dy++) {
                int row = (y + dy) * width + x;
                for (int dx = 0; dx < size; dx++) {
                    tgt[((b * pp) + dy * size + dx) * steps + s] = (next[row + dx] - cur[row + dx]) * DIFF_GAIN;
                }
            }
        }
    }

    /** The newest frame's difference at {@code cell} (the last target), into {@code dst}. */
    public void lastTarget(float[][] w, int off, int cell, float[] dst) {
        int size = grid.size();
        int x = grid.x0(cell % grid.cols());
        int y = grid.y0(cell / grid.cols());
        int width = grid.width();
        float[] next = w[off + steps + 1];
        float[] cur = w[off + steps];
        for (int dy = 0; dy < size; dy++) {
            int row = (y + dy) * width + x;
            for (int dx = 0; dx < size; dx++) {
                dst[dy * size + dx] = (next[row + dx] - cur[row + dx]) * DIFF_GAIN;
            }
        }
    }
}
