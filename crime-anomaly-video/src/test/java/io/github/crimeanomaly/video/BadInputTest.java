package io.github.crimeanomaly.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input gets a clear IOException, never a hang or a JVM crash. */
class BadInputTest {

    private static final VideoOptions SMALL = VideoOptions.builder().size(64, 48).gray()
            .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    private static int decodeAll(VideoFrameSource src) throws IOException {
        int n = 0;
        for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
            n++;
        }
        return n;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void missingFileIsNoSuchFile() {
        Path p = tmp.resolve("nope.mp4");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> VideoFrameSource.open(p, SMALL));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> VideoFrameSource.probe(p));
    }

    @Test
    void zeroByteFileIsAFormatError() throws IOException {
        Path p = Files.createFile(tmp.resolve("empty.mp4"));
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> VideoFrameSource.open(p, SMALL));
        assertTrue(e.getMessage().contains("empty file") && e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void directoryIsAFormatError() {
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> VideoFrameSource.open(tmp, SMALL));
        assertTrue(e.getMessage().contains("found a directory"), e.getMessage());
    }

    @Test
    void textFileNamedMp4IsAFormatError() throws IOException {
        Path p = Files.writeString(tmp.resolve("notes.mp4"), "This is not a video.\nJust some text.\n".repeat(50));
        IOException e = assertThrows(IOException.class, () -> VideoFrameSource.open(p, SMALL));
        assertTrue(e instanceof VideoFormatException, e.toString());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected a video"), e.getMessage());
    }

    /**
     * A text file FFmpeg recognises by its .txt name (its tty demuxer renders text as ANSI art,
     * which inspect used to report as a 640x400 video) is refused, not decoded.
     */
    @Test
    void textFileFfmpegWouldRenderIsAFormatError() throws IOException {
        Path p = Files.writeString(tmp.resolve("videos.txt"), "fi001 cam1\nfi002 cam1\n".repeat(20));
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> VideoFrameSource.open(p, SMALL));
        assertTrue(e.getMessage().contains("expected a video, found a text file: " + p), e.getMessage());
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws IOException {
        // One second of 8 kHz 16-bit mono silence as a WAV file, header written by hand.
        int samples = 8000;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * samples);
        Path p = Files.write(tmp.resolve("sound.mp4"), b.array());
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> VideoFrameSource.open(p, SMALL));
        assertTrue(e.getMessage().contains("expected a video stream, found none") && e.getMessage().contains("audio only")
                && e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void randomBytesAreAFormatError() throws IOException {
        byte[] junk = new byte[200_000];
        new Random(42).nextBytes(junk);
        Path p = Files.write(tmp.resolve("junk.avi"), junk);
        IOException e = assertThrows(IOException.class, () -> {
            try (VideoFrameSource src = VideoFrameSource.open(p, SMALL)) {
                decodeAll(src);
            }
        });
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    /** fi001.mp4 keeps its index (moov) at the end, so any cut loses it: a clear format error at open. */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.10, 0.50, 0.90})
    void truncatedMp4WithIndexAtTheEndFailsClearly(double keep) throws IOException {
        Path clip = SharedData.fightDir().resolve("fight/fi001.mp4");
        Path cut = truncatedCopy(clip, keep, "mp4");
        VideoFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(VideoFormatException.class, () -> {
                    try (VideoFrameSource src = VideoFrameSource.open(cut, SMALL)) {
                        decodeAll(src);
                    }
                }));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    /**
     * An AVI cut mid-stream yields the frames before the cut, then fails naming the frame count
     * its header declares and the count decoded.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.10, 0.50, 0.90})
    void truncatedAviFailsAtTheCutNamingBothCounts(double keep) throws IOException {
        Path cut = truncatedCopy(SharedData.vtest(), keep, "avi");
        int[] got = {0};
        IOException failed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class, () -> {
            try (VideoFrameSource src = VideoFrameSource.open(cut, SMALL)) {
                for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                    assertEquals(got[0], f.get().index());
                    got[0]++;
                }
            }
        }));
        assertTrue(failed.getMessage().contains(cut.toString()), failed.getMessage());
        VideoTruncatedException t = assertInstanceOf(VideoTruncatedException.class, failed, failed.getMessage());
        assertEquals(795, t.declaredFrames());
        assertEquals(got[0], t.decodedFrames());
        assertTrue(t.getMessage().contains("declares 795 frames") && t.getMessage().contains("after " + got[0])
                && t.getMessage().contains("allowTruncated"), t.getMessage());
        assertFramesBeforeTheCut(keep, got[0]);
    }

    /** With allowTruncated the same cut files yield the frames before the cut and end normally. */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.50, 0.90})
    void allowTruncatedYieldsTheFramesBeforeTheCut(double keep) throws IOException {
        Path cut = truncatedCopy(SharedData.vtest(), keep, "avi");
        int n = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (VideoFrameSource src = VideoFrameSource.open(cut, SMALL.toBuilder().allowTruncated(true).build())) {
                return decodeAll(src);
            }
        });
        assertFramesBeforeTheCut(keep, n);
    }

    /** The intact file decodes to the end without a complaint: every frame its header declares. */
    @Test
    void intactAviIsNotTruncated() throws IOException {
        try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), SMALL)) {
            assertEquals(795, decodeAll(src));
            assertEquals(0, src.corruptFrames(), "an intact file has no concealed frame");
        }
    }

    /**
     * Bytes damaged in the second half of an AVI (MPEG-4 part 2) and of an MP4 (H.264): FFmpeg
     * conceals the damage, so every frame decodes; the file used to be scored as if intact. Now the
     * frames before the first damaged one are yielded, then a {@link VideoCorruptException} names it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"opencv-vtest/vtest.avi", "surveillance-fight/fight/fi006.mp4"})
    void damagedBytesMidFileFailAtTheFirstConcealedFrame(String file) throws IOException {
        Path damaged = damagedCopy(SharedData.datasets().resolve(file));
        int[] got = {0};
        VideoCorruptException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(VideoCorruptException.class, () -> {
                    try (VideoFrameSource src = VideoFrameSource.open(damaged, SMALL)) {
                        for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                            assertEquals(got[0], f.get().index());
                            got[0]++;
                        }
                    }
                }));
        assertEquals(got[0], e.frameIndex(), "the frames before the damaged one were yielded");
        assertTrue(e.frameIndex() > 0, "the damage is in the second half: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(damaged + " is damaged: frame " + e.frameIndex() + " (at ")
                && e.getMessage().contains("allowCorruptFrames(true)"), e.getMessage());
    }

    /** With allowCorruptFrames the same files decode to the end, counting the concealed frames, with one warning. */
    @ParameterizedTest
    @ValueSource(strings = {"opencv-vtest/vtest.avi", "surveillance-fight/fight/fi006.mp4"})
    void allowCorruptFramesYieldsEveryFrameAndCountsTheConcealedOnes(String file) throws Throwable {
        Path original = SharedData.datasets().resolve(file);
        Path damaged = damagedCopy(original);
        int intact;
        try (VideoFrameSource src = VideoFrameSource.open(original, SMALL)) {
            intact = decodeAll(src);
        }
        long[] concealed = {0};
        int[] n = {0};
        String log = LogCapture.logged(() -> {
            VideoOptions allow = SMALL.toBuilder().allowCorruptFrames(true).build();
            try (VideoFrameSource src = VideoFrameSource.open(damaged, allow)) {
                n[0] = decodeAll(src);
                concealed[0] = src.corruptFrames();
            }
        });
        assertEquals(intact, n[0], "every frame of the damaged copy decodes");
        assertTrue(concealed[0] >= 1 && concealed[0] < intact, "concealed frames: " + concealed[0]);
        assertEquals(1, log.split("did not decode cleanly", -1).length - 1, "one warning, at the first: " + log);
        assertTrue(log.contains(damaged.toString()) && log.contains("(allowCorruptFrames)"), log);
    }

    /** Damage before the time range is decoded through but not held against the range's frames. */
    @Test
    void damageBeforeTheTimeRangeIsNotChecked() throws IOException {
        Path damaged = damagedCopy(SharedData.vtest()); // damaged between about 40 and 68 s of 79.5
        try (VideoFrameSource src = VideoFrameSource.open(damaged, SMALL.toBuilder().rangeSeconds(75, 80).build())) {
            assertEquals(45, decodeAll(src));
            assertEquals(0, src.corruptFrames());
        }
    }

    @Test
    void decodeErrorFlagsAreNamed() {
        assertEquals("missing reference frame, concealment active", VideoCorruptException.describe(2 | 4));
        assertEquals("invalid bitstream, slices lost", VideoCorruptException.describe(1 | 8));
        assertEquals("marked corrupt by the decoder", VideoCorruptException.describe(1 << 16));
    }

    /**
     * A copy of {@code src} with 20 runs of 8 random bytes (seeded) between 50% and 85% of the
     * file, inside the media data: an AVI's index and an MP4's moov box are left alone.
     */
    private Path damagedCopy(Path src) throws IOException {
        byte[] bytes = Files.readAllBytes(src);
        int from = bytes.length / 2;
        int to = bytes.length * 85 / 100;
        String name = src.getFileName().toString();
        if (name.endsWith(".mp4")) {
            int mdat = indexOf(bytes, "mdat");
            int moov = indexOf(bytes, "moov");
            assertTrue(mdat > 0 && moov > mdat, "expected the moov box after the media data in " + src);
            to = Math.min(to, moov - 16);
        }
        Random rng = new Random(7);
        for (int k = 0; k < 20; k++) {
            int pos = from + rng.nextInt(to - from - 8);
            for (int j = 0; j < 8; j++) {
                bytes[pos + j] = (byte) rng.nextInt(256);
            }
        }
        return Files.write(tmp.resolve("damaged-" + name), bytes);
    }

    private static int indexOf(byte[] bytes, String box) {
        byte[] b = box.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + b.length <= bytes.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (bytes[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void truncationToleratesSmallDisagreementsOnly() {
        assertFalse(VideoFrameSource.isTruncated(0, 0), "no declared count: cannot tell");
        assertFalse(VideoFrameSource.isTruncated(-1, 3));
        assertFalse(VideoFrameSource.isTruncated(100, 95), "5 frames short of 100 is within tolerance");
        assertTrue(VideoFrameSource.isTruncated(100, 94));
        assertFalse(VideoFrameSource.isTruncated(795, 779), "2% of 795 rounds up to 16");
        assertTrue(VideoFrameSource.isTruncated(795, 778));
        assertTrue(VideoFrameSource.isTruncated(795, 0));
        assertFalse(VideoFrameSource.isTruncated(795, 800), "more frames than declared is not a cut");
    }

    private static void assertFramesBeforeTheCut(double keep, int got) {
        double expected = keep * 795;
        assertTrue(got <= 1.1 * expected + 10 && got >= 0.75 * expected - 10,
                "expected about " + Math.round(expected) + " frames before a cut at " + keep + ", got " + got);
    }

    private Path truncatedCopy(Path src, double keep, String ext) throws IOException {
        byte[] bytes = Files.readAllBytes(src);
        return Files.write(tmp.resolve("cut-" + Math.round(keep * 100) + "." + ext),
                java.util.Arrays.copyOf(bytes, (int) (bytes.length * keep)));
    }

    @Test
    void refusedRtspConnectionIsAConnectionError() throws IOException {
        String url = "rtsp://127.0.0.1:" + closedPort() + "/x";
        VideoConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(VideoConnectionException.class, () -> VideoFrameSource.open(url, SMALL)));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
    }

    @Test
    void refusedHttpConnectionIsAConnectionError() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/x.mp4";
        VideoConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(VideoConnectionException.class, () -> VideoFrameSource.probe(url, SMALL)));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "rtsp"})
    void serverThatNeverAnswersTimesOut(String scheme) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept(); // accept, read nothing back, never answer
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // server closed: test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = scheme + "://127.0.0.1:" + server.getLocalPort() + "/x" + ("http".equals(scheme) ? ".mp4" : "");
            VideoConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(40),
                    () -> assertThrows(VideoConnectionException.class, () -> VideoFrameSource.open(url, SMALL)));
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertTrue(e.getMessage().contains("no answer within") || e.getMessage().contains("timed out"),
                    e.getMessage());
            synchronized (accepted) {
                assertTrue(!accepted.isEmpty(), "the client did connect");
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @AfterAll
    static void noJvmCrashLogs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList());
        }
    }

}
