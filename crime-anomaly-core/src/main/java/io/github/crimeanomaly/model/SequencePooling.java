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
    MEAN,
    /**
     * Recurrent architectures: a learned attention-weighted mean over the frames of what the
     * output layer sees (the LSTM output, next to the per-frame features with a skip connection),
     * as in the fight dataset authors' Bi-LSTM with attention. One learned query scores every
     * frame (a scaled dot product, as DL4J's {@code LearnedSelfAttentionLayer} without projections computes it),
     * a softmax over the frames weighs them, and the output layer classifies the weighted mean; that
     * one output is repeated at every frame, and a per-sequence label trains it. Every frame's
     * output depends on the whole sequence, so such a model predicts whole sequences or windows
     * ({@link HybridModel#windowPredictor}), not frame by frame. Off by default: on the fight
     * clips' inner cross-validation it did not beat MEAN on F1 (see the README).
     */
    ATTENTION,
    /**
     * Recurrent architectures with a two-class classifier: multiple-instance learning. Every frame
     * gets one logit for the class that one frame can show (the class that is not normal, e.g.
     * {@code fight}) against the other, computed from what the output layer would see; the
     * sequence's logit is their smooth maximum {@code (1/r) log mean_t exp(r d_t)}, and that one
     * output, repeated at every frame, is what a per-sequence label trains. So a clip labelled
     * with the instance class needs only some frames that show it, and a normal clip needs every
     * frame normal, where {@link #MEAN} trains every frame of a labelled clip with its label.
     * Build with {@link HybridModel.Builder#multipleInstancePooling}. As with {@link #ATTENTION},
     * the model predicts whole sequences or windows, not frame by frame.
     */
    MULTIPLE_INSTANCE;

    /** The default for {@code a}: MEAN for CNN_ONLY, LAST otherwise. */
    public static SequencePooling defaultFor(Architecture a) {
        return a == Architecture.CNN_ONLY ? MEAN : LAST;
    }
}
