package io.github.crimeanomaly.detect.internal;

/**
 * Square cells (patches) of side {@code size} laid on a {@code width x height} gray working frame
 * every {@code stride} pixels; the last row/column of cells is shifted to touch the border so the
 * whole frame is covered.
 *
 * @param width  working frame width
 * @param height working frame height
 * @param size   cell side
 * @param stride step between cells
 */
public record CellGrid(int width, int height, int size, int stride) {

    /** Validates. */
    public CellGrid {
        if (size < 2 || size > Math.min(width, height)) {
            throw new IllegalArgumentException("cell size must be in [2, " + Math.min(width, height)
                    + "] for a frame of width " + width + ", height " + height + ", got " + size);
        }
        if (stride < 1 || stride > size) {
            throw new IllegalArgumentException("cell stride must be in [1, " + size + "], got " + stride);
        }
    }

    /** Number of cell columns. */
    public int cols() {
        return count(width);
    }

    /** Number of cell rows. */
    public int rows() {
        return count(height);
    }

    /** Number of cells. */
    public int cells() {
        return cols() * rows();
    }

    private int count(int extent) {
        int n = (extent - size) / stride + 1;
        return (extent - size) % stride == 0 ? n : n + 1;
    }

    /** Left x of cell column {@code c}. */
    public int x0(int c) {
        return Math.min(c * stride, width - size);
    }

    /** Top y of cell row {@code r}. */
    public int y0(int r) {
        return Math.min(r * stride, height - size);
    }

    /** Copies cell {@code cell} (row-major index) of {@code frame} into {@code dst} at {@code off}. */
    public void copyCell(float[] frame, int cell, float[] dst, int off) {
        int x = x0(cell % cols());
        int y = y0(cell / cols());
        for (int dy = 0; dy < size; dy++) {
            System.arraycopy(frame, (y + dy) * width + x, dst, off + dy * size, size);
        }
    }
}
