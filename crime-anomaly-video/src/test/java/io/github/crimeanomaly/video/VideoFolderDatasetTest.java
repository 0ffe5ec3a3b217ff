package io.github.crimeanomaly.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFolderDatasetTest {

    @TempDir
    Path tmp;

    private static VideoFolderDataset.Options.Builder small() {
        return VideoFolderDataset.Options.builder().clipLength(8).frameFormat(FrameFormat.gray(32, 24));
    }

    private static ClipEntry entry(VideoFolderDataset d, String name) {
        return d.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsTheFightDatasetWithLabelsAndSourceVideoGroups() throws IOException {
        VideoFolderDataset d = VideoFolderDataset.open(SharedData.fightDir(), small().build());
        assertEquals(List.of("fight", "noFight"), d.classes());
        assertEquals(243, d.size());
        Map<String, Long> perClass = d.entries().stream().collect(Collectors.groupingBy(ClipEntry::label, Collectors.counting()));
        assertEquals(Map.of("fight", 119L, "noFight", 124L), perClass);
        ClipEntry fi001 = entry(d, "fi001");
        assertEquals(0, fi001.labelIndex());
        assertEquals("https://www.youtube.com/watch?v=7q6KJoSgxmY", fi001.group());
        assertEquals(fi001.group(), entry(d, "fi004").group());
        assertEquals(fi001.group(), entry(d, "nofi001").group(), "fight and no-fight clips of one source video share a group");
        assertEquals(1, entry(d, "nofi001").labelIndex());
        assertNotEquals(fi001.group(), entry(d, "fi005").group());
        assertEquals("CamNet Dataset", entry(d, "nofi062").group());
        long groups = d.entries().stream().map(ClipEntry::group).distinct().count();
        assertTrue(groups > 20 && groups < 243, "clips share source videos: " + groups + " groups");
    }

    @Test
    void takesTFramesEvenlyAcrossTheVideo() throws IOException {
        VideoFolderDataset d = VideoFolderDataset.open(SharedData.fightDir(), small().build());
        LabeledClip clip = d.load(entry(d, "fi001")); // 53 frames at 25 fps
        assertEquals(8, clip.length());
        assertEquals(FrameFormat.gray(32, 24), clip.format());
        assertArrayEquals(new long[] {0, 7, 15, 22, 30, 37, 45, 52},
                clip.frames().stream().mapToLong(Frame::index).toArray());
        assertEquals(0, clip.paddedFrames());
        float[] x = clip.pixels();
        assertEquals(8 * 32 * 24, x.length);
        float[] third = clip.frames().get(2).pixels();
        assertArrayEquals(third, java.util.Arrays.copyOfRange(x, 2 * third.length, 3 * third.length));
        assertEquals("fight", clip.label());
    }

    @Test
    void targetFpsTakesTheFirstFramesAndPadsShortVideos() throws IOException {
        VideoFolderDataset d = VideoFolderDataset.open(SharedData.fightDir(), small().clipLength(14).targetFps(5).build());
        LabeledClip clip = d.load(entry(d, "fi001")); // 2.12 s at 5 fps: 11 real frames
        assertEquals(14, clip.length());
        assertEquals(3, clip.paddedFrames());
        List<Long> idx = clip.frames().stream().map(Frame::index).toList();
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L, 50L, 50L, 50L, 50L), idx);
    }

    @Test
    void cacheKeepsDecodedClips() throws IOException {
        VideoFolderDataset d = VideoFolderDataset.open(SharedData.fightDir(), small().cache(true).build());
        LabeledClip a = d.load(0);
        assertSame(a, d.load(0));
        assertEquals(a.sizeInBytes(), d.cachedBytes());
        d.clearCache();
        assertEquals(0, d.cachedBytes());
        VideoFolderDataset noCache = VideoFolderDataset.open(SharedData.fightDir(), small().build());
        LabeledClip b = noCache.load(0);
        assertTrue(b != noCache.load(0), "without a cache each load decodes again");
        assertArrayEquals(b.pixels(), noCache.load(0).pixels(), "decoding is deterministic");
    }

    @Test
    void iteratesLazilyOverAFolderAndReportsBrokenVideos() throws IOException {
        Path fight = Files.createDirectories(tmp.resolve("a-fight"));
        Path calm = Files.createDirectories(tmp.resolve("b-calm"));
        Files.createDirectories(tmp.resolve("empty-class"));
        Files.createSymbolicLink(fight.resolve("x1.mp4"), SharedData.fightDir().resolve("fight/fi002.mp4").toAbsolutePath());
        Files.createSymbolicLink(calm.resolve("y1.avi"), SharedData.vtest().toAbsolutePath());
        Files.writeString(calm.resolve("notes.txt"), "ignored: not a video extension");
        VideoFolderDataset d = VideoFolderDataset.open(tmp, small().build());
        assertEquals(List.of("a-fight", "b-calm"), d.classes());
        List<String> seen = new ArrayList<>();
        for (LabeledClip c : d) {
            seen.add(c.entry().name() + ":" + c.labelIndex() + ":" + c.group());
        }
        assertEquals(List.of("x1:0:x1", "y1:1:y1"), seen);
        LabeledClip v = d.load(1);
        assertEquals(794, v.frames().get(7).index(), "vtest.avi: 795 frames, last one included");

        Files.writeString(calm.resolve("z-broken.mp4"), "not a video");
        VideoFolderDataset broken = VideoFolderDataset.open(tmp, small().build());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            for (LabeledClip c : broken) {
                assertTrue(c.length() == 8);
            }
        });
        assertTrue(e.getMessage().contains("z-broken.mp4"), e.getMessage());
    }

    /** A clip cut short is not padded with its last frame as if whole: loading it fails naming it. */
    @Test
    void aTruncatedClipFailsInsteadOfBeingPadded() throws IOException {
        Path calm = Files.createDirectories(tmp.resolve("calm"));
        Files.createDirectories(tmp.resolve("fight"));
        Files.createSymbolicLink(tmp.resolve("fight/x1.mp4"), SharedData.fightDir().resolve("fight/fi002.mp4").toAbsolutePath());
        byte[] whole = Files.readAllBytes(SharedData.vtest());
        Files.write(calm.resolve("cut.avi"), java.util.Arrays.copyOf(whole, whole.length / 3));
        VideoFolderDataset d = VideoFolderDataset.open(tmp, small().build());
        VideoTruncatedException e = assertThrows(VideoTruncatedException.class, () -> d.load(0));
        assertTrue(e.getMessage().contains("cut.avi") && e.getMessage().contains("declares 795 frames"), e.getMessage());
        assertEquals(8, d.load(1).length(), "the intact clip still loads");
    }

    @Test
    void parsesSourceListsAndRejectsMalformedLines() throws IOException {
        Path list = Files.writeString(tmp.resolve("videos.txt"), String.join("\n",
                "https://example.org/v1", "a001: 0.01.00 - 0.03.00", "b001: 1.00 - 1.02", "",
                "https://example.org/v2", "a002: 0.10.00 - 0.12.00",
                "b005 - b007 : Other dataset", "b007 - b008 : Third"));
        Map<String, String> g = VideoFolderDataset.parseSourceList(list);
        assertEquals("https://example.org/v1", g.get("a001"));
        assertEquals("https://example.org/v1", g.get("b001"));
        assertEquals("https://example.org/v2", g.get("a002"));
        assertEquals("Other dataset", g.get("b006"));
        assertEquals("Third", g.get("b007"), "a later range wins");
        assertEquals(7, g.size());
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "https://example.org/v1\nthis line is junk\n");
        IOException e = assertThrows(IOException.class, () -> VideoFolderDataset.parseSourceList(bad));
        assertTrue(e.getMessage().contains("bad.txt line 2"), e.getMessage());
        Path orphan = Files.writeString(tmp.resolve("orphan.txt"), "a001: 0.01 - 0.02\n");
        e = assertThrows(IOException.class, () -> VideoFolderDataset.parseSourceList(orphan));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void rejectsMissingOrEmptyFolders() throws IOException {
        assertThrows(NoSuchFileException.class,
                () -> VideoFolderDataset.open(tmp.resolve("nope"), small().build()));
        IOException e = assertThrows(IOException.class, () -> VideoFolderDataset.open(tmp, small().build()));
        assertTrue(e.getMessage().contains("found none in " + tmp), e.getMessage());
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
                () -> small().clipLength(0).targetFps(-1).build());
        assertTrue(iae.getMessage().contains("clipLength must be >= 1, got 0")
                && iae.getMessage().contains("targetFps"), iae.getMessage());
    }
}
