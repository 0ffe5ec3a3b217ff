package io.github.crimeanomaly.detect.internal;

/** Raw cell score: mean absolute difference between the newest frame and the one before it. */
public final class FrameDifferenceScorer implements CellScorer {

    private final CellGrid grid;

    /** A scorer on {@code grid}. */
    public FrameDifferenceScorer(CellGrid grid) {
        this.grid = grid;
    }

    @Override
    public CellGrid grid() {
        return grid;
    }

    @Override
    public int window() {
        return 2;
    }

    @Override
    public void score(float[][] window, float[] out) {
        float[] a = window[window.length - 2];
        float[] b = window[window.length - 1];
        int w = grid.width();
        int s = grid.size();
        float inv = 1f / (s * s);
        for (int cell = 0; cell < grid.cells(); cell++) {
            int x = grid.x0(cell % grid.cols());
            int y = grid.y0(cell / grid.cols());
            float sum = 0;
            for (int dy = 0; dy < s; dy++) {
                int base = (y + dy) * w + x;
                for (int dx = 0; dx < s; dx++) {
                    sum += Math.abs(b[base + dx] - a[base + dx]);
                }
            }
            out[cell] = sum * inv;
        }
    }
}
