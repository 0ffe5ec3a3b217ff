package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.ConsoleProgressListener;
import io.github.crimeanomaly.model.EarlyStopping;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelRuntime;
import io.github.crimeanomaly.model.Sequence;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.TrainingMetric;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the hybrid CNN+LSTM and its two baselines on synthetic clips whose label is the
 * direction of a moving blob (left or right), which no single frame shows, and prints each
 * one's test accuracy. Comparing the three is a one-line change of the builder:
 * {@code .architecture(a)}.
 *
 * <pre>
 * java -cp 'crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/*' \
 *     io.github.crimeanomaly.examples.HybridVsBaselinesExample
 * </pre>
 */
public final class HybridVsBaselinesExample {

    private HybridVsBaselinesExample() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        ModelRuntime.setThreads(1);   // small models: one thread is fastest (see ModelRuntime)
        Map<Architecture, Double> acc = run(128, 200, 16, true);
        acc.forEach((a, v) -> System.out.printf(Locale.ROOT, "%-10s test accuracy %.3f%n", a, v));
    }

    /**
     * Trains each architecture and returns its test accuracy.
     *
     * @param trainClips synthetic training clips (32 more are used for validation)
     * @param testClips  synthetic test clips
     * @param epochs     maximum epochs (early stopping on validation loss, patience 2)
     * @param progress   whether to show a progress bar on stderr
     */
    public static Map<Architecture, Double> run(int trainClips, int testClips, int epochs, boolean progress)
            throws IOException {
        SyntheticMotionClips gen = new SyntheticMotionClips(16, 16, 6);
        List<Sequence> train = gen.generate(trainClips, 1);
        List<Sequence> val = gen.generate(32, 2);
        List<Sequence> test = gen.generate(testClips, 3);
        float[][][] testFrames = new float[test.size()][][];
        for (int i = 0; i < testFrames.length; i++) {
            testFrames[i] = new float[test.get(i).length()][];
            for (int t = 0; t < testFrames[i].length; t++) {
                testFrames[i][t] = test.get(i).frame(t);
            }
        }
        Map<Architecture, Double> out = new EnumMap<>(Architecture.class);
        for (Architecture a : Architecture.values()) {
            try (HybridModel model = HybridModel.builder()
                    .inputShape(16, 16, 1).sequenceLength(6)
                    .cnnBlock(new CnnBlock(8, 3, 1, 2, false, 0))
                    .dense(32).lstm(24)
                    .classification(SyntheticMotionClips.labels())
                    .learningRate(5e-3).l2(0).seed(7)
                    .architecture(a)                      // the one line that changes
                    .build()) {
                var trainer = model.trainer().epochs(epochs).batchSize(16)
                        .validation(SequenceDataset.of(val))
                        .earlyStopping(EarlyStopping.of(TrainingMetric.VALIDATION_LOSS, 2));
                if (progress) {
                    trainer.listener(ConsoleProgressListener.toStderr());
                }
                trainer.fit(SequenceDataset.of(train));
                int[] pred = model.predictClasses(testFrames);
                int ok = 0;
                for (int i = 0; i < pred.length; i++) {
                    ok += pred[i] == test.get(i).label() ? 1 : 0;
                }
                out.put(a, ok / (double) pred.length);
            }
        }
        return out;
    }
}
