package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorsTest {

    @TempDir
    Path dir;

    /** Synthetic: a bright square walking across a noisy dark background. */
    static FrameSource walkingSquare(FrameFormat fmt, int frames, long seed) {
        Random rnd = new Random(seed);
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            float[] px = new float[fmt.size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = 0.1f + 0.02f * rnd.nextFloat();
            }
            int x0 = (t * 2) % (fmt.width() - 8);
            for (int y = 10; y < 18; y++) {
                for (int x = x0; x < x0 + 8; x++) {
                    px[y * fmt.width() + x] = 0.9f;
                }
            }
            out.add(Frame.wrap(t, t * 100_000L, fmt, px));
        }
        return FrameSources.of("synthetic walking square", out, 10);
    }

    @Test
    void loadsASavedFrameDifferenceDetectorWithoutKnowingItsKind() throws IOException {
        FrameFormat fmt = FrameFormat.gray(64, 48);
        Path file = dir.resolve("fd.detector");
        try (FrameDifferenceDetector d = FrameDifferenceDetector.calibrator().fit(List.of(walkingSquare(fmt, 60, 1)))) {
            d.save(file);
            try (VideoAnomalyDetector loaded = Detectors.load(file)) {
                assertInstanceOf(FrameDifferenceDetector.class, loaded);
                assertEquals(d.threshold(), loaded.threshold());
                assertEquals(fmt, loaded.inputFormat());
                double[] a = d.detect(walkingSquare(fmt, 30, 2)).scores();
                double[] b = loaded.detect(walkingSquare(fmt, 30, 2)).scores();
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 0.0, "frame " + i);
                }
            }
        }
    }

    @Test
    void loadsASavedMotionSpeedDetector() throws IOException {
        FrameFormat fmt = FrameFormat.gray(64, 48);
        Path file = dir.resolve("ms.detector");
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().fit(List.of(walkingSquare(fmt, 60, 1)))) {
            d.save(file);
            try (VideoAnomalyDetector loaded = Detectors.load(file)) {
                assertInstanceOf(MotionSpeedDetector.class, loaded);
                assertEquals(d.threshold(), loaded.threshold());
                assertEquals("MotionSpeedDetector[input " + fmt + ", threshold " + d.threshold() + "]", loaded.toString());
            }
        }
    }

    @Test
    void rejectsMissingForeignAndCorruptFiles() throws IOException {
        assertThrows(NoSuchFileException.class, () -> Detectors.load(dir.resolve("none.detector")));
        Path junk = Files.write(dir.resolve("junk.detector"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        DetectorFormatException e = assertThrows(DetectorFormatException.class, () -> Detectors.load(junk));
        assertTrue(e.getMessage().contains("junk.detector"), e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.detector"), "hello");
        assertThrows(DetectorFormatException.class, () -> Detectors.load(text));
    }

    @Test
    void refusesATruncatedDetectorFileWhereverItIsCut() throws IOException {
        Path file = savedMotionSpeedDetector("ms.detector");
        byte[] whole = Files.readAllBytes(file);
        // from the last byte (the zip's end record) to most of the file (its first entries intact)
        for (int cut : new int[] {1, 10, 100, 200, 400, whole.length / 2, whole.length - 30}) {
            Path cutFile = Files.write(dir.resolve("cut" + cut + ".detector"), java.util.Arrays.copyOf(whole, whole.length - cut));
            for (IoCall load : new IoCall[] {() -> Detectors.load(cutFile), () -> MotionSpeedDetector.load(cutFile)}) {
                DetectorFormatException e = assertThrows(DetectorFormatException.class, load::run, "cut " + cut);
                assertTrue(e.getMessage().contains(cutFile.toString()) && e.getMessage().contains("truncated or corrupt"),
                        "cut " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void namesWhatItFoundWhenGivenTheOtherKindOfFile() throws IOException {
        Path detector = savedMotionSpeedDetector("ms.detector");
        Path model = dir.resolve("tiny.model");
        try (io.github.crimeanomaly.model.HybridModel m = io.github.crimeanomaly.model.ModelTestSupport
                .tiny(io.github.crimeanomaly.model.Architecture.HYBRID).build()) {
            m.save(model);
        }
        String asDetector = assertThrows(DetectorFormatException.class, () -> MotionSpeedDetector.load(model)).getMessage();
        assertTrue(asDetector.contains("a model file of kind 'crime-anomaly/hybrid-model'")
                && asDetector.contains("HybridModel.load"), asDetector);
        String asModel = assertThrows(io.github.crimeanomaly.model.ModelFormatException.class,
                () -> io.github.crimeanomaly.model.HybridModel.load(detector)).getMessage();
        assertTrue(asModel.contains("a saved detector of type 'motion-speed'") && asModel.contains("Detectors.load"), asModel);
    }

    /** A motion-speed detector calibrated on a synthetic walking square, saved as {@code name}. */
    private Path savedMotionSpeedDetector(String name) throws IOException {
        Path file = dir.resolve(name);
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().fit(List.of(walkingSquare(FrameFormat.gray(64, 48), 60, 1)))) {
            d.save(file);
        }
        return file;
    }

    @FunctionalInterface
    interface IoCall {
        Object run() throws IOException;
    }
}
