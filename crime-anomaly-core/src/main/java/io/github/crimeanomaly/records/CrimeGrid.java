package io.github.crimeanomaly.records;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A regular latitude/longitude grid over a city, turning crime records into monthly count maps:
 * the spatial pattern of a month as an image a CNN can read, and a sequence of months as the
 * temporal trend an LSTM can model.
 *
 * <p>Cells are numbered row-major, row 0 the northernmost and column 0 the westernmost, so a
 * month's map reads like a north-up map. A cell's bounds include its south and west edges; the
 * grid's north and east edges belong to the last row and column.
 *
 * <pre>{@code
 * List<ChicagoCrimeRecord> rows = ChicagoCrimeRecords.readHomicides(dir);
 * CrimeGrid grid = CrimeGrid.fit(trainingRows, 16, 16, 0.001);     // bounds from training rows only
 * CrimeGrid.MonthlyCounts maps = grid.monthly(rows, YearMonth.of(2001, 1), YearMonth.of(2024, 3));
 * float[] january2001 = maps.counts()[0];                            // 256 counts, row-major
 * }</pre>
 */
public final class CrimeGrid {

    private final double south;
    private final double north;
    private final double west;
    private final double east;
    private final int rows;
    private final int cols;

    private CrimeGrid(double south, double north, double west, double east, int rows, int cols) {
        this.south = south;
        this.north = north;
        this.west = west;
        this.east = east;
        this.rows = rows;
        this.cols = cols;
    }

    /** Most cells a grid holds (a 4096 x 4096 grid). */
    public static final int MAX_CELLS = 1 << 24;
    /** Most counts {@link #monthly} holds, months times cells (4 bytes each: 1 GB). */
    public static final long MAX_COUNTS = 1L << 28;

    /**
     * A grid of {@code rows x cols} cells over the given box.
     *
     * @throws IllegalArgumentException naming every bad value: bounds not finite, a latitude
     *     outside [-90, 90], a longitude outside [-180, 180], {@code south >= north},
     *     {@code west >= east}, fewer than 1 row or column
     */
    public static CrimeGrid of(double south, double north, double west, double east, int rows, int cols) {
        List<String> err = new ArrayList<>();
        if (!(south >= -90 && north <= 90)) {
            err.add("latitudes must lie in [-90, 90], got south " + south + " and north " + north);
        } else if (!(south < north)) {
            err.add("south must be below north, got south " + south + " and north " + north);
        }
        if (!(west >= -180 && east <= 180)) {
            err.add("longitudes must lie in [-180, 180], got west " + west + " and east " + east);
        } else if (!(west < east)) {
            err.add("west must be below east, got west " + west + " and east " + east);
        }
        if (rows < 1 || cols < 1) {
            err.add("rows and cols must be >= 1, got " + rows + " x " + cols);
        } else if ((long) rows * cols > MAX_CELLS) {
            // the cell count is an int: 100000 x 100000 overflowed to a wrong count without a word
            err.add("rows x cols must be at most " + MAX_CELLS + " cells, got " + rows + " x " + cols);
        }
        if (!err.isEmpty()) {
            throw new IllegalArgumentException("invalid grid: " + String.join("; ", err));
        }
        return new CrimeGrid(south, north, west, east, rows, cols);
    }

    /**
     * A grid over the located records (those with {@link ChicagoCrimeRecord#locationKnown()}),
     * its box spanning the {@code tail} and {@code 1 - tail} quantiles of their latitudes and of
     * their longitudes, so that a few mis-geocoded rows (the Chicago extract holds points in
     * other states) do not stretch it. Fit it on training records only.
     *
     * @param tail share of the located records left out at each end of each axis, in [0, 0.5)
     * @throws IllegalArgumentException if {@code tail} is out of range, the grid's size is bad, or
     *     fewer than 2 records are located, or they span no area
     */
    public static CrimeGrid fit(List<ChicagoCrimeRecord> records, int rows, int cols, double tail) {
        Objects.requireNonNull(records, "records");
        if (!(tail >= 0 && tail < 0.5)) {
            throw new IllegalArgumentException("tail must be in [0, 0.5), got " + tail);
        }
        double[] lat = records.stream().filter(ChicagoCrimeRecord::locationKnown)
                .mapToDouble(ChicagoCrimeRecord::latitude).sorted().toArray();
        double[] lon = records.stream().filter(ChicagoCrimeRecord::locationKnown)
                .mapToDouble(ChicagoCrimeRecord::longitude).sorted().toArray();
        if (lat.length < 2) {
            throw new IllegalArgumentException("expected at least 2 records with a known location to fit a grid, found "
                    + lat.length + " of " + records.size());
        }
        double s = quantile(lat, tail);
        double n = quantile(lat, 1 - tail);
        double w = quantile(lon, tail);
        double e = quantile(lon, 1 - tail);
        if (!(s < n && w < e)) {
            throw new IllegalArgumentException("the located records span no area between their " + tail + " and "
                    + (1 - tail) + " quantiles: latitude " + s + " to " + n + ", longitude " + w + " to " + e);
        }
        return of(s, n, w, e, rows, cols);
    }

    /** Linear-interpolation quantile of sorted values (numpy's default). */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Rows of cells (north to south). */
    public int rows() {
        return rows;
    }

    /** Columns of cells (west to east). */
    public int cols() {
        return cols;
    }

    /** Number of cells, {@code rows * cols}. */
    public int cells() {
        return rows * cols;
    }

    /** The box: {@code {south, north, west, east}} in degrees. */
    public double[] bounds() {
        return new double[] {south, north, west, east};
    }

    /** The row-major cell holding a point, or -1 if it lies outside the box or is NaN. */
    public int cellOf(double latitude, double longitude) {
        if (!(latitude >= south && latitude <= north && longitude >= west && longitude <= east)) {
            return -1;
        }
        int row = Math.min(rows - 1, (int) ((north - latitude) / (north - south) * rows));
        int col = Math.min(cols - 1, (int) ((longitude - west) / (east - west) * cols));
        return row * cols + col;
    }

    /** The cell of a record, or -1 if its location is unknown or outside the box. */
    public int cellOf(ChicagoCrimeRecord r) {
        return r.locationKnown() ? cellOf(r.latitude(), r.longitude()) : -1;
    }

    /**
     * The count of records per cell for every calendar month from {@code first} to {@code last}
     * (both included), by each record's date; records of other months are ignored, and those of
     * these months without a location, or outside the box, are counted apart.
     *
     * @throws IllegalArgumentException if {@code last} is before {@code first}, or the counts would
     *                                  exceed {@link #MAX_COUNTS}
     */
    public MonthlyCounts monthly(List<ChicagoCrimeRecord> records, YearMonth first, YearMonth last) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last month " + last + " is before the first " + first);
        }
        long monthCount = first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        if (monthCount * cells() > MAX_COUNTS) {
            throw new IllegalArgumentException("expected at most " + MAX_COUNTS + " monthly cell counts (months x "
                    + "cells), got " + monthCount + " months (" + first + " to " + last + ") x " + cells() + " cells");
        }
        int months = (int) monthCount;
        float[][] counts = new float[months][cells()];
        int unlocated = 0;
        int outside = 0;
        for (ChicagoCrimeRecord r : records) {
            YearMonth m = YearMonth.from(r.dateTime());
            if (m.isBefore(first) || m.isAfter(last)) {
                continue;
            }
            if (!r.locationKnown()) {
                unlocated++;
                continue;
            }
            int c = cellOf(r.latitude(), r.longitude());
            if (c < 0) {
                outside++;
                continue;
            }
            counts[(int) first.until(m, java.time.temporal.ChronoUnit.MONTHS)][c]++;
        }
        return new MonthlyCounts(first, counts, unlocated, outside);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "CrimeGrid[%dx%d, latitude %.5f..%.5f, longitude %.5f..%.5f]",
                rows, cols, south, north, west, east);
    }

    /**
     * Monthly count maps.
     *
     * @param first     the first month
     * @param counts    {@code [month][cell]}, month 0 = {@code first}, cells row-major
     * @param unlocated records of these months without a known location
     * @param outside   records of these months located outside the grid's box
     */
    public record MonthlyCounts(YearMonth first, float[][] counts, int unlocated, int outside) {

        /** Number of months. */
        public int months() {
            return counts.length;
        }

        /** The calendar month of index {@code i}. */
        public YearMonth month(int i) {
            return first.plusMonths(i);
        }

        /** Records counted in the maps. */
        public long counted() {
            double total = 0;
            for (float[] m : counts) {
                for (float v : m) {
                    total += v;
                }
            }
            return Math.round(total);
        }

        @Override
        public String toString() {
            return "MonthlyCounts[" + first + " + " + counts.length + " months, " + counted() + " counted, "
                    + unlocated + " unlocated, " + outside + " outside]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MonthlyCounts m && first.equals(m.first) && Arrays.deepEquals(counts, m.counts)
                    && unlocated == m.unlocated && outside == m.outside;
        }

        @Override
        public int hashCode() {
            return Objects.hash(first, Arrays.deepHashCode(counts), unlocated, outside);
        }
    }
}
