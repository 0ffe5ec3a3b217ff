package io.github.crimeanomaly.detect;

/**
 * How a cell's raw score is made comparable across cells, from that cell's raw scores on
 * normal video. The frame score is the maximum over cells of the normalised cell scores.
 */
public enum CellNormalization {
    /** {@code (raw - mean) / std} of the cell (std floored at half the median cell's std). */
    ZSCORE,
    /**
     * {@code raw / q} where {@code q} is the cell's 99th percentile on normal video (floored at
     * half the median cell's): robust to cells where something moves only rarely.
     */
    QUANTILE
}
