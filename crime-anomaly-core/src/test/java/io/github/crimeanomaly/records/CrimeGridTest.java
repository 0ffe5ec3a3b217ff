package io.github.crimeanomaly.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrimeGridTest {

    /** A synthetic record at a time and place (NaN: no location). */
    static ChicagoCrimeRecord at(LocalDateTime t, double lat, double lon) {
        boolean located = !Double.isNaN(lat);
        return new ChicagoCrimeRecord(1, "JA1", t, "001XX W MAIN ST", "0110", "HOMICIDE", "FIRST DEGREE MURDER",
                "STREET", false, false, "0111", 1, 1, 1, "01A", located ? 1 : Double.NaN, located ? 1 : Double.NaN,
                t.getYear(), lat, lon);
    }

    @Test
    void cellsAreRowMajorFromTheNorthWestCorner() {
        CrimeGrid g = CrimeGrid.of(41.0, 42.0, -88.0, -87.0, 2, 4);
        assertEquals(8, g.cells());
        assertEquals(0, g.cellOf(41.99, -87.99), "north-west");
        assertEquals(3, g.cellOf(41.99, -87.01), "north-east");
        assertEquals(4, g.cellOf(41.01, -87.99), "south-west");
        assertEquals(7, g.cellOf(41.01, -87.01), "south-east");
        assertEquals(0, g.cellOf(42.0, -88.0), "the north and west edges belong to the grid");
        assertEquals(7, g.cellOf(41.0, -87.0), "so do the south and east edges");
        assertEquals(1, g.cellOf(41.75, -87.75), "a cell's west edge is its own");
        assertEquals(-1, g.cellOf(42.01, -87.5));
        assertEquals(-1, g.cellOf(41.5, -86.9));
        assertEquals(-1, g.cellOf(Double.NaN, -87.5));
    }

    @Test
    void fitLeavesOutTheTailsAndUnlocatedRecords() {
        List<ChicagoCrimeRecord> rows = new ArrayList<>();
        LocalDateTime t = LocalDateTime.of(2020, 1, 1, 12, 0);
        for (int i = 0; i <= 1000; i++) {
            rows.add(at(t, 41.0 + i / 1000.0, -88.0 + i / 1000.0)); // evenly over [41, 42] x [-88, -87]
        }
        rows.add(at(t, 36.6, -91.7)); // a mis-geocoded point far away
        rows.add(at(t, Double.NaN, Double.NaN));
        CrimeGrid wide = CrimeGrid.fit(rows, 4, 4, 0);
        assertEquals(36.6, wide.bounds()[0], 1e-12, "with no tail the outlier stretches the box");
        CrimeGrid g = CrimeGrid.fit(rows, 4, 4, 0.01);
        double[] b = g.bounds();
        assertTrue(b[0] > 41.0 && b[0] < 41.02, "south " + b[0]);
        assertTrue(b[1] > 41.98 && b[1] < 42.0, "north " + b[1]);
        assertTrue(b[2] > -88.0 && b[2] < -87.98, "west " + b[2]);
        assertEquals(-1, g.cellOf(rows.get(1001)));
        assertEquals(-1, g.cellOf(rows.get(1002)));
    }

    @Test
    void monthlyCountsPerCellAndWhatWasLeftOut() {
        CrimeGrid g = CrimeGrid.of(41.0, 42.0, -88.0, -87.0, 2, 2);
        List<ChicagoCrimeRecord> rows = List.of(
                at(LocalDateTime.of(2020, 1, 5, 1, 0), 41.9, -87.9),   // Jan, north-west
                at(LocalDateTime.of(2020, 1, 31, 23, 59), 41.9, -87.9), // Jan, north-west
                at(LocalDateTime.of(2020, 3, 1, 0, 0), 41.1, -87.1),   // Mar, south-east
                at(LocalDateTime.of(2020, 3, 2, 0, 0), 45.0, -87.1),   // Mar, outside
                at(LocalDateTime.of(2020, 2, 2, 0, 0), Double.NaN, Double.NaN), // Feb, no location
                at(LocalDateTime.of(2019, 12, 31, 23, 0), 41.9, -87.9)); // before the first month
        CrimeGrid.MonthlyCounts m = g.monthly(rows, YearMonth.of(2020, 1), YearMonth.of(2020, 3));
        assertEquals(3, m.months());
        assertArrayEquals(new float[] {2, 0, 0, 0}, m.counts()[0]);
        assertArrayEquals(new float[] {0, 0, 0, 0}, m.counts()[1]);
        assertArrayEquals(new float[] {0, 0, 0, 1}, m.counts()[2]);
        assertEquals(3, m.counted());
        assertEquals(1, m.unlocated());
        assertEquals(1, m.outside());
        assertEquals(YearMonth.of(2020, 3), m.month(2));
    }

    @Test
    void badInputIsNamed() {
        String box = assertThrows(IllegalArgumentException.class, () -> CrimeGrid.of(42, 41, -87, -88, 0, 2)).getMessage();
        assertTrue(box.contains("south must be below north, got south 42.0 and north 41.0"), box);
        assertTrue(box.contains("west must be below east"), box);
        assertTrue(box.contains("rows and cols must be >= 1, got 0 x 2"), box);
        String nan = assertThrows(IllegalArgumentException.class,
                () -> CrimeGrid.of(Double.NaN, 42, -88, -87, 2, 2)).getMessage();
        assertTrue(nan.contains("latitudes must lie in [-90, 90]"), nan);
        LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0);
        String few = assertThrows(IllegalArgumentException.class,
                () -> CrimeGrid.fit(List.of(at(t, 41.5, -87.5), at(t, Double.NaN, Double.NaN)), 2, 2, 0)).getMessage();
        assertTrue(few.contains("expected at least 2 records with a known location to fit a grid, found 1 of 2"), few);
        String point = assertThrows(IllegalArgumentException.class,
                () -> CrimeGrid.fit(List.of(at(t, 41.5, -87.5), at(t, 41.5, -87.5)), 2, 2, 0)).getMessage();
        assertTrue(point.contains("span no area"), point);
        String tail = assertThrows(IllegalArgumentException.class,
                () -> CrimeGrid.fit(List.of(), 2, 2, 0.5)).getMessage();
        assertEquals("tail must be in [0, 0.5), got 0.5", tail);
        CrimeGrid g = CrimeGrid.of(41, 42, -88, -87, 2, 2);
        String order = assertThrows(IllegalArgumentException.class,
                () -> g.monthly(List.of(), YearMonth.of(2020, 2), YearMonth.of(2020, 1))).getMessage();
        assertEquals("last month 2020-01 is before the first 2020-02", order);
        // sizes that overflowed: a wrong cell count, NegativeArraySizeException, ArithmeticException
        String huge = assertThrows(IllegalArgumentException.class,
                () -> CrimeGrid.of(41, 42, -88, -87, 100_000, 100_000)).getMessage();
        assertEquals("invalid grid: rows x cols must be at most 16777216 cells, got 100000 x 100000", huge);
        String months = assertThrows(IllegalArgumentException.class,
                () -> g.monthly(List.of(), YearMonth.of(-999_999_999, 1), YearMonth.of(999_999_999, 12))).getMessage();
        assertTrue(months.startsWith("expected at most 268435456 monthly cell counts (months x cells), got "), months);
    }
}
