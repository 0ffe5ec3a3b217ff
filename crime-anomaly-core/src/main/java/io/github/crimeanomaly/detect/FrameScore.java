package io.github.crimeanomaly.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The anomaly score of one frame.
 *
 * @param frameIndex         0-based index of the frame in its source
 * @param timestampMicros    presentation time of the frame, microseconds from the start
 * @param score              the anomaly score: higher is more anomalous; finite. Its scale is the
 *                           detector's (see {@link VideoAnomalyDetector#threshold()})
 * @param classProbabilities class name to probability, in the detector's class order; empty for
 *                           detectors without classes (e.g. normal-only detectors)
 */
public record FrameScore(long frameIndex, long timestampMicros, double score,
                         Map<String, Double> classProbabilities) {

    /** Validates and copies the fields. */
    public FrameScore {
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frameIndex must be >= 0, got " + frameIndex);
        }
        if (timestampMicros < 0) {
            throw new IllegalArgumentException("timestampMicros must be >= 0, got " + timestampMicros);
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score + " (frame " + frameIndex + ")");
        }
        Objects.requireNonNull(classProbabilities, "classProbabilities");
        Map<String, Double> copy = new LinkedHashMap<>();
        classProbabilities.forEach((k, v) -> {
            if (v == null || !(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("probability of class '" + k + "' must be in [0, 1], got "
                        + v + " (frame " + frameIndex + ")");
            }
            copy.put(Objects.requireNonNull(k, "class name"), v);
        });
        classProbabilities = Collections.unmodifiableMap(copy);
    }

    /** A score without class probabilities. */
    public static FrameScore of(long frameIndex, long timestampMicros, double score) {
        return new FrameScore(frameIndex, timestampMicros, score, Map.of());
    }

    /** The most probable class, if the detector has classes. */
    public Optional<String> topClass() {
        return classProbabilities.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /** The timestamp in seconds. */
    public double timestampSeconds() {
        return timestampMicros / 1e6;
    }
}
