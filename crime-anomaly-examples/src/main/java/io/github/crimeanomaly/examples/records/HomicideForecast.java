package io.github.crimeanomaly.examples.records;

import io.github.crimeanomaly.metrics.Metrics;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.Sequence;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.records.ChicagoCrimeRecord;
import io.github.crimeanomaly.records.ChicagoCrimeRecords;
import io.github.crimeanomaly.records.CrimeGrid;
import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.split.SplitRatios;
import io.github.crimeanomaly.split.Splits;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Spatio-temporal forecasting on crime records, the papers' second kind of input: where will
 * next month's homicides happen? The city is cut into a grid ({@link CrimeGrid}); each month is a
 * map of counts per cell (the spatial pattern, read by a CNN), and the last {@value #WINDOW}
 * months are a sequence (the temporal trend, modelled by an LSTM). The hybrid, CNN-only and
 * LSTM-only models ({@link HybridModel} with a regression head) forecast the next month's map,
 * compared with three forecasts that learn nothing: the last month (persistence), the mean of the
 * last {@value #WINDOW} months, and each cell's mean over the training months.
 *
 * <p>Protocol, fixed before any run: complete months only (the extract's last month is taken
 * as incomplete); samples split by target month, temporally, 70/20/10; the grid's box, the
 * "active" cells (at least one record in a training target month) and every model's weights are
 * fitted on the training part only; the best epoch on the validation months' loss. Metrics over
 * the active cells of the test months: MSE and MAE of the counts, and hotspot detection (a cell
 * and month with at least one record): ROC AUC of the forecast, then accuracy, precision, recall,
 * F1 and false-positive rate at the threshold with the best F1 on the validation months, the
 * same rule for every method.
 *
 * <p>Usage: {@code HomicideForecast <dir with Homicides.csv> [seed ...]} (default seeds 42 43 44).
 */
public final class HomicideForecast {

    /** Cells per side of the grid. */
    public static final int GRID = 16;
    /** Months of history per forecast. */
    public static final int WINDOW = 12;
    /** Share of located records left out at each end of each axis when fitting the grid's box. */
    public static final double TAIL = 0.001;
    /** Training epochs (the best on validation loss is kept). */
    public static final int EPOCHS = 100;
    /** Training minibatch. */
    public static final int BATCH = 16;

    private HomicideForecast() {
    }

    /**
     * The forecasting data.
     *
     * @param grid    the grid, fitted on the training part's records
     * @param maps    the monthly count maps of every complete month
     * @param targets month index (into {@code maps}) of each sample's target; sample i forecasts
     *                month {@code targets[i]} from the {@code window} months before it
     * @param split   the samples' temporal 70/20/10 split
     * @param active  the cells with at least one record in a training target month
     * @param window  months of history per sample
     */
    public record Data(CrimeGrid grid, CrimeGrid.MonthlyCounts maps, int[] targets, Split split, int[] active,
                       int window) {

        /** The {@code window} maps before sample {@code i}'s target month. */
        public float[][] history(int i) {
            float[][] h = new float[window][];
            for (int k = 0; k < window; k++) {
                h[k] = maps.counts()[targets[i] - window + k];
            }
            return h;
        }

        /** Sample {@code i}'s target map. */
        public float[] target(int i) {
            return maps.counts()[targets[i]];
        }
    }

    /** The most consecutive months without a record that a series may have (see {@link #prepare}). */
    public static final int MAX_GAP_MONTHS = 12;

    /**
     * Refuses records whose months leave a run of more than {@link #MAX_GAP_MONTHS} months without
     * a record: a record dated years off (2999 for 2019) stretches the series over empty months,
     * and the forecast then failed only after training, on test months without homicides.
     */
    private static void checkNoLongGap(List<ChicagoCrimeRecord> records, YearMonth first, int months) {
        boolean[] any = new boolean[months];
        for (ChicagoCrimeRecord r : records) {
            long m = first.until(YearMonth.from(r.dateTime()), java.time.temporal.ChronoUnit.MONTHS);
            if (m < months) {
                any[(int) m] = true;
            }
        }
        int run = 0;
        for (int m = 0; m < months; m++) {
            run = any[m] ? 0 : run + 1;
            if (run > MAX_GAP_MONTHS) {
                int start = m - run + 1;
                while (m + 1 < months && !any[m + 1]) {
                    m++;
                }
                throw new IllegalArgumentException("expected a record in every year of the series, but no record is "
                        + "dated from " + first.plusMonths(start) + " to " + first.plusMonths(m) + " ("
                        + (m - start + 1) + " months): check the dates (the records run from " + first + " to "
                        + first.plusMonths(months) + ")");
            }
        }
    }

    /**
     * Builds the data from the records: the months from the first record's to the one before the
     * last record's, a grid of {@code gridSize x gridSize} fitted on the records up to the last
     * training target month, and one sample per month after the first {@code window}.
     *
     * @throws IllegalArgumentException if there are too few months for 3 samples per part, or more
     *                                  than {@link #MAX_GAP_MONTHS} months in a row without a record
     */
    public static Data prepare(List<ChicagoCrimeRecord> records, int gridSize, int window) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("expected crime records, got none");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 month, got " + window);
        }
        YearMonth first = YearMonth.from(records.stream().map(ChicagoCrimeRecord::dateTime)
                .min(Comparator.naturalOrder()).orElseThrow());
        YearMonth last = YearMonth.from(records.stream().map(ChicagoCrimeRecord::dateTime)
                .max(Comparator.naturalOrder()).orElseThrow()).minusMonths(1);
        int months = last.isBefore(first) ? 0 : (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        int samples = months - window;
        if (samples < 10) {
            throw new IllegalArgumentException("expected at least " + (window + 10) + " complete months of records ("
                    + window + " of history and 10 to forecast), found " + Math.max(months, 0) + " (" + first + " to "
                    + last + ")");
        }
        checkNoLongGap(records, first, months);
        int[] targets = new int[samples];
        List<Integer> order = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            targets[i] = window + i;
            order.add(targets[i]);
        }
        Split split = Splits.temporal(order, SplitRatios.DEFAULT);
        int lastTrain = split.train().stream().mapToInt(i -> targets[i]).max().orElseThrow();
        YearMonth lastTrainMonth = first.plusMonths(lastTrain);
        List<ChicagoCrimeRecord> fitRows = records.stream()
                .filter(r -> !YearMonth.from(r.dateTime()).isAfter(lastTrainMonth)).toList();
        CrimeGrid grid = CrimeGrid.fit(fitRows, gridSize, gridSize, TAIL);
        CrimeGrid.MonthlyCounts maps = grid.monthly(records, first, last);
        boolean[] seen = new boolean[grid.cells()];
        for (int i : split.train()) {
            float[] m = maps.counts()[targets[i]];
            for (int c = 0; c < m.length; c++) {
                seen[c] |= m[c] > 0;
            }
        }
        int[] active = java.util.stream.IntStream.range(0, seen.length).filter(c -> seen[c]).toArray();
        return new Data(grid, maps, targets, split, active, window);
    }

    /** The network of {@code arch} for {@code gridSize x gridSize} maps, as fixed in the protocol. */
    public static HybridModel build(Architecture arch, int gridSize, int window, long seed) {
        return HybridModel.builder()
                .architecture(arch)
                .inputShape(gridSize, gridSize, 1)
                .sequenceLength(window)
                .cnnBlock(new CnnBlock(16, 3, 1, 2, true, 0))
                .cnnBlock(new CnnBlock(32, 3, 1, 2, true, 0))
                .dense(64)
                .lstm(32)
                .lstmOnlyPooling(1)
                .regression(gridSize * gridSize)
                .learningRate(1e-3)
                .l2(1e-4)
                .seed(seed)
                .build();
    }

    /**
     * One method's figures on the test months.
     *
     * @param method    its name
     * @param mse       mean squared error of the counts over the active cells
     * @param mae       mean absolute error of the counts
     * @param auc       ROC AUC of the forecast for "at least one record"
     * @param threshold the forecast threshold, chosen on the validation months for the best F1
     * @param accuracy  hotspot accuracy at the threshold
     * @param precision hotspot precision
     * @param recall    hotspot recall
     * @param f1        hotspot F1
     * @param fpr       hotspot false-positive rate
     * @param bestEpoch the epoch kept (1-based), 0 for a forecast that learns nothing
     * @param seconds   training time, 0 for a forecast that learns nothing
     */
    public record Row(String method, double mse, double mae, double auc, double threshold, double accuracy,
                      double precision, double recall, double f1, double fpr, int bestEpoch, double seconds) {
    }

    /** The figures of a forecast given for every sample ({@code [sample][cell]}). */
    public static Row evaluate(String method, Data d, float[][] forecast, int bestEpoch, double seconds) {
        double[][] val = flatten(d, d.split().validation(), forecast);
        double[][] test = flatten(d, d.split().test(), forecast);
        int[] yVal = hot(val[0]);
        int[] yTest = hot(test[0]);
        double threshold = Metrics.f1OptimalThreshold(yVal, val[1], 0.5);
        int[] pred = Metrics.predict(test[1], threshold);
        return new Row(method, Metrics.mse(test[0], test[1]), Metrics.mae(test[0], test[1]),
                Metrics.rocAuc(yTest, test[1]), threshold, Metrics.accuracy(yTest, pred), Metrics.precision(yTest, pred),
                Metrics.recall(yTest, pred), Metrics.f1(yTest, pred), Metrics.falsePositiveRate(yTest, pred), bestEpoch,
                seconds);
    }

    /** {truth, forecast} over the active cells of the given samples, sample by sample. */
    private static double[][] flatten(Data d, List<Integer> samples, float[][] forecast) {
        int n = samples.size() * d.active().length;
        double[] truth = new double[n];
        double[] score = new double[n];
        int k = 0;
        for (int i : samples) {
            float[] t = d.target(i);
            for (int c : d.active()) {
                truth[k] = t[c];
                score[k] = forecast[i][c];
                if (!Double.isFinite(score[k])) {
                    throw new IllegalStateException("the forecast of sample " + i + ", cell " + c + " is " + score[k]);
                }
                k++;
            }
        }
        return new double[][] {truth, score};
    }

    private static int[] hot(double[] counts) {
        int[] y = new int[counts.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = counts[i] >= 1 ? 1 : 0;
        }
        return y;
    }

    /** The last month before each target. */
    public static float[][] persistence(Data d) {
        float[][] f = new float[d.targets().length][];
        for (int i = 0; i < f.length; i++) {
            f[i] = d.history(i)[d.window() - 1].clone();
        }
        return f;
    }

    /** The mean of the {@code window} months before each target. */
    public static float[][] windowMean(Data d) {
        float[][] f = new float[d.targets().length][d.grid().cells()];
        for (int i = 0; i < f.length; i++) {
            for (float[] m : d.history(i)) {
                for (int c = 0; c < m.length; c++) {
                    f[i][c] += m[c] / d.window();
                }
            }
        }
        return f;
    }

    /** Each cell's mean over the training target months, for every sample. */
    public static float[][] trainingMean(Data d) {
        float[] mean = new float[d.grid().cells()];
        for (int i : d.split().train()) {
            float[] t = d.target(i);
            for (int c = 0; c < t.length; c++) {
                mean[c] += t[c] / d.split().trainSize();
            }
        }
        float[][] f = new float[d.targets().length][];
        for (int i = 0; i < f.length; i++) {
            f[i] = mean.clone();
        }
        return f;
    }

    /** Trains {@code arch} with {@code seed} on the training samples and returns its row. */
    public static Row train(Data d, Architecture arch, long seed, int epochs) throws IOException {
        int size = d.grid().rows();
        try (HybridModel m = build(arch, size, d.window(), seed)) {
            TrainingReport r = m.trainer().epochs(epochs).batchSize(BATCH)
                    .validation(dataset(d, d.split().validation()))
                    .keepBestWeights(true)
                    .fit(dataset(d, d.split().train()));
            float[][][] all = new float[d.targets().length][][];
            for (int i = 0; i < all.length; i++) {
                all[i] = d.history(i);
            }
            float[][] forecast = m.predictSequences(all);
            return evaluate(name(arch) + " (seed " + seed + ")", d, forecast, r.bestEpoch() + 1, r.seconds());
        }
    }

    private static SequenceDataset dataset(Data d, List<Integer> samples) {
        List<Sequence> s = new ArrayList<>(samples.size());
        for (int i : samples) {
            s.add(Sequence.withTarget(d.history(i), d.target(i)));
        }
        return SequenceDataset.of(s);
    }

    /** "Hybrid CNN+LSTM", "CNN only" or "LSTM only". */
    public static String name(Architecture a) {
        return switch (a) {
            case HYBRID -> "Hybrid CNN+LSTM";
            case CNN_ONLY -> "CNN only";
            case LSTM_ONLY -> "LSTM only";
        };
    }

    /** The mean of rows (one method at several seeds), named {@code method}. */
    public static Row mean(String method, List<Row> rows) {
        double[] s = new double[10];
        for (Row r : rows) {
            double[] v = {r.mse(), r.mae(), r.auc(), r.threshold(), r.accuracy(), r.precision(), r.recall(), r.f1(),
                r.fpr(), r.seconds()};
            for (int k = 0; k < v.length; k++) {
                s[k] += v[k] / rows.size();
            }
        }
        return new Row(method, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], 0, s[9]);
    }

    /** The Markdown table of rows. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| method | MSE | MAE | hotspot ROC AUC | threshold | accuracy | precision | "
                + "recall | F1 | FPR |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    r.method(), r.mse(), r.mae(), r.auc(), r.threshold(), r.accuracy(), r.precision(), r.recall(), r.f1(),
                    r.fpr()));
        }
        return b.toString();
    }

    /**
     * The comparison's outcome.
     *
     * @param data    what the data became (grid, months, split, active cells)
     * @param rows    the naive forecasts, then each architecture (the mean over the seeds if several)
     * @param perSeed each trained network alone, in training order
     * @param seeds   the training seeds
     */
    public record Report(String data, List<Row> rows, List<Row> perSeed, List<Long> seeds) {

        /** The table of {@link #rows}, then, with several seeds, that of {@link #perSeed}, as Markdown. */
        public String tables() {
            return HomicideForecast.markdown(rows) + (seeds.size() > 1 ? "\n" + HomicideForecast.markdown(perSeed) : "");
        }

        /** The data line and the tables, as Markdown. */
        public String markdown() {
            return data + "\n\n" + tables();
        }
    }

    /** Runs the whole comparison, printing progress and then {@link Report#markdown()}. */
    public static Report run(List<ChicagoCrimeRecord> records, List<Long> seeds, int epochs, PrintWriter out)
            throws IOException {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("expected at least one seed, got none");
        }
        Data d = prepare(records, GRID, WINDOW);
        String data = String.format(Locale.ROOT, "%s; %s; %d samples (train %d, validation %d, test %d: target months "
                        + "%s to %s), %d active cells", d.grid(), d.maps(), d.targets().length, d.split().trainSize(),
                d.split().validationSize(), d.split().testSize(),
                d.maps().month(d.targets()[d.split().test().get(0)]),
                d.maps().month(d.targets()[d.split().test().get(d.split().testSize() - 1)]), d.active().length);
        out.println(data);
        out.flush();
        List<Row> rows = new ArrayList<>();
        rows.add(evaluate("last month (persistence)", d, persistence(d), 0, 0));
        rows.add(evaluate("mean of the last " + d.window() + " months", d, windowMean(d), 0, 0));
        rows.add(evaluate("training-period mean of each cell", d, trainingMean(d), 0, 0));
        List<Row> perSeed = new ArrayList<>();
        for (Architecture a : List.of(Architecture.HYBRID, Architecture.CNN_ONLY, Architecture.LSTM_ONLY)) {
            List<Row> runs = new ArrayList<>();
            for (long seed : seeds) {
                Row r = train(d, a, seed, epochs);
                out.printf(Locale.ROOT, "%s: best epoch %d, %.0f s, test MSE %.4f, AUC %.3f, F1 %.3f%n", r.method(),
                        r.bestEpoch(), r.seconds(), r.mse(), r.auc(), r.f1());
                out.flush();
                runs.add(r);
            }
            perSeed.addAll(runs);
            rows.add(seeds.size() == 1 ? runs.get(0) : mean(name(a) + " (mean of " + seeds.size() + " seeds)", runs));
        }
        Report report = new Report(data, rows, perSeed, List.copyOf(seeds));
        out.println();
        out.print(report.tables());
        out.flush();
        return report;
    }

    /** Runs the comparison on {@code args[0]}/Homicides.csv with the seeds that follow (default 42 43 44). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: HomicideForecast <dir with Homicides.csv> [seed ...]");
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            seeds.add(Long.parseLong(args[i]));
        }
        if (seeds.isEmpty()) {
            seeds = List.of(42L, 43L, 44L);
        }
        run(ChicagoCrimeRecords.readHomicides(Path.of(args[0])), seeds, EPOCHS,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    }
}
