package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateUcsdCommandTest {

    @TempDir
    Path tmp;

    @Test
    void missingDatasetIsAClearErrorWithExitCode1() {
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.resolve("nowhere").toString());
        String r = run.exit() + "|" + run.err();
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
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString());
        String r = run.exit() + "|" + run.err();
        assertTrue(r.startsWith("1|"), r);
        assertTrue(r.contains("has 1 entries, expected at least 2"), r);
    }

    @Test
    void settingsAreOnlyForDetectorsThatTakeThem() {
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "frame-difference",
                "--settings", "objective=PSEUDO_ANOMALY");
        String r = run.exit() + "|" + run.err();
        assertTrue(!r.startsWith("0|"), r);
        assertTrue(r.contains("settings are only for"), r);
    }

    @Test
    void settingsWithASavedDetectorAreAnErrorNotIgnored() {
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "motion-prediction",
                "--model", tmp.resolve("some.detector").toString(), "--settings", "objective=PSEUDO_ANOMALY");
        String r = run.exit() + "|" + run.err();
        assertTrue(r.startsWith("1|"), r);
        assertTrue(r.contains("settings are for training, but a saved detector is loaded"), r);
    }

    @Test
    void theDefaultDetectorIsTheCnnLstmMotionPrediction() {
        EvaluateUcsdCommand cmd = new EvaluateUcsdCommand();
        new picocli.CommandLine(cmd).parseArgs("--dataset", tmp.toString());
        assertEquals("motion-prediction", cmd.detector);
        assertEquals("", cmd.settings);
    }

    @Test
    void unknownDetectorIsAUsageError() {
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "magic");
        String r = run.exit() + "|" + run.err();
        assertEquals("2|", r.substring(0, 2));
        assertTrue(r.contains("magic"), r);
    }
}
