package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsCommandTest {

    /** The real records' directory, from the {@code crimeanomaly.shared} property the build sets. */
    static Path chicagoDir() {
        String shared = System.getProperty("crimeanomaly.shared");
        assertTrue(shared != null && !shared.isBlank(), "system property crimeanomaly.shared must be set");
        return Path.of(shared, "datasets", "chicago-homicides");
    }

    @Test
    void runsThePipelineOnTheRealRecords() {
        CliRun r = CliRun.of("records", "--data", chicagoDir().toString());
        assertEquals(0, r.exit(), "stderr: " + r.err() + "\nstdout: " + r.out());
        String out = r.out();
        assertTrue(out.contains("Chicago homicide records: 13174 rows"), out);
        assertTrue(out.contains("Split[train=9222 (70.0%), validation=2635 (20.0%), test=1317 (10.0%)]"), out);
        assertTrue(out.contains("Missing coordinates: 40 rows"), out);
        assertTrue(out.contains("     0  ABANDONED BUILDING"), out);
        assertTrue(out.contains("     0  FIRST DEGREE MURDER"), out);
        assertTrue(out.contains("precision    recall  f1-score   support"), out);
        assertTrue(out.contains("weighted avg"), out);
        // date ranges: train ends before validation starts, validation before test
        Matcher m = Pattern.compile("(train|validation|test)\\s+\\d+ rows\\s+(\\S+) \\.\\. (\\S+)").matcher(out);
        String[] first = new String[3];
        String[] last = new String[3];
        int i = 0;
        while (m.find()) {
            first[i] = m.group(2);
            last[i] = m.group(3);
            i++;
        }
        assertEquals(3, i, out);
        assertTrue(last[0].compareTo(first[1]) < 0 && last[1].compareTo(first[2]) < 0, out);
        Matcher auc = Pattern.compile("ROC AUC \\(test\\): (0\\.\\d+)").matcher(out);
        assertTrue(auc.find(), out);
        double value = Double.parseDouble(auc.group(1));
        assertTrue(value > 0.5 && value < 1.0, "a location-rate baseline should beat chance: " + value);
    }

    @Test
    void missingDirectoryFailsWithAClearMessage(@TempDir Path tmp) {
        Path nowhere = tmp.resolve("no-such-dir");
        CliRun r = CliRun.of("records", "--data", nowhere.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("error: ") && r.err().contains(nowhere.toString())
                && r.err().contains("Homicides.csv"), r.err());
    }

    @Test
    void tooFewRecordsForBothOutcomesInEachSplitNameTheSplitsAndTheFile(@TempDir Path tmp) throws Exception {
        // the real file's header and its first 10 records: the test split gets one
        List<String> lines = Files.readAllLines(chicagoDir().resolve("Homicides.csv"));
        Files.write(tmp.resolve("Homicides.csv"), lines.subList(0, 11));
        CliRun r = CliRun.of("records", "--data", tmp.toString());
        assertEquals(1, r.exit(), r.err());
        // it used to end with "ROC AUC is undefined: yTrue has no positives" and no word about the data
        assertTrue(r.err().contains("error: " + tmp.resolve("Homicides.csv") + ": expected records with and without "
                + "an arrest in both the validation and the test split (20% and 10% of the 10 records, by date), got "),
                r.err());
        assertTrue(r.err().contains("give more records"), r.err());
    }

    @Test
    void helpListsTheCommand() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit());
        // Column widths depend on the longest command name, so match on whitespace, not spacing.
        assertTrue(Pattern.compile("\\n\\s+records\\s+Chicago homicide records: temporal split").matcher(r.out()).find(), r.out());
        CliRun sub = CliRun.of("records", "--help");
        assertEquals(0, sub.exit());
        assertTrue(sub.out().contains("--data=<dir>"), sub.out());
    }

    @Test
    void rejectsNegativeSmoothing() {
        CliRun r = CliRun.of("records", "--data", chicagoDir().toString(), "--smoothing", "-1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--smoothing must be a finite number >= 0, got -1.0"), r.err());
    }
}
