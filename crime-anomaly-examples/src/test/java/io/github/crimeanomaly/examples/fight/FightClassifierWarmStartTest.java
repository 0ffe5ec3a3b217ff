package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.model.TrainingListener;
import io.github.crimeanomaly.model.TrainingPlan;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.split.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two-stage training of the hybrid: a CNN-only model first, its CNN then starts the hybrid. */
class FightClassifierWarmStartTest {

    private static final ClipClassifier.Settings FAST = new ClipClassifier.Settings(FightComparisonTest.IN, 3, 8,
            3e-3, 0, 0, ClipAugmentation.NONE, 5, true, SequencePooling.MEAN, 8, true, true);

    @Test
    void offUnlessAskedForAndValidated() {
        assertEquals(0, FAST.warmStart(), "the constructors without it leave it off");
        assertEquals(5, ClipClassifier.Settings.DEFAULT.warmStart(), "the recipe's default, chosen by inner CV");
        assertEquals(2, FAST.withWarmStart(2).warmStart());
        assertEquals(0, FAST.withWarmStart(2).withWarmStart(0).warmStart());
        String tooMany = assertThrows(IllegalArgumentException.class, () -> FAST.withWarmStart(3)).getMessage();
        assertTrue(tooMany.contains("warmStart must be 0 (off) or in [1, epochs - 1] = [1, 2]"), tooMany);
        assertTrue(tooMany.endsWith("got 3; with fewer epochs, lower the CNN warm start too, e.g. "
                + "toBuilder().epochs(3).warmStart(1).build(), or 0 for none"), tooMany);
        String negative = assertThrows(IllegalArgumentException.class, () -> FAST.withWarmStart(-1)).getMessage();
        assertTrue(negative.endsWith("got -1"), negative);
        // the other copies keep it
        ClipClassifier.Settings w = FAST.withWarmStart(1);
        assertEquals(1, w.withSkip(false).withLstm(4, false).withDropout(0.1).withSeed(3).withEveryFrame(false)
                .withPooling(SequencePooling.LAST).withEpochs(5).warmStart());
    }

    @Test
    void aFrozenCnnNeedsAWarmStartAndSurvivesTheOtherCopies() {
        assertFalse(FAST.freezeCnn(), "the constructors without it leave it off");
        assertFalse(ClipClassifier.Settings.DEFAULT.freezeCnn(), "off by default: it failed its rule");
        String msg = assertThrows(IllegalArgumentException.class, () -> FAST.withFreezeCnn(true)).getMessage();
        assertTrue(msg.contains("freezeCnn needs a warm start"), msg);
        assertTrue(msg.endsWith("got warmStart 0"), msg);
        ClipClassifier.Settings f = FAST.withWarmStart(1).withFreezeCnn(true);
        assertTrue(f.withSkip(false).withDropout(0.1).withSeed(3).withEpochs(5).withTemporalJitter(false).freezeCnn());
        assertThrows(IllegalArgumentException.class, () -> f.withWarmStart(0), "a frozen CNN cannot lose its warm start");
    }

    @Test
    void theHybridTrainsAfterACnnOnlyStageWithinTheSameBudget() throws Exception {
        ClipFolder c = FightComparisonTest.synthetic();
        Split split = FightComparison.split(c, FAST.seed());
        List<ClipClassifier.Clip> train = c.select(split.train());
        List<ClipClassifier.Clip> val = c.select(split.validation());
        ClipClassifier.Settings warm = FAST.withWarmStart(1);

        // stage one alone: the CNN-only model of the same settings, trained for one epoch
        TrainingReport cnnAlone;
        try (HybridModel cnn = ClipClassifier.build(Architecture.CNN_ONLY, FAST, c.classes())) {
            cnnAlone = ClipClassifier.train(cnn, FAST.withEpochs(1), train, val, null);
        }

        List<TrainingPlan> plans = new ArrayList<>();
        TrainingListener spy = new TrainingListener() {
            @Override
            public void onTrainingStart(TrainingPlan plan) {
                plans.add(plan);
            }
        };
        try (HybridModel h = ClipClassifier.build(Architecture.HYBRID, warm, c.classes())) {
            TrainingReport r = ClipClassifier.train(h, warm, train, val, spy);
            assertEquals(List.of(Architecture.CNN_ONLY, Architecture.HYBRID),
                    plans.stream().map(TrainingPlan::architecture).toList());
            assertEquals(List.of(1, 2), plans.stream().map(TrainingPlan::epochs).toList(), "the budget is shared");
            assertEquals(3, r.epochs().size());
            assertEquals(List.of(0, 1, 2), r.epochs().stream().map(e -> e.epoch()).toList());
            // the report's first epoch is the CNN stage's: the same losses as the CNN trained alone
            assertEquals(cnnAlone.epochs().get(0).trainLoss(), r.epochs().get(0).trainLoss(), 1e-6);
            assertEquals(cnnAlone.epochs().get(0).validationLoss(), r.epochs().get(0).validationLoss(), 1e-6);
            assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 2, "the best epoch is the hybrid's: " + r.bestEpoch());
            assertTrue(r.seconds() >= r.epochs().stream().mapToDouble(e -> e.seconds()).sum() * 0.99,
                    "the seconds cover both stages");
            assertTrue(h.config().skipConnection());
            assertEquals(Architecture.HYBRID, h.architecture());
        }
        try (HybridModel cnn = ClipClassifier.build(Architecture.CNN_ONLY, warm, c.classes())) {
            TrainingReport r = ClipClassifier.train(cnn, warm, train, val, null);
            assertEquals(3, r.epochs().size(), "CNN_ONLY ignores the warm start and trains every epoch");
            assertEquals(cnnAlone.epochs().get(0).trainLoss(), r.epochs().get(0).trainLoss(), 1e-6);
        }
    }

    @Test
    void theSelectionKeyAndDescriptionCarryIt() throws Exception {
        ClipClassifier.Settings s = HybridSelection.settings(FAST, List.of("warm=2"));
        assertEquals(2, s.warmStart());
        String msg = assertThrows(IllegalArgumentException.class,
                () -> HybridSelection.settings(FAST, List.of("warm=5"))).getMessage();
        assertTrue(msg.contains("warmStart must be 0 (off) or in [1, epochs - 1] = [1, 2]"), msg);
        String line = HybridSelection.validation(FightComparisonTest.synthetic(), FAST.withWarmStart(1),
                Architecture.HYBRID);
        assertTrue(line.startsWith("HYBRID frames=4 size=16x16 pooling=MEAN everyFrame=true lstm=8 bi=true skip=true dropout=0.00 l2=0e+00 mirror=false jitter=false warm=1: "
                + "best epoch "), line);
    }

    @Test
    void theClassifierCopyNeedsAWarmStartASkipConnectionAndMeanPooling() {
        assertFalse(FAST.warmStartHead(), "the constructors without it leave it off");
        assertFalse(ClipClassifier.Settings.DEFAULT.warmStartHead(), "off by default");
        String none = assertThrows(IllegalArgumentException.class, () -> FAST.withWarmStartHead(true)).getMessage();
        assertTrue(none.contains("warmStartHead needs a warm start") && none.contains("got warmStart 0"), none);
        ClipClassifier.Settings w = FAST.withWarmStart(1);
        String noSkip = assertThrows(IllegalArgumentException.class,
                () -> w.withSkip(false).withWarmStartHead(true)).getMessage();
        assertTrue(noSkip.contains("warmStartHead needs the skip connection") && noSkip.endsWith("got skip false"),
                noSkip);
        String last = assertThrows(IllegalArgumentException.class,
                () -> w.withPooling(SequencePooling.LAST).withWarmStartHead(true)).getMessage();
        assertTrue(last.contains("warmStartHead needs MEAN pooling") && last.endsWith("got LAST"), last);
        ClipClassifier.Settings h = w.withWarmStartHead(true);
        assertTrue(h.withSeed(3).withEpochs(5).withDropout(0.1).warmStartHead(), "the other copies keep it");
        assertThrows(IllegalArgumentException.class, () -> h.withWarmStart(0), "it cannot lose its warm start");
        ClipClassifier.Settings parsed = HybridSelection.settings(FAST, List.of("warmHead=true", "warm=1"));
        assertTrue(parsed.warmStartHead());
        assertEquals(1, parsed.warmStart());
    }

    @Test
    void copyingTheClassifierChangesWhatTheHybridStageLearns() throws Exception {
        ClipFolder c = FightComparisonTest.synthetic();
        Split split = FightComparison.split(c, FAST.seed());
        List<ClipClassifier.Clip> train = c.select(split.train());
        List<ClipClassifier.Clip> val = c.select(split.validation());
        ClipClassifier.Settings cnnOnly = FAST.withWarmStart(1);
        ClipClassifier.Settings withHead = cnnOnly.withWarmStartHead(true);
        TrainingReport a;
        TrainingReport b;
        try (HybridModel h = ClipClassifier.build(Architecture.HYBRID, cnnOnly, c.classes())) {
            a = ClipClassifier.train(h, cnnOnly, train, val, null);
        }
        try (HybridModel h = ClipClassifier.build(Architecture.HYBRID, withHead, c.classes())) {
            b = ClipClassifier.train(h, withHead, train, val, null);
        }
        assertEquals(3, b.epochs().size());
        assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 1e-6, "the same CNN stage");
        assertTrue(Math.abs(a.epochs().get(1).trainLoss() - b.epochs().get(1).trainLoss()) > 1e-6,
                "the hybrid stage starts from the copied classifier, not a random one: "
                        + a.epochs().get(1).trainLoss() + " vs " + b.epochs().get(1).trainLoss());
        String line = HybridSelection.validation(c, withHead, Architecture.HYBRID);
        assertTrue(line.contains(" warmHead=true warm=1: "), line);
    }
}
