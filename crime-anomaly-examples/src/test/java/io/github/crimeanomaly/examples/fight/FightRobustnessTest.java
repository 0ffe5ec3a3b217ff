package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
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
import org.junit.jupiter.api.Test;

class FightRobustnessTest {

    private static final ClipClassifier.Settings FAST = new ClipClassifier.Settings(FightComparisonTest.IN, 3, 8,
            3e-3, 0, 0, ClipAugmentation.NONE, 5, true, SequencePooling.MEAN);

    @Test
    void stressedClipsChangeOnlyTheirPixels() {
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
