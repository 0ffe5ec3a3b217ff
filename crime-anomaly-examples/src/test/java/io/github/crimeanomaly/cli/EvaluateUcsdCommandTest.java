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

    /**
     * A Ped2 folder under {@code tmp} with one 8x8 frame in each of {@code clips} (e.g.
     * "Train/Train001") and a ground truth with one entry, frame 1.
     */
    private void ped2Layout(String... clips) throws java.io.IOException {
        Path root = tmp.resolve("UCSDped2");
        Files.createDirectories(root.resolve("Train"));
        Files.createDirectories(root.resolve("Test"));
        var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (String c : clips) {
            Files.createDirectories(root.resolve(c));
            javax.imageio.ImageIO.write(img, "png", root.resolve(c).resolve("001.png").toFile());
        }
        Files.writeString(root.resolve("Test/UCSDped2.m"), "TestVideoFile{end+1}.gt_frame = [1:1];\n");
    }

    @Test
    void missingDatasetIsAClearErrorWithExitCode1() {
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.resolve("nowhere").toString());
        String r = run.exit() + "|" + run.err();
        assertTrue(r.startsWith("1|"), r);
        assertTrue(r.contains("UCSDped2") && r.contains("nowhere"), r);
    }

    @Test
    void groundTruthWithTooFewEntriesIsAClearError() throws Exception {
        ped2Layout("Train/Train001", "Test/Test002");
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
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(),
                "--model", tmp.resolve("some.detector").toString(), "--settings", "objective=PSEUDO_ANOMALY");
        String r = run.exit() + "|" + run.err();
        assertTrue(r.startsWith("2|"), "a command line that contradicts itself is a usage error: " + r);
        assertTrue(r.contains("settings are for training, but a saved detector is loaded"), r);
    }

    @Test
    void aBadSettingValueIsAUsageErrorNamingKeyAndExpectation() {
        CliRun cell = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "motion-speed",
                "--settings", "gap=2:cell=abc");
        String r = cell.exit() + "|" + cell.err();
        assertTrue(r.startsWith("2|"), r);
        assertTrue(r.contains("setting cell=abc: expected a whole number, got 'abc'"), r);
        assertTrue(r.contains("Run 'crime-anomaly evaluate-ucsd --help'"), r);
        // Boolean.parseBoolean used to read anything but "true" as false
        CliRun bidir = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "motion-speed",
                "--settings", "bidir=maybe");
        r = bidir.exit() + "|" + bidir.err();
        assertTrue(r.startsWith("2|"), r);
        assertTrue(r.contains("bidir=maybe: expected true or false, got 'maybe'"), r);
        CliRun agg = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "motion-prediction",
                "--settings", "cells=middle");
        r = agg.exit() + "|" + agg.err();
        assertTrue(r.startsWith("2|"), r);
        assertTrue(r.contains("cells=middle: expected one of [MAX, MEAN, TRIMMED_MEAN]"), r);
    }

    @Test
    void settingValuesAreCheckedWithoutReadingTheDataset() {
        // the dataset folder does not exist: the settings are refused first
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.resolve("nowhere").toString(), "--detector",
                "motion-prediction", "--settings", "epochs=-x");
        String r = run.exit() + "|" + run.err();
        assertTrue(r.startsWith("2|") && r.contains("epochs=-x"), r);
    }

    @Test
    void outOfRangeSettingValuesAreUsageErrorsBeforeTheDatasetIsRead() {
        // these parsed but used to fail with exit 1 after the training clips were read
        String[][] cases = {
                {"motion-speed", "gap=0", "gap must be >= 1, got 0"},
                {"motion-speed", "ratio=5", "matchRatio must be in (0, 1], got 5.0"},
                {"motion-speed", "cell=0", "got 0"},
                {"motion-prediction", "block=3", "blockSize must be even and >= 2, got 3"},
                {"motion-prediction", "lr=2", "learningRate must be in (0, 1), got 2.0"}};
        for (String[] c : cases) {
            CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.resolve("nowhere").toString(), "--detector",
                    c[0], "--settings", c[1]);
            String r = run.exit() + "|" + run.err();
            assertTrue(r.startsWith("2|") && r.contains("--settings '" + c[1] + "'") && r.contains(c[2]), r);
        }
    }

    @Test
    void aDatasetWithoutTestClipsFailsBeforeTraining() throws Exception {
        ped2Layout("Train/Train001");
        CliRun run = CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--detector", "frame-difference");
        String r = run.exit() + "|" + run.err();
        assertTrue(r.startsWith("1|"), r);
        assertTrue(r.contains("no test clips to evaluate in") && r.contains("Test001"), r);
        assertTrue(!run.out().contains("training"), "refused before training: " + run.out());
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
