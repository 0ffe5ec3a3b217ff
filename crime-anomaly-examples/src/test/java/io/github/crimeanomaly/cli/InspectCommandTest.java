package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path tmp;

    private static Path vtest() {
        Path p = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets/opencv-vtest/vtest.avi");
        assumeTrue(Files.isRegularFile(p), "vtest.avi not found at " + p);
        return p;
    }

    @Test
    void describesAndDecodesVtest() {
        CliRun r = CliRun.of("inspect", "--video", vtest().toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertTrue(lines.contains("container=avi"), r.out());
        assertTrue(lines.contains("codec=msmpeg4v3"), r.out());
        assertTrue(lines.contains("size=768x576"), r.out());
        assertTrue(lines.contains("fps=10.000"), r.out());
        assertTrue(lines.contains("last_timestamp=79.400s"), r.out());
        assertEquals("frames=795", lines.get(lines.size() - 1));
    }

    @Test
    void describesAndReadsAFolderOfImageFrames() throws IOException {
        Path clip = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
                "datasets/ucsd-ped2/UCSDped2/Test/Test001");
        assumeTrue(Files.isDirectory(clip), "UCSD Ped2 Test001 not found at " + clip);
        CliRun r = CliRun.of("inspect", "--video", clip.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertTrue(lines.contains("images=180"), r.out());
        assertTrue(lines.contains("size=180x120"), r.out());
        assertTrue(lines.contains("kinds=png"), r.out());
        assertTrue(lines.contains("first=001.png last=180.png"), r.out());
        assertEquals("frames=180", lines.get(lines.size() - 1));

        // A corrupt image is named, after the frames read before it.
        Path copy = Files.createDirectories(tmp.resolve("frames"));
        for (String n : List.of("001.png", "002.png", "003.png")) {
            Files.copy(clip.resolve(n), copy.resolve(n));
        }
        Files.writeString(copy.resolve("004.png"), "not an image");
        CliRun bad = CliRun.of("inspect", "--video", copy.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("error: after 3 frames: ") && bad.err().contains("004.png"), bad.err());
        assertTrue(bad.lines().stream().noneMatch(l -> l.startsWith("frames=")), "no frames= line: " + bad.out());
    }

    @Test
    void textFileFailsWithOneClearLine() throws IOException {
        Path p = Files.writeString(tmp.resolve("fake.mp4"), "not a video at all\n".repeat(20));
        CliRun r = CliRun.of("inspect", "--video", p.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(p.toString()), r.err());
    }

    @Test
    void missingFileFailsWithOneClearLine() {
        Path p = tmp.resolve("missing.avi");
        CliRun r = CliRun.of("inspect", "--video", p.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(p.toString()) && r.err().contains("no such video file"), r.err());
    }

    @Test
    void refusedStreamFailsWithOneClearLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "rtsp://127.0.0.1:" + port + "/x";
        CliRun r = CliRun.of("inspect", "--video", url, "--timeout", "2");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(url), r.err());
    }

    @Test
    void helpDescribesTheOptions() {
        CliRun r = CliRun.of("inspect", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("--video=<file|url|folder>") && r.out().contains("--timeout"), r.out());
        CliRun missing = CliRun.of("inspect");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required option: '--video=<file|url|folder>'"), missing.err());
    }
}
