package io.github.crimeanomaly.datasets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.SharedData;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UcsdPedDatasetTest {

    @TempDir
    Path tmp;

    @Test
    void parsesSeveralRangesAndSingleFrames() throws IOException {
        String m = "TestVideoFile = {};\n"
                + "TestVideoFile{end+1}.gt_frame = [61:180];\n"
                + "TestVideoFile{end+1}.gt_frame = [1:30, 60:90 100];\n"
                + "TestVideoFile{end+1}.gt_frame = [];\n";
        List<BitSet> e = UcsdPedDataset.parseGroundTruth(m, Path.of("x.m"));
        assertEquals(3, e.size());
        assertEquals(120, e.get(0).cardinality());
        assertEquals(60, e.get(0).nextSetBit(0));
        assertEquals(179, e.get(0).length() - 1);
        assertEquals(30 + 31 + 1, e.get(1).cardinality());
        assertTrue(e.get(1).get(0) && e.get(1).get(29) && !e.get(1).get(30) && e.get(1).get(59) && e.get(1).get(99));
        assertTrue(e.get(2).isEmpty());
    }

    @Test
    void rejectsMalformedRange() {
        GroundTruthFormatException ex = assertThrows(GroundTruthFormatException.class,
                () -> UcsdPedDataset.parseGroundTruth("TestVideoFile{end+1}.gt_frame = [61-180];", Path.of("g.m")));
        assertTrue(ex.getMessage().contains("61-180"), ex.getMessage());
    }

    @Test
    void rejectsAnEntryLineItCannotReadInsteadOfShiftingTheLaterEntries() {
        // a typo on line 3 used to be skipped, and entry 2 then held the ranges of Test003
        String m = "TestVideoFile = {};\n"
                + "TestVideoFile{end+1}.gt_frame = [61:180];\n"
                + "TestVideoFile{end+1}.gt_frames = [95:180];\n"
                + "TestVideoFile{end+1}.gt_frame = [1:146]; % a comment\n";
        GroundTruthFormatException ex = assertThrows(GroundTruthFormatException.class,
                () -> UcsdPedDataset.parseGroundTruth(m, Path.of("g.m")));
        assertEquals("ground truth g.m line 3: expected an entry like TestVideoFile{end+1}.gt_frame = [61:180], got "
                + "'TestVideoFile{end+1}.gt_frames = [95:180];'", ex.getMessage());
        // a commented-out entry is not one
        assertEquals(2, assertDoesNotThrow(() -> UcsdPedDataset.parseGroundTruth(m.replace("TestVideoFile{end+1}"
                + ".gt_frames", "% TestVideoFile{end+1}.gt_frames"), Path.of("g.m"))).size());
    }

    @Test
    void readsSharedPed2WithOddTestClipsAndSkipsMissingOnes() throws IOException {
        UcsdPedDataset d = UcsdPedDataset.open(SharedData.ped2(), "UCSDped2");
        assertEquals(16, d.trainClips().size());
        assertEquals(2550, d.trainClips().stream().mapToInt(UcsdPedDataset.Clip::frameCount).sum());
        assertEquals(List.of("Test001", "Test003", "Test005", "Test007", "Test009", "Test011"),
                d.testClips().stream().map(UcsdPedDataset.Clip::name).toList());
        UcsdPedDataset.Clip t3 = d.testClips().get(1);
        boolean[] l = t3.labels();
        assertEquals(t3.frameCount(), l.length);
        // entry 3 = [1:146]
        assertTrue(l[0] && l[145]);
        assertFalse(l[146]);
        UcsdPedDataset.Clip t1 = d.testClips().get(0);
        assertFalse(t1.labels()[59]);
        assertTrue(t1.labels()[60]);
        assertThrows(IllegalStateException.class, () -> d.trainClips().get(0).labels());
        try (var src = t1.open(FrameFormat.gray(180, 120))) {
            assertEquals(t1.frameCount(), src.frameCount().getAsLong());
        }
    }

    @Test
    void acceptsTheSubsetFolderItself() throws IOException {
        UcsdPedDataset d = UcsdPedDataset.open(SharedData.ped2().resolve("UCSDped2"), "UCSDped2");
        assertEquals(6, d.testClips().size());
    }

    private static void frames(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= n; i++) {
            ImageIO.write(new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_GRAY), "tif",
                    dir.resolve(String.format("%03d.tif", i)).toFile());
        }
    }

    @Test
    void readsOriginalTiffLayoutWithMasks() throws IOException {
        Path root = tmp.resolve("UCSDped1");
        frames(root.resolve("Train/Train001"), 3);
        frames(root.resolve("Test/Test001"), 4);
        frames(root.resolve("Test/Test001_gt"), 4);
        frames(root.resolve("Test/Test002"), 4);
        Files.writeString(root.resolve("Test/UCSDped1.m"),
                "TestVideoFile{end+1}.gt_frame = [2:3];\nTestVideoFile{end+1}.gt_frame = [1:1, 4:4];\n");
        UcsdPedDataset d = UcsdPedDataset.open(tmp, "UCSDped1");
        assertEquals(2, d.testClips().size());
        assertTrue(d.testClips().get(0).maskDir().isPresent());
        assertFalse(d.testClips().get(1).maskDir().isPresent());
        boolean[] l = d.testClips().get(1).labels();
        assertTrue(l[0] && !l[1] && !l[2] && l[3]);
        try (ImageFolderFrameSource s = d.testClips().get(0).openNative()) {
            assertEquals(FrameFormat.gray(6, 4), s.format());
        }
    }

    @Test
    void aWrongSubsetNameListsTheSubsetsThatAreThere() throws IOException {
        Path root = tmp.resolve("UCSDped1");
        frames(root.resolve("Train/Train001"), 2);
        frames(root.resolve("Test/Test001"), 2);
        Files.createDirectories(tmp.resolve("notes"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> UcsdPedDataset.open(tmp, "ped1"));
        assertTrue(e.getMessage().contains("expected the ped1 folder (with Train/ and Test/) at or in " + tmp
                + ", found only the subset UCSDped1 (the subset name is case-sensitive"), e.getMessage());
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
                () -> UcsdPedDataset.open(tmp.resolve("notes"), "UCSDped2"));
        assertTrue(none.getMessage().endsWith("found no subset folder there"), none.getMessage());
    }

    @Test
    void rejectsGroundTruthWithFewerEntriesThanClips() throws IOException {
        Path root = tmp.resolve("UCSDped2");
        frames(root.resolve("Train/Train001"), 2);
        frames(root.resolve("Test/Test001"), 2);
        frames(root.resolve("Test/Test003"), 2);
        Files.writeString(root.resolve("Test/UCSDped2.m"),
                "TestVideoFile{end+1}.gt_frame = [1:2];\nTestVideoFile{end+1}.gt_frame = [1:2];\n");
        GroundTruthFormatException e = assertThrows(GroundTruthFormatException.class,
                () -> UcsdPedDataset.open(tmp, "UCSDped2"));
        assertTrue(e.getMessage().contains("has 2 entries, expected at least 3"), e.getMessage());
        assertTrue(e.getMessage().contains("Test003"), e.getMessage());
    }

    @Test
    void rejectsGroundTruthBeyondTheClipLength() throws IOException {
        Path root = tmp.resolve("UCSDped2");
        frames(root.resolve("Train/Train001"), 2);
        frames(root.resolve("Test/Test001"), 2);
        Files.writeString(root.resolve("Test/UCSDped2.m"), "TestVideoFile{end+1}.gt_frame = [1:5];\n");
        GroundTruthFormatException e = assertThrows(GroundTruthFormatException.class,
                () -> UcsdPedDataset.open(tmp, "UCSDped2"));
        assertTrue(e.getMessage().contains("only 2 frames"), e.getMessage());
    }

    @Test
    void readsOriginalSamplePixelMasks() throws IOException {
        Path gt = SharedData.ped2().resolve("original-samples/Test001_gt");
        try (var s = ImageFolderFrameSource.open(gt, ImageFolderFrameSource.Options.nativeGray(10))) {
            assertEquals(FrameFormat.gray(360, 240), s.format());
            // frame 60 is the last normal frame of Test001 (ground truth 61:180), 61 the first anomalous
            float[] p60 = s.next().orElseThrow().pixels();
            float[] p61 = s.next().orElseThrow().pixels();
            assertEquals(0, countOn(p60));
            int on = countOn(p61);
            assertTrue(on > 0 && on < p61.length / 4, "mask pixels on: " + on);
        }
    }

    private static int countOn(float[] p) {
        int on = 0;
        for (float v : p) {
            on += v > 0.5f ? 1 : 0;
        }
        return on;
    }
}
