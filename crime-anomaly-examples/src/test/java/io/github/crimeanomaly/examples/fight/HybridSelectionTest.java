package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.split.Split;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Settings selection without the test part, on the synthetic clips of {@link FightComparisonTest}. */
class HybridSelectionTest {

    private static final ClipClassifier.Settings FAST = new ClipClassifier.Settings(FightComparisonTest.IN, 2, 8,
            3e-3, 0, 0, ClipAugmentation.NONE, 5, true, SequencePooling.LAST);

    @Test
    void settingsChangesApplyAndUnknownKeysAreRefused() {
        ClipClassifier.Settings s = HybridSelection.settings(FAST,
                List.of("skip=true", "pooling=MEAN", "lstm=16", "bi=true", "dropout=0.5", "everyFrame=false", "epochs=7",
                        "mirror=true", "l2=0.001", "skipDropout=0.4", "stream=true"));
        assertTrue(s.skip());
        assertEquals(0.4, s.skipDropout());
        assertEquals(0.0, FAST.skipDropout());
        assertTrue(s.twoStream());
        assertFalse(FAST.twoStream());
        assertEquals(0.001, s.l2());
        assertEquals(0.0, FAST.l2(), "the other settings keep theirs");
        assertFalse(FAST.input().mirrorAverage());
        assertEquals(FAST.input().withMirrorAverage(true), s.input());
        assertEquals(SequencePooling.MEAN, s.pooling());
        assertEquals(16, s.lstmUnits());
        assertTrue(s.bidirectional());
        assertEquals(0.5, s.dropout());
        assertFalse(s.everyFrame());
        assertEquals(7, s.epochs());
        ClipClassifier.Settings instances = HybridSelection.settings(FAST, List.of("pooling=MULTIPLE_INSTANCE", "sharpness=4", "reg=0.1"));
        assertEquals(SequencePooling.MULTIPLE_INSTANCE, instances.pooling());
        assertEquals(4.0, instances.instanceSharpness());
        assertEquals(0.1, instances.instanceRegularization());
        ClipClassifier.Settings bigger = HybridSelection.settings(FAST, List.of("frames=8", "size=24", "mirror=true"));
        assertEquals(8, bigger.input().frames());
        assertEquals(24, bigger.input().height());
        assertEquals(24, bigger.input().width());
        assertEquals(FAST.input().mode(), bigger.input().mode());
        assertTrue(bigger.input().mirrorAverage(), "mirror applied too");
        assertEquals(4, FAST.input().frames(), "the base keeps its input");
        ClipClassifier.Settings floored = HybridSelection.settings(FAST, List.of("floor=2", "frames=8"));
        assertEquals(2.0, floored.input().noiseFloor(), "frames= keeps the floor");
        assertEquals(8, floored.input().frames());
        ClipClassifier.Settings flow = HybridSelection.settings(FAST, List.of("floor=2", "mode=MOTION_AND_FLOW", "size=24"));
        assertEquals(new ClipInput(4, 24, 24, ClipInput.Mode.MOTION_AND_FLOW, FAST.input().clipSeconds(), false, 2.0),
                flow.input());
        String msg = assertThrows(IllegalArgumentException.class,
                () -> HybridSelection.settings(FAST, List.of("skipp=true"))).getMessage();
        assertTrue(msg.contains("unknown setting 'skipp'"), msg);
    }

    @Test
    void epochsAndWarmStartApplyTogetherInAnyOrder() {
        ClipClassifier.Settings d = ClipClassifier.Settings.DEFAULT;
        assertEquals(5, d.warmStart());
        ClipClassifier.Settings a = HybridSelection.settings(d, List.of("epochs=3", "warm=0"));
        ClipClassifier.Settings b = HybridSelection.settings(d, List.of("warm=0", "epochs=3"));
        assertEquals(a, b);
        assertEquals(3, a.epochs());
        assertEquals(0, a.warmStart());
        assertEquals(2, HybridSelection.settings(d, List.of("warm=2", "epochs=3")).warmStart());
        assertEquals(10, HybridSelection.settings(d, List.of("warm=10")).warmStart());
        ClipClassifier.Settings frozen = HybridSelection.settings(d, List.of("freeze=true", "warm=10"));
        assertEquals(10, frozen.warmStart());
        assertTrue(frozen.freezeCnn(), "freeze applies after warm, whatever the order");
        assertFalse(HybridSelection.settings(frozen, List.of("warm=0")).freezeCnn(),
                "dropping the warm start drops the frozen CNN unless freeze=true is given");
        assertTrue(HybridSelection.settings(frozen, List.of("epochs=30")).freezeCnn(), "the base's frozen CNN stays");
        ClipClassifier.Settings longer = HybridSelection.settings(d, List.of("epochs=30"));
        assertEquals(30, longer.epochs());
        assertEquals(5, longer.warmStart(), "the base's warm start stays");
        String msg = assertThrows(IllegalArgumentException.class,
                () -> HybridSelection.settings(d, List.of("epochs=3"))).getMessage();
        assertTrue(msg.contains("warmStart must be 0 (off) or in [1, epochs - 1] = [1, 2]"), msg);
        assertTrue(msg.endsWith("got 5; with fewer epochs, lower the CNN warm start too, e.g. toBuilder().epochs(3).warmStart(1).build(), "
                + "or 0 for none"), msg);
    }

    @Test
    void skipAndRecurrentSettingsReachTheRightModels() {
        ClipClassifier.Settings s = FAST.withSkip(true).withLstm(5, true);
        List<String> classes = List.of("fight", "noFight");
        try (HybridModel h = ClipClassifier.build(Architecture.HYBRID, s, classes);
             HybridModel c = ClipClassifier.build(Architecture.CNN_ONLY, s, classes);
             HybridModel l = ClipClassifier.build(Architecture.LSTM_ONLY, s, classes)) {
            assertTrue(h.config().skipConnection());
            assertEquals(List.of(5), h.config().lstmUnits());
            assertTrue(h.config().bidirectional());
            assertFalse(c.config().skipConnection(), "the CNN-only baseline stays as defined");
            assertFalse(c.config().bidirectional());
            assertFalse(l.config().skipConnection(), "the LSTM-only baseline has no CNN features to skip");
            assertTrue(l.config().bidirectional(), "the LSTM-only baseline keeps the hybrid's recurrent part");
            assertEquals(List.of(5), l.config().lstmUnits());
        }
    }

    @Test
    void innerCrossValidationNeverSeesTheTestPart() throws Exception {
        ClipFolder c = FightComparisonTest.synthetic();
        Split outer = FightComparison.split(c, FAST.seed());
        ClipFolder inner = HybridSelection.trainAndValidation(c, FAST.seed());
        assertEquals(outer.trainSize() + outer.validationSize(), inner.clips().size());
        Set<String> testNames = new HashSet<>();
        outer.test().forEach(i -> testNames.add(c.clips().get(i).name()));
        inner.clips().forEach(x -> assertFalse(testNames.contains(x.name()), "test clip " + x.name() + " used"));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String line = HybridSelection.innerCrossValidation(c, FAST.withSkip(true), Architecture.HYBRID, 3,
                new PrintStream(log, true));
        assertTrue(line.startsWith("HYBRID frames=4 size=16x16 pooling=LAST everyFrame=true lstm=32 bi=false skip=true dropout=0.00 l2=0e+00 mirror=false jitter=false: "
                + "inner 3-fold CV on " + inner.clips().size() + " train+validation clips: at 0.5 mean accuracy="), line);
        assertTrue(line.matches(".*at the validation-F1 threshold mean accuracy=[01]\\.\\d{4} f1=[01]\\.\\d{4} "
                + "\\(thresholds \\[\\d\\.\\d{3}, \\d\\.\\d{3}, \\d\\.\\d{3}\\]\\).*"), line);
        assertEquals(3, log.toString().lines().filter(x -> x.startsWith("HYBRID: best epoch")).count(), log.toString());
    }

    @Test
    void ensembleMemberZeroIsTheSingleNetworkAndEveryMemberIsTrainedPerFold() throws Exception {
        ClipFolder c = FightComparisonTest.synthetic();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String single = HybridSelection.innerCrossValidation(c, FAST, Architecture.LSTM_ONLY, 3,
                new PrintStream(new ByteArrayOutputStream(), true));
        String ens = HybridSelection.innerEnsembleCrossValidation(c, FAST, Architecture.LSTM_ONLY, 3, 2,
                new PrintStream(log, true));
        Matcher m1 = Pattern.compile("at 0\\.5 mean accuracy=(\\S+) f1=(\\S+) auc=(\\S+);").matcher(single);
        Matcher m2 = Pattern.compile("member 0 \\(one network\\) accuracy=(\\S+) f1=(\\S+) auc=(\\S+);").matcher(ens);
        assertTrue(m1.find(), single);
        assertTrue(m2.find(), ens);
        assertEquals(m1.group(1) + " " + m1.group(2) + " " + m1.group(3), m2.group(1) + " " + m2.group(2) + " " + m2.group(3));
        assertTrue(ens.matches(".*ensemble of 2 accuracy=[01]\\.\\d{4} f1=[01]\\.\\d{4} auc=\\S+; member 0.*"), ens);
        // each member's F1, seed by seed; member 0's is the single network's and their mean the average member's
        Matcher byMember = Pattern.compile("f1 by member \\(seeds (\\d+)-(\\d+)\\) (\\S+) (\\S+)$").matcher(ens);
        assertTrue(byMember.find(), ens);
        assertEquals(FAST.seed(), Long.parseLong(byMember.group(1)));
        assertEquals(FAST.seed() + 1, Long.parseLong(byMember.group(2)));
        assertEquals(m1.group(2), byMember.group(3));
        Matcher avg = Pattern.compile("average member accuracy=\\S+ f1=(\\S+) ").matcher(ens);
        assertTrue(avg.find(), ens);
        assertEquals(Double.parseDouble(avg.group(1)),
                (Double.parseDouble(byMember.group(3)) + Double.parseDouble(byMember.group(4))) / 2, 2e-4);
        assertEquals(6, log.toString().lines().filter(x -> x.startsWith("LSTM_ONLY: best epoch")).count(), log.toString());
        assertEquals(3, log.toString().lines().filter(x -> x.startsWith("LSTM_ONLY fold ensemble of 2")).count());
        assertThrows(IllegalArgumentException.class,
                () -> HybridSelection.innerEnsembleCrossValidation(c, FAST, Architecture.LSTM_ONLY, 3, 1, System.err));
    }
}
