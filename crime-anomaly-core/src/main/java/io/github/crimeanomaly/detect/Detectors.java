package io.github.crimeanomaly.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads any saved detector without knowing its kind in advance.
 *
 * <pre>{@code
 * try (VideoAnomalyDetector d = Detectors.load(Path.of("ped2.detector"))) { ... }
 * }</pre>
 */
public final class Detectors {

    private Detectors() {
    }

    /**
     * Loads a detector saved by {@link NormalOnlyDetector#save}, {@link FrameDifferenceDetector#save},
     * {@link MotionSpeedDetector#save} or {@link MotionPredictionDetector#save}, or a classification {@link HybridModel} saved for a
     * {@link ClassifierDetector} (e.g. by {@code crime-anomaly train-classifier}).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                       if it is not a valid detector file (corrupt,
     *                                           tampered, newer format, unknown detector type)
     */
    public static VideoAnomalyDetector load(Path file) throws IOException {
        JsonNode manifest = DetectorFile.peekManifest(file);
        if (HybridModel.KIND.equals(manifest.path("kind").asText())) {
            HybridModel m = HybridModel.load(file);
            try {
                if (MotionPredictionDetector.isIn(m)) {
                    return MotionPredictionDetector.of(m, file);
                }
                return ClassifierDetector.of(m);
            } catch (IllegalArgumentException e) {
                m.close();
                throw new ModelFormatException(ModelFormatException.Reason.INVALID_CONTENT,
                        file + ": not usable as a detector: " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                m.close();
                throw e;
            }
        }
        if (!DetectorFile.FORMAT.equals(manifest.path("format").asText())) {
            throw new DetectorFormatException("expected a saved detector or classifier model, got a zip whose "
                    + "manifest names neither format '" + DetectorFile.FORMAT + "' nor kind '" + HybridModel.KIND
                    + "' (" + file + ")");
        }
        String type = manifest.path("detectorType").asText();
        return switch (type) {
            case FrameDifferenceDetector.TYPE -> FrameDifferenceDetector.load(file);
            case NormalOnlyDetector.TYPE -> NormalOnlyDetector.load(file);
            case MotionSpeedDetector.TYPE -> MotionSpeedDetector.load(file);
            default -> throw new DetectorFormatException("expected a detector of type '"
                    + FrameDifferenceDetector.TYPE + "', '" + MotionSpeedDetector.TYPE + "' or '"
                    + NormalOnlyDetector.TYPE + "', got '" + type
                    + "' (" + file + "): written by a newer version of the library?");
        };
    }
}
