package io.github.crimeanomaly.records;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the City of Chicago crimes CSV in its original layout (a header row with the portal's
 * column names, dates like {@code 09/08/2021 04:45:00 PM}), e.g. the homicide extract
 * {@code Homicides.csv}. Columns are found by name, so their order does not matter and extra
 * columns ({@code Location}, {@code Updated On}) are ignored.
 *
 * <pre>{@code
 * List<ChicagoCrimeRecord> rows = ChicagoCrimeRecords.read(dataDir.resolve("Homicides.csv"));
 * }</pre>
 */
public final class ChicagoCrimeRecords {

    /** The file name of the homicide extract in {@code datasets/chicago-homicides}. */
    public static final String HOMICIDES_FILE = "Homicides.csv";

    /** The columns the reader needs. */
    public static final List<String> REQUIRED_COLUMNS = List.of("ID", "Case Number", "Date", "Block", "IUCR",
            "Primary Type", "Description", "Location Description", "Arrest", "Domestic", "Beat", "District",
            "Ward", "Community Area", "FBI Code", "X Coordinate", "Y Coordinate", "Year", "Latitude", "Longitude");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu hh:mm:ss a", Locale.US)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT); // 02/30 is an error, not 02/28

    private ChicagoCrimeRecords() {
    }

    /**
     * Reads {@value #HOMICIDES_FILE} from a directory.
     *
     * @throws NoSuchFileException if the directory or the file does not exist
     * @throws RecordFormatException if a column is missing or a row is malformed
     */
    public static List<ChicagoCrimeRecord> readHomicides(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    "expected a directory holding " + HOMICIDES_FILE + " (datasets/chicago-homicides)");
        }
        List<ChicagoCrimeRecord> rows = read(dir.resolve(HOMICIDES_FILE));
        if (rows.isEmpty()) {
            throw new RecordFormatException(dir.resolve(HOMICIDES_FILE) + ": a header but no data rows, expected "
                    + "at least one record");
        }
        return rows;
    }

    /**
     * Reads every row of a crimes CSV file. A header without rows (an export of a query that
     * matched nothing) gives an empty list; {@link #readHomicides} refuses one.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws RecordFormatException if a required column is missing or a row is malformed; the
     *     message names the file, the row (1 = first data row) and its line
     */
    public static List<ChicagoCrimeRecord> read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "expected a Chicago crimes CSV file");
        }
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<ChicagoCrimeRecord> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNext()) {
                throw new RecordFormatException(csv + ": empty file, expected a header row with columns "
                        + REQUIRED_COLUMNS);
            }
            String[] header = it.next();
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                col.putIfAbsent(header[i].strip().replace("\uFEFF", ""), i);
            }
            for (String required : REQUIRED_COLUMNS) {
                if (!col.containsKey(required)) {
                    throw new RecordFormatException(csv + ": missing column '" + required + "', found columns "
                            + List.of(header));
                }
            }
            int row = 0;
            while (true) {
                String[] values;
                long line;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    row++;
                    line = it.getCurrentLocation().getLineNr();
                    values = it.nextValue();
                } catch (IOException | RuntimeException e) {
                    if (notText(e)) {
                        throw notUtf8(csv, row, e);
                    }
                    // Jackson's own message adds its source, offset and "reference chain" on more lines
                    throw new RecordFormatException(csv + ": row " + (row + 1) + " is not valid CSV: "
                            + io.github.crimeanomaly.internal.Json.problem(e), e);
                }
                if (values.length == 1 && values[0].isEmpty()) {
                    continue; // blank line
                }
                out.add(new Row(csv, row, line, values, col, header.length).parse());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RecordFormatException || !notText(e)) {
                throw e;
            }
            throw notUtf8(csv, out.size(), e);
        }
        return out;
    }

    /** Whether {@code e} comes from bytes that are not UTF-8 text (a binary file, another encoding). */
    private static boolean notText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static RecordFormatException notUtf8(Path csv, int rows, Throwable e) {
        return new RecordFormatException(csv + " is not UTF-8 text (after " + rows + " data rows), expected a "
                + "CSV file in UTF-8", e);
    }

    /** One CSV row being parsed; every error names file, row, line and column. */
    private record Row(Path file, int row, long line, String[] values, Map<String, Integer> col, int width) {

        ChicagoCrimeRecord parse() throws RecordFormatException {
            if (values.length != width) {
                throw error("has " + values.length + " fields, expected " + width + " (as the header)");
            }
            return new ChicagoCrimeRecord(
                    parseLong("ID"), text("Case Number"), date("Date"), text("Block"), text("IUCR"),
                    text("Primary Type"), text("Description"), text("Location Description"),
                    bool("Arrest"), bool("Domestic"), text("Beat"), number("District"), number("Ward"),
                    number("Community Area"), text("FBI Code"), number("X Coordinate"), number("Y Coordinate"),
                    (int) parseLong("Year"), degrees("Latitude", 90), degrees("Longitude", 180));
        }

        /** A coordinate in degrees within [-limit, limit], or NaN when empty. */
        private double degrees(String column, double limit) throws RecordFormatException {
            double d = number(column);
            if (Math.abs(d) > limit) {
                throw error("column '" + column + "' is '" + raw(column) + "', expected degrees in [-" + (int) limit
                        + ", " + (int) limit + "] or empty");
            }
            return d;
        }

        private String raw(String column) {
            return values[col.get(column)].strip();
        }

        private String text(String column) {
            return raw(column);
        }

        private long parseLong(String column) throws RecordFormatException {
            String v = raw(column);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw error("column '" + column + "' is '" + v + "', expected an integer");
            }
        }

        private double number(String column) throws RecordFormatException {
            String v = raw(column);
            if (v.isEmpty()) {
                return Double.NaN;
            }
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw error("column '" + column + "' is '" + v + "', expected a number or empty");
            }
        }

        private boolean bool(String column) throws RecordFormatException {
            String v = raw(column);
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw error("column '" + column + "' is '" + v + "', expected true or false");
        }

        private LocalDateTime date(String column) throws RecordFormatException {
            String v = raw(column);
            try {
                return LocalDateTime.parse(v, DATE);
            } catch (DateTimeParseException e) {
                throw error("column '" + column + "' is '" + v + "', expected a date like 09/08/2021 04:45:00 PM");
            }
        }

        private RecordFormatException error(String what) {
            return new RecordFormatException(file + ": row " + row + " (line " + line + ") " + what);
        }
    }
}
