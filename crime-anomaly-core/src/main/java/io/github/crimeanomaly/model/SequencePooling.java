package io.github.crimeanomaly.model;

/**
 * How a {@link HybridModel} turns its per-frame outputs into one per-sequence output, and so
 * which frames a per-sequence label trains.
 */
public enum SequencePooling {
    /**
     * The last frame's output, which for the recurrent architectures has seen the whole sequence;
     * a per-sequence label trains only the last frame. The default for HYBRID and LSTM_ONLY.
     */
    LAST,
    /**
     * The mean of every frame's output; a per-sequence label trains every frame (deep
     * supervision). The only choice for CNN_ONLY; for the recurrent architectures it makes the
     * model at least a per-frame classifier with temporal context, averaged over the clip.
     */
    MEAN;

    /** The default for {@code a}: MEAN for CNN_ONLY, LAST otherwise. */
    public static SequencePooling defaultFor(Architecture a) {
        return a == Architecture.CNN_ONLY ? MEAN : LAST;
    }
}
