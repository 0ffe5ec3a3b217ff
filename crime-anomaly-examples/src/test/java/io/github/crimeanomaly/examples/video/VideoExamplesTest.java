package io.github.crimeanomaly.examples.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of the video examples, on short runs. */
class VideoExamplesTest {

    private static Path vtest() {
        Path p = VideoExampleSupport.sharedDatasets().resolve("opencv-vtest/vtest.avi");
        assumeTrue(Files.isRegularFile(p), "vtest.avi not found at " + p);
        return p;
    }

    @Test
    void dropoutConcealmentCheckFindsSourcesAndCountsWhatItConceals(@TempDir Path dir) throws IOException {
        // a folder of textured frames (synthetic) with a 16x16 gray patch in frames 2 and 3 only
        Path folder = Files.createDirectories(dir.resolve("frames"));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 5; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(48, 32,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 48; x++) {
                    boolean patch = (i == 2 && x >= 4 && x < 20 && y >= 4 && y < 20)
                            || (i == 3 && x >= 24 && x < 40 && y >= 10 && y < 26);
                    img.getRaster().setSample(x, y, 0, patch ? 128 : rng.nextInt(256));
                }
            }
            javax.imageio.ImageIO.write(img, "png", dir.resolve("frames/" + i + ".png").toFile());
        }
        Files.copy(vtest(), dir.resolve("clip.avi"));
        assertEquals(List.of(dir.resolve("clip.avi"), folder), DropoutConcealmentCheck.sources(dir));
        DropoutConcealmentCheck.Totals t = DropoutConcealmentCheck.run(List.of(folder), FrameFormat.gray(48, 32));
        assertEquals(1, t.sources());
        assertEquals(5, t.frames());
        assertEquals(2, t.concealedFrames());
        assertEquals(2 * 16 * 16, t.concealedPixels());
        assertEquals(2 * 256 / (5.0 * 48 * 32), t.concealedShare(), 1e-12);
    }

    @Test
    void loopedVideoRunsIndicesAndTimestampsOnAcrossLoops() throws IOException {
        VideoOptions opts = VideoOptions.builder().format(FrameFormat.gray(32, 24)).build();
        try (LoopedVideo v = new LoopedVideo(vtest(), opts, 1_700)) {
            long n = 0;
            for (Optional<Frame> f = v.next(); f.isPresent(); f = v.next()) {
                assertEquals(n, f.get().index());
                assertEquals(n * 100_000L, f.get().timestampMicros(), "frame " + n);
                n++;
            }
            assertEquals(1_700, n, "795 + 795 + 110 frames over three loops");
        }
    }

    @Test
    void longStreamMemoryReportsEveryCheckpoint() throws IOException {
        List<LongStreamMemory.Checkpoint> cps = LongStreamMemory.run(vtest(), 1_000, List.of(200L, 1_000L));
        assertEquals(2, cps.size());
        assertEquals(200, cps.get(0).frames());
        assertEquals(1_000, cps.get(1).frames());
        assertEquals(1_000 / 10.0 / 60, cps.get(1).videoMinutes(), 1e-9);
        assertTrue(cps.get(1).heapUsedKb() > 0);
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(cps.get(1).hwmKb() >= cps.get(1).rssKb() && cps.get(1).rssKb() > 0);
        }
    }

    @Test
    void longStreamMemoryScoresWithASavedClipClassifier(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tiny-fight.model");
        try (HybridModel m = HybridModel.builder().inputShape(16, 16, 3).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(4)
                .classification(LabelEncoder.ofClasses(List.of("fight", "noFight"))).seed(5).build()) {
            new ClipInput(4, 16, 16, ClipInput.Mode.MOTION_AND_FLOW, 0.4, true, 2.0).storeIn(m);
            ClassifierDetector.storeIn(m, "noFight", 0.5);
            m.save(file);
        }
        List<LongStreamMemory.Checkpoint> cps = LongStreamMemory.run(vtest(), 900, List.of(100L, 900L), file);
        assertEquals(List.of(100L, 900L), cps.stream().map(LongStreamMemory.Checkpoint::frames).toList());
        assertTrue(cps.get(1).wallSeconds() > cps.get(0).wallSeconds());
    }

    @Test
    void throughputMeasuresEveryStage() throws IOException {
        List<VideoThroughput.Measurement> ms = VideoThroughput.run(vtest(), 1, false);
        assertEquals(List.of("decode rgb full size", "decode gray 192x144", "decode+score gray 192x144 (stand-in)"),
                ms.stream().map(VideoThroughput.Measurement::name).toList());
        for (VideoThroughput.Measurement m : ms) {
            assertEquals(795, m.frames(), m.name());
            assertTrue(m.framesPerSecond() > 0, m.name());
        }
    }

    @Test
    void scoreVideoFileWritesAllOutputs(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path clip = VideoExampleSupport.sharedDatasets().resolve("surveillance-fight/noFight/nofi001.mp4");
        assumeTrue(Files.isRegularFile(clip), "clip not found at " + clip);
        var r = ScoreVideoFile.run(clip, tmp, false);
        assertTrue(Files.size(r.annotatedVideo().orElseThrow()) > 10_000);
        assertTrue(Files.size(r.contactSheet().orElseThrow()) > 10_000);
        assertEquals(r.report().frames().size() + 1, Files.readAllLines(r.scoresCsv()).size());
    }

    @Test
    void stressTransformsMoveTheStandInScoresTheExpectedWay() throws IOException {
        List<StressRobustness.Row> rows = StressRobustness.run(vtest(), 42);
        assertEquals(6, rows.size());
        double clean = rows.get(0).meanScore();
        assertEquals(795, rows.get(0).frames());
        assertTrue(rows.get(1).meanScore() > 2 * clean, "independent noise per frame looks like motion");
        assertTrue(rows.get(2).meanScore() > clean, "a moving occlusion looks like motion");
        assertTrue(rows.get(3).meanScore() < clean, "blur smooths frame differences");
        assertTrue(rows.get(4).meanScore() < clean, "darker frames differ less");
    }
}
