package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.examples.fight.FightTestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong command line exits with 2 in every command, whether picocli or the command's own checks
 * find it, names the option as typed, and points to the command's help; failing input exits with 1.
 */
class CommandLineErrorsTest {

    @TempDir
    Path tmp;

    private static void assertUsageError(CliRun r, String command, String message) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("error: " + message), r.err());
        assertTrue(r.err().contains("Run 'crime-anomaly " + command + " --help' for its options."), r.err());
        assertFalse(r.err().contains("Usage:"), "one line and a pointer, not the whole help: " + r.err());
    }

    @Test
    void settingsRefusedByTheLibraryNameTheOptionNotTheJavaName() {
        String out = tmp.resolve("m.model").toString();
        CliRun batch = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", out, "--batch-size", "0");
        assertUsageError(batch, "train-classifier", "--batch-size must be >= 1, got 0");
        assertFalse(batch.err().contains("batchSize"), batch.err());
        CliRun lr = CliRun.of("compare", "--data", tmp.toString(), "--out", tmp.toString(), "--lr", "-1");
        assertUsageError(lr, "compare", "--lr must be > 0, got -1.0");
        CliRun size = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", out, "--size", "4x2000");
        assertUsageError(size, "train-classifier",
                "--size height must be in [8, 1024], got 2000; --size width must be in [8, 1024], got 4");
        CliRun units = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", out, "--lstm-units", "0");
        assertUsageError(units, "train-classifier", "--lstm-units must be >= 1, got 0");
        assertFalse(Files.exists(tmp.resolve("m.model")));
    }

    @Test
    void anEmptyValueNamesNothingAndIsRefused() {
        // --video "" used to read the working directory as a folder of image frames
        assertUsageError(CliRun.of("inspect", "--video", ""), "inspect", "--video must not be empty, got ''");
        assertUsageError(CliRun.of("score", "--video", " ", "--out", tmp.toString()), "score",
                "--video must not be empty, got ' '");
        assertUsageError(CliRun.of("calibrate", "--model", tmp.resolve("a.detector").toString(), "--normal",
                tmp.toString(), "", "--out", tmp.resolve("b.detector").toString()), "calibrate",
                "--normal must not be empty, got ''");
        assertUsageError(CliRun.of("evaluate-ucsd", "--dataset", ""), "evaluate-ucsd",
                "--dataset must not be empty, got ''");
        // --settings "" is the defaults: the dataset is looked for, and is missing (exit 1)
        CliRun settings = CliRun.of("evaluate-ucsd", "--dataset", tmp.resolve("nowhere").toString(), "--detector",
                "motion-speed", "--settings", "");
        assertEquals(1, settings.exit(), settings.err());
    }

    @Test
    void picocliAndCommandChecksGiveTheSameExitCode() {
        assertUsageError(CliRun.of("train-classifier", "--data", tmp.toString(), "--out", "m", "--bogus"),
                "train-classifier", "Unknown option: '--bogus'");
        assertUsageError(CliRun.of("train-classifier", "--data", tmp.toString(), "--out", "m", "--epochs", "x"),
                "train-classifier", "Invalid value for option '--epochs'");
        assertUsageError(CliRun.of("compare", "--data", tmp.toString(), "--out", tmp.toString(), "--repeats", "0"),
                "compare", "--repeats must be >= 1, got 0");
        assertUsageError(CliRun.of("forecast", "--data", tmp.toString(), "--epochs", "0"),
                "forecast", "--epochs must be >= 1, got 0");
    }

    @Test
    void optionsThatDoNotApplyAreRefusedNotIgnored() throws Exception {
        String out = tmp.resolve("m.model").toString();
        assertUsageError(CliRun.of("train-classifier", "--data", tmp.toString(), "--out", out, "--epochs", "0"),
                "train-classifier", "--epochs must be >= 1, got 0");
        assertUsageError(CliRun.of("train-classifier", "--data", tmp.toString(), "--out", out, "--arch", "lstm",
                "--warm-start", "3"), "train-classifier", "--warm-start is for the hybrid only, and --arch lstm trains none");
        assertUsageError(CliRun.of("train-classifier", "--data", tmp.toString(), "--out", out, "--arch", "cnn",
                "--two-stream"), "train-classifier", "--two-stream is for the hybrid only, and --arch cnn trains none");
        assertUsageError(CliRun.of("compare", "--data", tmp.toString(), "--out", tmp.resolve("c").toString(),
                "--models", "cnn,lstm", "--skip-dropout", "0.5"), "compare",
                "--skip-dropout is for the hybrid only, and --models cnn,lstm trains none");
        Path model = Files.writeString(tmp.resolve("any.detector"), "x");
        Path video = tmp.resolve("any.mp4");
        assertUsageError(CliRun.of("score", "--video", video.toString(), "--model", model.toString(), "--width", "100"),
                "score", "--width is for the detector score calibrates on the video without --model");
        assertUsageError(CliRun.of("score", "--video", video.toString(), "--model", model.toString(),
                "--calibrate-seconds", "5"), "score", "--calibrate-seconds is for the detector score calibrates");
        assertUsageError(CliRun.of("evaluate-ucsd", "--dataset", tmp.toString(), "--model", model.toString(),
                "--detector", "frame-difference"), "evaluate-ucsd",
                "--detector names a kind to train; the saved detector " + model + " (--model) says its own kind");
    }

    @Test
    void inspectRefusesZeroFrames() {
        // --max-frames 0 used to decode one frame and report frames=1
        CliRun r = CliRun.of("inspect", "--video", tmp.resolve("any.mp4").toString(), "--max-frames", "0");
        assertUsageError(r, "inspect", "--max-frames must be >= 1 (leave it out for all frames), got 0");
        assertEquals("", r.out());
        // -1 was the hidden default for "all" and decoded every frame
        CliRun minus = CliRun.of("inspect", "--video", tmp.resolve("any.mp4").toString(), "--max-frames", "-1");
        assertUsageError(minus, "inspect", "--max-frames must be >= 1 (leave it out for all frames), got -1");
    }

    @Test
    void conflictingClassMapEntriesAreRefused() {
        CliRun twice = CliRun.of("evaluate-classifier", "--model", tmp.resolve("none.model").toString(), "--data",
                tmp.toString(), "--class-map", "NonFight=noFight", "--class-map", "NonFight=fight");
        assertUsageError(twice, "evaluate-classifier",
                "--class-map gives the folder 'NonFight' two classes, 'noFight' and 'fight': expected one");
        CliRun bare = CliRun.of("evaluate-classifier", "--model", tmp.resolve("none.model").toString(), "--data",
                tmp.toString(), "--class-map", "NonFight");
        assertUsageError(bare, "evaluate-classifier",
                "--class-map expects <folder>=<class> like NonFight=noFight, got 'NonFight'");
        // the same entry twice says nothing new and is fine: the next failure is the missing model
        CliRun same = CliRun.of("evaluate-classifier", "--model", tmp.resolve("none.model").toString(), "--data",
                tmp.toString(), "--class-map", "NonFight=noFight", "--class-map", "NonFight=noFight");
        assertEquals(1, same.exit(), same.err());
        assertTrue(same.err().contains("none.model"), same.err());
    }

    @Test
    void moreFoldsThanSourceVideosIsRefusedBeforeDecoding() throws Exception {
        // no videos.txt: each clip is its own source video, so 4 clips make 4 groups
        Path data = FightTestData.link(tmp.resolve("four"), "fight/fi001", "fight/fi002", "noFight/nofi001",
                "noFight/nofi002");
        CliRun r = CliRun.of("compare", "--data", data.toString(), "--out", tmp.resolve("cmp").toString(),
                "--folds", "5", "--epochs", "2", "--warm-start", "0");
        assertUsageError(r, "compare", "--folds 5 needs at least 5 source videos (folds hold whole videos, by "
                + "videos.txt), but " + data + " has 4: expected --folds from 3 to 4");
        assertFalse(r.err().contains("decod"), "refused before decoding: " + r.err());
        assertFalse(Files.exists(tmp.resolve("cmp")));
    }
}
