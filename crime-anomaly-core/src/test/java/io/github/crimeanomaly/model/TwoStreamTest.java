package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.internal.Json;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-stream hybrid: its LSTM also sees LSTM_ONLY's pooled frames (HybridModel.Builder#twoStream). */
class TwoStreamTest {

    @Test
    void theLstmSeesBothStreamsAndTheSkipPathTheCnnFeaturesAlone() {
        try (HybridModel skip = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).build();
             HybridModel two = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).twoStream(true).build()) {
            // tiny: 8x8 frames pooled 2x2 = 16 values, dense 8, LSTM 6, 3 classes. The second
            // stream adds its projection (16*8 + 8) and 8 more LSTM inputs (4 gates * 6 units * 8);
            // the head's inputs (8 CNN features + 6 LSTM outputs) do not change.
            long stream = 16L * 8 + 8;
            long lstmInputs = 4L * 6 * 8;
            assertEquals(skip.summary().parameters() + stream + lstmInputs, two.summary().parameters());
            ModelSummary s = two.summary();
            assertEquals(two.network().numParams(), s.parameters());
            assertTrue(s.layers().stream().anyMatch(l -> l.type().startsWith("AvgPool 2x2")), s.layers().toString());
            assertTrue(s.layers().stream().anyMatch(l -> l.type().startsWith("Subset") && l.outputShape().equals("8")),
                    "the skip path: the 8 CNN features: " + s.layers());
            assertTrue(s.layers().stream().anyMatch(l -> l.type().startsWith("Concat") && l.outputShape().equals("16")),
                    "per-frame features of both streams, 8 + 8: " + s.layers());
            assertTrue(s.layers().stream().anyMatch(l -> l.type().startsWith("Concat") && l.outputShape().equals("14")),
                    "the head: 8 CNN features + 6 LSTM outputs: " + s.layers());
            assertEquals(4, two.predictFrames(ModelTestSupport.randomClips(2, 4, 64, 1))[0].length);
        }
    }

    @Test
    void theSecondStreamChangesTheOutput() {
        float[][][] clips = ModelTestSupport.randomClips(3, 4, 64, 2);
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).twoStream(true).build()) {
            float[][][] before = m.predictFrames(clips);
            // zero the second stream's projection: the output must move, so the LSTM does read it
            org.deeplearning4j.nn.api.Layer dense = m.network().graph().getLayer("stream1");
            dense.paramTable().values().forEach(p -> p.assign(0));
            float[][][] after = m.predictFrames(clips);
            assertFalse(Arrays.deepEquals(before, after), "zeroing the second stream changed nothing");
        }
    }

    @Test
    void trainsSavesLoadsAndStreamsExactly(@TempDir Path dir) throws Exception {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).twoStream(true).build()) {
            assertTrue(ModelTestSupport.assertTrainsSavesLoadsAndStreams(m, dir.resolve("two-stream.model")).twoStream());
        }
    }

    @Test
    void aWarmStartCopiesTheCnnAndLeavesTheSecondStreamAlone() {
        try (HybridModel cnn = ModelTestSupport.tiny(Architecture.CNN_ONLY).seed(5).build();
             HybridModel two = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).twoStream(true).build()) {
            float[] stream = two.network().graph().getLayer("stream1").params().toFloatVector();
            two.copyCnnFrom(cnn);
            assertArrayEquals(cnn.network().stack().getLayer(0).params().toFloatVector(),
                    two.network().graph().getLayer("frame0").params().toFloatVector());
            assertArrayEquals(stream, two.network().graph().getLayer("stream1").params().toFloatVector());
        }
    }

    @Test
    void aConfigurationSavedBeforeTheFieldReadsAsOneStream() throws Exception {
        ModelConfig cfg = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).twoStream(true).config();
        ObjectNode json = Json.mapper().valueToTree(cfg);
        assertTrue(json.get("twoStream").asBoolean());
        json.remove("twoStream");
        ModelConfig old = Json.mapper().treeToValue(json, ModelConfig.class);
        assertFalse(old.twoStream());
        assertTrue(old.skipConnection());
    }

    @Test
    void onlyTheHybridWithADenseProjectionTakesIt() {
        for (Architecture a : new Architecture[] {Architecture.CNN_ONLY, Architecture.LSTM_ONLY}) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> ModelTestSupport.tiny(a).twoStream(true).config()).getMessage();
            assertTrue(msg.contains("twoStream must be false for " + a), msg);
        }
        String dense = assertThrows(IllegalArgumentException.class,
                () -> ModelTestSupport.tiny(Architecture.HYBRID).dense(0).twoStream(true).config()).getMessage();
        assertTrue(dense.contains("twoStream needs a dense projection"), dense);
        String pool = assertThrows(IllegalArgumentException.class,
                () -> ModelTestSupport.tiny(Architecture.HYBRID).lstmOnlyPooling(16).twoStream(true).config()).getMessage();
        assertTrue(pool.contains("twoStream: lstmOnlyPooling 16 is larger than the frame (width 8, height 8)"), pool);
        ModelConfig cfg = ModelTestSupport.tiny(Architecture.HYBRID).twoStream(true).config();
        assertFalse(cfg.withArchitecture(Architecture.CNN_ONLY).twoStream());
        assertTrue(cfg.withArchitecture(Architecture.HYBRID).twoStream());
    }
}
