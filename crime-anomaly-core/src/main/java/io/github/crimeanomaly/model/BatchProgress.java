package io.github.crimeanomaly.model;

/**
 * Progress after one training batch.
 *
 * @param epoch           0-based epoch
 * @param epochs          total epochs planned
 * @param batch           0-based batch within the epoch
 * @param batchesPerEpoch batches per epoch
 * @param loss            this batch's loss
 * @param sequences       sequences in this batch
 */
public record BatchProgress(int epoch, int epochs, int batch, int batchesPerEpoch, double loss, int sequences) {
}
