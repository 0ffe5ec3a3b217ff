package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridModelBuilderTest {

    private static final LabelEncoder AB = LabelEncoder.ofClasses(List.of("a", "b"));

    @Test
    void rejectsInvalidFieldsNamingFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HybridModel.builder()
                .inputShape(120, 180, 2).sequenceLength(0).learningRate(-1).l2(Double.NaN).lstm(0)
                .classification(AB).config());
        String m = e.getMessage();
        assertTrue(m.contains("channels must be 1 (gray) or 3 (RGB), got 2"), m);
        assertTrue(m.contains("sequenceLength must be >= 2 for HYBRID, got 0"), m);
        assertTrue(m.contains("learningRate must be > 0 and finite, got -1.0"), m);
        assertTrue(m.contains("l2 must be >= 0 and finite, got NaN"), m);
        assertTrue(m.contains("lstmUnits[0] must be >= 1, got 0"), m);
    }

    @Test
    void aNetworkTooLargeToHoldIsRefusedNamingItsSizeBeforeAnyAllocation() {
        // it used to fail in native code: "RuntimeException: Allocation failed: [std::bad_alloc]"
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HybridModel.builder()
                .inputShape(12, 16, 1).cnnBlock(4, 3).dense(Integer.MAX_VALUE).lstm(4).classification(AB).build());
        assertTrue(e.getMessage().startsWith("expected a network of at most 2147483647 parameters, got "), e.getMessage());
        assertTrue(e.getMessage().endsWith("for input width 16, height 12, 1 channel: use a smaller input or layers"),
                e.getMessage());
    }

    @Test
    void rejectsMissingInputShapeAndHead() {
        String m = assertThrows(IllegalArgumentException.class, () -> HybridModel.builder().config()).getMessage();
        assertTrue(m.contains("height must be >= 1, got 0"), m);
        assertTrue(m.contains("head must be set"), m);
    }

    @Test
    void rejectsCnnThatShrinksFrameToNothing() {
        String m = assertThrows(IllegalArgumentException.class, () -> HybridModel.builder()
                .inputShape(8, 8, 1).cnnBlock(4, 3).cnnBlock(4, 3).cnnBlock(4, 3).cnnBlock(4, 3)
                .classification(AB).config()).getMessage();
        assertTrue(m.contains("shrink a frame of width 8, height 8 to nothing at block 3"), m);
    }

    @Test
    void rejectsBadCnnBlockAndBidirectionalCnnOnly() {
        String m = assertThrows(IllegalArgumentException.class, () -> new CnnBlock(0, 3, 1, 2, true, 1.5)).getMessage();
        assertTrue(m.contains("filters must be >= 1, got 0") && m.contains("dropout must be in [0, 1), got 1.5"), m);
        String m2 = assertThrows(IllegalArgumentException.class, () -> HybridModel.builder().inputShape(16, 16, 1)
                .architecture(Architecture.CNN_ONLY).bidirectional(true).classification(AB).config()).getMessage();
        assertTrue(m2.contains("bidirectional must be false for CNN_ONLY"), m2);
    }

    @Test
    void builderCannotChangeAfterBuild() {
        HybridModel.Builder b = ModelTestSupport.tiny(Architecture.HYBRID);
        try (HybridModel m = b.build()) {
            assertThrows(IllegalStateException.class, () -> b.seed(3));
            assertEquals(11, m.config().seed());
        }
    }

    @Test
    void defaultConfigurationFor120x180GraySummary() {
        try (HybridModel m = HybridModel.builder().inputShape(120, 180, 1).classification(AB).build()) {
            ModelSummary s = m.summary();
            // 4x4/4 conv, then two 3x3/2 convs: 120x180 -> 30x45 -> 15x23 -> 8x12.
            assertTrue(s.layers().stream().anyMatch(l -> l.outputShape().equals("32x8x12")), s.toString());
            long sumParams = s.layers().stream().mapToLong(ModelSummary.LayerSummary::parameters).sum();
            assertEquals(m.network().numParams(), s.parameters());
            assertEquals(sumParams, s.parameters());
            // conv1: 2 * 16 * 1 * 8 * 30 * 45 = 345,600 FLOPs
            assertEquals(345_600L, s.layers().get(0).flops());
            assertTrue(s.flopsPerFrame() > 2_000_000 && s.flopsPerFrame() < 3_000_000, s.toString());
            assertTrue(s.toString().contains("LSTM"), s.toString());
        }
    }

    @Test
    void architectureIsOneLineSwitch() {
        for (Architecture a : Architecture.values()) {
            try (HybridModel m = ModelTestSupport.tiny(a).build()) {
                assertEquals(a, m.architecture());
                boolean hasLstm = m.summary().layers().stream().anyMatch(l -> l.type().contains("LSTM"));
                boolean hasConv = m.summary().layers().stream().anyMatch(l -> l.type().startsWith("Convolution"));
                assertEquals(a.isRecurrent(), hasLstm, a + ": " + m.summary());
                assertEquals(a.usesCnn(), hasConv, a + ": " + m.summary());
                float[][] p = m.predictSequences(ModelTestSupport.randomClips(2, 4, 64, 1));
                assertEquals(3, p[0].length);
                assertEquals(1.0, p[0][0] + p[0][1] + p[0][2], 1e-5);
            }
        }
    }

    @Test
    void configRoundTripsThroughJson() throws Exception {
        ModelConfig c = ModelTestSupport.tiny(Architecture.LSTM_ONLY).bidirectional(true).config();
        String json = Json.mapper().writeValueAsString(c);
        assertEquals(c, Json.mapper().readValue(json, ModelConfig.class));
        ModelConfig r = HybridModel.builder().inputShape(32, 32, 3).regression(5).config();
        assertEquals(r, Json.mapper().readValue(Json.mapper().writeValueAsString(r), ModelConfig.class));
    }
}
