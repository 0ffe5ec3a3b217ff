package io.github.crimeanomaly.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.crimeanomaly.internal.Json;
import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param epochs             one result per epoch run
 * @param monitored          the metric used for keep-best-weights and early stopping
 * @param bestEpoch          0-based epoch with the best monitored value (-1 if never computed)
 * @param restoredBestWeights whether the model's weights were reset to those of {@code bestEpoch}
 * @param stoppedEarly       whether early stopping ended training before the planned epochs
 * @param seconds            total wall-clock seconds
 * @param datasetFingerprint SHA-256 over the training data (see {@link Provenance})
 * @param averagedEpochs     with checkpoint averaging ({@link Trainer#averageBestEpochs}), the
 *                           0-based epochs whose weights were averaged into the kept ones, in
 *                           order; empty otherwise
 */
public record TrainingReport(List<EpochResult> epochs, TrainingMetric monitored, int bestEpoch,
                             boolean restoredBestWeights, boolean stoppedEarly, double seconds,
                             String datasetFingerprint, List<Integer> averagedEpochs) {

    /** Copies the lists. */
    public TrainingReport {
        epochs = List.copyOf(epochs);
        averagedEpochs = averagedEpochs == null ? List.of() : List.copyOf(averagedEpochs);
    }

    /** A report without checkpoint averaging. */
    public TrainingReport(List<EpochResult> epochs, TrainingMetric monitored, int bestEpoch,
                          boolean restoredBestWeights, boolean stoppedEarly, double seconds, String datasetFingerprint) {
        this(epochs, monitored, bestEpoch, restoredBestWeights, stoppedEarly, seconds, datasetFingerprint, List.of());
    }

    /** The training loss of every epoch. */
    public double[] trainLosses() {
        return epochs.stream().mapToDouble(EpochResult::trainLoss).toArray();
    }

    /** The validation loss of every epoch (NaN without validation). */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochResult::validationLoss).toArray();
    }

    /** The validation accuracy of every epoch (NaN without validation or for regression). */
    public double[] validationAccuracies() {
        return epochs.stream().mapToDouble(EpochResult::validationAccuracy).toArray();
    }

    /** The best epoch's result, if any epoch had a value for the monitored metric. */
    public java.util.Optional<EpochResult> best() {
        return bestEpoch < 0 ? java.util.Optional.empty() : java.util.Optional.of(epochs.get(bestEpoch));
    }

    /** The report as JSON (NaN written as the string "NaN"). */
    public String toJson() {
        try {
            return Json.mapper().writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                    .writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise TrainingReport", e);
        }
    }
}
