package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.model.internal.NetworkFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link HybridModel#copyCnnAndHeadFrom}: the function-preserving warm start, after which the
 * hybrid predicts what the CNN-only model predicts until training moves it.
 */
class CnnHeadWarmStartTest {

    private static List<Sequence> train() {
        return ModelTestSupport.randomLabelled(12, 4, 64, 3, 5);
    }

    private static HybridModel.Builder hybrid() {
        return ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).sequencePooling(SequencePooling.MEAN);
    }

    private static float maxDifference(float[][] a, float[][] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    @Test
    void afterTheCopyTheHybridPredictsExactlyWhatTheCnnPredictsThenTheLstmJoinsIn() throws Exception {
        float[][][] clips = ModelTestSupport.randomClips(5, 4, 64, 21);
        for (boolean bi : new boolean[] {false, true}) {
            for (boolean twoStream : new boolean[] {false, true}) {
                String what = "bidirectional=" + bi + " twoStream=" + twoStream;
                try (HybridModel cnn = ModelTestSupport.tiny(Architecture.CNN_ONLY).seed(3).build();
                     HybridModel h = hybrid().bidirectional(bi).twoStream(twoStream).build()) {
                    cnn.trainer().epochs(2).batchSize(4).fit(SequenceDataset.of(train()));
                    float[][] expected = cnn.predictSequences(clips);
                    assertTrue(maxDifference(expected, h.predictSequences(clips)) > 1e-3, what + ": differs before");

                    h.copyCnnAndHeadFrom(cnn);

                    assertEquals(0f, maxDifference(expected, h.predictSequences(clips)), 1e-5f, what);
                    float[][][] perFrame = cnn.predictFrames(clips);
                    float[][][] hybridFrames = h.predictFrames(clips);
                    for (int c = 0; c < clips.length; c++) {
                        assertEquals(0f, maxDifference(perFrame[c], hybridFrames[c]), 1e-5f, what + " clip " + c);
                    }
                    // the output layer reads the CNN features with the CNN's weights, the LSTM with zeros
                    INDArray w = NetworkFactory.outputLayer(h.network()).getParam("W");
                    INDArray src = NetworkFactory.outputLayer(cnn.network()).getParam("W");
                    long k = src.size(0);
                    assertArrayEquals(src.dup().data().asFloat(),
                            w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup().data().asFloat(), 0f, what);
                    assertEquals(0.0, w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, w.size(0)),
                            org.nd4j.linalg.indexing.NDArrayIndex.all()).norm1Number().doubleValue(), 0.0, what);

                    // training moves the weights that read the LSTM away from zero
                    h.trainer().epochs(1).batchSize(4).fitNormalization(false).fit(SequenceDataset.of(train()));
                    INDArray after = NetworkFactory.outputLayer(h.network()).getParam("W");
                    assertTrue(after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, after.size(0)),
                            org.nd4j.linalg.indexing.NDArrayIndex.all()).norm1Number().doubleValue() > 0, what);
                    assertTrue(maxDifference(expected, h.predictSequences(clips)) > 1e-4, what + ": did not train");
                }
            }
        }
    }

    @Test
    void refusesModelsWhoseOutputCannotBeCopied() {
        try (HybridModel cnn = ModelTestSupport.tiny(Architecture.CNN_ONLY).build();
             HybridModel noSkip = ModelTestSupport.tiny(Architecture.HYBRID).sequencePooling(SequencePooling.MEAN).build();
             HybridModel last = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true)
                     .sequencePooling(SequencePooling.LAST).build();
             HybridModel ok = hybrid().build();
             HybridModel otherHybrid = hybrid().build();
             HybridModel twoClasses = ModelTestSupport.tiny(Architecture.CNN_ONLY)
                     .classification(LabelEncoder.ofClasses(List.of("a", "b"))).build()) {
            String m1 = assertThrows(IllegalArgumentException.class, () -> noSkip.copyCnnAndHeadFrom(cnn)).getMessage();
            assertTrue(m1.contains("needs a HYBRID with a skip connection and MEAN pooling")
                    && m1.contains("HYBRID without a skip connection"), m1);
            String m2 = assertThrows(IllegalArgumentException.class, () -> last.copyCnnAndHeadFrom(cnn)).getMessage();
            assertTrue(m2.contains("LAST pooling"), m2);
            String m3 = assertThrows(IllegalArgumentException.class, () -> ok.copyCnnAndHeadFrom(otherHybrid))
                    .getMessage();
            assertTrue(m3.contains("needs a CNN_ONLY source, got HYBRID"), m3);
            String m4 = assertThrows(IllegalArgumentException.class, () -> ok.copyCnnAndHeadFrom(twoClasses))
                    .getMessage();
            assertTrue(m4.contains("expected a source with 3 outputs, found 2"), m4);
            // a refused copy leaves the hybrid as it was
            try (HybridModel wider = ModelTestSupport.tiny(Architecture.CNN_ONLY).dense(16).build()) {
                float[] before = ok.network().params().toFloatVector();
                String m5 = assertThrows(IllegalArgumentException.class, () -> ok.copyCnnAndHeadFrom(wider)).getMessage();
                assertTrue(m5.contains("expected an output layer reading more than 16 values"), m5);
                assertArrayEquals(before, ok.network().params().toFloatVector(), 0f);
            }
        }
    }
}
