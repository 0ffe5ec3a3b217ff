package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detector files written by release 0.1.0 must keep loading through {@link Detectors#load} and
 * scoring the same synthetic clip with the same numbers, for every saved detector kind: the
 * calibrated cell detectors (detector-file format), the motion-prediction CNN+LSTM (model
 * format, metadata version 3, and version 5 with the appearance objective) and a classifier with the fight recipe's head (skip connection,
 * bidirectional LSTM, mean over frames: a DL4J computation graph, whose parameter order a saved
 * file depends on) and a clip input written before mirror averaging existed (so it must read as
 * off). A change that breaks old files fails here; a deliberate format
 * change bumps the version and regenerates them with
 * {@code mvn -o test -pl crime-anomaly-core -Dtest=GoldenDetectorTest -Dcrimeanomaly.writeGolden=<dir>},
 * which writes {@code <kind>-0.1.0.detector} and {@code <kind>-0.1.0-expected.json} for each kind to that
 * directory (copy them to {@code src/test/resources/io/github/crimeanomaly/detect/golden/}).
 */
class GoldenDetectorTest {

    private static final String DIR = "/io/github/crimeanomaly/detect/golden/";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"frame-difference", "motion-speed", "motion-prediction", "motion-prediction-appearance",
            "classifier"})
    void goldenDetectorStillLoadsAndScoresTheSame(String kind) throws IOException {
        String out = System.getProperty("crimeanomaly.writeGolden");
        if (out != null && !out.isBlank()) {
            writeGolden(kind, Path.of(out));
        }
        Path file = tmp.resolve(kind + "-0.1.0.detector");
        try (InputStream in = GoldenDetectorTest.class.getResourceAsStream(DIR + kind + "-0.1.0.detector")) {
            assertNotNull(in, "golden detector resource missing for " + kind);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode expected;
        try (InputStream in = GoldenDetectorTest.class.getResourceAsStream(DIR + kind + "-0.1.0-expected.json")) {
            assertNotNull(in, "golden expectations missing for " + kind);
            expected = Json.mapper().readTree(in);
        }
        try (VideoAnomalyDetector d = Detectors.load(file)) {
            assertEquals(expected.get("type").asText(), d.getClass().getSimpleName());
            assertEquals(expected.get("threshold").asDouble(), d.threshold(), 1e-9);
            double[] scores = d.detect(clip(kind)).scores();
            JsonNode e = expected.get("scores");
            assertEquals(e.size(), scores.length, "frames scored");
            for (int i = 0; i < scores.length; i++) {
                double want = e.get(i).asDouble();
                assertEquals(want, scores[i], 1e-5 * Math.max(1, Math.abs(want)), kind + " frame " + i);
            }
        }
    }

    private static VideoAnomalyDetector train(String kind) throws IOException {
        return switch (kind) {
            case "frame-difference" -> FrameDifferenceDetector.calibrator().cellSize(8).cellStride(4)
                    .fit(DetectorTestSupport.normalClips(3, 40));
            case "motion-speed" -> MotionSpeedDetector.calibrator().cellSize(8).cellStride(4).bidirectional(true)
                    .fit(DetectorTestSupport.normalClips(3, 40));
            case "motion-prediction" -> MotionPredictionDetector.trainer()
                    .objective(MotionPredictionDetector.Objective.PREDICT_NEXT).blockSize(8).searchRadius(10).energy(true)
                    .cellAggregation(null).steps(4).topBlocks(2).epochs(1).batchSize(8).seed(3)
                    .fit(DetectorTestSupport.normalClips(2, 30));
            case "motion-prediction-appearance" -> MotionPredictionDetector.trainer()
                    .objective(MotionPredictionDetector.Objective.APPEARANCE).appearanceScale(4).blockSize(8)
                    .searchRadius(10).steps(4).topBlocks(2).epochs(1).batchSize(8).seed(3)
                    .fit(DetectorTestSupport.normalClips(2, 30));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    private static FrameSource clip(String kind) {
        return kind.equals("classifier")
                ? FrameSources.of("golden stream", ClassifierDetectorTest.stream(2), 25)
                : DetectorTestSupport.anomalousClip().source("golden clip");
    }

    private static void writeGolden(String kind, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(kind + "-0.1.0.detector");
        if (kind.equals("classifier")) {
            try (HybridModel m = HybridModel.builder()
                    .inputShape(16, 16, 1).sequenceLength(6)
                    .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0))
                    .dense(8).lstm(6).bidirectional(true).skipConnection(true)
                    .sequencePooling(SequencePooling.MEAN)
                    .classification(SyntheticMotionClips.labels())
                    .seed(5).build()) {
                m.trainer().epochs(1).batchSize(8).fit(SequenceDataset.of(ClassifierDetectorTest.GEN.generate(16, 1)));
                new ClipInput(6, 16, 16, ClipInput.Mode.APPEARANCE, 1.0).storeIn(m);
                ClassifierDetector.storeIn(m, "left", 0.6);
                m.save(file);
            }
        } else {
            try (VideoAnomalyDetector d = train(kind)) {
                if (d instanceof CalibratedCellDetector c) {
                    c.save(file);
                } else {
                    ((MotionPredictionDetector) d).save(file);
                }
            }
        }
        // the expectations come from the saved file, as a user would load it
        try (VideoAnomalyDetector d = Detectors.load(file)) {
            ObjectNode exp = Json.mapper().createObjectNode();
            exp.put("type", d.getClass().getSimpleName());
            exp.put("threshold", d.threshold());
            exp.set("scores", Json.mapper().valueToTree(d.detect(clip(kind)).scores()));
            Files.write(dir.resolve(kind + "-0.1.0-expected.json"), Json.mapper().writeValueAsBytes(exp));
        }
    }
}
