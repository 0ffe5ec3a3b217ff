package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateUcsdCommandTest {

    @TempDir
    Path tmp;

    private static String runErr(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CrimeAnomalyCli.execute(args);
            return code + "|" + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void missingDatasetIsAClearErrorWithExitCode1() {
        String r = runErr("evaluate-ucsd", "--dataset", tmp.resolve("nowhere").toString());
        assertTrue(r.startsWith("1|"), r);
        assertTrue(r.contains("UCSDped2") && r.contains("nowhere"), r);
    }

    @Test
    void groundTruthWithTooFewEntriesIsAClearError() throws Exception {
        Path root = tmp.resolve("UCSDped2");
        Files.createDirectories(root.resolve("Train/Train001"));
        Files.createDirectories(root.resolve("Test/Test002"));
        var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        javax.imageio.ImageIO.write(img, "png", root.resolve("Train/Train001/001.png").toFile());
        javax.imageio.ImageIO.write(img, "png", root.resolve("Test/Test002/001.png").toFile());
        Files.writeString(root.resolve("Test/UCSDped2.m"), "TestVideoFile{end+1}.gt_frame = [1:1];\n");
        String r = runErr("evaluate-ucsd", "--dataset", tmp.toString());
        assertTrue(r.startsWith("1|"), r);
        assertTrue(r.contains("has 1 entries, expected at least 2"), r);
    }

    @Test
    void unknownDetectorIsAUsageError() {
        String r = runErr("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "magic");
        assertEquals("2|", r.substring(0, 2));
        assertTrue(r.contains("magic"), r);
    }
}
