package io.github.crimeanomaly.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.crimeanomaly.detect.internal.Calibration;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
    /**
     * The threshold at which {@code detector} flags about {@code falsePositiveRate} of the frames of
     * {@code normal}: footage without anything to alarm on, from the camera the detector will
     * watch, as it is (busy hours, weather and night included). It is the
     * {@code 1 - falsePositiveRate} quantile of the detector's scores over all their frames, scored
     * as {@link VideoAnomalyDetector#score} scores them; it may be above or below the detector's
     * own threshold. Keeps 8 bytes a frame (10 hours at 25 fps: 7 MB). Keep it with
     * {@link #saveWithThreshold}, or {@code crime-anomaly calibrate}.
     *
     * @param normal            sources of normal footage in the detector's input format; each is read
     *                          to its end (not closed)
     * @param falsePositiveRate share of their frames allowed at or above the threshold, in [0, 0.5]
     * @throws IllegalArgumentException if {@code falsePositiveRate} is out of range, or the sources
     *                                  hold fewer than {@code 1 / falsePositiveRate} frames (so that
     *                                  the rate is at least one frame), or none
     * @throws IOException              if a source cannot be read
     */
    public static double thresholdFor(VideoAnomalyDetector detector, List<? extends FrameSource> normal,
                                      double falsePositiveRate) throws IOException {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(normal, "normal");
        if (!(falsePositiveRate >= 0 && falsePositiveRate <= 0.5)) {
            throw new IllegalArgumentException("falsePositiveRate must be in [0, 0.5], got " + falsePositiveRate);
        }
        double[][] scores = {new double[1024]};
        int[] n = {0};
        for (FrameSource s : normal) {
            detector.score(Objects.requireNonNull(s, "a normal source"), f -> {
                if (n[0] == scores[0].length) {
                    scores[0] = Arrays.copyOf(scores[0], 2 * n[0]);
                }
                scores[0][n[0]++] = f.score();
            });
        }
        if (n[0] == 0) {
            throw new IllegalArgumentException("expected frames of normal footage to calibrate on, got none from "
                    + normal.size() + " source" + (normal.size() == 1 ? "" : "s"));
        }
        // with fewer frames, falsePositiveRate of them is less than one frame: the "quantile" would be
        // the largest score, a threshold that says nothing about the rate asked for
        long needed = falsePositiveRate == 0 ? 1 : (long) Math.ceil(1 / falsePositiveRate - 1e-9);
        if (n[0] < needed) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "expected at least %d frames of normal footage to flag %s of them (one frame in %d), got %d "
                            + "from %d source%s: give more footage or a larger falsePositiveRate", needed,
                    percent(falsePositiveRate), needed, n[0], normal.size(), normal.size() == 1 ? "" : "s"));
        }
        return Calibration.quantile(Arrays.copyOf(scores[0], n[0]), 1 - falsePositiveRate);
    }

    /** 0.01 as "1%", 0.025 as "2.5%". */
    private static String percent(double rate) {
        return new java.math.BigDecimal(Double.toString(100 * rate)).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * Saves {@code detector} to {@code file} as its own {@code save} does, with {@code threshold}
     * in place of its own, so that {@link #load} gives a detector that scores the same and alarms
     * at {@code threshold}. The detector in memory keeps its threshold. Atomic: on any failure
     * the target is untouched.
     *
     * <pre>{@code
     * try (VideoAnomalyDetector d = Detectors.load(Path.of("ped2.detector"));
     *      FrameSource busy = ImageFolderFrameSource.open(Path.of("cam3-rush-hour"), d.inputFormat(), 10)) {
     *     double t = Detectors.thresholdFor(d, List.of(busy), 0.01);
     *     Detectors.saveWithThreshold(d, Math.max(t, d.threshold()), Path.of("ped2-cam3.detector"));
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code threshold} is not finite (for a clip classifier: not
     *                                  in [0, 1]), or {@code detector} is not one of this library's
     *                                  savable detectors
     * @throws IOException              if the file cannot be written
     */
    public static void saveWithThreshold(VideoAnomalyDetector detector, double threshold, Path file)
            throws IOException {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(file, "file");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (detector instanceof CalibratedCellDetector d) {
            d.save(file, threshold);
        } else if (detector instanceof NormalOnlyDetector d) {
            d.save(file, threshold);
        } else if (detector instanceof MotionPredictionDetector d) {
            d.save(file, threshold);
        } else if (detector instanceof ClassifierDetector d) {
            d.save(file, threshold);
        } else {
            throw new IllegalArgumentException("expected one of this library's detectors (frame-difference, "
                    + "motion-speed, normal-only, motion-prediction or a clip classifier), got "
                    + detector.getClass().getName());
        }
    }
}
