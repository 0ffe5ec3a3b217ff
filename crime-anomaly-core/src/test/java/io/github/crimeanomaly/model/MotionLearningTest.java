package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The label of the synthetic clips depends only on the direction of motion: the hybrid must
 * learn it, the CNN-only baseline must not be able to (near chance).
 */
class MotionLearningTest {

    static final SyntheticMotionClips GEN = new SyntheticMotionClips(16, 16, 8);

    static HybridModel.Builder smallModel(Architecture a) {
        return HybridModel.builder()
                .inputShape(16, 16, 1).sequenceLength(8)
                .cnnBlock(new CnnBlock(8, 3, 1, 2, false, 0))
                .cnnBlock(new CnnBlock(16, 3, 1, 2, false, 0))
                .dense(32).lstm(32)
                .classification(SyntheticMotionClips.labels())
                .learningRate(3e-3).l2(0).seed(7)
                .architecture(a);
    }

    static double accuracy(HybridModel m, List<Sequence> test) {
        float[][][] clips = new float[test.size()][][];
        for (int i = 0; i < clips.length; i++) {
            clips[i] = test.get(i).framesView();
        }
        int[] pred = m.predictClasses(clips);
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
            ok += pred[i] == test.get(i).label() ? 1 : 0;
        }
        return ok / (double) pred.length;
    }

    static double train(Architecture a) throws Exception {
        List<Sequence> train = GEN.generate(128, 1);
        List<Sequence> val = GEN.generate(32, 2);
        List<Sequence> test = GEN.generate(200, 3);
        try (HybridModel m = smallModel(a).build()) {
            long t0 = System.nanoTime();
            TrainingReport r = m.trainer().epochs(12).batchSize(16)
                    .validation(SequenceDataset.of(val))
                    .earlyStopping(EarlyStopping.of(TrainingMetric.VALIDATION_LOSS, 3))
                    .listener(new LoggingTrainingListener())
                    .fit(SequenceDataset.of(train));
            double acc = accuracy(m, test);
            System.out.printf("%s: test accuracy %.3f after %d epochs in %.1f s%n", a, acc, r.epochs().size(),
                    (System.nanoTime() - t0) / 1e9);
            return acc;
        }
    }

    @Test
    void hybridLearnsDirectionOfMotion() throws Exception {
        double acc = train(Architecture.HYBRID);
        assertTrue(acc >= 0.95, "hybrid test accuracy " + acc + ", expected >= 0.95");
    }

    @Test
    void cnnOnlyBaselineStaysNearChance() throws Exception {
        double acc = train(Architecture.CNN_ONLY);
        assertTrue(acc <= 0.65, "CNN-only test accuracy " + acc + ", expected near chance (<= 0.65)");
    }
}
