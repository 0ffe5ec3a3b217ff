package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.CrimeAnomaly;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.model.ModelFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    static HybridModel trained;
    static float[][][] clips = ModelTestSupport.randomClips(3, 5, 64, 21);

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        trained = ModelTestSupport.tiny(Architecture.HYBRID).build();
        trained.trainer().epochs(2).batchSize(4)
                .fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)));
        trained.putMetadata("thresholds", Json.mapper().createObjectNode().put("anomaly", 0.73));
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Test
    void saveLoadRoundTripReproducesPredictionsExactly() throws IOException {
        Path f = dir.resolve("model.zip");
        try (HybridModel loaded = ModelTestSupport.assertRoundTrip(trained, clips, f)) {
            assertEquals(0.73, loaded.metadata().get("thresholds").get("anomaly").asDouble());
            assertEquals(trained.labels(), loaded.labels());
            assertEquals(trained.provenance(), loaded.provenance());
            try (StreamingPredictor a = trained.streamingPredictor(); StreamingPredictor b = loaded.streamingPredictor()) {
                assertArrayEquals(a.next(clips[0][0]), b.next(clips[0][0]), 0f);
            }
        }
        try (ZipFile z = new ZipFile(f.toFile())) {
            JsonNode m = Json.mapper().readTree(z.getInputStream(z.getEntry("manifest.json")));
            assertEquals(1, m.get("formatVersion").asInt());
            assertEquals(HybridModel.KIND, m.get("kind").asText());
            assertEquals(CrimeAnomaly.VERSION, m.get("libraryVersion").asText());
            assertEquals(11, m.get("seed").asLong());
            assertEquals(trained.provenance().orElseThrow().datasetFingerprint(), m.get("datasetFingerprint").asText());
            assertEquals(64, m.get("payloadSha256").asText().length());
            assertTrue(m.has("java") && m.has("os") && m.has("arch") && m.has("trainedAt"), m.toString());
        }
    }

    @Test
    void saveIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("model.zip");
        Files.write(f, new byte[0]);
        trained.save(f);
        trained.save(f); // a file this library saved is replaced
        try (HybridModel loaded = HybridModel.load(f)) {
            assertEquals(trained.config(), loaded.config());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only model.zip must remain");
        }
        Path missingDir = dir.resolve("no/such/dir/model.zip");
        assertThrows(NoSuchFileException.class, () -> trained.save(missingDir));
    }

    @Test
    void neverReplacesAFileThisLibraryDidNotSave() throws IOException {
        // a user's CSV given as the target used to be replaced by the model without a word
        Path csv = dir.resolve("results.csv");
        Files.writeString(csv, "clip,score\n1,0.5\n");
        java.nio.file.FileAlreadyExistsException e = assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> trained.save(csv));
        assertEquals(csv + ": expected a new file or a model or detector saved by crime-anomaly to replace, found "
                + "another file; it is left as it was: delete it or save under another name", e.getMessage());
        assertEquals("clip,score\n1,0.5\n", Files.readString(csv));
        // ... nor a zip of someone else's
        Path zip = dir.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
            out.write("{\"kind\":\"someone-else\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] before = Files.readAllBytes(zip);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> trained.save(zip));
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(zip));
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        Path f = saved();
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length * 2 / 3));
        assertReason(f, Reason.CORRUPT_ARCHIVE, "truncated or corrupt");
    }

    @Test
    void rejectsNonZip() throws IOException {
        Path f = dir.resolve("model.zip");
        Files.writeString(f, "this is not a zip");
        assertReason(f, Reason.CORRUPT_ARCHIVE, "not a readable zip");
    }

    @Test
    void rejectsTamperedPayload() throws IOException {
        Path f = rewrite(saved(), (name, bytes) -> {
            if (name.equals("params.bin")) {
                byte[] c = bytes.clone();
                c[c.length - 1] ^= 1;
                return c;
            }
            return bytes;
        }, Map.of());
        assertReason(f, Reason.CHECKSUM_MISMATCH, "checksum mismatch");
    }

    @Test
    void rejectsAddedEntry() throws IOException {
        Path f = rewrite(saved(), (n, b) -> b, Map.of("extra.json", "{}".getBytes(StandardCharsets.UTF_8)));
        assertReason(f, Reason.CHECKSUM_MISMATCH, "the file was modified");
    }

    @Test
    void rejectsNewerFormat() throws IOException {
        Path f = rewriteManifest(saved(), m -> m.put("formatVersion", 99));
        assertReason(f, Reason.NEWER_FORMAT, "format version 99");
    }

    @Test
    void rejectsOtherKind() throws IOException {
        Path f = rewriteManifest(saved(), m -> m.put("kind", "crime-anomaly/video-anomaly-detector"));
        assertReason(f, Reason.WRONG_KIND, "expected a 'crime-anomaly/hybrid-model'");
    }

    @Test
    void rejectsParentDirectoryEntry() throws IOException {
        Path f = rewrite(saved(), (n, b) -> b, Map.of("../evil.txt", new byte[] {1}));
        assertReason(f, Reason.UNSAFE_ENTRY, "'../evil.txt'");
    }

    @Test
    void rejectsAbsoluteEntry() throws IOException {
        Path f = rewrite(saved(), (n, b) -> b, Map.of("/etc/evil", new byte[] {1}));
        assertReason(f, Reason.UNSAFE_ENTRY, "'/etc/evil'");
    }

    @Test
    void rejectsInvalidConfigurationEvenWithMatchingChecksum() throws IOException {
        // The checksum guards against corruption, not forgery: content is still validated.
        Path out = resigned(saved(), payload -> {
            ObjectNode cfg = (ObjectNode) Json.mapper().readTree(payload.get("config.json"));
            cfg.put("sequenceLength", -3);
            payload.put("config.json", Json.mapper().writeValueAsBytes(cfg));
        });
        assertReason(out, Reason.INVALID_CONTENT, "sequenceLength must be >= 2 for HYBRID, got -3");
    }

    /**
     * A forged configuration asking for a network of billions of weights is refused from the
     * configuration and the size of its weights alone: the network is never allocated (this used to
     * take 7.8 GB, or fail in native code with "std::bad_alloc").
     */
    @Test
    void rejectsAConfigurationFarLargerThanItsWeightsBeforeAllocatingIt() throws IOException {
        Path out = resigned(saved(), payload -> {
            ObjectNode cfg = (ObjectNode) Json.mapper().readTree(payload.get("config.json"));
            ((ObjectNode) cfg.get("cnnBlocks").get(0)).put("filters", 1_000_000_000);
            payload.put("config.json", Json.mapper().writeValueAsBytes(cfg));
        });
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> HybridModel.load(out));
        assertEquals(Reason.INVALID_CONTENT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().matches(".*: expected \\d{10,} parameters for the stored configuration \\(an entry of "
                + "\\d+ bytes\\), found " + trained.summary().parameters() + " in an entry of "
                + (16 + 4 * trained.summary().parameters()) + " bytes"), e.getMessage());
    }

    /** NaN weights with a matching checksum (a diverged training saved as is, or a crafted file) are refused at load. */
    @Test
    void rejectsNonFiniteWeightsEvenWithMatchingChecksum() throws IOException {
        Path out = resigned(saved(), payload -> {
            byte[] params = payload.get("params.bin").clone();
            java.nio.ByteBuffer.wrap(params).putFloat(16 + 4 * 7, Float.NaN);
            payload.put("params.bin", params);
        });
        assertReason(out, Reason.INVALID_CONTENT, "parameter 7 of " + trained.summary().parameters()
                + " is NaN, expected finite weights");
    }

    interface PayloadEdit {
        void apply(Map<String, byte[]> payload) throws IOException;
    }

    /** {@code f} with its payload edited and the manifest's checksum made to match again (a forgery). */
    private Path resigned(Path f, PayloadEdit edit) throws IOException {
        Map<String, byte[]> payload = new java.util.TreeMap<>();
        try (ZipFile z = new ZipFile(f.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (!e.getName().equals("manifest.json")) {
                    payload.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        edit.apply(payload);
        String sum = io.github.crimeanomaly.model.internal.ModelArchive.checksum(payload);
        return rewrite(f, (name, bytes) -> name.equals("manifest.json")
                ? Json.mapper().writeValueAsBytes(((ObjectNode) Json.mapper().readTree(bytes)).put("payloadSha256", sum))
                : payload.get(name), Map.of());
    }

    @Test
    void rejectsMissingManifest() throws IOException {
        Path f = dir.resolve("foreign.zip");
        writeZip(f, Map.of("hello.txt", new byte[] {1}));
        assertReason(f, Reason.MISSING_ENTRY, "no manifest.json");
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> HybridModel.load(dir.resolve("absent.zip")));
    }

    @Test
    void aFolderIsNamedAsOneNotAsAMissingFile() {
        assertReason(dir, Reason.CORRUPT_ARCHIVE, "expected a saved model file, found a folder: " + dir);
    }

    private Path saved() throws IOException {
        Path f = dir.resolve("model.zip");
        trained.save(f);
        return f;
    }

    private static void assertReason(Path f, Reason reason, String messagePart) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> HybridModel.load(f));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    interface EntryEdit {
        byte[] apply(String name, byte[] bytes) throws IOException;
    }

    private Path rewrite(Path f, EntryEdit edit, Map<String, byte[]> extra) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(f.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), edit.apply(e.getName(), z.getInputStream(e).readAllBytes()));
            }
        }
        entries.putAll(extra);
        Path out = dir.resolve("edited.zip");
        writeZip(out, entries);
        return out;
    }

    private Path rewriteManifest(Path f, UnaryOperator<ObjectNode> edit) throws IOException {
        return rewrite(f, (name, bytes) -> name.equals("manifest.json")
                ? Json.mapper().writeValueAsBytes(edit.apply((ObjectNode) Json.mapper().readTree(bytes)))
                : bytes, Map.of());
    }

    private static void writeZip(Path f, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        try (OutputStream os = Files.newOutputStream(f)) {
            os.write(bos.toByteArray());
        }
        assertFalse(entries.isEmpty());
    }
}
