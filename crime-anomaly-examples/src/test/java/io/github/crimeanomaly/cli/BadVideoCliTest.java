package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of broken video the tools may be handed, through both video commands: exit code 1,
 * one line on stderr naming the file, nothing on stdout claiming success, and no JVM crash log.
 */
class BadVideoCliTest {

    @TempDir
    static Path tmp;

    private static Path fightClip() {
        Path p = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
                "datasets/surveillance-fight/fight/fi001.mp4");
        assumeTrue(Files.isRegularFile(p), "fight clip not found at " + p);
        return p;
    }

    private static Path vtest() {
        Path p = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets/opencv-vtest/vtest.avi");
        assumeTrue(Files.isRegularFile(p), "vtest.avi not found at " + p);
        return p;
    }

    /** vtest.avi (795 frames declared in its header) cut at half its bytes. */
    private static Path halfVtest() throws IOException {
        Path cut = tmp.resolve("vtest-cut50.avi");
        if (!Files.exists(cut)) {
            byte[] real = Files.readAllBytes(vtest());
            Files.write(cut, Arrays.copyOf(real, real.length / 2));
        }
        return cut;
    }

    static Stream<Arguments> badVideos() throws IOException {
        byte[] real = Files.readAllBytes(fightClip());
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        return Stream.of(
                Arguments.of("zero-byte", Files.write(tmp.resolve("empty.mp4"), new byte[0])),
                Arguments.of("text named .mp4", Files.writeString(tmp.resolve("notes.mp4"), "not a video\n".repeat(50))),
                Arguments.of("random bytes", Files.write(tmp.resolve("random.mp4"), random)),
                Arguments.of("truncated at 10%", Files.write(tmp.resolve("cut10.mp4"), Arrays.copyOf(real, real.length / 10))),
                Arguments.of("truncated at 50%", Files.write(tmp.resolve("cut50.mp4"), Arrays.copyOf(real, real.length / 2))),
                Arguments.of("truncated at 90%", Files.write(tmp.resolve("cut90.mp4"), Arrays.copyOf(real, real.length * 9 / 10))),
                Arguments.of("AVI truncated at 50%", halfVtest()),
                Arguments.of("missing", tmp.resolve("does-not-exist.mp4")));
    }

    @ParameterizedTest(name = "inspect: {0}")
    @MethodSource("badVideos")
    void inspectFailsClearly(String kind, Path video) {
        CliRun r = CliRun.of("inspect", "--video", video.toString());
        assertEquals(1, r.exit(), kind + ": " + r.err());
        assertTrue(r.err().contains(video.getFileName().toString()), kind + ": " + r.err());
        assertFalse(r.out().contains("frames="), kind + " must not report decoded frames: " + r.out());
    }

    @ParameterizedTest(name = "score: {0}")
    @MethodSource("badVideos")
    void scoreFailsClearlyAndWritesNoReport(String kind, Path video) {
        Path out = tmp.resolve("out-" + video.getFileName());
        CliRun r = CliRun.of("score", "--video", video.toString(), "--out", out.toString(), "--no-video");
        assertEquals(1, r.exit(), kind + ": " + r.err());
        assertTrue(r.err().contains(video.getFileName().toString()), kind + ": " + r.err());
        assertFalse(Files.exists(out.resolve("scores.csv")), kind + ": no scores for a broken video");
    }

    @Test
    void truncatedAviNamesBothFrameCounts() throws IOException {
        Path cut = halfVtest();
        CliRun r = CliRun.of("inspect", "--video", cut.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("declares 795 frames") && r.err().contains("--allow-truncated"), r.err());
    }

    @Test
    void allowTruncatedUsesTheFramesBeforeTheCut() throws IOException {
        Path cut = halfVtest();
        CliRun inspect = CliRun.of("inspect", "--video", cut.toString(), "--allow-truncated");
        assertEquals(0, inspect.exit(), inspect.err());
        String last = inspect.out().strip().lines().reduce((x, y) -> y).orElseThrow();
        int frames = Integer.parseInt(last.substring("frames=".length()));
        assertTrue(frames > 300 && frames < 500, "about half of 795 frames, got " + frames);

        Path out = tmp.resolve("out-allowed");
        CliRun score = CliRun.of("score", "--video", cut.toString(), "--out", out.toString(), "--no-video",
                "--allow-truncated");
        assertEquals(0, score.exit(), score.err());
        assertTrue(Files.exists(out.resolve("scores.csv")));
        assertEquals(frames, Files.readAllLines(out.resolve("scores.csv")).size() - 1, "one row per decoded frame");
    }

    /** vtest.avi with 20 runs of 8 random bytes (seeded) between 50% and 85% of the file, in its frames. */
    private static Path damagedVtest() throws IOException {
        Path damaged = tmp.resolve("vtest-damaged.avi");
        if (!Files.exists(damaged)) {
            byte[] bytes = Files.readAllBytes(vtest());
            Random rng = new Random(7);
            int from = bytes.length / 2;
            int to = bytes.length * 85 / 100;
            for (int k = 0; k < 20; k++) {
                int pos = from + rng.nextInt(to - from - 8);
                for (int j = 0; j < 8; j++) {
                    bytes[pos + j] = (byte) rng.nextInt(256);
                }
            }
            Files.write(damaged, bytes);
        }
        return damaged;
    }

    @Test
    void damagedAviNamesTheFirstDamagedFrame() throws IOException {
        Path damaged = damagedVtest();
        CliRun r = CliRun.of("inspect", "--video", damaged.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(damaged + " is damaged: frame ") && r.err().contains("--allow-corrupt"), r.err());
        Path out = tmp.resolve("out-damaged");
        CliRun score = CliRun.of("score", "--video", damaged.toString(), "--out", out.toString(), "--no-video");
        assertEquals(1, score.exit(), score.err());
        assertFalse(Files.exists(out.resolve("scores.csv")), "no scores for a damaged video");
    }

    @Test
    void allowCorruptUsesEveryFrameAndCountsTheDamagedOnes() throws IOException {
        Path damaged = damagedVtest();
        CliRun r = CliRun.of("inspect", "--video", damaged.toString(), "--allow-corrupt");
        assertEquals(0, r.exit(), r.err());
        java.util.List<String> lines = r.out().strip().lines().toList();
        assertEquals("frames=795", lines.get(lines.size() - 1), r.out());
        String counted = lines.get(lines.size() - 2);
        assertTrue(counted.startsWith("corrupt_frames=") && Integer.parseInt(counted.substring(15)) > 0, r.out());
        CliRun intact = CliRun.of("inspect", "--video", vtest().toString());
        assertTrue(intact.out().contains("corrupt_frames=0\nframes=795"), intact.out());
    }

    @AfterAll
    static void noJvmCrashLogs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).count());
        }
    }
}
