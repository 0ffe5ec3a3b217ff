package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.FrameTransforms;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.SequencePooling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FightRobustnessTest {

    private static final ClipClassifier.Settings FAST = new ClipClassifier.Settings(FightComparisonTest.IN, 3, 8,
            3e-3, 0, 0, ClipAugmentation.NONE, 5, true, SequencePooling.MEAN);

    @Test
    void stressedClipsChangeOnlyTheirPixels() throws IOException {
        ClipClassifier.Clip c = FightComparisonTest.synthetic().clips().get(0);
        ClipClassifier.Clip same = FightRobustness.stressed(c, FrameTransform.identity(), FightComparisonTest.IN.rawFormat());
        assertArrayEquals(c.raw(), same.raw());
        ClipClassifier.Clip noisy = FightRobustness.stressed(c, FrameTransforms.gaussianNoise(0.05, 1),
                FightComparisonTest.IN.rawFormat());
        assertEquals(c.name(), noisy.name());
        assertEquals(c.group(), noisy.group());
        assertEquals(c.label(), noisy.label());
        assertEquals(c.raw().length, noisy.raw().length);
        assertFalse(java.util.Arrays.equals(c.raw()[0], noisy.raw()[0]), "noise applied");
        assertTrue(FightRobustness.conditions(42).containsKey("clean"));
    }

    @Test
    void concealmentHidesFlickeringDropoutsAndLeavesCleanClipsAlone() throws IOException {
        FrameFormat fmt = FrameFormat.gray(48, 48);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        float[][] textured = new float[17][fmt.size()];
        for (float[] frame : textured) {
            for (int p = 0; p < frame.length; p++) {
                frame[p] = (1 + rng.nextInt(255)) / 255f;     // a textured scene, as a camera's (synthetic)
            }
        }
        ClipClassifier.Clip c = new ClipClassifier.Clip("textured", "g", 0, textured);
        assertArrayEquals(c.raw(), FightRobustness.stressed(c, FrameTransform.identity(), fmt, true).raw());
        ClipClassifier.Clip flicker = FightRobustness.stressed(c, FrameTransforms.occlusion(0.1, 1, 3), fmt, false);
        ClipClassifier.Clip hidden = FightRobustness.stressed(c, FrameTransforms.occlusion(0.1, 1, 3), fmt, true);
        long black = 0;
        long blackHidden = 0;
        for (int f = 0; f < c.raw().length; f++) {
            for (int p = 0; p < c.raw()[f].length; p++) {
                black += flicker.raw()[f][p] == 0f && c.raw()[f][p] != 0f ? 1 : 0;
                blackHidden += hidden.raw()[f][p] == 0f && c.raw()[f][p] != 0f ? 1 : 0;
            }
        }
        // 10% of a 48x48 frame: a 15x15 patch, above the 8x8 squares that count as flat
        assertTrue(black > 0.09 * c.raw().length * fmt.size(), "the patches black out pixels: " + black);
        assertTrue(blackHidden < black / 10, "concealment hides most of them: " + blackHidden + " of " + black);
    }

    @Test
    void aFlickeringBrightPatchLooksLikeAFightToAModelThatLearnedJumpingSquares() throws Exception {
        // synthetic clips: a fight is a bright square jumping every frame, noFight a still one
        Map<String, IntFunction<FrameTransform>> conditions = new LinkedHashMap<>();
        conditions.put("clean", i -> FrameTransform.identity());
        conditions.put("bright flicker", i -> FrameTransforms.occlusion(0.0625, 1, 1f, 100 + i));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<FightRobustness.Row> rows = FightRobustness.run(FightComparisonTest.synthetic(), FAST,
                Architecture.HYBRID, 3, conditions, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(2, rows.size());
        FightRobustness.Row clean = rows.get(0);
        FightRobustness.Row flicker = rows.get(1);
        assertEquals("clean", clean.condition());
        assertTrue(clean.accuracy() >= 0.9, "clean accuracy " + clean.accuracy());
        assertTrue(flicker.fpr() > clean.fpr() + 0.5, "noFight clips flagged: clean " + clean.fpr() + ", flicker "
                + flicker.fpr());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("HYBRID fold 2, bright flicker: accuracy="), log.toString());
        assertTrue(FightRobustness.markdown(rows).contains("| bright flicker |"));
        assertThrows(IllegalArgumentException.class, () -> FightRobustness.run(FightComparisonTest.synthetic(), FAST,
                Architecture.HYBRID, 2, conditions, new PrintStream(log, true, StandardCharsets.UTF_8)));
    }
}
