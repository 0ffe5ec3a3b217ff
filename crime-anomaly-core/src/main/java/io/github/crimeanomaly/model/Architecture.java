package io.github.crimeanomaly.model;

/**
 * Which network a {@link HybridModel} builds. The three share one API, so comparing the hybrid
 * with its baselines means changing one line of the builder.
 */
public enum Architecture {
    /**
     * CNN blocks on every frame, a dense projection, then LSTM layers over time (the papers' model).
     * Optionally with a skip connection ({@code skipConnection}): the classifier then sees each
     * frame's dense features next to the LSTM output.
     */
    HYBRID,
    /**
     * Baseline: the CNN blocks and dense projection score each frame alone; the clip's score is
     * the mean of its frames' scores. Cannot see motion.
     */
    CNN_ONLY,
    /**
     * Baseline: each frame is average-pooled by {@code lstmOnlyPooling}, flattened, projected by
     * the dense layer and fed to the LSTM layers. No convolution.
     */
    LSTM_ONLY;

    /** Whether this architecture has recurrent layers (and so per-sequence outputs are the last step's). */
    public boolean isRecurrent() {
        return this != CNN_ONLY;
    }

    /** Whether this architecture uses the CNN blocks. */
    public boolean usesCnn() {
        return this != LSTM_ONLY;
    }
}
