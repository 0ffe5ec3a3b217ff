package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.split.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporal jitter: the shifted view of each clip, and its use in training only. */
class TemporalJitterTest {

    private static final ClipClassifier.Settings FAST = new ClipClassifier.Settings(FightComparisonTest.IN, 2, 8,
            3e-3, 0, 0, ClipAugmentation.NONE, 5, true, SequencePooling.MEAN, 8, true, true);

    @TempDir
    Path tmp;

    @Test
    void offUnlessAskedForAndKeptByTheOtherCopies() {
        assertFalse(FAST.temporalJitter(), "the constructors without it leave it off");
        ClipClassifier.Settings j = FAST.withTemporalJitter(true);
        assertTrue(j.temporalJitter());
        assertTrue(j.withSkip(false).withLstm(4, false).withDropout(0.1).withSeed(3).withEveryFrame(false)
                .withPooling(SequencePooling.LAST).withEpochs(5).withWarmStart(1)
                .withInput(FightComparisonTest.IN.withMirrorAverage(true)).temporalJitter());
        assertFalse(j.withTemporalJitter(false).temporalJitter());
        assertTrue(HybridSelection.settings(FAST, List.of("jitter=true")).temporalJitter());
    }

    /** The synthetic clips with a shifted view made by {@code shift} from each clip's own frames. */
    private static ClipFolder withShifted(ClipFolder c, java.util.function.UnaryOperator<float[][]> shift) {
        List<ClipClassifier.Clip> out = new ArrayList<>();
        for (ClipClassifier.Clip k : c.clips()) {
            out.add(new ClipClassifier.Clip(k.name(), k.group(), k.label(), k.raw(), shift.apply(k.raw())));
        }
        return new ClipFolder(c.classes(), out);
    }

    private static TrainingReport train(ClipFolder c, ClipClassifier.Settings s) throws Exception {
        Split split = FightComparison.split(c, s.seed());
        try (HybridModel m = ClipClassifier.build(Architecture.HYBRID, s, c.classes())) {
            return ClipClassifier.train(m, s, c.select(split.train()), c.select(split.validation()), null);
        }
    }

    @Test
    void trainingDrawsTheShiftedViewAndNothingElseChanges() throws Exception {
        ClipFolder base = FightComparisonTest.synthetic();
        TrainingReport plain = train(base, FAST);
        // a shifted view identical to the evaluation view: jitter then cannot change the training
        TrainingReport same = train(withShifted(base, raw -> Arrays.stream(raw).map(float[]::clone)
                .toArray(float[][]::new)), FAST.withTemporalJitter(true));
        for (int e = 0; e < plain.epochs().size(); e++) {
            assertEquals(plain.epochs().get(e).trainLoss(), same.epochs().get(e).trainLoss(), 1e-6);
            assertEquals(plain.epochs().get(e).validationLoss(), same.epochs().get(e).validationLoss(), 1e-6);
        }
        // a still shifted view (no motion at all): the training loss moves, validation data does not
        ClipFolder still = withShifted(base, raw -> {
            float[][] s = new float[raw.length][];
            Arrays.fill(s, raw[0].clone());
            return s;
        });
        TrainingReport jittered = train(still, FAST.withTemporalJitter(true));
        assertNotEquals(plain.epochs().get(0).trainLoss(), jittered.epochs().get(0).trainLoss(), 1e-6);
        // without jitter the shifted view is ignored
        TrainingReport ignored = train(still, FAST);
        assertEquals(plain.epochs().get(0).trainLoss(), ignored.epochs().get(0).trainLoss(), 1e-6);
    }

    @Test
    void jitterWithoutShiftedViewsIsRefusedNamingTheClip() {
        ClipFolder base = FightComparisonTest.synthetic();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(base, FAST.withTemporalJitter(true)));
        assertTrue(e.getMessage().contains("temporal jitter needs each training clip's shifted view"), e.getMessage());
        assertTrue(e.getMessage().contains("has none"), e.getMessage());
    }

    @Test
    void shiftedViewsLeaveTheEvaluationViewAsIsOnRealClips() throws Exception {
        Path root = FightTestData.link(tmp.resolve("fights"), "fight/fi001", "noFight/nofi001");
        ClipInput in = new ClipInput(8, 24, 32, ClipInput.Mode.MOTION, 2.0);
        ClipFolder plain = FightClips.load(root, in, false);
        ClipFolder shifted = FightClips.load(root, in, true, false);
        assertEquals(plain.clips().size(), shifted.clips().size());
        for (int i = 0; i < plain.clips().size(); i++) {
            ClipClassifier.Clip p = plain.clips().get(i);
            ClipClassifier.Clip s = shifted.clips().get(i);
            assertNull(p.shifted());
            assertEquals(in.rawFrames(), s.raw().length);
            assertEquals(in.rawFrames(), s.shifted().length);
            for (int t = 0; t < in.rawFrames(); t++) {
                assertArrayEquals(p.raw()[t], s.raw()[t], "evaluation view, frame " + t + " of " + p.name());
            }
            // half a step later: strictly between the evaluation view's frames, so different from them
            assertFalse(Arrays.equals(s.raw()[0], s.shifted()[0]), "first shifted frame of " + p.name());
            assertFalse(Arrays.equals(s.raw()[1], s.shifted()[0]), "first shifted frame of " + p.name());
            // the last frame is the video's last frame in both views
            assertArrayEquals(s.raw()[in.frames()], s.shifted()[in.frames()]);
        }
    }
}
