package io.github.crimeanomaly.examples.fight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.EpochResult;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.model.TrainingListener;
import io.github.crimeanomaly.model.TrainingMetric;
import io.github.crimeanomaly.model.TrainingPlan;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.video.ClipFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retraining on every clip for the epochs a held-out training kept. */
class RefitTest {

    private static final ClipClassifier.Settings FAST = new ClipClassifier.Settings(FightComparisonTest.IN, 3, 8,
            3e-3, 0, 0, ClipAugmentation.NONE, 5, true, SequencePooling.MEAN, 8, true, true);

    private static TrainingReport report(TrainingMetric metric, int best, double... validationLosses) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int e = 0; e < validationLosses.length; e++) {
            epochs.add(new EpochResult(e, 1e-3, 1.0, validationLosses[e], 0.5, 1.0));
        }
        return new TrainingReport(epochs, metric, best, true, false, 1.0, "x");
    }

    @Test
    void thePlanKeepsTheEpochsTheHeldOutTrainingKept() {
        // one stage: the best epoch + 1
        assertEquals(new ClipClassifier.RefitPlan(0, 2),
                ClipClassifier.refitPlan(Architecture.CNN_ONLY, FAST, report(TrainingMetric.VALIDATION_LOSS, 1, 0.7, 0.5, 0.6)));
        // a warm-started hybrid: the CNN stage's best (epoch 1 of 2), then the hybrid's best (epoch 3, its 2nd)
        ClipClassifier.Settings warm = FAST.withEpochs(5).withWarmStart(2);
        assertEquals(new ClipClassifier.RefitPlan(2, 4), ClipClassifier.refitPlan(Architecture.HYBRID, warm,
                report(TrainingMetric.VALIDATION_LOSS, 3, 0.6, 0.5, 0.7, 0.4, 0.45)));
        // a tie in the CNN stage keeps the first, as the trainer does
        assertEquals(new ClipClassifier.RefitPlan(1, 3), ClipClassifier.refitPlan(Architecture.HYBRID, warm,
                report(TrainingMetric.VALIDATION_LOSS, 3, 0.5, 0.5, 0.7, 0.4, 0.45)));
        // other architectures ignore the warm start
        assertEquals(new ClipClassifier.RefitPlan(0, 4), ClipClassifier.refitPlan(Architecture.LSTM_ONLY, warm,
                report(TrainingMetric.VALIDATION_LOSS, 3, 0.6, 0.5, 0.7, 0.4, 0.45)));
    }

    @Test
    void aReportWhoseBestEpochNoValidationChoseIsRefused() {
        String msg = assertThrows(IllegalArgumentException.class, () -> ClipClassifier.refitPlan(Architecture.CNN_ONLY,
                FAST, report(TrainingMetric.TRAIN_LOSS, 2, Double.NaN, Double.NaN, Double.NaN))).getMessage();
        assertTrue(msg.contains("chosen on a validation set, got a report monitoring TRAIN_LOSS with best epoch 2"), msg);
        assertThrows(IllegalArgumentException.class, () -> ClipClassifier.refitPlan(Architecture.CNN_ONLY, FAST,
                report(TrainingMetric.VALIDATION_LOSS, -1, 0.5)));
        ClipClassifier.Settings warm = FAST.withEpochs(5).withWarmStart(2);
        String stage = assertThrows(IllegalArgumentException.class, () -> ClipClassifier.refitPlan(Architecture.HYBRID,
                warm, report(TrainingMetric.VALIDATION_LOSS, 1, 0.6, 0.5, 0.7))).getMessage();
        assertTrue(stage.contains("expected a warm-started hybrid's report (2 CNN epochs"), stage);
    }

    @Test
    void theRefitTrainsAFreshModelOnEveryClipForThoseEpochs() throws Exception {
        ClipFolder c = FightComparisonTest.synthetic();
        Split split = FightComparison.split(c, FAST.seed());
        List<ClipClassifier.Clip> train = c.select(split.train());
        List<ClipClassifier.Clip> val = c.select(split.validation());
        ClipClassifier.Settings warm = FAST.withWarmStart(1);
        TrainingReport heldOut;
        try (HybridModel h = ClipClassifier.build(Architecture.HYBRID, warm, c.classes())) {
            heldOut = ClipClassifier.train(h, warm, train, val, null);
        }
        ClipClassifier.RefitPlan plan = ClipClassifier.refitPlan(Architecture.HYBRID, warm, heldOut);
        List<ClipClassifier.Clip> all = new ArrayList<>(train);
        all.addAll(val);
        List<TrainingPlan> plans = new ArrayList<>();
        TrainingListener spy = new TrainingListener() {
            @Override
            public void onTrainingStart(TrainingPlan p) {
                plans.add(p);
            }
        };
        try (HybridModel f = ClipClassifier.refit(Architecture.HYBRID, warm, c.classes(), all, heldOut, spy)) {
            assertEquals(Architecture.HYBRID, f.architecture());
            assertEquals(List.of(Architecture.CNN_ONLY, Architecture.HYBRID),
                    plans.stream().map(TrainingPlan::architecture).toList());
            assertEquals(List.of(plan.cnnEpochs(), plan.epochs() - plan.cnnEpochs()),
                    plans.stream().map(TrainingPlan::epochs).toList());
            for (TrainingPlan p : plans) {
                assertEquals(all.size(), p.trainSequences(), "every clip");
                assertEquals(0, p.validationSequences(), "nothing held out");
            }
        }
    }

    @Test
    void theComparisonsRefitRegimeScoresTheRefitModelAndLogsTheOneBefore() throws Exception {
        ClipFolder c = FightComparisonTest.synthetic();
        ClipClassifier.Settings s = FAST.withEpochs(2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FightComparison.Result r = FightComparison.run(c, s, List.of(Architecture.CNN_ONLY), 0, true,
                FightComparison.ThresholdRule.HALF, 1, FightComparison.Training.REFIT, () -> null,
                new PrintStream(log, true));
        String out = log.toString();
        assertTrue(out.contains("CNN_ONLY before the refit: best epoch "), out);
        assertTrue(out.contains("CNN_ONLY: refit on "), out);
        FightComparison.Row row = r.rows().get(0);
        assertTrue(out.contains("CNN_ONLY: refit to epoch " + row.bestEpoch()), out);
        Split held = FightComparison.regime(c, r.split(), FightComparison.Training.REFIT, s.seed());
        assertTrue(out.contains("refit on " + (held.trainSize() + held.validationSize()) + " clips"), out);
        assertEquals(r.split().testSize(), row.test().size());

        String msg = assertThrows(IllegalArgumentException.class, () -> FightComparison.run(c, s,
                List.of(Architecture.CNN_ONLY), 0, true, FightComparison.ThresholdRule.VALIDATION_F1, 1,
                FightComparison.Training.REFIT, () -> null, new PrintStream(log, true))).getMessage();
        assertTrue(msg.contains("expected threshold rule HALF, got VALIDATION_F1"), msg);
    }
}
