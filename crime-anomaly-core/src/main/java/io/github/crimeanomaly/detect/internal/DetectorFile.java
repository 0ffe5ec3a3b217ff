package io.github.crimeanomaly.detect.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.CrimeAnomaly;
import io.github.crimeanomaly.detect.DetectorFormatException;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.internal.SafeZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The saved-detector file: one zip holding {@code manifest.json} (format name and version,
 * library version, detector type, when/where it was written, and the SHA-256 of every payload
 * entry) and the payload entries (JSON configuration and calibration, network parameters). No
 * Java serialization. Written atomically. Reading rejects foreign files, newer format versions,
 * other detector types, unexpected or path-like entry names and checksum mismatches with a
 * {@link DetectorFormatException}.
 */
public final class DetectorFile {

    /** The format name in the manifest. */
    public static final String FORMAT = "crime-anomaly-detector";
    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String MANIFEST = "manifest.json";
    /**
     * Most bytes the payload may inflate to, all entries together (the library's own files are at
     * most a few MB; 256 MiB holds about 60 million float weights), so that reading a crafted file
     * holds at most this much.
     */
    private static final long MAX_ENTRY_BYTES = 256L << 20;
    private static final int MAX_ENTRIES = 1024;

    /**
     * A read detector file.
     *
     * @param manifest the manifest
     * @param payload  entry name to bytes, checksums verified
     */
    public record Contents(JsonNode manifest, Map<String, byte[]> payload) {

        /** A payload entry parsed as JSON. */
        public JsonNode json(String entry) throws IOException {
            return Json.mapper().readTree(payload.get(entry));
        }
    }

    private DetectorFile() {
    }

    /** Writes a detector file atomically. */
    public static void write(Path file, String detectorType, Map<String, byte[]> payload) throws IOException {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("libraryVersion", CrimeAnomaly.VERSION);
        m.put("detectorType", detectorType);
        m.put("writtenAt", Instant.now().toString());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name"));
        m.put("arch", System.getProperty("os.arch"));
        ObjectNode sums = m.putObject("sha256");
        payload.forEach((k, v) -> sums.put(k, sha256(v)));
        byte[] manifest = Json.mapper().writeValueAsBytes(m);
        io.github.crimeanomaly.internal.SavedFiles.checkReplaceable(file);
        AtomicFiles.writeBytes(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MANIFEST, manifest);
            for (Map.Entry<String, byte[]> e : payload.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        });
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // reproducible bytes for the same content
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * Reads only {@code manifest.json} of a saved zip (a detector file, or a model archive, which
     * uses the same entry name), so that a caller can pick the right loader. The full checks
     * happen when that loader reads the file.
     *
     * @throws NoSuchFileException     if the file does not exist
     * @throws DetectorFormatException if it is not a zip with a readable manifest
     */
    public static JsonNode peekManifest(Path file) throws IOException {
        requireFile(file);
        byte[] manifest = SafeZip.readEntry(file, MANIFEST, "detector or model file", 1 << 20, DetectorFile::error);
        if (manifest == null) {
            throw new DetectorFormatException("expected a detector or model zip with " + MANIFEST + ", found none: " + file);
        }
        try {
            return Json.mapper().readTree(manifest);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DetectorFormatException("unreadable " + MANIFEST + " in " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    private static IOException error(SafeZip.Problem problem, String message, Throwable cause) {
        return new DetectorFormatException(message, cause);
    }

    /**
     * Reads and verifies a detector file of the given type.
     *
     * @throws NoSuchFileException     if the file does not exist
     * @throws DetectorFormatException if it is not a valid detector file of that type
     */
    public static Contents read(Path file, String expectedType) throws IOException {
        requireFile(file);
        Map<String, byte[]> entries = SafeZip.readAll(file, "detector file", MAX_ENTRIES, MAX_ENTRY_BYTES,
                DetectorFile::error);
        byte[] mbytes = entries.remove(MANIFEST);
        if (mbytes == null) {
            throw new DetectorFormatException("expected a detector zip with " + MANIFEST + ", found "
                    + (entries.isEmpty() ? "no zip entries" : "entries " + entries.keySet()) + ": " + file);
        }
        JsonNode m;
        try {
            m = Json.mapper().readTree(mbytes);
        } catch (IOException e) {
            throw new DetectorFormatException("unreadable manifest in " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.path("format").asText())) {
            String found = m.hasNonNull("kind") ? "a model file of kind '" + m.path("kind").asText()
                    + "': load it with HybridModel.load or Detectors.load" : "'" + m.path("format").asText() + "'";
            throw new DetectorFormatException("expected format '" + FORMAT + "', got " + found + " (" + file + ")");
        }
        if (!m.path("formatVersion").isInt()) {
            throw new DetectorFormatException("expected an integer detector format version in " + MANIFEST + ", got "
                    + (m.has("formatVersion") ? m.get("formatVersion").toString() : "none") + " (" + file + ")");
        }
        int version = m.get("formatVersion").asInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new DetectorFormatException("expected detector format version 1.." + FORMAT_VERSION + ", got "
                    + version + " (" + file + ", written by crime-anomaly " + m.path("libraryVersion").asText()
                    + ")" + (version > FORMAT_VERSION ? ": upgrade the library to read it" : ""));
        }
        String type = m.path("detectorType").asText();
        if (!expectedType.equals(type)) {
            throw new DetectorFormatException("expected a '" + expectedType + "' detector, got '" + type + "' ("
                    + file + ")");
        }
        JsonNode sums = m.path("sha256");
        for (Iterator<String> it = sums.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            byte[] data = entries.get(name);
            if (data == null) {
                throw new DetectorFormatException("entry '" + name + "' listed in the manifest is missing (" + file + ")");
            }
            String actual = sha256(data);
            if (!actual.equals(sums.get(name).asText())) {
                throw new DetectorFormatException("checksum mismatch for entry '" + name + "' of " + file
                        + ": expected " + sums.get(name).asText() + ", got " + actual
                        + " (the file was modified or damaged)");
            }
        }
        for (String name : entries.keySet()) {
            if (!sums.has(name)) {
                throw new DetectorFormatException("unexpected entry '" + name + "' not covered by the manifest ("
                        + file + ")");
            }
        }
        return new Contents(m, entries);
    }

    /** Lower-case hex SHA-256 of {@code data}. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * A missing file is a {@link NoSuchFileException}; a folder or another non-file is a format
     * error that says what was found (both used to read "no such file").
     */
    static void requireFile(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.exists(file)) {
            throw new DetectorFormatException("expected a saved detector or model file, found "
                    + (Files.isDirectory(file) ? "a folder" : "something that is not a regular file") + ": " + file);
        }
        throw new NoSuchFileException(file.toString(), null, "expected a saved detector file, found none");
    }
}
