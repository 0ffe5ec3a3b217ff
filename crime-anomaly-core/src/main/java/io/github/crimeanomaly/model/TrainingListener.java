package io.github.crimeanomaly.model;

/**
 * Receives training progress. All methods have empty defaults; implement what you need. Called
 * on the training thread: keep them quick. Ready-made: {@link ConsoleProgressListener} (a
 * progress bar with ETA) and {@link LoggingTrainingListener} (SLF4J).
 */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onTrainingStart(TrainingPlan plan) {
    }

    /** After every batch. */
    default void onBatch(BatchProgress progress) {
    }

    /** After every epoch, validation included. */
    default void onEpoch(EpochResult result) {
    }

    /** After training, with the final report. */
    default void onTrainingEnd(TrainingReport report) {
    }
}
