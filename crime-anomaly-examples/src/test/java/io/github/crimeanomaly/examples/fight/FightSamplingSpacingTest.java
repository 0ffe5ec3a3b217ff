package io.github.crimeanomaly.examples.fight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FightSamplingSpacingTest {

    /** Spacings of strides 1..6 for a clip at {@code fps} and a 0.125 s training step. */
    private static double[] ratios(double fps) {
        double[] r = new double[FightSamplingSpacing.MAX_STRIDE];
        for (int s = 1; s <= r.length; s++) {
            r[s - 1] = s / fps / 0.125;
        }
        return r;
    }

    @Test
    void eachClipCountsAtItsStrideNearestTheTargetSpacing() {
        // at 24 fps strides 1..6 are 0.33x..2x the step; at 16 fps, 0.5x..3x
        List<FightSamplingSpacing.ClipScores> clips = List.of(
                new FightSamplingSpacing.ClipScores("f24", true, ratios(24), new double[] {0.1, 0.2, 0.9, 0.9, 0.9, 0.9}),
                new FightSamplingSpacing.ClipScores("f16", true, ratios(16), new double[] {0.2, 0.9, 0.9, 0.9, 0.9, 0.9}),
                new FightSamplingSpacing.ClipScores("n24", false, ratios(24), new double[] {0.1, 0.1, 0.1, 0.6, 0.7, 0.8}),
                new FightSamplingSpacing.ClipScores("n16", false, ratios(16), new double[] {0.1, 0.1, 0.7, 0.7, 0.8, 0.9}));
        List<FightSamplingSpacing.Row> rows = FightSamplingSpacing.rows(clips);
        assertEquals(FightSamplingSpacing.TARGETS.length, rows.size());
        FightSamplingSpacing.Row close = rows.get(1);         // 0.67x: stride 2 at 24 fps (0.67x), stride 1 at 16 fps (0.5x)
        assertEquals(0.67, close.target());
        assertEquals((2 / 24.0 / 0.125 + 1 / 16.0 / 0.125) / 2, close.meanRatio(), 1e-12);
        assertEquals(0.0, close.recall());
        assertEquals(0.0, close.fpr());
        FightSamplingSpacing.Row one = rows.get(2);           // 1.0x: stride 3 at 24 fps, stride 2 at 16 fps
        assertEquals(1.0, one.recall());
        assertEquals(0.0, one.fpr());
        assertEquals(1.0, one.balancedAccuracy());
        assertEquals(1.0, one.auc());
        FightSamplingSpacing.Row two = rows.get(5);           // 2.0x: stride 6 at 24 fps, stride 4 at 16 fps
        assertEquals(1.0, two.recall());
        assertEquals(1.0, two.fpr());
        assertEquals(0.5, two.balancedAccuracy());
        assertTrue(FightSamplingSpacing.markdown(rows).contains("| 1.00x | 1.00x | 1.000 | 0.000 | 1.000 | 1.000 |"),
                FightSamplingSpacing.markdown(rows));
    }

    @Test
    void videosAreFoundByNameInTheClassFoldersAndDuplicateNamesRefused(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("fight"));
        Files.createDirectories(root.resolve("noFight"));
        Files.writeString(root.resolve("fight/fi001.mp4"), "x");
        Files.writeString(root.resolve("noFight/nofi001.avi"), "x");
        Files.writeString(root.resolve("videos.txt"), "x");
        assertEquals(Map.of("fi001", root.resolve("fight/fi001.mp4"), "nofi001", root.resolve("noFight/nofi001.avi")),
                FightSamplingSpacing.videosByName(root));
        Files.writeString(root.resolve("noFight/fi001.mkv"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FightSamplingSpacing.videosByName(root));
        assertTrue(e.getMessage().contains("two videos named 'fi001'"), e.getMessage());
    }

    @Test
    void motionFieldThroughputMeasuresEveryPairOfTheClipsItReads() throws IOException {
        Path data = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets/surveillance-fight");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(data), "surveillance-fight not found at " + data);
        MotionFieldThroughput.Result r = MotionFieldThroughput.run(data, 2, 1);
        assertTrue(r.pairs() > 50 && r.microsPerPair() > 0, r.toString());
        assertEquals(r.checksum(), MotionFieldThroughput.run(data, 2, 1).checksum(), "the same field twice");
    }
}
