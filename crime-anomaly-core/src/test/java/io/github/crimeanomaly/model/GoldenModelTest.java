package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file written by release 0.1.0 (format version 1) must keep loading and predicting the
 * same numbers. To regenerate after a deliberate format change (and bump the format version):
 * {@code mvn -o test -pl crime-anomaly-core -Dtest=GoldenModelTest -Dcrimeanomaly.writeGolden=<dir>}
 * writes {@code hybrid-v1.zip} and {@code hybrid-v1-expected.json} to that directory.
 */
class GoldenModelTest {

    private static final String DIR = "/io/github/crimeanomaly/model/golden/";

    @TempDir
    Path tmp;

    static float[][][] inputs() {
        return ModelTestSupport.randomClips(2, 4, 64, 2024);
    }

    /** The golden model resource {@code name}, copied to a temporary file. */
    private Path golden(String name) throws IOException {
        Path file = tmp.resolve(name);
        try (InputStream in = GoldenModelTest.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, "golden model resource missing: " + name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static JsonNode expectations(String name) throws IOException {
        try (InputStream in = GoldenModelTest.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, "golden expectations missing: " + name);
            return Json.mapper().readTree(in);
        }
    }

    /** Writes golden files into a folder. */
    @FunctionalInterface
    private interface GoldenWriter {
        void write(Path dir) throws IOException;
    }

    /** Runs {@code writer} into the folder {@code -Dcrimeanomaly.writeGolden} names, if it names one. */
    private static void writeIfAsked(GoldenWriter writer) throws IOException {
        String out = System.getProperty("crimeanomaly.writeGolden");
        if (out != null && !out.isBlank()) {
            writer.write(Path.of(out));
        }
    }

    /** {@code m}'s predictions for {@link #inputs()} are the golden file's, to 1e-5. */
    private static void assertPredictsAsExpected(HybridModel m, JsonNode expected) throws IOException {
        float[][] p = m.predictSequences(inputs());
        for (int i = 0; i < p.length; i++) {
            float[] e = Json.mapper().treeToValue(expected.get("sequenceOutputs").get(i), float[].class);
            assertArrayEquals(e, p[i], 1e-5f, "clip " + i);
        }
    }

    @Test
    void goldenModelStillLoadsAndPredictsTheSame() throws IOException {
        writeIfAsked(GoldenModelTest::writeGolden);
        Path file = golden("hybrid-v1.zip");
        JsonNode expected = expectations("hybrid-v1-expected.json");
        try (HybridModel m = HybridModel.load(file)) {
            assertEquals(Architecture.HYBRID, m.architecture());
            assertEquals(expected.get("classes").toString(), Json.mapper().valueToTree(m.labels().orElseThrow().classes()).toString());
            assertEquals(0.5, m.metadata().get("thresholds").get("anomaly").asDouble());
            assertPredictsAsExpected(m, expected);
        }
    }

    /**
     * A multiple-instance hybrid saved when its pooling still computed through SameDiff (before the
     * native {@code InstancePoolingLayer}): the native layer reads the same parameters and gives the
     * same outputs.
     */
    @Test
    void multipleInstanceModelSavedWithTheSameDiffLayerLoadsAndPredictsTheSame() throws IOException {
        writeIfAsked(GoldenModelTest::writeGoldenMultipleInstance);
        Path file = golden("hybrid-mil-v1.zip");
        JsonNode expected = expectations("hybrid-mil-v1-expected.json");
        try (HybridModel m = HybridModel.load(file)) {
            assertEquals(SequencePooling.MULTIPLE_INSTANCE, m.config().sequencePooling());
            assertEquals(1, m.config().instanceClass());
            assertEquals(2.0, m.config().instanceSharpness());
            assertPredictsAsExpected(m, expected);
            // and it keeps training from where it was saved
            m.trainer().epochs(1).batchSize(4).fit(SequenceDataset.of(twoClassLabelled()));
        }
    }

    /**
     * An attention-pooling hybrid saved when its pooling still computed through SameDiff (before the
     * native {@code AttentionPoolingLayer}): the native layer reads the same parameters and gives the
     * same outputs.
     */
    @Test
    void attentionModelSavedWithTheSameDiffLayerLoadsAndPredictsTheSame() throws IOException {
        writeIfAsked(GoldenModelTest::writeGoldenAttention);
        Path file = golden("hybrid-attention-v1.zip");
        JsonNode expected = expectations("hybrid-attention-v1-expected.json");
        try (HybridModel m = HybridModel.load(file)) {
            assertEquals(SequencePooling.ATTENTION, m.config().sequencePooling());
            assertPredictsAsExpected(m, expected);
            m.trainer().epochs(1).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)));
        }
    }

    private static void writeGoldenAttention(Path dir) throws IOException {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true)
                .sequencePooling(SequencePooling.ATTENTION).build()) {
            m.trainer().epochs(2).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)));
            writeGoldenFiles(m, dir, "hybrid-attention-v1");
        }
    }

    /** Saves {@code m} as {@code name.zip} and its predictions for {@link #inputs()} as {@code name-expected.json}. */
    private static void writeGoldenFiles(HybridModel m, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        m.save(dir.resolve(name + ".zip"));
        ObjectNode exp = Json.mapper().createObjectNode();
        ArrayNode outs = exp.putArray("sequenceOutputs");
        for (float[] row : m.predictSequences(inputs())) {
            outs.add(Json.mapper().valueToTree(row));
        }
        Files.write(dir.resolve(name + "-expected.json"), Json.mapper().writeValueAsBytes(exp));
    }

    private static java.util.List<Sequence> twoClassLabelled() {
        return ModelTestSupport.randomLabelled(8, 4, 64, 2, 5);
    }

    private static void writeGoldenMultipleInstance(Path dir) throws IOException {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID)
                .classification(io.github.crimeanomaly.data.LabelEncoder.ofClasses(java.util.List.of("calm", "event")))
                .skipConnection(true).multipleInstancePooling(1, 2.0).build()) {
            m.trainer().epochs(2).batchSize(4).fit(SequenceDataset.of(twoClassLabelled()));
            writeGoldenFiles(m, dir, "hybrid-mil-v1");
        }
    }

    private static void writeGolden(Path dir) throws IOException {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            m.trainer().epochs(1).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)));
            m.putMetadata("thresholds", Json.mapper().createObjectNode().put("anomaly", 0.5));
            Files.createDirectories(dir);
            m.save(dir.resolve("hybrid-v1.zip"));
            ObjectNode exp = Json.mapper().createObjectNode();
            exp.set("classes", Json.mapper().valueToTree(m.labels().orElseThrow().classes()));
            ArrayNode outs = exp.putArray("sequenceOutputs");
            for (float[] row : m.predictSequences(inputs())) {
                outs.add(Json.mapper().valueToTree(row));
            }
            Files.write(dir.resolve("hybrid-v1-expected.json"), Json.mapper().writeValueAsBytes(exp));
        }
    }
}
