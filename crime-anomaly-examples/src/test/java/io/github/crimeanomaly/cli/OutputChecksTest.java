package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.examples.fight.FightTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths are checked before any decoding or training (a bad --out used to fail only after
 * the whole run, and a command failing while writing left a mix of two runs' outputs).
 */
class OutputChecksTest {

    @TempDir
    Path tmp;

    private Path data() throws IOException {
        return FightTestData.link(tmp.resolve("fights"), "fight/fi001", "fight/fi050", "noFight/nofi001",
                "noFight/nofi050");
    }

    private static CliRun train(Path data, Path out) {
        return CliRun.of("train-classifier", "--data", data.toString(), "--arch", "cnn", "--out", out.toString(),
                "--epochs", "1", "--frames", "4", "--size", "32x24", "--validation", "0");
    }

    @Test
    void trainClassifierRefusesABadOutBeforeDecodingAnything() throws IOException {
        Path data = data();
        CliRun noDir = train(data, tmp.resolve("missing/dir/m.model"));
        assertEquals(1, noDir.exit());
        assertTrue(noDir.err().contains("--out " + tmp.resolve("missing/dir/m.model") + ": the folder "
                + tmp.resolve("missing/dir") + " does not exist; create it first"), noDir.err());
        assertFalse(noDir.out().contains("trained"), "nothing was trained: " + noDir.out());
        CliRun folder = train(data, tmp);
        assertTrue(folder.err().contains("--out " + tmp + " is a folder; expected a file path"), folder.err());
        // a model written among its own clips would replace one, or be read as one next time
        Path clip = data.resolve("fight/fi001.mp4");
        long before = Files.size(clip);
        CliRun inside = train(data, clip);
        assertEquals(1, inside.exit());
        assertTrue(inside.err().contains("--out " + clip + " is inside --data " + data), inside.err());
        assertEquals(before, Files.size(clip), "the clip is untouched");
        CliRun newFile = train(data, data.resolve("model.model"));
        assertTrue(newFile.err().contains("is inside --data"), newFile.err());
    }

    @Test
    void trainClassifierReplacesAnExistingFileOnlyWithOverwrite() throws IOException {
        Path data = data();
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
        CliRun refused = train(data, notes);
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("--out " + notes + " exists; give --overwrite to replace it, or another path"),
                refused.err());
        assertFalse(refused.out().contains("data="), "refused before any work: " + refused.out());
        assertEquals("mine", Files.readString(notes));
        CliRun replaced = CliRun.of("train-classifier", "--data", data.toString(), "--arch", "cnn", "--out",
                notes.toString(), "--epochs", "1", "--frames", "4", "--size", "32x24", "--validation", "0", "--overwrite");
        assertEquals(0, replaced.exit(), replaced.err());
        try (var zip = new java.util.zip.ZipFile(notes.toFile())) {
            assertTrue(zip.getEntry("manifest.json") != null, "now a model file");
        }
    }

    @Test
    void scoreRefusesAFileAsItsOutputFolderAndAFolderInPlaceOfAnOutputFileBeforeScoring() throws IOException {
        Path video = data().resolve("fight/fi001.mp4");
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        CliRun r = CliRun.of("score", "--video", video.toString(), "--out", file.toString(), "--no-video");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--out " + file + ": it is an existing file; expected a folder or a path to create"),
                r.err());
        assertEquals("mine", Files.readString(file));
        // an earlier run's outputs, and a folder where the contact sheet goes: nothing is replaced
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("scores.csv"), "earlier run");
        Files.createDirectories(out.resolve("top-frames.png"));
        CliRun mixed = CliRun.of("score", "--video", video.toString(), "--out", out.toString(), "--no-video");
        assertEquals(1, mixed.exit());
        assertTrue(mixed.err().contains("top-frames.png to be a file or absent, found a folder: nothing was scored or "
                + "written"), mixed.err());
        assertEquals("earlier run", Files.readString(out.resolve("scores.csv")));
        try (var left = Files.list(out)) {
            assertEquals(2, left.count(), "no staging folder is left behind");
        }
    }

    @Test
    void fileSystemErrorsReadAsSentencesNotBarePaths() throws IOException {
        Path file = Files.writeString(tmp.resolve("in.mp4"), "x");
        assertEquals(file + " already exists as a file (where a folder or a new file was to be)",
                Cli.describe(new java.nio.file.FileAlreadyExistsException(file.toString())));
        assertEquals("no such file or folder: /x/y", Cli.describe(new NoSuchFileException("/x/y")));
        assertEquals("out/a already exists", Cli.describe(new java.nio.file.FileAlreadyExistsException("out/a")));
        assertEquals("permission denied: /root/m", Cli.describe(new java.nio.file.AccessDeniedException("/root/m")));
        assertEquals("cannot save: no such file or folder: /x/y",
                Cli.describe(new IOException("cannot save", new NoSuchFileException("/x/y"))));
    }

    @Test
    void errorLinesStayOneLineWithoutJacksonsParserLocation() {
        var json = assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> io.github.crimeanomaly.internal.Json.mapper().readTree("{\"a\": NaN}"));
        String d = Cli.describe(new IOException("cannot read records", json));
        assertTrue(d.startsWith("cannot read records: Non-standard token 'NaN'") && !d.contains("[Source"), d);
        assertEquals("first line second line", Cli.describe(new IllegalArgumentException("first line\n   second line\n")));
    }
}
