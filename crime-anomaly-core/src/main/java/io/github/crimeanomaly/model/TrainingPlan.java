package io.github.crimeanomaly.model;

/**
 * What a training run is about to do, given to listeners at the start.
 *
 * @param epochs              planned epochs (early stopping may stop sooner)
 * @param batchesPerEpoch     batches per epoch
 * @param trainSequences      training sequences
 * @param validationSequences validation sequences (0 if none)
 * @param architecture        the model's architecture
 */
public record TrainingPlan(int epochs, int batchesPerEpoch, int trainSequences, int validationSequences,
                           Architecture architecture) {
}
