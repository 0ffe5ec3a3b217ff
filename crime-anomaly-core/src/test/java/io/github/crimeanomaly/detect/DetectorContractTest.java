package io.github.crimeanomaly.detect;

import static io.github.crimeanomaly.detect.MotionPredictionDetector.Objective.PREDICT_NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every detector of the library does alike, whatever its kind: a source already read to its
 * end, a closed detector and null arguments each get a clear exception, not an empty report or
 * a message about an internal type.
 */
class DetectorContractTest {

    interface Factory {
        VideoAnomalyDetector create() throws IOException;
    }

    static Stream<Arguments> detectors() {
        return Stream.of(
                Arguments.of("FrameDifferenceDetector", (Factory) () -> FrameDifferenceDetector.calibrator()
                        .fit(DetectorTestSupport.normalClips(1, 20))),
                Arguments.of("MotionSpeedDetector", (Factory) () -> MotionSpeedDetector.calibrator().cellSize(8)
                        .cellStride(4).fit(DetectorTestSupport.normalClips(1, 20))),
                Arguments.of("NormalOnlyDetector", (Factory) () -> NormalOnlyDetector.trainer().scale(1).cellSize(8)
                        .cellStride(8).steps(3).embedding(8).lstmUnits(8).epochs(1).batchSize(128)
                        .trainingSequences(256).seed(1).fit(DetectorTestSupport.normalClips(1, 20))),
                Arguments.of("MotionPredictionDetector", (Factory) () -> MotionPredictionDetector.trainer()
                        .objective(PREDICT_NEXT).blockSize(4).searchRadius(10).steps(4).topBlocks(2).epochs(1)
                        .batchSize(8).seed(3).fit(DetectorTestSupport.normalClips(2, 20))),
                Arguments.of("ClassifierDetector", (Factory) () -> {
                    var m = ClassifierDetectorTest.tinyClipModel();
                    ClassifierDetector.storeIn(m, "noFight", 0.5);
                    return ClassifierDetector.of(m);
                }));
    }

    private static FrameSource randomSource(FrameFormat fmt, int n) {
        return DetectorsTest.randomFrames(fmt, n, 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void aSourceReadToItsEndIsRejectedNotScoredAsEmpty(String name, Factory factory) throws IOException {
        try (VideoAnomalyDetector d = factory.create()) {
            FrameSource s = randomSource(d.inputFormat(), 12);
            assertEquals(12, d.detect(s).frames().size(), name);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.detect(s));
            assertTrue(e.getMessage().contains("expected at least one frame from synthetic random frames, got none")
                    && e.getMessage().contains("already read to its end"), e.getMessage());
            int[] calls = {0};
            IllegalArgumentException streamed = assertThrows(IllegalArgumentException.class,
                    () -> d.score(s, f -> calls[0]++));
            assertTrue(streamed.getMessage().contains("expected at least one frame from synthetic random"),
                    streamed.getMessage());
            assertEquals(0, calls[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void aClosedDetectorSaysSoInItsOwnName(String name, Factory factory) throws IOException {
        VideoAnomalyDetector d = factory.create();
        FrameFormat fmt = d.inputFormat();
        d.close();
        d.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.detect(randomSource(fmt, 12)));
        assertEquals("this " + name + " is closed", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void nullArgumentsAreNamedBeforeAnyFrameIsRead(String name, Factory factory) throws IOException {
        try (VideoAnomalyDetector d = factory.create()) {
            assertEquals("source", assertThrows(NullPointerException.class, () -> d.detect(null)).getMessage());
            assertEquals("source", assertThrows(NullPointerException.class, () -> d.score(null, f -> { }))
                    .getMessage());
            FrameSource s = randomSource(d.inputFormat(), 12);
            assertEquals("sink", assertThrows(NullPointerException.class, () -> d.score(s, null)).getMessage());
            assertEquals(12, d.detect(s).frames().size(), name + ": the source is untouched");
        }
    }

    @org.junit.jupiter.api.Test
    void settingsAreCheckedWithoutVideoAndFitUsesThatConfiguration() throws IOException {
        FrameFormat fmt = DetectorTestSupport.FORMAT;
        // out-of-range settings are refused by config(format): no video needs to be read to find out
        assertEquals("gap must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> MotionSpeedDetector.calibrator().gap(0).config(fmt)).getMessage());
        assertEquals("scaleFloor must be in [0, 1], got 2.0", assertThrows(IllegalArgumentException.class,
                () -> FrameDifferenceDetector.calibrator().scaleFloor(2).config(fmt)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NormalOnlyDetector.trainer().epochs(0).config(fmt)).getMessage().contains("epochs"));
        assertEquals("blockSize must be even and >= 2, got 3", assertThrows(IllegalArgumentException.class,
                () -> MotionPredictionDetector.trainer().blockSize(3).config(fmt)).getMessage());
        // and what config(format) returns is what fit uses
        MotionSpeedDetector.Calibrator speed = MotionSpeedDetector.calibrator().cellSize(8).cellStride(4).gap(3);
        try (MotionSpeedDetector d = speed.fit(DetectorTestSupport.normalClips(1, 20))) {
            assertEquals(speed.config(fmt), d.config());
        }
        FrameDifferenceDetector.Calibrator diff = FrameDifferenceDetector.calibrator().scaleFloor(0.2);
        try (FrameDifferenceDetector d = diff.fit(DetectorTestSupport.normalClips(1, 20))) {
            assertEquals(diff.config(fmt), d.config());
        }
    }
}
