package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.datasets.SyntheticWalkway;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalOnlyDetectorTest {

    private static NormalOnlyDetector detector;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws IOException {
        // small and fast: a few hundred sequences, two epochs, on synthetic walkways
        detector = NormalOnlyDetector.trainer().scale(1).cellSize(8).cellStride(8).steps(3).embedding(16)
                .lstmUnits(16).epochs(2).batchSize(128).trainingSequences(768).scoring(ScoringOptions.raw())
                .seed(1).fit(DetectorTestSupport.normalClips(3, 40));
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void fastObjectStandsOutAndEveryFrameIsScored() throws IOException {
        SyntheticWalkway.Clip clip = DetectorTestSupport.anomalousClip();
        AnomalyReport r = detector.detect(clip.source("anomalous"));
        assertEquals(50, r.frames().size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, r.frames().get(i).frameIndex());
        }
        double sep = DetectorTestSupport.separation(r.scores(), clip.anomalous());
        assertTrue(sep > 3, "separation " + sep);
        long topInside = r.topK(10).stream().filter(f -> clip.anomalous()[(int) f.frameIndex()]).count();
        assertTrue(topInside >= 9, "top 10 inside the anomaly: " + topInside);
        assertTrue(r.scores()[27] > detector.threshold());
    }

    @Test
    void sameSeedSameDataSameScores() throws IOException {
        try (NormalOnlyDetector again = NormalOnlyDetector.trainer().scale(1).cellSize(8).cellStride(8).steps(3)
                .embedding(16).lstmUnits(16).epochs(2).batchSize(128).trainingSequences(768)
                .scoring(ScoringOptions.raw()).seed(1).fit(DetectorTestSupport.normalClips(3, 40))) {
            assertArrayEquals(detector.detect(DetectorTestSupport.anomalousClip().source("a")).scores(),
                    again.detect(DetectorTestSupport.anomalousClip().source("a")).scores(), 1e-6);
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalScores() throws IOException {
        Path f = tmp.resolve("d.detector");
        detector.save(f);
        try (NormalOnlyDetector back = NormalOnlyDetector.load(f)) {
            assertEquals(detector.config(), back.config());
            assertEquals(detector.threshold(), back.threshold());
            assertArrayEquals(detector.detect(DetectorTestSupport.anomalousClip().source("a")).scores(),
                    back.detect(DetectorTestSupport.anomalousClip().source("a")).scores());
        }
        try (ZipFile z = new ZipFile(f.toFile())) {
            assertTrue(z.getEntry("manifest.json") != null && z.getEntry("params.bin") != null);
        }
    }

    private static Map<String, byte[]> entries(Path f) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(f.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                m.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return m;
    }

    private static void rezip(Path f, Map<String, byte[]> m) throws IOException {
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            for (Map.Entry<String, byte[]> e : m.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    @Test
    void rejectsTamperedNewerAndForeignFiles() throws IOException {
        Path f = tmp.resolve("d.detector");
        detector.save(f);
        Map<String, byte[]> good = entries(f);

        Map<String, byte[]> tampered = new LinkedHashMap<>(good);
        byte[] cal = tampered.get("calibration.json").clone();
        String s = new String(cal, StandardCharsets.UTF_8).replaceFirst("\"threshold\" : [-0-9.eE]+", "\"threshold\" : 0.5");
        tampered.put("calibration.json", s.getBytes(StandardCharsets.UTF_8));
        Path t = tmp.resolve("tampered.detector");
        rezip(t, tampered);
        DetectorFormatException e = assertThrows(DetectorFormatException.class, () -> NormalOnlyDetector.load(t));
        assertTrue(e.getMessage().contains("checksum mismatch for entry 'calibration.json'"), e.getMessage());

        Path n = tmp.resolve("newer.detector");
        rezip(n, withFormatVersion(good, "99"));
        e = assertThrows(DetectorFormatException.class, () -> NormalOnlyDetector.load(n));
        assertTrue(e.getMessage().contains("got 99") && e.getMessage().endsWith("upgrade the library to read it"),
                e.getMessage());

        Path nv = tmp.resolve("no-version.detector");
        rezip(nv, withFormatVersion(good, "\"one\""));
        e = assertThrows(DetectorFormatException.class, () -> NormalOnlyDetector.load(nv));
        assertTrue(e.getMessage().startsWith("expected an integer detector format version in manifest.json, got \"one\""),
                e.getMessage());
        e = assertThrows(DetectorFormatException.class, () -> Detectors.load(tmp));
        assertEquals("expected a saved detector or model file, found a folder: " + tmp, e.getMessage());

        Map<String, byte[]> evil = new LinkedHashMap<>(good);
        evil.put("../evil.txt", new byte[] {1});
        Path ev = tmp.resolve("evil.detector");
        rezip(ev, evil);
        e = assertThrows(DetectorFormatException.class, () -> NormalOnlyDetector.load(ev));
        assertTrue(e.getMessage().contains("../evil.txt"), e.getMessage());

        assertThrows(java.nio.file.NoSuchFileException.class, () -> NormalOnlyDetector.load(tmp.resolve("missing")));
    }

    /** {@code entries} with the manifest's format version replaced by the JSON value {@code version}. */
    private static Map<String, byte[]> withFormatVersion(Map<String, byte[]> entries, String version) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.put("manifest.json", new String(entries.get("manifest.json"), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : " + DetectorFile.FORMAT_VERSION, "\"formatVersion\" : " + version)
                .getBytes(StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void failedSaveLeavesTheExistingFileUntouched() throws IOException {
        Path f = tmp.resolve("keep.detector");
        Files.writeString(f, "old content");
        detector.close();
        try {
            assertThrows(IllegalStateException.class, () -> detector.save(f));
            assertEquals("old content", Files.readString(f));
        } finally {
            train();
        }
    }

    @Test
    void rejectsInvalidSettingsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormalOnlyDetector.trainer().steps(0).fit(DetectorTestSupport.normalClips(1, 5)));
        assertTrue(e.getMessage().contains("steps must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NormalOnlyDetector.trainer().cellSize(6).fit(DetectorTestSupport.normalClips(1, 5)));
        assertTrue(e.getMessage().contains("cellSize"), e.getMessage());
        List<io.github.crimeanomaly.frame.FrameSource> none = new ArrayList<>();
        assertThrows(IllegalArgumentException.class, () -> NormalOnlyDetector.trainer().fit(none));
    }
}
