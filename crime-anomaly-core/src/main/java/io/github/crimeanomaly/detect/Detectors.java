package io.github.crimeanomaly.detect;

import io.github.crimeanomaly.detect.internal.DetectorFile;
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
     * Loads a detector saved by {@link NormalOnlyDetector#save}, {@link FrameDifferenceDetector#save}
     * or {@link MotionSpeedDetector#save}.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                       if it is not a valid detector file (corrupt,
     *                                           tampered, newer format, unknown detector type)
     */
    public static VideoAnomalyDetector load(Path file) throws IOException {
        String type = DetectorFile.peekType(file);
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
