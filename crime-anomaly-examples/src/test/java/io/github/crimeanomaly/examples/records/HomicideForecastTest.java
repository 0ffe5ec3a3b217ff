package io.github.crimeanomaly.examples.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.records.ChicagoCrimeRecord;
import io.github.crimeanomaly.records.ChicagoCrimeRecords;
import io.github.crimeanomaly.split.SplitRatios;
import io.github.crimeanomaly.split.Splits;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HomicideForecastTest {

    static ChicagoCrimeRecord at(YearMonth m, int day, double lat, double lon) {
        LocalDateTime t = m.atDay(day).atTime(12, 0);
        return new ChicagoCrimeRecord(1, "JA1", t, "001XX W MAIN ST", "0110", "HOMICIDE", "FIRST DEGREE MURDER",
                "STREET", false, false, "0111", 1, 1, 1, "01A", 1, 1, t.getYear(), lat, lon);
    }

    /**
     * Synthetic: 2015-01 to 2019-12 complete (a record in 2020-01 ends it). Corner records every
     * month span the box [41, 42] x [-88, -87]; the hotspot alternates month by month between two
     * cells (odd months north-west, even months south-east, 2 records); a far-away record in the
     * last month; one cell with records only in the last year (the test months).
     */
    static List<ChicagoCrimeRecord> synthetic() {
        List<ChicagoCrimeRecord> rows = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2015, 1); !m.isAfter(YearMonth.of(2019, 12)); m = m.plusMonths(1)) {
            rows.add(at(m, 1, 41.0, -88.0));
            rows.add(at(m, 1, 42.0, -87.0));
            boolean odd = m.getMonthValue() % 2 == 1;
            for (int k = 0; k < 2; k++) {
                rows.add(at(m, 10 + k, odd ? 41.9 : 41.1, odd ? -87.9 : -87.1));
            }
            if (m.getYear() == 2019) {
                rows.add(at(m, 20, 41.5, -87.5));
            }
        }
        rows.add(at(YearMonth.of(2019, 12), 28, 45.0, -80.0));
        rows.add(at(YearMonth.of(2020, 1), 3, 41.5, -87.5));
        return rows;
    }

    @Test
    void aRecordDatedYearsOffIsRefusedBeforeTraining() {
        // a mistyped year (2999 for 2019) used to stretch the series over centuries of empty
        // months; the forecast failed only after training ("no positives" in the test months)
        List<ChicagoCrimeRecord> rows = new ArrayList<>(synthetic());
        rows.add(at(YearMonth.of(2999, 1), 5, 41.5, -87.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HomicideForecast.prepare(rows, 4, 12));
        assertTrue(e.getMessage().contains("no record is dated from 2020-02 to 2998-12 (11747 months)"), e.getMessage());
        // a year without records is still a series (a quiet year of a small district)
        List<ChicagoCrimeRecord> quiet = new ArrayList<>(synthetic());
        quiet.removeIf(r -> r.dateTime().getYear() == 2016);
        assertEquals(60, HomicideForecast.prepare(quiet, 4, 12).maps().months());
        // thirteen empty months are one too many
        List<ChicagoCrimeRecord> gap = new ArrayList<>(synthetic());
        gap.removeIf(r -> !YearMonth.from(r.dateTime()).isBefore(YearMonth.of(2016, 1))
                && !YearMonth.from(r.dateTime()).isAfter(YearMonth.of(2017, 1)));
        e = assertThrows(IllegalArgumentException.class, () -> HomicideForecast.prepare(gap, 4, 12));
        assertTrue(e.getMessage().contains("from 2016-01 to 2017-01 (13 months)"), e.getMessage());
    }

    @Test
    void splitsByTargetMonthAndFitsOnTheTrainingPartOnly() {
        HomicideForecast.Data d = HomicideForecast.prepare(synthetic(), 4, 12);
        assertEquals(60, d.maps().months(), "2015-01 to 2019-12: the last record's month is left out");
        assertEquals(YearMonth.of(2015, 1), d.maps().month(0));
        assertEquals(48, d.targets().length);
        int[] sizes = Splits.targetSizes(48, SplitRatios.DEFAULT);
        assertEquals(sizes[0], d.split().trainSize());
        assertEquals(sizes[1], d.split().validationSize());
        assertEquals(sizes[2], d.split().testSize());
        int lastTrain = d.split().train().stream().mapToInt(i -> d.targets()[i]).max().orElseThrow();
        int firstVal = d.split().validation().stream().mapToInt(i -> d.targets()[i]).min().orElseThrow();
        int lastVal = d.split().validation().stream().mapToInt(i -> d.targets()[i]).max().orElseThrow();
        int firstTest = d.split().test().stream().mapToInt(i -> d.targets()[i]).min().orElseThrow();
        assertTrue(lastTrain < firstVal && lastVal < firstTest, "no future leakage");
        assertEquals(-1, d.grid().cellOf(45.0, -80.0), "the far record of a test month did not stretch the box");
        assertEquals(1, d.maps().outside());
        // the centre cell has records only in 2019 (validation and test months): not active
        int centre = d.grid().cellOf(41.5, -87.5);
        assertTrue(java.util.Arrays.stream(d.active()).noneMatch(c -> c == centre), "centre cell counted as active");
        int nw = d.grid().cellOf(41.9, -87.9);
        int se = d.grid().cellOf(41.1, -87.1);
        assertTrue(java.util.Arrays.stream(d.active()).anyMatch(c -> c == nw));
        assertTrue(java.util.Arrays.stream(d.active()).anyMatch(c -> c == se));
        // a sample's history is the window before its target
        assertArrayEquals(d.maps().counts()[d.targets()[5] - 1], d.history(5)[11]);
        assertArrayEquals(d.maps().counts()[d.targets()[5] - 12], d.history(5)[0]);
    }

    @Test
    void theForecastsThatLearnNothing() {
        HomicideForecast.Data d = HomicideForecast.prepare(synthetic(), 4, 12);
        int nw = d.grid().cellOf(41.9, -87.9);
        float[][] last = HomicideForecast.persistence(d);
        float[][] window = HomicideForecast.windowMean(d);
        float[][] mean = HomicideForecast.trainingMean(d);
        for (int i = 0; i < d.targets().length; i++) {
            assertArrayEquals(d.maps().counts()[d.targets()[i] - 1], last[i]);
            assertEquals(1.0f, window[i][nw], 1e-6f, "2 records every other month");
        }
        double expected = 0;
        for (int i : d.split().train()) {
            expected += d.target(i)[nw] / d.split().trainSize();
        }
        assertEquals(expected, mean[0][nw], 1e-6);
        // the alternation defeats persistence: every active cell is wrong by 2 in every month
        HomicideForecast.Row p = HomicideForecast.evaluate("persistence", d, last, 0, 0);
        HomicideForecast.Row perfect = HomicideForecast.evaluate("truth", d, truth(d), 0, 0);
        assertEquals(0, perfect.mse(), 1e-12);
        assertEquals(1, perfect.auc(), 1e-12);
        assertEquals(1, perfect.f1(), 1e-12);
        assertEquals(0, perfect.fpr(), 1e-12);
        assertTrue(p.mse() > 1, "persistence MSE " + p.mse());
        assertArrayEquals(mean[0], mean[d.targets().length - 1], "the training mean is the same every month");
    }

    private static float[][] truth(HomicideForecast.Data d) {
        float[][] t = new float[d.targets().length][];
        for (int i = 0; i < t.length; i++) {
            t[i] = d.target(i);
        }
        return t;
    }

    @Test
    void theHybridLearnsAnAlternationTheMeansCannot() throws Exception {
        HomicideForecast.Data d = HomicideForecast.prepare(synthetic(), 4, 12);
        HomicideForecast.Row mean = HomicideForecast.evaluate("mean", d, HomicideForecast.windowMean(d), 0, 0);
        HomicideForecast.Row hybrid = HomicideForecast.train(d, Architecture.HYBRID, 42, 40);
        assertTrue(hybrid.mse() < 0.5 * mean.mse(), "hybrid MSE " + hybrid.mse() + ", 12-month mean " + mean.mse());
        assertTrue(hybrid.auc() > 0.9, "hybrid hotspot AUC " + hybrid.auc());
        assertTrue(hybrid.bestEpoch() >= 1 && hybrid.bestEpoch() <= 40);
    }

    @Test
    void everyArchitectureTrainsAndGivesFiniteFigures() throws Exception {
        HomicideForecast.Data d = HomicideForecast.prepare(synthetic(), 4, 12);
        for (Architecture a : Architecture.values()) {
            HomicideForecast.Row r = HomicideForecast.train(d, a, 7, 2);
            assertTrue(Double.isFinite(r.mse()) && Double.isFinite(r.auc()) && r.seconds() > 0, a + ": " + r);
            assertTrue(r.method().startsWith(HomicideForecast.name(a)), r.method());
        }
    }

    @Test
    void tooFewMonthsAreRefused() {
        List<ChicagoCrimeRecord> rows = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2020, 1); !m.isAfter(YearMonth.of(2021, 6)); m = m.plusMonths(1)) {
            rows.add(at(m, 1, 41.0, -88.0));
            rows.add(at(m, 2, 42.0, -87.0));
        }
        String msg = assertThrows(IllegalArgumentException.class, () -> HomicideForecast.prepare(rows, 4, 12)).getMessage();
        assertEquals("expected at least 22 complete months of records (12 of history and 10 to forecast), found 17 "
                + "(2020-01 to 2021-05)", msg);
        assertThrows(IllegalArgumentException.class, () -> HomicideForecast.prepare(List.of(), 4, 12));
    }

    @Test
    void theChicagoRecordsGiveTheProtocolsMonths() throws Exception {
        String shared = System.getProperty("crimeanomaly.shared");
        assertTrue(shared != null && !shared.isBlank(), "system property crimeanomaly.shared must be set");
        List<ChicagoCrimeRecord> rows = ChicagoCrimeRecords.readHomicides(Path.of(shared, "datasets", "chicago-homicides"));
        HomicideForecast.Data d = HomicideForecast.prepare(rows, HomicideForecast.GRID, HomicideForecast.WINDOW);
        assertEquals(YearMonth.of(2001, 1), d.maps().month(0));
        assertEquals(YearMonth.of(2024, 3), d.maps().month(d.maps().months() - 1), "April 2024 is incomplete");
        assertEquals(279, d.maps().months());
        assertEquals(267, d.targets().length);
        assertTrue(d.active().length > 50 && d.active().length < 256, d.active().length + " active cells");
        long located = rows.stream().filter(ChicagoCrimeRecord::locationKnown)
                .filter(r -> YearMonth.from(r.dateTime()).isBefore(YearMonth.of(2024, 4))).count();
        assertEquals(located, d.maps().counted() + d.maps().outside(), "every located record is counted or outside");
        assertTrue(d.maps().outside() < 0.01 * located, d.maps().outside() + " outside of " + located);
    }
}
