package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hybrid with a skip connection (per-frame features concatenated with the LSTM output). */
class SkipConnectionTest {

    @Test
    void headSeesFeaturesAndLstmOutput() {
        try (HybridModel plain = ModelTestSupport.tiny(Architecture.HYBRID).build();
             HybridModel skip = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).build()) {
            // tiny: dense 8, LSTM 6, 3 classes; the skip head has 8 more inputs per class
            assertEquals(plain.summary().parameters() + 8L * 3, skip.summary().parameters());
            ModelSummary s = skip.summary();
            assertEquals(skip.network().numParams(), s.parameters());
            assertTrue(s.layers().stream().anyMatch(l -> l.type().startsWith("Concat") && l.outputShape().equals("14")),
                    s.layers().toString());
            assertTrue(s.layers().stream().anyMatch(l -> l.type().equals("LSTM")), s.layers().toString());
            assertEquals(4, skip.predictFrames(ModelTestSupport.randomClips(2, 4, 64, 1))[0].length);
        }
    }

    @Test
    void onlyTheHybridWithADenseProjectionTakesIt() {
        String cnn = assertThrows(IllegalArgumentException.class,
                () -> ModelTestSupport.tiny(Architecture.CNN_ONLY).skipConnection(true).config()).getMessage();
        assertTrue(cnn.contains("skipConnection must be false for CNN_ONLY"), cnn);
        String lstm = assertThrows(IllegalArgumentException.class,
                () -> ModelTestSupport.tiny(Architecture.LSTM_ONLY).skipConnection(true).config()).getMessage();
        assertTrue(lstm.contains("skipConnection must be false for LSTM_ONLY"), lstm);
        String dense = assertThrows(IllegalArgumentException.class,
                () -> ModelTestSupport.tiny(Architecture.HYBRID).dense(0).skipConnection(true).config()).getMessage();
        assertTrue(dense.contains("skipConnection needs a dense projection"), dense);
        ModelConfig cfg = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).config();
        assertFalse(cfg.withArchitecture(Architecture.CNN_ONLY).skipConnection());
        assertTrue(cfg.withArchitecture(Architecture.HYBRID).skipConnection());
    }

    @Test
    void trainsSavesLoadsAndStreamsExactly(@TempDir Path dir) throws Exception {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).build()) {
            assertTrue(ModelTestSupport.assertTrainsSavesLoadsAndStreams(m, dir.resolve("skip.model")).skipConnection());
        }
    }

    @Test
    void learnsFromTheFrameAloneWhenTheLabelIsInEveryFrame() throws Exception {
        // Class = whether the frames are bright or dark: per-frame evidence the skip path carries
        // straight to the head; every frame is labelled.
        Random r = new Random(3);
        List<Sequence> train = new ArrayList<>();
        float[][][] test = new float[20][][];
        int[] truth = new int[20];
        for (int i = 0; i < 60; i++) {
            int label = i % 2;
            float[][] clip = new float[4][64];
            for (float[] f : clip) {
                for (int j = 0; j < 64; j++) {
                    f[j] = (label == 1 ? 0.6f : 0.2f) + 0.3f * r.nextFloat();
                }
            }
            if (i < 40) {
                int[] fl = new int[4];
                java.util.Arrays.fill(fl, label);
                train.add(Sequence.frameLabelled(clip, fl));
            } else {
                test[i - 40] = clip;
                truth[i - 40] = label;
            }
        }
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true)
                .sequencePooling(SequencePooling.MEAN).learningRate(1e-2).build()) {
            m.trainer().epochs(15).batchSize(8).fit(SequenceDataset.of(train));
            int[] pred = m.predictClasses(test);
            int correct = 0;
            for (int i = 0; i < pred.length; i++) {
                correct += pred[i] == truth[i] ? 1 : 0;
            }
            assertTrue(correct >= 18, "correct " + correct + " of 20");
        }
    }
}
