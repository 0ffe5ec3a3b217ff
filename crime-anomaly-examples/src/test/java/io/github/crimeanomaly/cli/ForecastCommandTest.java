package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

    @Test
    void forecastsTheRealRecordsAndWritesTheReport(@TempDir Path tmp) throws Exception {
        // one epoch, one seed: the pipeline end to end, not the published figures
        CliRun r = CliRun.of("forecast", "--data", RecordsCommandTest.chicagoDir().toString(), "--seeds", "7", "--epochs", "1",
                "--out", tmp.toString());
        assertEquals(0, r.exit(), "stderr: " + r.err() + "\nstdout: " + r.out());
        String out = r.out();
        assertTrue(out.contains("267 samples (train 187, validation 53, test 27: target months 2022-01 to 2024-03)"), out);
        for (String method : new String[] {"last month (persistence)", "mean of the last 12 months",
            "training-period mean of each cell", "Hybrid CNN+LSTM (seed 7)", "CNN only (seed 7)", "LSTM only (seed 7)"}) {
            assertTrue(Pattern.compile("\\| " + Pattern.quote(method) + " \\| \\d+\\.\\d{4} \\|").matcher(out).find(),
                    method + " row missing: " + out);
        }
        String md = Files.readString(tmp.resolve("forecast.md"));
        assertTrue(md.startsWith("CrimeGrid[16x16, latitude "), md);
        assertTrue(md.contains("| method | MSE | MAE | hotspot ROC AUC |"), md);
        assertTrue(md.contains("LSTM only (seed 7)"), md);
    }

    @Test
    void badArgumentsAreRefused(@TempDir Path tmp) {
        CliRun epochs = CliRun.of("forecast", "--data", RecordsCommandTest.chicagoDir().toString(), "--epochs", "0");
        assertEquals(2, epochs.exit(), epochs.err());
        assertTrue(epochs.err().contains("--epochs must be >= 1, got 0"), epochs.err());
        CliRun missing = CliRun.of("forecast", "--data", tmp.resolve("nowhere").toString());
        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("nowhere") && missing.err().contains("Homicides.csv"), missing.err());
    }
}
