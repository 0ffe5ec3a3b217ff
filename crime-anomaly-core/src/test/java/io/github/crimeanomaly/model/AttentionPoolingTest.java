package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SequencePooling#ATTENTION}: a learned attention-weighted mean over the frames. */
class AttentionPoolingTest {

    private static final float TOL = 1e-5f;

    @Test
    void oneOutputPerSequenceThatWeighsEveryFrame() {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true)
                .sequencePooling(SequencePooling.ATTENTION).build();
             HybridModel mean = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true)
                     .sequencePooling(SequencePooling.MEAN).build()) {
            // tiny: dense 8 + LSTM 6 = 14 values per frame reach the head; the query has as many
            assertEquals(mean.summary().parameters() + 14, m.summary().parameters());
            assertTrue(m.summary().layers().stream().anyMatch(l -> l.type().startsWith("Attention pooling")
                    && l.outputShape().equals("14")), m.summary().layers().toString());
            float[][][] clips = ModelTestSupport.randomClips(2, 5, 64, 3);
            float[][][] frames = m.predictFrames(clips);
            for (int c = 0; c < clips.length; c++) {
                for (int t = 1; t < frames[c].length; t++) {
                    assertArrayEquals(frames[c][0], frames[c][t], TOL, "clip " + c + " frame " + t);
                }
                assertArrayEquals(frames[c][0], m.predictSequences(new float[][][] {clips[c]})[0], TOL);
            }
            // any frame moves the output, the first as much as the last
            for (int t : new int[] {0, 4}) {
                float[][][] changed = ModelTestSupport.randomClips(1, 5, 64, 3);
                changed[0][t] = ModelTestSupport.randomClips(1, 1, 64, 99)[0][0];
                float[] before = m.predictSequences(new float[][][] {clips[0]})[0];
                float[] after = m.predictSequences(changed)[0];
                assertFalse(Arrays.equals(before, after), "changing frame " + t + " left the output as it was");
            }
        }
    }

    @Test
    void needsAnLstmAndCannotStream() {
        String cnn = assertThrows(IllegalArgumentException.class, () -> ModelTestSupport.tiny(Architecture.CNN_ONLY)
                .sequencePooling(SequencePooling.ATTENTION).config()).getMessage();
        assertTrue(cnn.contains("sequencePooling ATTENTION needs an LSTM") && cnn.contains("CNN_ONLY"), cnn);
        try (HybridModel m = ModelTestSupport.tiny(Architecture.LSTM_ONLY).sequencePooling(SequencePooling.ATTENTION).build()) {
            String msg = assertThrows(IllegalStateException.class, m::streamingPredictor).getMessage();
            assertTrue(msg.contains("ATTENTION") && msg.contains("windowPredictor"), msg);
        }
    }

    @Test
    void trainsSavesAndLoadsExactly(@TempDir Path dir) throws Exception {
        for (Architecture a : new Architecture[] {Architecture.HYBRID, Architecture.LSTM_ONLY}) {
            try (HybridModel m = ModelTestSupport.tiny(a).bidirectional(true).sequencePooling(SequencePooling.ATTENTION).build()) {
                float[] before = m.network().params().toFloatVector();
                assertEquals("", ModelTestSupport.printedWhile(() -> m.trainer().epochs(1).batchSize(4)
                        .fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)))), a + ": printed while training");
                assertFalse(Arrays.equals(before, m.network().params().toFloatVector()), a + ": training moved no weight");
                float[][][] clips = ModelTestSupport.randomClips(3, 4, 64, 9);
                try (HybridModel loaded = ModelTestSupport.assertRoundTrip(m, clips, dir.resolve(a + ".model"))) {
                    assertEquals(SequencePooling.ATTENTION, loaded.config().sequencePooling());
                }
            }
        }
    }

    @Test
    void findsTheOneFrameThatCarriesTheLabel() throws Exception {
        // Class 1: one bright frame at a random place among dim ones; class 0: all dim. The output
        // at every frame must see it, wherever it is.
        Random r = new Random(5);
        List<Sequence> train = new ArrayList<>();
        float[][][] test = new float[40][][];
        int[] truth = new int[40];
        for (int i = 0; i < 200; i++) {
            int label = i % 2;
            float[][] clip = ModelTestSupport.dimClip(r, label == 1);
            if (i < 160) {
                train.add(Sequence.labelled(clip, label));
            } else {
                test[i - 160] = clip;
                truth[i - 160] = label;
            }
        }
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).sequenceLength(6).skipConnection(true)
                .bidirectional(true).sequencePooling(SequencePooling.ATTENTION).learningRate(1e-2).build()) {
            m.trainer().epochs(15).batchSize(16).fit(SequenceDataset.of(train));
            int[] pred = m.predictClasses(test);
            int correct = 0;
            for (int i = 0; i < pred.length; i++) {
                correct += pred[i] == truth[i] ? 1 : 0;
            }
            assertTrue(correct >= 36, "correct " + correct + " of 40");
        }
    }
}
