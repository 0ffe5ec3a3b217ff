package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.internal.Network;
import io.github.crimeanomaly.model.internal.NetworkFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link HybridModel#copyCnnFrom}: the CNN warm start of a hybrid from a trained CNN-only model. */
class CnnWarmStartTest {

    /** Every per-frame layer's parameters, by layer and name, as float arrays. */
    private static List<Map<String, float[]>> frameParams(HybridModel m) {
        return NetworkFactory.frameLayers(m.config(), m.network()).stream()
                .map(l -> {
                    Map<String, float[]> out = new java.util.TreeMap<>();
                    l.paramTable().forEach((k, v) -> out.put(k, v.dup().data().asFloat()));
                    return out;
                }).toList();
    }

    /** The per-frame features (the dense projection's output) for {@code x} = {@code [mb, C*H*W, t]}. */
    private static float[] features(HybridModel m, INDArray x) {
        Network net = m.network();
        INDArray f;
        int n = NetworkFactory.frameLayers(m.config(), net).size();
        if (net.stack() != null) {
            f = net.stack().feedForwardToLayer(n - 1, x, false).get(n);
        } else {
            net.graph().clear();
            f = net.graph().feedForward(x, false).get("frame" + (n - 1)); // [mb * t, dense], as in the stack
            net.graph().clear();
        }
        return f.dup().data().asFloat();
    }

    private static List<Sequence> train() {
        return ModelTestSupport.randomLabelled(12, 4, 64, 3, 5);
    }

    @Test
    void copiesEveryCnnParameterAndTheNormalisationIntoAHybrid() throws Exception {
        for (boolean skip : new boolean[] {false, true}) {
            try (HybridModel cnn = ModelTestSupport.tiny(Architecture.CNN_ONLY).seed(3).build();
                 HybridModel hybrid = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(skip).build()) {
                cnn.trainer().epochs(2).batchSize(4).fit(SequenceDataset.of(train()));
                List<Map<String, float[]>> before = frameParams(hybrid);
                float[] lstmBefore = hybrid.network().params().toFloatVector();
                assertNotEquals(cnn.normalization(), hybrid.normalization());

                hybrid.copyCnnFrom(cnn);

                List<Map<String, float[]>> src = frameParams(cnn);
                List<Map<String, float[]>> dst = frameParams(hybrid);
                assertEquals(src.size(), dst.size());
                int copied = 0;
                for (int i = 0; i < src.size(); i++) {
                    assertEquals(src.get(i).keySet(), dst.get(i).keySet(), "layer " + i);
                    for (String k : src.get(i).keySet()) {
                        assertArrayEquals(src.get(i).get(k), dst.get(i).get(k), 0f, "layer " + i + " " + k);
                        assertFalse(java.util.Arrays.equals(before.get(i).get(k), dst.get(i).get(k)),
                                "skip=" + skip + " layer " + i + " " + k + " did not change");
                        copied++;
                    }
                }
                assertTrue(copied >= 5, "copied " + copied + " parameter arrays"); // conv W, BN x4, dense W, b
                assertEquals(cnn.normalization(), hybrid.normalization());

                // the per-frame features are the source's; the recurrent part and head are the hybrid's own
                float[][][] clips = ModelTestSupport.randomClips(2, 4, 64, 9);
                float[] flat = new float[2 * 4 * 64];
                for (int b = 0; b < 2; b++) {
                    for (int t = 0; t < 4; t++) {
                        System.arraycopy(clips[b][t], 0, flat, (b * 4 + t) * 64, 64);
                    }
                }
                try (INDArray seq = Nd4j.create(flat, new long[] {2, 4, 64}, 'c')) {
                    INDArray x = seq.permute(0, 2, 1).dup('c');
                    assertArrayEquals(features(cnn, x), features(hybrid, x), 1e-6f, "skip=" + skip);
                }
                long frameCount = src.stream().mapToLong(m -> m.values().stream().mapToLong(a -> a.length).sum()).sum();
                float[] after = hybrid.network().params().toFloatVector();
                int unchanged = 0;
                for (int i = 0; i < after.length; i++) {
                    unchanged += after[i] == lstmBefore[i] ? 1 : 0;
                }
                assertTrue(unchanged >= after.length - frameCount,
                        "only the " + frameCount + " per-frame parameters may change, " + (after.length - unchanged)
                                + " did");
                // and it trains on from there
                hybrid.trainer().epochs(1).batchSize(4).fitNormalization(false).fit(SequenceDataset.of(train()));
                assertEquals(cnn.normalization(), hybrid.normalization());
            }
        }
    }

    @Test
    void aFrozenCnnKeepsItsWeightsWhileTheLstmAndHeadLearn() throws Exception {
        for (boolean skip : new boolean[] {false, true}) {
            try (HybridModel cnn = ModelTestSupport.tiny(Architecture.CNN_ONLY).seed(3).build();
                 HybridModel hybrid = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(skip).build()) {
                cnn.trainer().epochs(2).batchSize(4).fit(SequenceDataset.of(train()));
                hybrid.copyCnnFrom(cnn);
                List<Map<String, float[]>> frozen = frameParams(hybrid);
                float[] before = hybrid.network().params().toFloatVector();

                hybrid.trainer().epochs(2).batchSize(4).fitNormalization(false).freezeFrameLayers(true)
                        .keepBestWeights(false).fit(SequenceDataset.of(train()));

                List<Map<String, float[]>> after = frameParams(hybrid);
                int trainable = 0;
                for (int i = 0; i < frozen.size(); i++) {
                    for (String k : frozen.get(i).keySet()) {
                        assertArrayEquals(frozen.get(i).get(k), after.get(i).get(k), 0f,
                                "skip=" + skip + " frozen layer " + i + " " + k + " changed");
                        trainable++;
                    }
                }
                assertTrue(trainable >= 5, "checked " + trainable + " per-frame arrays"); // conv W, BN x4, dense W, b
                long frameCount = frozen.stream().mapToLong(m -> m.values().stream().mapToLong(a -> a.length).sum()).sum();
                float[] now = hybrid.network().params().toFloatVector();
                int changed = 0;
                for (int i = 0; i < now.length; i++) {
                    changed += now[i] != before[i] ? 1 : 0;
                }
                assertTrue(changed > (now.length - frameCount) / 2,
                        "skip=" + skip + ": the LSTM and head must learn; " + changed + " of "
                                + (now.length - frameCount) + " of their parameters changed");

                // unfrozen, the same training moves the CNN too
                hybrid.trainer().epochs(1).batchSize(4).fitNormalization(false).keepBestWeights(false)
                        .fit(SequenceDataset.of(train()));
                assertFalse(java.util.Arrays.equals(frozen.get(0).get("W"), frameParams(hybrid).get(0).get("W")),
                        "skip=" + skip + ": without freezing the first convolution must train");
            }
        }
    }

    @Test
    void rejectsAnotherCnnNamingExpectedAndFoundShapes() {
        try (HybridModel hybrid = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).build();
             HybridModel wider = ModelTestSupport.tiny(Architecture.CNN_ONLY).cnnBlock(new CnnBlock(4, 3, 1, 2, true, 0.1))
                     .build();
             HybridModel denser = HybridModel.builder().inputShape(8, 8, 1).sequenceLength(4)
                     .cnnBlock(new CnnBlock(4, 3, 1, 2, true, 0.1)).dense(16)
                     .classification(io.github.crimeanomaly.data.LabelEncoder.ofClasses(List.of("a", "b", "c")))
                     .architecture(Architecture.CNN_ONLY).build();
             HybridModel otherFormat = HybridModel.builder().inputShape(16, 4, 1).sequenceLength(4)
                     .cnnBlock(new CnnBlock(4, 3, 1, 2, true, 0.1)).dense(8)
                     .classification(io.github.crimeanomaly.data.LabelEncoder.ofClasses(List.of("a", "b", "c")))
                     .architecture(Architecture.CNN_ONLY).build();
             HybridModel lstmOnly = ModelTestSupport.tiny(Architecture.LSTM_ONLY).build()) {
            float[] before = hybrid.network().params().toFloatVector();

            String blocks = assertThrows(IllegalArgumentException.class, () -> hybrid.copyCnnFrom(wider)).getMessage();
            assertTrue(blocks.contains("expected [0 ConvolutionLayer {W=[4, 1, 3, 3]}"), blocks);
            assertTrue(blocks.contains("found [0 ConvolutionLayer {W=[4, 1, 3, 3]}"), blocks);
            assertTrue(blocks.contains("W=[4, 4, 3, 3]"), blocks); // the second block, found only

            String dense = assertThrows(IllegalArgumentException.class, () -> hybrid.copyCnnFrom(denser)).getMessage();
            assertTrue(dense.contains("DenseLayer {W=[64, 8], b=[8]}]"), dense);
            assertTrue(dense.contains("DenseLayer {W=[64, 16], b=[16]}]"), dense);
            assertTrue(dense.indexOf("[64, 8]") < dense.indexOf("found"), dense);

            String format = assertThrows(IllegalArgumentException.class,
                    () -> hybrid.copyCnnFrom(otherFormat)).getMessage();
            assertTrue(format.contains("expected a source with frames of " + hybrid.frameFormat()), format);
            assertTrue(format.contains("found " + otherFormat.frameFormat()), format);

            String noCnn = assertThrows(IllegalArgumentException.class, () -> hybrid.copyCnnFrom(lstmOnly)).getMessage();
            assertTrue(noCnn.contains("got LSTM_ONLY"), noCnn);
            String intoLstm = assertThrows(IllegalArgumentException.class,
                    () -> lstmOnly.copyCnnFrom(hybrid)).getMessage();
            assertTrue(intoLstm.contains("this one is LSTM_ONLY"), intoLstm);

            assertArrayEquals(before, hybrid.network().params().toFloatVector(), 0f, "a failed copy changed weights");
        }
    }

    @Test
    void aClosedModelCannotBeCopiedFrom() {
        HybridModel cnn = ModelTestSupport.tiny(Architecture.CNN_ONLY).build();
        cnn.close();
        try (HybridModel hybrid = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            assertThrows(IllegalStateException.class, () -> hybrid.copyCnnFrom(cnn));
            assertThrows(NullPointerException.class, () -> hybrid.copyCnnFrom(null));
        }
    }
}
