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
        assertTrue(r.out().contains("--video=<file|url>") && r.out().contains("--timeout"), r.out());
        CliRun missing = CliRun.of("inspect");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required option: '--video=<file|url>'"), missing.err());
    }
}
