package io.github.crimeanomaly.video;

import static io.github.crimeanomaly.video.LogCapture.logged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.video.annotate.AnnotatedVideoWriter;
import io.github.crimeanomaly.video.annotate.ContactSheet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoScoringTest {

    @TempDir
    Path tmp;

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The video's frames as decoded RGB at full size, for checking what was drawn. */
    private static List<Frame> decodeRgb(Path video) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (VideoFrameSource src = VideoFrameSource.open(video)) {
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                out.add(f.get());
            }
        }
        return out;
    }

    private static boolean isRed(Frame f, int y, int x) {
        return f.pixel(0, y, x) > 0.6f && f.pixel(1, y, x) < 0.35f && f.pixel(2, y, x) < 0.35f;
    }

    @Test
    void scoresAClipAndWritesAllOutputs() throws IOException {
        Path clip = SharedData.fightDir().resolve("fight/fi001.mp4"); // 53 frames, 480x360, 25 fps
        List<long[]> progress = new ArrayList<>();
        VideoScoring.Result r;
        try (MeanDiffTestDetector det = new MeanDiffTestDetector(FrameFormat.gray(64, 48), 0.02, true)) {
            r = VideoScoring.run(clip.toString(), det, tmp.resolve("out"), VideoScoring.Options.DEFAULTS,
                    (stage, done, total) -> progress.add(new long[] {stage.ordinal(), done, total}));
        }
        Path out = tmp.resolve("out");
        assertEquals(List.of("annotated.mp4", "scores.csv", "scores.json", "top-frames.png"), listing(out),
                "all outputs and no temp files left");
        assertEquals(53, r.report().frames().size());
        assertEquals(54, Files.readAllLines(r.scoresCsv()).size());
        assertTrue(Files.readString(r.scoresJson()).contains("\"frameCount\" : 53"));
        assertTrue(progress.stream().anyMatch(p -> p[0] == 0 && p[1] == 53 && p[2] == 53), "scoring progress up to 53 of 53");

        VideoInfo info = VideoFrameSource.probe(r.annotatedVideo().orElseThrow());
        assertEquals("h264", info.codec(), "H.264 is available in the bundled FFmpeg (OpenH264)");
        assertEquals("libopenh264", r.videoCodec().orElseThrow());
        assertEquals(480, info.width());
        assertEquals(360, info.height());
        assertEquals(25.0, info.fps(), 0.01);

        BufferedImage sheet = ImageIO.read(r.contactSheet().orElseThrow().toFile());
        // 12 tiles of 320x240 in 4 columns and 3 rows, 6 px gaps, 28 px title.
        assertEquals(4 * 320 + 5 * 6, sheet.getWidth());
        assertEquals(28 + 3 * 240 + 4 * 6, sheet.getHeight());
    }

    @Test
    void annotatedVideoMarksFramesAboveTheThresholdWithARedBorder() throws IOException {
        Path clip = SharedData.fightDir().resolve("fight/fi001.mp4");
        AnomalyReport raw;
        try (MeanDiffTestDetector det = new MeanDiffTestDetector(FrameFormat.gray(64, 48), 0, false);
             VideoFrameSource src = VideoFrameSource.open(clip, VideoOptions.builder().format(det.inputFormat()).build())) {
            raw = det.detect(src);
        }
        double[] sorted = raw.scores().clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        AnomalyReport report = AnomalyReport.of(clip.toString(), raw.frames(), median);
        Path out = tmp.resolve("a.mp4");
        Files.writeString(out, "old content is replaced atomically");
        AnnotatedVideoWriter.Result r = AnnotatedVideoWriter.write(clip.toString(), report, out);
        assertEquals(53, r.frames());
        List<Frame> frames = decodeRgb(out);
        assertEquals(53, frames.size());
        int above = 0;
        for (FrameScore s : report.frames()) {
            Frame f = frames.get((int) s.frameIndex());
            int midY = f.format().height() / 2;
            boolean red = isRed(f, midY, 2) && isRed(f, midY, f.format().width() - 3);
            if (s.score() >= median) {
                assertTrue(red, "red border on frame " + s.frameIndex() + " (score " + s.score() + " >= " + median + ")");
                above++;
            } else {
                assertTrue(!isRed(f, midY, 2) || !isRed(f, midY, f.format().width() - 3),
                        "no red border on frame " + s.frameIndex());
            }
        }
        assertTrue(above >= 26 && above < 53, "about half the frames are above the median: " + above);
        assertEquals(List.of("a.mp4"), listing(tmp));
    }

    @Test
    void contactSheetShowsTheTopFramesInRankOrder() throws IOException {
        Path clip = SharedData.vtest();
        // A made-up report: frame 700 is the most anomalous, then 100, 400, 10.
        List<FrameScore> fs = new ArrayList<>();
        for (int i = 0; i < 795; i++) {
            double s = i == 700 ? 0.9 : i == 100 ? 0.8 : i == 400 ? 0.7 : i == 10 ? 0.6 : 0.1;
            fs.add(FrameScore.of(i, i * 100_000L, s));
        }
        AnomalyReport report = AnomalyReport.of(clip.toString(), fs, 0.75);
        Path png = tmp.resolve("sheet.png");
        assertEquals(4, ContactSheet.write(clip.toString(), report, png, 4, 160));
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertEquals(2 * 160 + 3 * 6, sheet.getWidth());
        assertEquals(28 + 2 * 120 + 3 * 6, sheet.getHeight());
        // Tiles 1 and 2 (frames 700 and 100) are above 0.75: red border; tiles 3 and 4 are not.
        int y = 28 + 6 + 60;
        assertTrue(isRedRgb(sheet.getRGB(6 + 1, y)), "rank 1 tile has a red border");
        assertTrue(isRedRgb(sheet.getRGB(6 + 160 + 6 + 1, y)), "rank 2 tile has a red border");
        assertTrue(!isRedRgb(sheet.getRGB(6 + 1, y + 120 + 6)), "rank 3 tile has no red border");
    }

    private static boolean isRedRgb(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > 180 && g < 80 && b < 80;
    }

    @Test
    void brokenVideoLeavesNoOutputBehind() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.mp4"), "not a video");
        AnomalyReport report = AnomalyReport.of("bad", List.of(FrameScore.of(0, 0, 1)), 0.5);
        Path out = tmp.resolve("out.mp4");
        Files.writeString(out, "keep me");
        assertThrows(VideoFormatException.class, () -> AnnotatedVideoWriter.write(bad.toString(), report, out));
        assertEquals("keep me", Files.readString(out), "an existing file is untouched on failure");
        assertEquals(List.of("bad.mp4", "out.mp4"), listing(tmp));
        assertThrows(VideoFormatException.class,
                () -> VideoScoring.run(bad.toString(), new MeanDiffTestDetector(FrameFormat.gray(8, 8), 0, false),
                        tmp.resolve("o"), VideoScoring.Options.DEFAULTS, VideoScoring.ProgressListener.none()));
        assertEquals(List.of(), listing(tmp.resolve("o")));
    }

    /**
     * A run killed outright leaves its staging folder with a lock file nobody holds; the next run
     * into the same folder removes it, and keeps a staging folder whose lock is held (a run still
     * going) and one that has no lock file yet (a run starting).
     */
    @Test
    void removesStagingFoldersThatAKilledRunLeftBehind() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path abandoned = Files.createDirectories(out.resolve(VideoScoring.STAGE_PREFIX + "killed"));
        Files.writeString(abandoned.resolve(VideoScoring.STAGE_LOCK), "");
        Files.writeString(abandoned.resolve("scores.csv"), "half a file");
        Path starting = Files.createDirectories(out.resolve(VideoScoring.STAGE_PREFIX + "starting"));
        Path live = Files.createDirectories(out.resolve(VideoScoring.STAGE_PREFIX + "live"));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                live.resolve(VideoScoring.STAGE_LOCK), java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = ch.lock();
             MeanDiffTestDetector det = new MeanDiffTestDetector(FrameFormat.gray(40, 30), 0.05, false)) {
            VideoScoring.runImageFolder(syntheticFolder(5), 10.0, det, out,
                    new VideoScoring.Options(VideoOptions.DEFAULTS, false, false, 1, 160, 640),
                    VideoScoring.ProgressListener.none());
            assertTrue(held.isValid());
        }
        assertEquals(List.of(live.getFileName().toString(), starting.getFileName().toString(), "scores.csv",
                "scores.json"), listing(out));
    }

    /**
     * A synthetic folder of {@code n} gray PNG frames, 80x60, named 1.png .. n.png (so that natural
     * order differs from lexicographic order); a white square appears in frames 12-15 only.
     */
    private Path syntheticFolder(int n) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("frames"));
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_BYTE_GRAY);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(java.awt.Color.DARK_GRAY);
            g.fillRect(0, 0, 80, 60);
            if (i >= 12 && i <= 15) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(10 + 8 * (i - 12), 20, 20, 20);
            }
            g.dispose();
            ImageIO.write(img, "png", dir.resolve((i + 1) + ".png").toFile());
        }
        return dir;
    }

    @Test
    void scoresAFolderOfImageFramesInNaturalOrderAndWritesAllOutputs() throws IOException {
        Path dir = syntheticFolder(20);
        VideoScoring.Result r;
        try (MeanDiffTestDetector det = new MeanDiffTestDetector(FrameFormat.gray(40, 30), 0.05, false)) {
            r = VideoScoring.runImageFolder(dir, 10.0, det, tmp.resolve("out"), VideoScoring.Options.DEFAULTS,
                    VideoScoring.ProgressListener.none());
        }
        assertEquals(List.of("annotated.mp4", "scores.csv", "scores.json", "top-frames.png"), listing(tmp.resolve("out")));
        assertEquals(20, r.report().frames().size());
        assertEquals(1_300_000L, r.report().frames().get(13).timestampMicros(), "timestamps at 10 fps");
        // The square enters at frame 12 and leaves after 15: in natural order (not 1, 10, 11, ...)
        // the changed frames are exactly 12..16.
        List<Long> changed = r.report().frames().stream().filter(f -> f.score() > 0.01).map(FrameScore::frameIndex).toList();
        assertEquals(List.of(12L, 13L, 14L, 15L, 16L), changed);

        VideoInfo info = VideoFrameSource.probe(r.annotatedVideo().orElseThrow());
        assertEquals(80, info.width(), "the annotated video keeps the images' own size");
        assertEquals(60, info.height());
        assertEquals(10.0, info.fps(), 0.01, "and plays at the folder's frame rate");
        assertEquals(20, decodeRgb(r.annotatedVideo().orElseThrow()).size());
        BufferedImage sheet = ImageIO.read(r.contactSheet().orElseThrow().toFile());
        assertTrue(sheet.getWidth() > 320, "a contact sheet of the top frames");
    }

    /**
     * A folder given to run() is read at the default 25 fps, with a warning that names the way to
     * pass its real rate; runImageFolder, told the rate, warns of nothing. A null listener means none.
     */
    @Test
    void runOnAFolderPathReadsItAsImageFramesAndWarnsOfTheAssumedRate() throws Throwable {
        Path dir = syntheticFolder(5);
        try (MeanDiffTestDetector det = new MeanDiffTestDetector(FrameFormat.gray(40, 30), 0.05, false)) {
            VideoScoring.Result[] r = new VideoScoring.Result[1];
            String log = logged(() -> r[0] = VideoScoring.run(dir, det, tmp.resolve("out"),
                    VideoScoring.Options.DEFAULTS.withoutAnnotatedVideo(), null));
            assertEquals(5, r[0].report().frames().size());
            assertEquals(40_000L, r[0].report().frames().get(1).timestampMicros(), "default 25 fps");
            assertTrue(log.contains("is a folder of image frames, which does not say its frame rate: its timestamps "
                    + "assume 25.0 frames/s") && log.contains("VideoScoring.runImageFolder(dir, fps, ...)"), log);
            String told = logged(() -> VideoScoring.runImageFolder(dir, 10, det, tmp.resolve("out2"),
                    VideoScoring.Options.DEFAULTS.withoutAnnotatedVideo(), null));
            assertFalse(told.contains("WARN"), told);
        }
    }

    @Test
    void aFolderWithAnImageOfAnotherSizeOrNoImagesFailsNamingTheFile() throws IOException {
        Path dir = syntheticFolder(6);
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("4.png").toFile());
        try (MeanDiffTestDetector det = new MeanDiffTestDetector(FrameFormat.gray(40, 30), 0.05, false)) {
            IOException e = assertThrows(IOException.class, () -> VideoScoring.runImageFolder(dir, 10, det,
                    tmp.resolve("out"), VideoScoring.Options.DEFAULTS, VideoScoring.ProgressListener.none()));
            assertTrue(e.getMessage().contains("4.png") && e.getMessage().contains("got width 64, height 64"), e.getMessage());
            assertEquals(List.of(), listing(tmp.resolve("out")), "nothing written");
            Path empty = Files.createDirectories(tmp.resolve("empty"));
            IOException none = assertThrows(IOException.class, () -> VideoScoring.runImageFolder(empty, 10, det,
                    tmp.resolve("out"), VideoScoring.Options.DEFAULTS, VideoScoring.ProgressListener.none()));
            assertTrue(none.getMessage().contains("found none"), none.getMessage());
            assertThrows(IllegalArgumentException.class, () -> VideoScoring.runImageFolder(dir, 0, det,
                    tmp.resolve("out"), VideoScoring.Options.DEFAULTS, VideoScoring.ProgressListener.none()));
        }
    }
}
