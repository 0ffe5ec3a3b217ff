package io.github.crimeanomaly.model;

/**
 * The figures of one training epoch.
 *
 * @param epoch              0-based epoch
 * @param learningRate       the rate used in this epoch
 * @param trainLoss          mean loss over the epoch's batches (including L2)
 * @param validationLoss     validation cross-entropy or MSE; NaN without a validation set
 * @param validationAccuracy validation accuracy (classification); NaN otherwise
 * @param seconds            wall-clock seconds for the epoch, validation included
 */
public record EpochResult(int epoch, double learningRate, double trainLoss, double validationLoss,
                          double validationAccuracy, double seconds) {
}
