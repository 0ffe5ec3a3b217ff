package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.internal.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dropout on the hybrid's skip path only (HybridModel.Builder#skipDropout). */
class SkipDropoutTest {

    /** A hybrid with a skip connection and no other dropout, so that only the skip path can drop. */
    private static HybridModel.Builder hybrid(double skipDropout) {
        return HybridModel.builder()
                .inputShape(8, 8, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, true, 0))
                .dense(8).lstm(6)
                .classification(LabelEncoder.ofClasses(List.of("a", "b", "c")))
                .seed(11)
                .architecture(Architecture.HYBRID)
                .skipConnection(true)
                .skipDropout(skipDropout);
    }

    @Test
    void dropsOnlyInTrainingAndAddsNoParameter() {
        float[][][] clips = ModelTestSupport.randomClips(4, 4, 64, 5);
        try (HybridModel plain = hybrid(0).build(); HybridModel dropped = hybrid(0.5).build()) {
            assertEquals(plain.summary().parameters(), dropped.summary().parameters());
            assertTrue(dropped.summary().layers().stream().anyMatch(l -> l.type().equals("Dropout")),
                    dropped.summary().layers().toString());
            dropped.network().setParams(plain.network().params());
            // prediction: the dropout layer is the identity, so the same weights give the same output
            float[][][] a = plain.predictFrames(clips);
            float[][][] b = dropped.predictFrames(clips);
            for (int i = 0; i < a.length; i++) {
                for (int t = 0; t < a[i].length; t++) {
                    assertArrayEquals(a[i][t], b[i][t], 1e-6f, "clip " + i + " frame " + t);
                }
            }
            // training-mode forward passes: deterministic without it, random with it
            INDArray in = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 64, 4);
            INDArray p1 = plain.network().output(in, true);
            INDArray p2 = plain.network().output(in, true);
            assertEquals(p1, p2, "no dropout anywhere, yet two training passes differ");
            INDArray d1 = dropped.network().output(in, true);
            INDArray d2 = dropped.network().output(in, true);
            assertFalse(d1.equalsWithEps(d2, 1e-6), "skip dropout 0.5 dropped nothing in training");
        }
    }

    @Test
    void trainsSavesAndLoadsWithItsSetting(@TempDir Path dir) throws Exception {
        try (HybridModel m = hybrid(0.5).build()) {
            float[] before = m.network().params().toFloatVector();
            m.trainer().epochs(1).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)));
            assertFalse(Arrays.equals(before, m.network().params().toFloatVector()), "training moved no weight");
            try (HybridModel loaded = ModelTestSupport.assertRoundTrip(m, ModelTestSupport.randomClips(3, 4, 64, 9),
                    dir.resolve("skip-dropout.model"))) {
                assertEquals(0.5, loaded.config().skipDropout());
            }
        }
    }

    @Test
    void aConfigurationSavedBeforeTheFieldReadsAsNone() throws Exception {
        ModelConfig cfg = hybrid(0.25).config();
        ObjectNode json = Json.mapper().valueToTree(cfg);
        assertEquals(0.25, json.get("skipDropout").asDouble());
        json.remove("skipDropout");
        ModelConfig old = Json.mapper().treeToValue(json, ModelConfig.class);
        assertEquals(0.0, old.skipDropout());
        assertTrue(old.skipConnection());
    }

    @Test
    void refusesValuesOutsideZeroToOneAndAMissingSkipConnection() {
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            String msg = assertThrows(IllegalArgumentException.class, () -> hybrid(bad).config()).getMessage();
            assertTrue(msg.contains("skipDropout must be in [0, 1), got " + bad), msg);
        }
        String none = assertThrows(IllegalArgumentException.class,
                () -> hybrid(0.5).skipConnection(false).config()).getMessage();
        assertTrue(none.contains("skipDropout needs a skip connection"), none);
        ModelConfig cfg = hybrid(0.5).config();
        assertEquals(0.0, cfg.withArchitecture(Architecture.CNN_ONLY).skipDropout());
        assertEquals(0.5, cfg.withArchitecture(Architecture.HYBRID).skipDropout());
    }
}
