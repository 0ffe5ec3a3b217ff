package io.github.crimeanomaly.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a model's weights came from: recorded by the trainer, stored in the saved model's
 * manifest.
 *
 * @param trainedAt          when training finished, ISO-8601 UTC ({@link Instant#toString()})
 * @param trainingSeconds    wall-clock training time
 * @param epochs             epochs run
 * @param sequences          number of training sequences
 * @param datasetFingerprint SHA-256 (hex) over the training sequences and their targets in
 *                           index order: the same data gives the same fingerprint
 */
public record Provenance(@JsonProperty("trainedAt") String trainedAt,
                         @JsonProperty("trainingSeconds") double trainingSeconds,
                         @JsonProperty("epochs") int epochs,
                         @JsonProperty("sequences") int sequences,
                         @JsonProperty("datasetFingerprint") String datasetFingerprint) {

    /** Validates. */
    public Provenance {
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(datasetFingerprint, "datasetFingerprint");
        try {
            Instant.parse(trainedAt);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("trainedAt must be an ISO-8601 instant, got '" + trainedAt + "'", e);
        }
    }

    /** {@link #trainedAt()} as an instant. */
    public Instant trainedAtInstant() {
        return Instant.parse(trainedAt);
    }
}
