package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.examples.records.HomicideForecast;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.records.ChicagoCrimeRecords;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crime-anomaly forecast}: where will next month's homicides happen? The Chicago records as
 * monthly maps over a 16x16 grid; the hybrid CNN+LSTM, CNN-only and LSTM-only forecast the next
 * month's map from the last 12, against three forecasts that learn nothing
 * ({@link HomicideForecast}).
 */
@Command(name = "forecast",
        mixinStandardHelpOptions = true,
        versionProvider = CrimeAnomalyCli.Version.class,
        description = {"Chicago homicide records: forecast next month's map, hybrid vs CNN vs LSTM vs naive forecasts.",
                "",
                "Monthly counts over a 16x16 grid (fitted on the training months); each model reads the last 12"
                        + " monthly maps and forecasts the next. Split by target month 70/20/10 (no future leakage),"
                        + " best epoch on the validation months. Prints, for the test months' active cells, MSE and MAE"
                        + " of the counts and hotspot detection (>= 1 homicide): ROC AUC, and accuracy, precision,"
                        + " recall, F1 and FPR at the validation months' best-F1 threshold."})
public final class ForecastCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "<dir>",
            description = "Directory holding Homicides.csv (default: ${crimeanomaly.shared}/datasets/chicago-homicides).")
    Path data;

    @Option(names = "--seeds", paramLabel = "<seed>", split = ",", defaultValue = "42,43,44",
            description = "Training seeds; each network is trained once per seed and the table gives their mean "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--epochs", paramLabel = "<n>", defaultValue = "" + HomicideForecast.EPOCHS,
            description = "Training epochs per network; the best on the validation months is kept (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Also write the data line and the tables to <dir>/forecast.md (created if needed; written atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be >= 1, got " + epochs);
        }
        if (seeds.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds needs at least one seed");
        }
        if (out != null) {
            Cli.checkOutputFolder("--out", out);
        }
        Path dir = data != null ? data : RecordsCommand.defaultDataDir(spec);
        PrintWriter w = spec.commandLine().getOut();
        HomicideForecast.Report report = HomicideForecast.run(ChicagoCrimeRecords.readHomicides(dir), seeds, epochs, w);
        if (out != null) {
            Files.createDirectories(out);
            Path md = out.resolve("forecast.md");
            AtomicFiles.write(md, x -> x.write(report.markdown()));
            w.printf(Locale.ROOT, "wrote %s%n", md);
        }
        w.flush();
        return 0;
    }
}
