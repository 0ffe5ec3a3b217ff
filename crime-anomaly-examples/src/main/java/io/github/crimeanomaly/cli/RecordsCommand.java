package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.data.SimpleImputer;
import io.github.crimeanomaly.data.StandardScaler;
import io.github.crimeanomaly.metrics.ClassificationReport;
import io.github.crimeanomaly.metrics.Metrics;
import io.github.crimeanomaly.metrics.RocCurve;
import io.github.crimeanomaly.records.ChicagoCrimeRecord;
import io.github.crimeanomaly.records.ChicagoCrimeRecords;
import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.split.SplitRatios;
import io.github.crimeanomaly.split.Splits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crime-anomaly records}: the tabular part of the papers' pipeline on the real Chicago
 * homicide records. Splits 70/20/10 by date (no future leakage), then, fitted on the training
 * split only: imputes missing coordinates, label-encodes the location category, standardises
 * the numeric features, and fits a non-neural baseline predicting {@code Arrest} (the per-location
 * arrest rate smoothed toward the overall rate), thresholded at the validation split's best
 * accuracy; reports a classification report and ROC AUC on the test split.
 */
@Command(name = "records",
        mixinStandardHelpOptions = true,
        versionProvider = CrimeAnomalyCli.Version.class,
        description = {"Chicago homicide records: temporal split, encoders, scaler and an arrest baseline.",
                "",
                "Splits the records 70/20/10 by date (no future leakage); fitted on the training split only,"
                        + " imputes missing coordinates (train medians), label-encodes the location category,"
                        + " standardises the numeric features and fits a per-location arrest rate smoothed toward"
                        + " the overall rate; the threshold is chosen on validation; prints a classification"
                        + " report and ROC AUC on the test split."})
public final class RecordsCommand implements Callable<Integer> {

    /** The smoothed-rate baseline's numeric features, in matrix column order. */
    static final List<String> NUMERIC_FEATURES = List.of("latitude", "longitude", "hour", "domestic", "year");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "<dir>",
            description = "Directory holding Homicides.csv (default: ${crimeanomaly.shared}/datasets/chicago-homicides).")
    Path data;

    @Option(names = "--smoothing", paramLabel = "<m>", defaultValue = "20",
            description = "Pseudo-rows pulling each location's arrest rate toward the overall rate (default: ${DEFAULT-VALUE}).")
    double smoothing;

    @Option(names = "--head", paramLabel = "<n>", defaultValue = "10",
            description = "Rows of the class-to-code table to print (default: ${DEFAULT-VALUE}).")
    int head;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--smoothing must be a finite number >= 0, got " + smoothing);
        }
        if (head < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--head must be >= 0, got " + head);
        }
        Path dir = data != null ? data : defaultDataDir(spec);
        List<ChicagoCrimeRecord> records = ChicagoCrimeRecords.readHomicides(dir);
        Result r;
        try {
            r = analyse(records, smoothing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve("Homicides.csv") + ": " + e.getMessage(), e);
        }
        print(out, dir, r);
        out.flush();
        return 0;
    }

    /** {@code ${crimeanomaly.shared}/datasets/chicago-homicides}, or a usage error naming the property. */
    static Path defaultDataDir(CommandLine.Model.CommandSpec spec) {
        String shared = System.getProperty("crimeanomaly.shared");
        if (shared == null || shared.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no --data given and the system property crimeanomaly.shared is not set "
                            + "(the ./crime-anomaly launcher sets it)");
        }
        return Path.of(shared, "datasets", "chicago-homicides");
    }

    /**
     * What the pipeline produced.
     *
     * @param records the rows read
     * @param split the temporal split
     * @param descriptions the label encoder of offence descriptions (fitted on train, unknown → OTHER)
     * @param locations the label encoder of location categories (fitted on train, unknown → OTHER)
     * @param locationTrainCounts training rows per location code
     * @param missingLocation rows without a real location (empty or the X=Y=0 placeholder)
     * @param imputer the coordinate imputer (train medians)
     * @param scaler the numeric-feature scaler (fitted on train)
     * @param trainRate the training arrest rate
     * @param threshold the score threshold chosen on validation
     * @param validationAccuracy validation accuracy at that threshold
     * @param report the test classification report
     * @param testAuc the test ROC AUC
     * @param testAveragePrecision the test average precision
     * @param testScaledMeans the test split's mean of each standardised feature
     */
    record Result(List<ChicagoCrimeRecord> records, Split split, LabelEncoder descriptions, LabelEncoder locations, int[] locationTrainCounts,
                  int missingLocation, SimpleImputer imputer, StandardScaler scaler, double trainRate,
                  double threshold, double validationAccuracy, ClassificationReport report, double testAuc,
                  double testAveragePrecision, double[] testScaledMeans) {
    }

    /** Runs the pipeline; every statistic is fitted on the training split only. */
    static Result analyse(List<ChicagoCrimeRecord> records, double smoothing) {
        List<LocalDateTime> times = records.stream().map(ChicagoCrimeRecord::dateTime).toList();
        Split split = Splits.temporal(times, SplitRatios.DEFAULT);
        List<ChicagoCrimeRecord> train = split.trainOf(records);
        List<ChicagoCrimeRecord> validation = split.validationOf(records);
        List<ChicagoCrimeRecord> test = split.testOf(records);
        // the threshold is chosen on validation and the AUC measured on test: each needs both outcomes,
        // or a few rows end in "ROC AUC is undefined" with no word about the data
        checkBothOutcomes(records.size(), validation, test);

        // numeric features; unknown locations (empty or X=Y=0) become NaN, then train medians
        int missing = 0;
        for (ChicagoCrimeRecord r : records) {
            if (!r.locationKnown()) {
                missing++;
            }
        }
        SimpleImputer imputer = SimpleImputer.fit(numeric(train), SimpleImputer.Strategy.MEDIAN);
        StandardScaler scaler = StandardScaler.fit(imputer.transform(numeric(train)));
        double[][] testScaled = scaler.transform(imputer.transform(numeric(test)));
        double[] testMeans = new double[NUMERIC_FEATURES.size()];
        for (double[] row : testScaled) {
            for (int c = 0; c < row.length; c++) {
                testMeans[c] += row[c] / testScaled.length;
            }
        }

        // categorical: location description, codes fitted on train, unseen categories → OTHER
        LabelEncoder locations = LabelEncoder.fit(train.stream().map(ChicagoCrimeRecord::locationDescription).toList())
                .withUnknownClass("OTHER");
        int k = locations.numClasses();
        int[] count = new int[k];
        int[] arrests = new int[k];
        int trainArrests = 0;
        for (ChicagoCrimeRecord r : train) {
            int code = locations.encode(r.locationDescription());
            count[code]++;
            arrests[code] += r.arrest() ? 1 : 0;
            trainArrests += r.arrest() ? 1 : 0;
        }
        double rate = (double) trainArrests / train.size();
        double[] locationRate = new double[k];
        for (int c = 0; c < k; c++) {
            locationRate[c] = (arrests[c] + smoothing * rate) / (count[c] + smoothing);
        }
        if (count[k - 1] == 0) {
            locationRate[k - 1] = rate; // OTHER: the overall rate
        }

        int[] yVal = labels(validation);
        double[] sVal = scores(validation, locations, locationRate);
        RocCurve valRoc = Metrics.rocCurve(yVal, sVal);
        double bestThreshold = Double.POSITIVE_INFINITY;
        double bestAccuracy = -1;
        for (double t : valRoc.thresholds()) {
            double acc = Metrics.accuracy(yVal, Metrics.predict(sVal, t));
            if (acc > bestAccuracy) {
                bestAccuracy = acc;
                bestThreshold = t;
            }
        }

        int[] yTest = labels(test);
        double[] sTest = scores(test, locations, locationRate);
        int[] predTest = Metrics.predict(sTest, bestThreshold);
        ClassificationReport report = ClassificationReport.of(yTest, predTest, List.of("no arrest", "arrest"));
        LabelEncoder descriptions = LabelEncoder.fit(train.stream().map(ChicagoCrimeRecord::description).toList())
                .withUnknownClass("OTHER");
        return new Result(records, split, descriptions, locations, count, missing, imputer, scaler, rate, bestThreshold,
                bestAccuracy, report, Metrics.rocAuc(yTest, sTest), Metrics.averagePrecision(yTest, sTest), testMeans);
    }

    private static double[][] numeric(List<ChicagoCrimeRecord> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            ChicagoCrimeRecord r = rows.get(i);
            boolean known = r.locationKnown();
            x[i] = new double[] {known ? r.latitude() : Double.NaN, known ? r.longitude() : Double.NaN,
                r.dateTime().getHour(), r.domestic() ? 1 : 0, r.year()};
        }
        return x;
    }

    private static void checkBothOutcomes(int rows, List<ChicagoCrimeRecord> validation,
                                          List<ChicagoCrimeRecord> test) {
        long v = validation.stream().filter(ChicagoCrimeRecord::arrest).count();
        long t = test.stream().filter(ChicagoCrimeRecord::arrest).count();
        if (v == 0 || v == validation.size() || t == 0 || t == test.size()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "expected records with and "
                            + "without an arrest in both the validation and the test split (20%% and 10%% of the %d "
                            + "records, by date), got %d of %d and %d of %d with an arrest: give more records",
                    rows, v, validation.size(), t, test.size()));
        }
    }

    private static int[] labels(List<ChicagoCrimeRecord> rows) {
        return rows.stream().mapToInt(r -> r.arrest() ? 1 : 0).toArray();
    }

    private static double[] scores(List<ChicagoCrimeRecord> rows, LabelEncoder locations, double[] rate) {
        return rows.stream().mapToDouble(r -> rate[locations.encode(r.locationDescription())]).toArray();
    }

    private void print(PrintWriter out, Path dir, Result r) {
        Split s = r.split();
        out.printf(Locale.ROOT, "Chicago homicide records: %d rows from %s%n", r.records().size(),
                dir.resolve(ChicagoCrimeRecords.HOMICIDES_FILE).normalize());
        out.printf(Locale.ROOT, "%nTemporal split %s (ordered by date; equal dates never straddle a cut):%n",
                SplitRatios.DEFAULT);
        for (Split.Part p : Split.Part.values()) {
            List<ChicagoCrimeRecord> rows = s.select(p, r.records());
            LocalDateTime first = rows.stream().map(ChicagoCrimeRecord::dateTime).min(LocalDateTime::compareTo).orElseThrow();
            LocalDateTime last = rows.stream().map(ChicagoCrimeRecord::dateTime).max(LocalDateTime::compareTo).orElseThrow();
            long arrests = rows.stream().filter(ChicagoCrimeRecord::arrest).count();
            out.printf(Locale.ROOT, "  %-10s %6d rows  %s .. %s  arrest rate %.3f%n", p.name().toLowerCase(Locale.ROOT),
                    rows.size(), first, last, (double) arrests / rows.size());
        }
        out.println("  " + s);

        double[] fill = r.imputer().fillValues();
        out.printf(Locale.ROOT, "%nMissing coordinates: %d rows (empty, or the portal's X=Y=0 placeholder);"
                + " imputed with train medians latitude=%.6f longitude=%.6f%n", r.missingLocation(), fill[0], fill[1]);

        LabelEncoder desc = r.descriptions();
        out.printf(Locale.ROOT, "%nDescription: %d classes label-encoded on train (sorted; unseen -> %s)%n",
                desc.numClasses(), desc.unknownClass().orElse("?"));
        for (int c = 0; c < Math.min(head, desc.numClasses()); c++) {
            out.printf(Locale.ROOT, "  %4d  %s%n", c, desc.decode(c));
        }

        LabelEncoder loc = r.locations();
        out.printf(Locale.ROOT, "%nLocation Description: %d classes label-encoded on train (sorted; unseen -> %s)%n",
                loc.numClasses(), loc.unknownClass().orElse("?"));
        out.printf(Locale.ROOT, "  %4s  %-40s %10s%n", "code", "class", "train rows");
        for (int c = 0; c < Math.min(head, loc.numClasses()); c++) {
            out.printf(Locale.ROOT, "  %4d  %-40s %10d%n", c, loc.decode(c), r.locationTrainCounts()[c]);
        }
        if (head < loc.numClasses()) {
            out.printf(Locale.ROOT, "  ... (%d more)%n", loc.numClasses() - head);
        }

        out.printf(Locale.ROOT, "%nNumeric features standardised (fitted on train):%n");
        out.printf(Locale.ROOT, "  %-10s %12s %12s %16s%n", "feature", "train mean", "train sd", "test mean (z)");
        double[] mean = r.scaler().mean();
        double[] sd = r.scaler().scale();
        for (int c = 0; c < NUMERIC_FEATURES.size(); c++) {
            out.printf(Locale.ROOT, "  %-10s %12.4f %12.4f %16.4f%n", NUMERIC_FEATURES.get(c), mean[c], sd[c],
                    r.testScaledMeans()[c]);
        }

        out.printf(Locale.ROOT, "%nBaseline: per-location arrest rate on train, smoothed toward the train rate %.4f"
                + " with %s pseudo-rows;%n  threshold %.4f chosen on validation (accuracy %.4f)%n",
                r.trainRate(), smoothing, r.threshold(), r.validationAccuracy());
        out.printf(Locale.ROOT, "%nTest split (%d rows):%n", s.testSize());
        out.print(r.report());
        out.printf(Locale.ROOT, "%nROC AUC (test): %.4f%nAverage precision (test): %.4f%n", r.testAuc(),
                r.testAveragePrecision());
    }
}
