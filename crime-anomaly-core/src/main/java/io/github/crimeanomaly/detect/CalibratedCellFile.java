package io.github.crimeanomaly.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.detect.internal.CellNormalizer;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Save and load for the detectors whose whole state is a configuration, per-cell normal statistics
 * and a threshold ({@link FrameDifferenceDetector}, {@link MotionSpeedDetector}): one
 * {@link DetectorFile} with {@code config.json} and {@code calibration.json}.
 */
final class CalibratedCellFile {

    /** Builds a detector from what was stored. */
    @FunctionalInterface
    interface Factory<C, D> {
        D create(C config, CellNormalizer normalizer, double threshold);
    }

    /** Calibration statistics as stored in the file. */
    record SavedCalibration(double threshold, float[] cellMean, float[] cellStd) {
    }

    private CalibratedCellFile() {
    }

    static void save(Path file, String type, Object config, CellNormalizer normalizer, double threshold)
            throws IOException {
        Map<String, byte[]> payload = new LinkedHashMap<>();
        payload.put("config.json", Json.mapper().writeValueAsBytes(config));
        payload.put("calibration.json", Json.mapper().writeValueAsBytes(
                new SavedCalibration(threshold, normalizer.mean(), normalizer.std())));
        DetectorFile.write(file, type, payload);
    }

    static <C, D> D load(Path file, String type, Class<C> configType, Factory<C, D> factory) throws IOException {
        return load(file, type, configType, UnaryOperator.identity(), factory);
    }

    /**
     * Like {@link #load(Path, String, Class, Factory)}, with {@code upgrade} filling in the fields
     * that files saved by earlier versions lack (it must not modify its argument).
     */
    static <C, D> D load(Path file, String type, Class<C> configType, UnaryOperator<ObjectNode> upgrade,
                         Factory<C, D> factory) throws IOException {
        DetectorFile.Contents c = DetectorFile.read(file, type);
        try {
            JsonNode json = c.json("config.json");
            C cfg = Json.mapper().treeToValue(json instanceof ObjectNode o ? upgrade.apply(o) : json, configType);
            SavedCalibration cal = Json.mapper().treeToValue(c.json("calibration.json"), SavedCalibration.class);
            return factory.create(cfg, new CellNormalizer(cal.cellMean(), cal.cellStd()), cal.threshold());
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new DetectorFormatException("invalid configuration in " + file + ": " + Json.problem(e), e);
        }
    }
}
