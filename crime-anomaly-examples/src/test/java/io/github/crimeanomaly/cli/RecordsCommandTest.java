package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CrimeAnomalyCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path chicagoDir() {
        String shared = System.getProperty("crimeanomaly.shared");
        assertTrue(shared != null && !shared.isBlank(), "system property crimeanomaly.shared must be set");
        return Path.of(shared, "datasets", "chicago-homicides");
    }

    @Test
    void runsThePipelineOnTheRealRecords() {
        Run r = run("records", "--data", chicagoDir().toString());
        assertEquals(0, r.exitCode(), "stderr: " + r.err() + "\nstdout: " + r.out());
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
        Run r = run("records", "--data", nowhere.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("error: ") && r.err().contains(nowhere.toString())
                && r.err().contains("Homicides.csv"), r.err());
    }

    @Test
    void helpListsTheCommand() {
        Run r = run("--help");
        assertEquals(0, r.exitCode());
        // The column width depends on the longest command name: match the name and the text, not the gap.
        assertTrue(java.util.regex.Pattern.compile("records +Chicago homicide records: temporal split, encoders,")
                .matcher(r.out()).find(), r.out());
        Run sub = run("records", "--help");
        assertEquals(0, sub.exitCode());
        assertTrue(sub.out().contains("--data=<dir>"), sub.out());
    }

    @Test
    void rejectsNegativeSmoothing() {
        Run r = run("records", "--data", chicagoDir().toString(), "--smoothing", "-1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--smoothing must be a finite number >= 0, got -1.0"), r.err());
    }
}
