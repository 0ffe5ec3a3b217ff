package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.frame.transform.FrameTransforms;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    @TempDir
    Path tmp;

    private static Path fightClip() {
        Path p = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
                "datasets/surveillance-fight/fight/fi001.mp4");
        assumeTrue(Files.isRegularFile(p), "fight clip not found at " + p);
        return p;
    }

    @Test
    void ranksEveryFrameOfARealClipAndWritesTheFiles() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("score", "--video", fightClip().toString(), "--out", out.toString(), "--no-video", "--top", "3");
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("scored (\\d+) frames").matcher(r.out());
        assertTrue(m.find(), r.out());
        int frames = Integer.parseInt(m.group(1));
        assertTrue(frames > 20, r.out());
        Matcher t = Pattern.compile("in (\\d+\\.\\d) s \\((\\d+) frames/s").matcher(r.out());
        assertTrue(t.find(), r.out());
        assertTrue(Double.parseDouble(t.group(1)) > 0 && Integer.parseInt(t.group(2)) > 0, r.out());
        List<String> ranked = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+.*")).toList();
        assertEquals(3, ranked.size(), r.out());
        double s1 = Double.parseDouble(ranked.get(0).trim().split("\\s+")[3]);
        double s3 = Double.parseDouble(ranked.get(2).trim().split("\\s+")[3]);
        assertTrue(s1 >= s3, "ranked best first: " + r.out());
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(frames + 1, csv.size(), "header plus one row per frame");
        assertTrue(Files.size(out.resolve("top-frames.png")) > 1000);
        assertTrue(Files.size(out.resolve("score-curve.png")) > 1000);
        assertTrue(Files.notExists(out.resolve("annotated.mp4")), "--no-video");
    }

    @Test
    void usesASavedDetectorGivenWithModel() throws IOException {
        Path model = tmp.resolve("fd.detector");
        VideoOptions small = VideoOptions.builder().format(FrameFormat.gray(64, 48)).build();
        try (FrameDifferenceDetector d = FrameDifferenceDetector.calibrator()
                .fit(List.of(VideoFrameSource.open(fightClip(), small)))) {
            d.save(model);
        }
        CliRun r = CliRun.of("score", "--video", fightClip().toString(), "--model", model.toString(),
                "--out", tmp.resolve("out").toString(), "--no-video");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rank  frame"), r.out());
        // a ~2 s clip has room for one moment 2 s apart, maybe two: its peak comes first
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("top moments \\(peaks at least 2.0 s apart\\): [\\d.]+ s \\(frame (\\d+), ").matcher(r.out());
        assertTrue(m.find(), r.out());
        java.util.regex.Matcher top = java.util.regex.Pattern.compile("\n\\s+1\\s+(\\d+)\\s").matcher(r.out());
        assertTrue(top.find(), r.out());
        assertEquals(top.group(1), m.group(1), "the first moment is the top-ranked frame");
        assertTrue(!r.err().contains("calibrating"), "a model was given: " + r.err());
        // calibrated on this very clip: about 1% of its frames flagged, no warning
        assertTrue(!r.err().contains("warning:"), r.err());
    }

    @Test
    void warnsWhenASavedDetectorFlagsMostFrames() throws IOException {
        // a detector calibrated on a still camera (every frame the same) finds every moving frame anomalous
        Path model = tmp.resolve("still.detector");
        FrameFormat fmt = FrameFormat.gray(64, 48);
        float[] px = new float[fmt.size()];
        java.util.Arrays.fill(px, 0.5f);
        List<io.github.crimeanomaly.frame.Frame> still = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            still.add(io.github.crimeanomaly.frame.Frame.of(i, i * 40_000L, fmt, px));
        }
        try (FrameDifferenceDetector d = FrameDifferenceDetector.calibrator()
                .fit(List.of(io.github.crimeanomaly.frame.FrameSources.of("still camera", still, 25)))) {
            d.save(model);
        }
        CliRun r = CliRun.of("score", "--video", fightClip().toString(), "--model", model.toString(),
                "--out", tmp.resolve("out").toString(), "--no-video");
        assertEquals(0, r.exit(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("warning: (\\d+) of (\\d+) frames \\((\\d+)%\\) are at or above").matcher(r.err());
        assertTrue(m.find(), r.err());
        assertTrue(Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2)) / 2, r.err());
        assertTrue(r.err().contains("another camera"), r.err());
        assertTrue(r.err().contains("set its threshold from such footage (crime-anomaly calibrate)"), r.err());
    }

    @Test
    void scoresAFolderOfImageFramesAtTheGivenFrameRate() throws IOException {
        Path clip = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
                "datasets/ucsd-ped2/UCSDped2/Test/Test001");
        assumeTrue(Files.isDirectory(clip), "UCSD Ped2 Test001 not found at " + clip);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("score", "--video", clip.toString(), "--fps", "10", "--calibrate-seconds", "5",
                "--out", out.toString(), "--no-video", "--top", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("calibrating a frame-difference detector on the first 5.0 s"), r.err());
        assertTrue(r.out().contains("scored 180 frames of " + clip), r.out());
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(181, csv.size(), "header plus one row per image");
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("50,5.0")), "frame 50 at 5.0 s (10 fps): " + csv.get(51));
        assertTrue(Files.size(out.resolve("top-frames.png")) > 1000);

        CliRun video = CliRun.of("score", "--video", fightClip().toString(), "--fps", "10", "--out", out.toString());
        assertEquals(2, video.exit(), video.out());
        assertTrue(video.err().contains("--fps is for a folder of image frames"), video.err());
        CliRun zero = CliRun.of("score", "--video", clip.toString(), "--fps", "0", "--out", out.toString());
        assertEquals(2, zero.exit(), zero.out());
        assertTrue(zero.err().contains("--fps must be > 0 and at most 1000000 (timestamps are whole microseconds), "
                + "got 0.0"), zero.err());
        // 1e308 used to pass, every frame then at timestamp 0
        CliRun huge = CliRun.of("score", "--video", clip.toString(), "--fps", "1e308", "--out", out.toString());
        assertEquals(2, huge.exit(), huge.out());
        assertTrue(huge.err().contains("--fps must be > 0 and at most 1000000"), huge.err());
    }

    @Test
    void badVideoOrModelFailsWithAClearMessage() throws IOException {
        CliRun missing = CliRun.of("score", "--video", tmp.resolve("nope.mp4").toString(), "--out", tmp.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.mp4"), missing.err());
        Path junk = Files.writeString(tmp.resolve("junk.detector"), "not a model");
        CliRun badModel = CliRun.of("score", "--video", fightClip().toString(), "--model", junk.toString(),
                "--out", tmp.toString());
        assertEquals(1, badModel.exit());
        assertTrue(badModel.err().contains("junk.detector"), badModel.err());
        CliRun badTop = CliRun.of("score", "--video", fightClip().toString(), "--top", "0");
        assertEquals(2, badTop.exit());
        assertTrue(badTop.err().contains("--top must be >= 1, got 0"), badTop.err());
    }

    @Test
    void concealDropoutsKeepsFlickeringPatchesFromRaisingAlarms() throws IOException {
        Path ped2 = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets/ucsd-ped2");
        assumeTrue(Files.isDirectory(ped2.resolve("UCSDped2/Train/Train001")), "UCSD Ped2 not found at " + ped2);
        UcsdPedDataset ds = UcsdPedDataset.open(ped2, "UCSDped2");
        FrameFormat fmt = FrameFormat.gray(180, 120);
        Path model = tmp.resolve("speed.detector");
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator()
                .fit(List.of(ds.trainClips().get(0).open(fmt), ds.trainClips().get(1).open(fmt)))) {
            d.save(model);
        }
        // 40 frames of a normal Train clip, as they are and with a black patch in a new place every
        // frame (real frames, synthetic degradation), written as 8-bit PNGs at the detector's size
        Path clean = writePngs(FrameSources.limit(ds.trainClips().get(2).open(fmt), 40), tmp.resolve("clean"));
        Path flicker = writePngs(FrameTransforms.occlusion(0.10, 1, 5).applyTo(
                FrameSources.limit(ds.trainClips().get(2).open(fmt), 40)), tmp.resolve("flicker"));
        List<String> asIs = flaggedFrames(clean, model, false);
        List<String> flickering = flaggedFrames(flicker, model, false);
        List<String> concealed = flaggedFrames(flicker, model, true);
        assertTrue(flickering.size() >= asIs.size() + 20,
                "without concealment the jumping patch is fast motion: " + flickering.size() + " of 40 flagged, "
                        + asIs.size() + " without the patch");
        // most, not all: here the patches of frames 0-3 all cover the same 341 pixels, which are then
        // shown black at frame 3 (no pixel is hidden more than 3 frames in a row) and, smoothed,
        // keep the first frames above the threshold
        assertTrue(concealed.size() <= flickering.size() / 2, "with it, most of those alarms go: "
                + concealed.size() + " vs " + flickering.size() + " (" + asIs.size() + " without the patch)");
    }

    private static Path writePngs(FrameSource frames, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (FrameSource src = frames) {
            int w = src.format().width();
            int h = src.format().height();
            for (var f = src.next(); f.isPresent(); f = src.next()) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                float[] px = f.get().pixels();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        img.getRaster().setSample(x, y, 0, Math.round(px[y * w + x] * 255));
                    }
                }
                ImageIO.write(img, "png", folder.resolve(String.format("%03d.png", f.get().index())).toFile());
            }
        }
        return folder;
    }

    /** The scores.csv rows that {@code score} flags for a folder of frames. */
    private List<String> flaggedFrames(Path folder, Path model, boolean conceal) throws IOException {
        Path out = tmp.resolve("out-" + folder.getFileName() + "-" + conceal);
        List<String> args = new java.util.ArrayList<>(List.of("score", "--video", folder.toString(), "--fps", "10",
                "--model", model.toString(), "--out", out.toString(), "--no-video"));
        if (conceal) {
            args.add("--conceal-dropouts");
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(41, csv.size(), "header plus one row per frame");
        return csv.stream().skip(1).filter(l -> l.split(",")[3].equals("1")).toList();
    }
}
