package io.github.crimeanomaly.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.CrimeAnomaly;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.internal.SafeZip;
import io.github.crimeanomaly.model.ModelFormatException;
import io.github.crimeanomaly.model.ModelFormatException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The saved-model file format, version {@value #FORMAT_VERSION}. Internal.
 *
 * <p>A zip holding {@code manifest.json} and payload entries. The manifest records the format
 * version, the kind of archive, the library version, Java/OS/arch, the payload entry names and
 * {@code payloadSha256}: SHA-256 over every payload entry in name order, each as its UTF-8 name,
 * a 0 byte, its length as 8 big-endian bytes and its bytes. Callers add their own manifest
 * fields (seed, provenance).
 *
 * <p>Reading checks, in this order: the zip opens (else {@code CORRUPT_ARCHIVE}); no entry name
 * holds {@code ..}, a backslash or an absolute path ({@code UNSAFE_ENTRY}); the manifest exists
 * and parses; its format version is not newer ({@code NEWER_FORMAT}); its kind matches
 * ({@code WRONG_KIND}); the payload entries are exactly those listed and their checksum
 * matches ({@code CHECKSUM_MISMATCH}). Only then does the caller parse the payload. Nothing is
 * read with Java serialization.
 *
 * <p>Writing goes to a temporary file in the target directory, is flushed to disk, then moved
 * over the target atomically: a crash or error never leaves a half-written file at the target.
 */
public final class ModelArchive {

    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest entry name. */
    public static final String MANIFEST = "manifest.json";
    /**
     * Most bytes the payload may inflate to, all entries together (the library's own files are at
     * most a few MB; 256 MiB holds about 60 million float weights), so that reading a crafted file
     * holds at most this much.
     */
    private static final long MAX_ENTRY_BYTES = 256L << 20;
    private static final int MAX_ENTRIES = 1024;

    private ModelArchive() {
    }

    /** A read archive: its manifest and payload entries, checksum verified. */
    public record Contents(JsonNode manifest, Map<String, byte[]> entries) {
        /** The bytes of a required entry. */
        public byte[] require(Path file, String name) throws ModelFormatException {
            byte[] b = entries.get(name);
            if (b == null) {
                throw new ModelFormatException(Reason.MISSING_ENTRY, "model file " + file
                        + " has no entry '" + name + "'; expected entries include " + entries.keySet());
            }
            return b;
        }
    }

    /**
     * Writes an archive atomically.
     *
     * @param target         the file to create or replace
     * @param kind           the archive kind, e.g. {@code crime-anomaly/hybrid-model}
     * @param payload        entry name to bytes; names must be safe relative paths
     * @param manifestExtras extra manifest fields (must not reuse the reserved names)
     */
    public static void write(Path target, String kind, Map<String, byte[]> payload, ObjectNode manifestExtras)
            throws IOException {
        Map<String, byte[]> sorted = new TreeMap<>(payload);
        for (String name : sorted.keySet()) {
            if (SafeZip.unsafe(name) || name.equals(MANIFEST)) {
                throw new IllegalArgumentException("invalid entry name '" + name + "'");
            }
        }
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("formatVersion", FORMAT_VERSION);
        m.put("kind", kind);
        m.put("libraryVersion", CrimeAnomaly.VERSION);
        m.put("createdAt", Instant.now().toString());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        ArrayNode names = m.putArray("entries");
        sorted.keySet().forEach(names::add);
        m.put("payloadSha256", checksum(sorted));
        if (manifestExtras != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = manifestExtras.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (m.has(e.getKey())) {
                    throw new IllegalArgumentException("manifest field '" + e.getKey() + "' is reserved");
                }
                m.set(e.getKey(), e.getValue());
            }
        }
        byte[] manifestBytes = Json.mapper().writeValueAsBytes(m);

        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null,
                    "cannot save " + target + ": the directory does not exist");
        }
        io.github.crimeanomaly.internal.SavedFiles.checkReplaceable(abs);
        AtomicFiles.writeBytes(abs, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            putEntry(zip, MANIFEST, manifestBytes);
            for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
                putEntry(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        });
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads and verifies an archive.
     *
     * @param file         the file
     * @param expectedKind the kind the caller can load
     * @throws ModelFormatException for a corrupt, unsafe, newer, foreign or tampered file
     * @throws IOException          if the file cannot be read at all (missing, no permission)
     */
    public static Contents read(Path file, String expectedKind) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(Reason.CORRUPT_ARCHIVE, "expected a saved model file, found a folder: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no model file at " + file);
        }
        Map<String, byte[]> entries = new TreeMap<>(SafeZip.readAll(file, "model file", MAX_ENTRIES, MAX_ENTRY_BYTES,
                (problem, message, cause) -> new ModelFormatException(switch (problem) {
                    case CORRUPT -> Reason.CORRUPT_ARCHIVE;
                    case UNSAFE_ENTRY -> Reason.UNSAFE_ENTRY;
                    case INVALID_CONTENT -> Reason.INVALID_CONTENT;
                }, message, cause)));
        byte[] manifestBytes = entries.remove(MANIFEST);
        if (manifestBytes == null) {
            throw new ModelFormatException(Reason.MISSING_ENTRY, "model file " + file + " has no "
                    + MANIFEST + ": not a crime-anomaly model file");
        }
        JsonNode m;
        try {
            m = Json.mapper().readTree(manifestBytes);
        } catch (IOException e) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file + ": "
                    + MANIFEST + " is not valid JSON: " + e.getMessage(), e);
        }
        if (m == null || !m.isObject() || !m.path("formatVersion").isInt()) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file + ": "
                    + MANIFEST + " has no integer formatVersion");
        }
        int version = m.get("formatVersion").asInt();
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException(Reason.NEWER_FORMAT, "model file " + file + " has format version "
                    + version + " (written by crime-anomaly " + m.path("libraryVersion").asText("?")
                    + "); this library (" + CrimeAnomaly.VERSION + ") reads versions up to " + FORMAT_VERSION
                    + ": upgrade the library");
        }
        if (version < 1) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file
                    + " has format version " + version + ", expected 1.." + FORMAT_VERSION);
        }
        String kind = m.path("kind").asText("");
        if (!kind.equals(expectedKind)) {
            String found = !kind.isEmpty() ? "a '" + kind + "'"
                    : m.hasNonNull("detectorType") ? "a saved detector of type '" + m.path("detectorType").asText()
                            + "' (format '" + m.path("format").asText() + "'): load it with Detectors.load"
                    : "a manifest without a kind";
            throw new ModelFormatException(Reason.WRONG_KIND, "model file " + file + " holds " + found
                    + ", expected a '" + expectedKind + "'");
        }
        JsonNode listed = m.path("entries");
        TreeMap<String, Boolean> listedNames = new TreeMap<>();
        listed.forEach(n -> listedNames.put(n.asText(), Boolean.TRUE));
        if (!listedNames.keySet().equals(entries.keySet())) {
            throw new ModelFormatException(Reason.CHECKSUM_MISMATCH, "model file " + file
                    + " has entries " + entries.keySet() + " but its manifest lists " + listedNames.keySet()
                    + ": the file was modified");
        }
        String expected = m.path("payloadSha256").asText("");
        String found = checksum(entries);
        if (!expected.equals(found)) {
            throw new ModelFormatException(Reason.CHECKSUM_MISMATCH, "model file " + file
                    + " payload checksum mismatch: manifest says sha256 " + expected + ", content has " + found
                    + ": the file is corrupt or was modified");
        }
        return new Contents(m, entries);
    }

    /** SHA-256 (hex) over the entries in name order, as described in the class comment. */
    public static String checksum(Map<String, byte[]> entries) {
        MessageDigest md = sha256();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(8).putLong(e.getValue().length).array());
            md.update(e.getValue());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Serialises float parameters: magic {@code CAPARAMS}, int version 1, int count, count big-endian float32. */
    public static byte[] encodeParams(float[] params) {
        ByteBuffer bb = ByteBuffer.allocate(16 + 4 * params.length);
        bb.put("CAPARAMS".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(params.length);
        bb.asFloatBuffer().put(params);
        return bb.array();
    }

    /** Reads parameters written by {@link #encodeParams}, checking the expected count. */
    public static float[] decodeParams(byte[] bytes, long expectedCount, Path file) throws ModelFormatException {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[8];
        if (bytes.length < 16) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file
                    + ": parameter entry has " + bytes.length + " bytes, expected at least 16");
        }
        bb.get(magic);
        int version = bb.getInt();
        int count = bb.getInt();
        if (!"CAPARAMS".equals(new String(magic, StandardCharsets.US_ASCII)) || version != 1) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file
                    + ": parameter entry is not a CAPARAMS v1 block");
        }
        if (count != expectedCount || bytes.length != 16 + 4L * count) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file + ": expected "
                    + expectedCount + " parameters for the stored configuration (an entry of " + (16 + 4 * expectedCount)
                    + " bytes), found " + count + " in an entry of " + bytes.length + " bytes");
        }
        float[] p = new float[count];
        bb.asFloatBuffer().get(p);
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(p[i])) {
                // a model trained into NaN, or a crafted one, scores every frame NaN: say so at load
                throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file + ": parameter " + i
                        + " of " + count + " is " + p[i] + ", expected finite weights; the model is unusable "
                        + "(its training diverged, or the file was altered)");
            }
        }
        return p;
    }
}
