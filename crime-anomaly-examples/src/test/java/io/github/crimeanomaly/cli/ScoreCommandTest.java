package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertTrue(zero.err().contains("--fps must be > 0, got 0.0"), zero.err());
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
}
