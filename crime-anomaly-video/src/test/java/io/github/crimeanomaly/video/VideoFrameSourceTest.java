package io.github.crimeanomaly.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VideoFrameSourceTest {

    private static List<Frame> readAll(VideoFrameSource src) throws IOException {
        List<Frame> out = new ArrayList<>();
        for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void probeDescribesVtest() throws IOException {
        VideoInfo info = VideoFrameSource.probe(SharedData.vtest());
        assertEquals("avi", info.container());
        assertEquals("msmpeg4v3", info.codec());
        assertEquals(768, info.width());
        assertEquals(576, info.height());
        assertEquals(10.0, info.fps(), 1e-6);
        assertEquals(795, info.frameCountEstimate());
        assertEquals(79.5, info.durationSeconds(), 0.2);
    }

    @Test
    void decodesAll795VtestFramesAtTenFps() throws IOException {
        VideoOptions opts = VideoOptions.builder().size(192, 144).gray().build();
        try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), opts)) {
            assertEquals(FrameFormat.gray(192, 144), src.format());
            assertEquals(795, src.frameCount().orElseThrow());
            assertEquals(10.0, src.fps().orElseThrow(), 1e-9);
            long n = 0;
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                assertEquals(n, f.get().index());
                assertEquals(n * 100_000L, f.get().timestampMicros(), "timestamp of frame " + n);
                assertEquals(src.format(), f.get().format());
                n++;
            }
            assertEquals(795, n);
            assertEquals(Optional.empty(), src.next(), "stays at the end");
        }
    }

    @Test
    void fullSizeRgbFramesMatchGrayLuma() throws IOException {
        VideoOptions rgbOpts = VideoOptions.builder().rangeMicros(0, 300_000).build();
        VideoOptions grayOpts = rgbOpts.toBuilder().gray().build();
        try (VideoFrameSource rgb = VideoFrameSource.open(SharedData.vtest(), rgbOpts);
             VideoFrameSource gray = VideoFrameSource.open(SharedData.vtest(), grayOpts)) {
            assertEquals(FrameFormat.rgb(768, 576), rgb.format());
            List<Frame> c = readAll(rgb);
            List<Frame> g = readAll(gray);
            assertEquals(3, c.size());
            assertEquals(3, g.size());
            float[] p = c.get(2).pixels();
            float[] q = g.get(2).pixels();
            int plane = 768 * 576;
            double lumaFromRgb = 0;
            double gray8 = 0;
            double spread = 0;
            for (int i = 0; i < plane; i++) {
                lumaFromRgb += 0.299 * p[i] + 0.587 * p[plane + i] + 0.114 * p[2 * plane + i];
                gray8 += q[i];
                spread += Math.abs(p[i] - p[2 * plane + i]);
            }
            // FFmpeg's gray is the (limited-range) luma; means agree within a few percent.
            assertEquals(lumaFromRgb / plane, gray8 / plane, 0.04);
            assertTrue(gray8 / plane > 0.1 && gray8 / plane < 0.9, "a real picture, not black or white");
            assertTrue(spread / plane > 0.005, "R and B planes differ: channels are not copies");
        }
    }

    /**
     * Narrow frames: FFmpeg pads each row (16 gray pixels to 32 bytes), which JavaCV reports as
     * extra channels; they decode all the same, and to the same picture as a wider decode shrunk.
     */
    @Test
    void narrowFramesDecodeDespiteRowPadding() throws IOException {
        for (int[] size : new int[][] {{8, 6}, {16, 12}, {20, 15}}) {
            for (boolean gray : new boolean[] {true, false}) {
                VideoOptions.Builder b = VideoOptions.builder().size(size[0], size[1]).rangeMicros(0, 300_000);
                try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), (gray ? b.gray() : b).build())) {
                    List<Frame> f = readAll(src);
                    String what = size[0] + "x" + size[1] + (gray ? " gray" : " rgb");
                    assertEquals(3, f.size(), what);
                    assertEquals(gray ? FrameFormat.gray(size[0], size[1]) : FrameFormat.rgb(size[0], size[1]),
                            f.get(2).format(), what);
                    double mean = 0;
                    for (float v : f.get(2).pixels()) {
                        mean += v;
                    }
                    mean /= f.get(2).pixels().length;
                    assertTrue(mean > 0.1 && mean < 0.9, what + ": a real picture, mean " + mean);
                }
            }
        }
    }

    @Test
    void everyNthKeepsOriginalIndicesAndTimestamps() throws IOException {
        VideoOptions opts = VideoOptions.builder().size(96, 72).gray().everyNth(7).build();
        try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), opts)) {
            List<Frame> frames = readAll(src);
            assertEquals(114, frames.size()); // ceil(795 / 7)
            assertEquals(114, src.frameCount().orElseThrow());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(7L * i, frames.get(i).index());
                assertEquals(7L * i * 100_000L, frames.get(i).timestampMicros());
            }
            assertEquals(795, src.decodedFrames());
        }
    }

    @Test
    void targetFpsAndTimeRangeSelectFrames() throws IOException {
        VideoOptions opts = VideoOptions.builder().size(96, 72).gray().targetFps(2).rangeSeconds(10, 20).build();
        try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), opts)) {
            List<Frame> frames = readAll(src);
            assertEquals(20, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(100 + 5L * i, frames.get(i).index());
                assertEquals(10_000_000L + 500_000L * i, frames.get(i).timestampMicros());
            }
            assertTrue(src.frameCount().isEmpty(), "count unknown with a range");
            assertEquals(2.0, src.fps().orElseThrow(), 1e-9);
        }
    }

    @Test
    void fileUrlsAreLocalFiles() throws IOException {
        String url = SharedData.vtest().toAbsolutePath().normalize().toUri().toString();
        assertTrue(url.startsWith("file:/"), url);
        VideoInfo info = VideoFrameSource.probe(url, VideoOptions.DEFAULTS);
        assertEquals(795, info.frameCountEstimate());
        try (VideoFrameSource src = VideoFrameSource.open(url, VideoOptions.builder().size(32, 24).gray().build())) {
            assertEquals(795, src.frameCount().orElseThrow(), "a local file: the count is known");
        }
    }

    @Test
    void seekingToTheStartGivesTheSameFramesAsDecodingUpToIt() throws IOException {
        VideoOptions slow = VideoOptions.builder().size(96, 72).gray().rangeSeconds(60, 62).build();
        VideoOptions fast = slow.toBuilder().seekToStart(true).build();
        List<Frame> a;
        List<Frame> b;
        long decodedFast;
        try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), slow)) {
            a = readAll(src);
        }
        try (VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(), fast)) {
            b = readAll(src);
            decodedFast = src.decodedFrames();
        }
        assertEquals(20, a.size());
        assertEquals(a.stream().map(Frame::index).toList(), b.stream().map(Frame::index).toList());
        assertEquals(600, b.get(0).index());
        assertEquals(60_000_000L, b.get(0).timestampMicros());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "frame " + a.get(i).index() + " after seeking");
        }
        assertTrue(decodedFast < 100, "seeking skips decoding the first 600 frames, decoded " + decodedFast);

        // H.264 in MP4 (fi001: 25 fps, seek to 1 s): the same frames too.
        Path clip = SharedData.fightDir().resolve("fight/fi001.mp4");
        VideoOptions h264 = VideoOptions.builder().size(96, 72).gray().rangeSeconds(1.0, 1.6).build();
        try (VideoFrameSource s1 = VideoFrameSource.open(clip, h264);
             VideoFrameSource s2 = VideoFrameSource.open(clip, h264.toBuilder().seekToStart(true).build())) {
            List<Frame> x = readAll(s1);
            List<Frame> y = readAll(s2);
            assertEquals(15, x.size());
            assertEquals(x, y);
        }
    }

    @Test
    void optionsValidateEveryField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VideoOptions.builder().size(-1, 10).channels(2).everyNth(0).build());
        assertTrue(e.getMessage().contains("width must be >= 0"), e.getMessage());
        assertTrue(e.getMessage().contains("channels must be 1 (gray) or 3 (RGB), got 2"), e.getMessage());
        assertTrue(e.getMessage().contains("everyNth must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VideoOptions.builder().everyNth(2).targetFps(5).build());
        assertTrue(e.getMessage().contains("exclusive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VideoOptions.builder().rangeSeconds(5, 5).build());
        assertTrue(e.getMessage().contains("endMicros must be > startMicros"), e.getMessage());
    }

    @Test
    void closedSourceRefusesReads() throws IOException {
        VideoFrameSource src = VideoFrameSource.open(SharedData.vtest(),
                VideoOptions.builder().size(32, 24).gray().build());
        src.close();
        src.close();
        assertThrows(IllegalStateException.class, src::next);
    }

    @Test
    void framesTooLargeForTheHeapAreRefusedNamingTheirSize() throws IOException {
        long heap = 2048L << 20;
        // a 16000x16000 header: 1 GB a gray frame as floats, half this heap
        VideoFormatException e = assertThrows(VideoFormatException.class,
                () -> VideoFrameSource.checkFrameMemory("huge.avi", FrameFormat.gray(16000, 16000), heap));
        assertEquals("huge.avi: expected frames that fit in a quarter of the 2048 MB this JVM may use, got "
                + "16000x16000 gray frames of 976 MB each as floats; decode them smaller (VideoOptions.Builder.size "
                + "or format) or raise the heap (-Xmx)", e.getMessage());
        // 4K RGB (95 MB) passes at the same heap
        VideoFrameSource.checkFrameMemory("4k.mp4", FrameFormat.rgb(3840, 2160), heap);
    }
}

