package io.github.crimeanomaly.detect.internal;

/**
 * Computes a raw score per cell for the newest frame of a short window of gray working frames.
 * Higher is more unusual; the scale is the scorer's own (cells are z-scored afterwards).
 */
public interface CellScorer extends AutoCloseable {

    /** The cells scored. */
    CellGrid grid();

    /** Number of values {@link #score} writes per frame; by default one per cell. */
    default int outputs() {
        return grid().cells();
    }

    /** Number of frames in the window, the newest included (&gt;= 2). */
    int window();

    /**
     * Scores the newest frame.
     *
     * @param window {@link #window()} gray working frames, oldest first; at the start of a video
     *               the first frame is repeated to fill it
     * @param out    receives {@link #outputs()} raw scores (by default one per cell)
     */
    void score(float[][] window, float[] out);

    /** Releases native memory, if any. */
    @Override
    default void close() {
    }
}
