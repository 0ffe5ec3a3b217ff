package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.data.LabelEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SequencePooling#MULTIPLE_INSTANCE}: the clip's logit is a smooth maximum of the frames'. */
class MultipleInstancePoolingTest {

    private static final float TOL = 1e-5f;

    private static HybridModel.Builder twoClasses(Architecture a) {
        return ModelTestSupport.tiny(a).classification(LabelEncoder.ofClasses(List.of("calm", "event")));
    }

    @Test
    void oneOutputPerSequenceWithOneLogitPerFrameAndNoOutputWeights() {
        try (HybridModel m = twoClasses(Architecture.HYBRID).skipConnection(true).multipleInstancePooling(1, 2.0).build();
             HybridModel mean = twoClasses(Architecture.HYBRID).skipConnection(true)
                     .sequencePooling(SequencePooling.MEAN).build()) {
            // tiny: dense 8 + LSTM 6 = 14 values per frame reach the head. MEAN's output layer has
            // 14 x 2 weights and 2 biases; the pooling has 14 weights and 1 bias, and nothing follows it
            assertEquals(mean.summary().parameters() - 30 + 15, m.summary().parameters());
            assertTrue(m.summary().layers().stream().anyMatch(l -> l.type().startsWith("Multiple-instance pooling")),
                    m.summary().layers().toString());
            // the printed table keeps its columns under their headings with the longer layer name
            String[] table = m.summary().toString().split("\\R");
            int output = table[1].indexOf("output");
            String row = java.util.Arrays.stream(table).filter(l -> l.contains("Multiple-instance pooling")).findFirst()
                    .orElseThrow();
            assertTrue(row.substring(output).startsWith("2 "), String.join("\n", table));
            float[][][] clips = ModelTestSupport.randomClips(2, 5, 64, 3);
            float[][][] frames = m.predictFrames(clips);
            for (int c = 0; c < clips.length; c++) {
                for (int t = 1; t < frames[c].length; t++) {
                    assertArrayEquals(frames[c][0], frames[c][t], TOL, "clip " + c + " frame " + t);
                }
                assertEquals(1.0, frames[c][0][0] + frames[c][0][1], 1e-5);
                assertArrayEquals(frames[c][0], m.predictSequences(new float[][][] {clips[c]})[0], TOL);
            }
            for (int t : new int[] {0, 4}) {
                float[][][] changed = {clips[0].clone()};
                changed[0][t] = ModelTestSupport.randomClips(1, 1, 64, 99)[0][0];
                assertFalse(Arrays.equals(m.predictSequences(new float[][][] {clips[0]})[0], m.predictSequences(changed)[0]),
                        "changing frame " + t + " left the output as it was");
            }
        }
    }

    @Test
    void refusesWhatItCannotDoNamingIt() {
        String cnn = assertThrows(IllegalArgumentException.class, () -> twoClasses(Architecture.CNN_ONLY)
                .multipleInstancePooling(1, 1).config()).getMessage();
        assertTrue(cnn.contains("MULTIPLE_INSTANCE needs an LSTM") && cnn.contains("CNN_ONLY"), cnn);
        String three = assertThrows(IllegalArgumentException.class, () -> ModelTestSupport.tiny(Architecture.HYBRID)
                .multipleInstancePooling(1, 1).config()).getMessage();
        assertTrue(three.contains("needs a classifier of 2 classes"), three);
        String regression = assertThrows(IllegalArgumentException.class, () -> ModelTestSupport.tiny(Architecture.HYBRID)
                .regression(2).multipleInstancePooling(1, 1).config()).getMessage();
        assertTrue(regression.contains("needs a classifier of 2 classes"), regression);
        String cls = assertThrows(IllegalArgumentException.class, () -> twoClasses(Architecture.HYBRID)
                .multipleInstancePooling(2, 1).config()).getMessage();
        assertTrue(cls.contains("instanceClass 0 or 1") && cls.contains("got 2"), cls);
        String noClass = assertThrows(IllegalArgumentException.class, () -> twoClasses(Architecture.HYBRID)
                .sequencePooling(SequencePooling.MULTIPLE_INSTANCE).config()).getMessage();
        assertTrue(noClass.contains("instanceClass 0 or 1") && noClass.contains("got null"), noClass);
        for (double r : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String msg = assertThrows(IllegalArgumentException.class, () -> twoClasses(Architecture.HYBRID)
                    .multipleInstancePooling(1, r).config()).getMessage();
            assertTrue(msg.contains("instanceSharpness must be > 0 and finite") && msg.contains("got " + r), msg);
        }
        for (double lambda : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String msg = assertThrows(IllegalArgumentException.class, () -> twoClasses(Architecture.HYBRID)
                    .multipleInstancePooling(1, 4).instanceRegularization(lambda).config()).getMessage();
            assertTrue(msg.contains("instanceRegularization must be >= 0 and finite, got " + lambda), msg);
        }
        String notInstances = assertThrows(IllegalArgumentException.class, () -> twoClasses(Architecture.HYBRID)
                .instanceRegularization(0.1).config()).getMessage();
        assertTrue(notInstances.contains("are for MULTIPLE_INSTANCE pooling only")
                && notInstances.contains("instanceRegularization 0.1"), notInstances);
        // choosing another pooling afterwards drops the instance settings
        ModelConfig mean = twoClasses(Architecture.HYBRID).multipleInstancePooling(1, 1).instanceRegularization(0.1)
                .sequencePooling(SequencePooling.MEAN).config();
        assertNull(mean.instanceClass());
        assertEquals(0, mean.instanceSharpness());
        assertEquals(0, mean.instanceRegularization());
        try (HybridModel m = twoClasses(Architecture.LSTM_ONLY).multipleInstancePooling(0, 1).build()) {
            String msg = assertThrows(IllegalStateException.class, m::streamingPredictor).getMessage();
            assertTrue(msg.contains("MULTIPLE_INSTANCE") && msg.contains("windowPredictor"), msg);
        }
    }

    @Test
    void otherArchitecturesFallBackToTheirDefaultPooling() {
        ModelConfig c = twoClasses(Architecture.HYBRID).multipleInstancePooling(1, 3).config();
        assertEquals(SequencePooling.MULTIPLE_INSTANCE, c.sequencePooling());
        ModelConfig cnn = c.withArchitecture(Architecture.CNN_ONLY);
        assertEquals(SequencePooling.MEAN, cnn.sequencePooling());
        assertNull(cnn.instanceClass());
        ModelConfig lstm = c.withArchitecture(Architecture.LSTM_ONLY);
        assertEquals(SequencePooling.LAST, lstm.sequencePooling());
        assertEquals(0, lstm.instanceSharpness());
        assertEquals(c, c.withArchitecture(Architecture.HYBRID));
    }

    /** Trains, printing nothing to standard output (see {@link ModelTestSupport#printedWhile}). */
    @Test
    void trainsSavesAndLoadsExactly(@TempDir Path dir) throws Exception {
        for (Architecture a : new Architecture[] {Architecture.HYBRID, Architecture.LSTM_ONLY}) {
            double lambda = a == Architecture.HYBRID ? 0.25 : 0;
            try (HybridModel m = twoClasses(a).bidirectional(true).multipleInstancePooling(0, 4)
                    .instanceRegularization(lambda).build()) {
                float[] before = m.network().params().toFloatVector();
                assertEquals("", ModelTestSupport.printedWhile(() -> m.trainer().epochs(1).batchSize(4)
                        .fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 2, 5)))), a + ": printed while training");
                assertFalse(Arrays.equals(before, m.network().params().toFloatVector()), a + ": training moved no weight");
                float[][][] clips = ModelTestSupport.randomClips(3, 4, 64, 9);
                try (HybridModel loaded = ModelTestSupport.assertRoundTrip(m, clips, dir.resolve(a + ".model"))) {
                    assertEquals(SequencePooling.MULTIPLE_INSTANCE, loaded.config().sequencePooling());
                    assertEquals(0, loaded.config().instanceClass());
                    assertEquals(4.0, loaded.config().instanceSharpness());
                    assertEquals(lambda, loaded.config().instanceRegularization());
                }
            }
        }
    }

    /**
     * The frames' sparsity term pulls every frame's probability of the instance class down, so the
     * same model, data and seed trained with a strong weight must leave lower clip probabilities
     * of that class than without it (the exact gradient is checked in {@code PoolingGradientCheckTest}).
     */
    @Test
    void strongFrameRegularizationLowersTheInstanceClassProbabilities() throws Exception {
        float[][][] clips = ModelTestSupport.randomClips(6, 4, 64, 9);
        double[] meanP = new double[2];
        double[] lambdas = {0, 5};
        for (int i = 0; i < 2; i++) {
            try (HybridModel m = twoClasses(Architecture.LSTM_ONLY).learningRate(0.01).multipleInstancePooling(1, 4)
                    .instanceRegularization(lambdas[i]).build()) {
                m.trainer().epochs(5).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 2, 5)));
                for (float[] p : m.predictSequences(clips)) {
                    meanP[i] += p[1] / clips.length;
                }
            }
        }
        assertTrue(meanP[1] < meanP[0] - 0.05, "mean P(event) with lambda 5 " + meanP[1] + ", without " + meanP[0]);
    }

    /**
     * Event clips: one bright frame at a random place among dim ones; calm clips: all dim. Either
     * way round (the event as class 1 or as class 0), the model must learn that one frame makes the
     * clip an event.
     */
    @Test
    void findsTheOneFrameThatMakesTheClipAnEvent() throws Exception {
        for (int eventClass : new int[] {1, 0}) {
            Random r = new Random(5);
            List<Sequence> train = new ArrayList<>();
            float[][][] test = new float[40][][];
            int[] truth = new int[40];
            for (int i = 0; i < 200; i++) {
                boolean event = i % 2 == 1;
                int label = event ? eventClass : 1 - eventClass;
                float[][] clip = ModelTestSupport.dimClip(r, event);
                if (i < 160) {
                    train.add(Sequence.labelled(clip, label));
                } else {
                    test[i - 160] = clip;
                    truth[i - 160] = label;
                }
            }
            try (HybridModel m = twoClasses(Architecture.HYBRID).sequenceLength(6).skipConnection(true)
                    .bidirectional(true).multipleInstancePooling(eventClass, 2).learningRate(1e-2).build()) {
                m.trainer().epochs(15).batchSize(16).fit(SequenceDataset.of(train));
                int[] pred = m.predictClasses(test);
                int correct = 0;
                for (int i = 0; i < pred.length; i++) {
                    correct += pred[i] == truth[i] ? 1 : 0;
                }
                assertTrue(correct >= 36, "event class " + eventClass + ": correct " + correct + " of 40");
            }
        }
    }
}
