package io.github.crimeanomaly.detect;

/**
 * Progress of a detector's training, for progress bars and logs. All methods have empty
 * defaults; implement what you need. Called on the training thread. (Not
 * {@link io.github.crimeanomaly.model.TrainingListener}, which reports a {@code HybridModel}'s
 * epochs and batches.)
 */
public interface DetectorTrainingListener {

    /** A listener that ignores everything. */
    DetectorTrainingListener NONE = new DetectorTrainingListener() {
    };

    /**
     * A phase starts ({@code "loading"}, {@code "training"}, {@code "calibrating"}).
     *
     * @param phase      its name
     * @param totalSteps how many {@link #onStep} calls it will make
     */
    default void onPhaseStart(String phase, long totalSteps) {
    }

    /** One step of the current phase done (a frame loaded or scored, a minibatch trained). */
    default void onStep(String phase) {
    }

    /** An epoch ended, with the mean training loss over it. */
    default void onEpoch(int epoch, double meanLoss) {
    }

    /** The phase ended. */
    default void onPhaseEnd(String phase) {
    }
}
