package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.datasets.SyntheticWalkway;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameDifferenceDetectorTest {

    @TempDir
    Path tmp;

    private static FrameDifferenceDetector calibrated(ScoringOptions o) throws IOException {
        return FrameDifferenceDetector.calibrator().cellSize(8).cellStride(4).scoring(o)
                .fit(DetectorTestSupport.normalClips(3, 40));
    }

    @Test
    void fastObjectScoresFarAboveWalkersAndAboveTheThreshold() throws IOException {
        try (FrameDifferenceDetector d = calibrated(ScoringOptions.raw())) {
            SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
            AnomalyReport r = d.detect(clip.source("anomalous"));
            assertEquals(50, r.frames().size());
            assertTrue(DetectorTestSupport.separation(r.scores(), clip.anomalous()) > 3,
                    "separation " + DetectorTestSupport.separation(r.scores(), clip.anomalous()));
            // frame 35 (the object's disappearance) differs from frame 34 too: count it as inside
            long topInside = r.topK(10).stream().filter(f -> f.frameIndex() >= 20 && f.frameIndex() <= 35).count();
            assertEquals(10, topInside);
            // the strongest incident is the fast object (walkers may raise short, weak ones)
            Incident strongest = r.incidents().stream()
                    .max(java.util.Comparator.comparingDouble(Incident::peakScore)).orElseThrow();
            assertTrue(strongest.startFrame() <= 22 && strongest.endFrame() >= 33
                    && strongest.peakFrame() >= 20 && strongest.peakFrame() <= 35, r.incidents().toString());
        }
    }

    @Test
    void everyFrameGetsOneScoreInOrderWithSmoothing() throws IOException {
        try (FrameDifferenceDetector d = calibrated(ScoringOptions.defaults())) {
            List<FrameScore> scores = new ArrayList<>();
            d.score(DetectorTestSupport.anomalousClip().source("x"), scores::add);
            assertEquals(50, scores.size());
            for (int i = 0; i < 50; i++) {
                assertEquals(i, scores.get(i).frameIndex());
            }
        }
    }

    @Test
    void perVideoNormalisationIsCausalAndMakesTheFirstFrameZero() throws IOException {
        try (FrameDifferenceDetector plain = calibrated(ScoringOptions.raw());
             FrameDifferenceDetector norm = calibrated(ScoringOptions.raw().withPerVideoNormalization(true))) {
            double[] p = plain.detect(DetectorTestSupport.anomalousClip().source("p")).scores();
            double[] n = norm.detect(DetectorTestSupport.anomalousClip().source("n")).scores();
            assertEquals(0.0, n[0]);
            // frame 5 normalised by the running mean/std of frames 0..5 of the raw scores
            double mean = 0;
            for (int i = 0; i <= 5; i++) {
                mean += p[i];
            }
            mean /= 6;
            double var = 0;
            for (int i = 0; i <= 5; i++) {
                var += (p[i] - mean) * (p[i] - mean);
            }
            assertEquals((p[5] - mean) / Math.sqrt(var / 5), n[5], 1e-9);
        }
    }

    @Test
    void rejectsFramesOfAnotherFormatNamingBoth() throws IOException {
        try (FrameDifferenceDetector d = calibrated(ScoringOptions.raw())) {
            FrameSource other = SyntheticWalkway.generate(FrameFormat.gray(32, 24), 5, 1, -1, -1, 1).source("small");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.detect(other));
            assertTrue(e.getMessage().contains("expected frames of width 64, height 48, 1 channel, got width 32, height 24, 1 channel"), e.getMessage());
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalScores() throws IOException {
        try (FrameDifferenceDetector d = calibrated(ScoringOptions.defaults())) {
            Path f = tmp.resolve("fd.detector");
            d.save(f);
            FrameDifferenceDetector back = FrameDifferenceDetector.load(f);
            assertEquals(d.config(), back.config());
            assertEquals(d.threshold(), back.threshold());
            assertArrayEquals(d.detect(DetectorTestSupport.anomalousClip().source("a")).scores(),
                    back.detect(DetectorTestSupport.anomalousClip().source("a")).scores());
            assertThrows(DetectorFormatException.class, () -> NormalOnlyDetector.load(f));
        }
    }

    @Test
    void rejectsCalibrationWithoutSources() {
        assertThrows(IllegalArgumentException.class, () -> FrameDifferenceDetector.calibrator().fit(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameDifferenceDetector.calibrator().falsePositiveRate(0.9).fit(DetectorTestSupport.normalClips(1, 5)));
        assertTrue(e.getMessage().contains("falsePositiveRate"), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotADetector() throws IOException {
        Path f = tmp.resolve("junk.detector");
        Files.writeString(f, "not a zip");
        assertThrows(DetectorFormatException.class, () -> FrameDifferenceDetector.load(f));
    }
}
