package io.github.crimeanomaly.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChicagoCrimeRecordsTest {

    private static final String HEADER = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,"
            + "Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,"
            + "Latitude,Longitude,Location";
    private static final String GOOD = "26262,JE366265,09/08/2021 04:45:00 PM,047XX W HARRISON ST,0110,HOMICIDE,"
            + "FIRST DEGREE MURDER,CAR WASH,true,false,1131,011,24,25,01A,1144907,1896933,2021,"
            + "09/14/2023 03:41:59 PM,41.873191445,-87.743446563,\"(41.873191445, -87.743446563)\"";

    @Test
    void readsTheRealHomicideExtract() throws IOException {
        List<ChicagoCrimeRecord> rows = ChicagoCrimeRecords.readHomicides(SharedData.dataset("chicago-homicides"));
        assertEquals(13_174, rows.size());
        ChicagoCrimeRecord first = rows.get(0);
        assertEquals(26262, first.id());
        assertEquals(LocalDateTime.of(2021, 9, 8, 16, 45), first.dateTime());
        assertEquals("CAR WASH", first.locationDescription());
        assertTrue(first.arrest());
        assertFalse(first.domestic());
        assertEquals(11.0, first.district());
        assertEquals(25.0, first.communityArea());
        assertEquals(41.873191445, first.latitude());
        assertTrue(first.locationKnown());
        // counts from the source file (see datasets/README.md)
        assertEquals(6260, rows.stream().filter(ChicagoCrimeRecord::arrest).count());
        assertEquals(380, rows.stream().filter(r -> Double.isNaN(r.communityArea())).count());
        assertEquals(3, rows.stream().filter(r -> Double.isNaN(r.latitude())).count());
        assertEquals(40, rows.stream().filter(r -> !r.locationKnown()).count()); // 3 empty + 37 X=Y=0
        assertEquals(2001, rows.stream().mapToInt(ChicagoCrimeRecord::year).min().orElseThrow());
        assertEquals(2024, rows.stream().mapToInt(ChicagoCrimeRecord::year).max().orElseThrow());
    }

    @Test
    void malformedRowNamesRowLineAndColumn(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, HEADER + "\n" + GOOD + "\n" + GOOD.replace(",true,false,", ",maybe,false,") + "\n");
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertEquals(csv + ": row 2 (line 3) column 'Arrest' is 'maybe', expected true or false", e.getMessage());

        Files.writeString(csv, HEADER + "\n" + GOOD.replace("09/08/2021", "2021-09-08") + "\n");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().contains("row 1 (line 2) column 'Date' is '2021-09-08 04:45:00 PM'"), e.getMessage());
        // an unterminated quote: one line, without Jackson's source, offset and reference chain
        Files.writeString(csv, HEADER + "\n" + GOOD + "\n" + GOOD.replace("CAR WASH", "\"CAR WASH") + "\n");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().startsWith(csv + ": row ") && e.getMessage().contains(" is not valid CSV: "),
                e.getMessage());
        assertTrue(!e.getMessage().contains("reference chain") && !e.getMessage().contains("[Source"), e.getMessage());
        // a date that does not exist is an error too; it used to be read as 02/28
        Files.writeString(csv, HEADER + "\n" + GOOD.replace("09/08/2021", "02/30/2021") + "\n");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().contains("row 1 (line 2) column 'Date' is '02/30/2021 04:45:00 PM', expected a date"),
                e.getMessage());

        Files.writeString(csv, HEADER + "\n" + GOOD + "\n" + "1,2,3\n");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().endsWith("row 2 (line 3) has 3 fields, expected 22 (as the header)"), e.getMessage());

        Files.writeString(csv, HEADER + "\n" + GOOD.replace(",41.873191445,", ",north,") + "\n");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().contains("column 'Latitude' is 'north', expected a number or empty"), e.getMessage());

        // finite but no place on Earth: 1e308 overflowed the scaler to Infinity and NaN
        Files.writeString(csv, HEADER + "\n" + GOOD.replace(",41.873191445,", ",1e308,") + "\n");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().endsWith("row 1 (line 2) column 'Latitude' is '1e308', expected degrees in [-90, 90] "
                + "or empty"), e.getMessage());
        Files.writeString(csv, HEADER + "\n" + GOOD.replace(",41.873191445,", ",-91,") + "\n");
        assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
    }

    @Test
    void aBinaryFileAndAHeaderWithoutRowsAreNamedAsSuch(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("Homicides.csv");
        byte[] junk = new byte[4096];
        new java.util.Random(3).nextBytes(junk);
        Files.write(csv, junk);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().startsWith(csv + " is not UTF-8 text"), e.getMessage());
        Files.writeString(csv, HEADER + "\n");
        assertEquals(0, ChicagoCrimeRecords.read(csv).size(), "a CSV file may hold no rows");
        e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.readHomicides(dir));
        assertEquals(csv + ": a header but no data rows, expected at least one record", e.getMessage());
    }

    @Test
    void missingColumnAndMissingFileAreClear(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("noarrest.csv");
        Files.writeString(csv, HEADER.replace("Arrest,", "") + "\n");
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> ChicagoCrimeRecords.read(csv));
        assertTrue(e.getMessage().contains("missing column 'Arrest', found columns [ID, Case Number"), e.getMessage());

        NoSuchFileException nf = assertThrows(NoSuchFileException.class,
                () -> ChicagoCrimeRecords.readHomicides(dir.resolve("nowhere")));
        assertTrue(nf.getMessage().contains("nowhere") && nf.getMessage().contains("Homicides.csv"), nf.getMessage());
        nf = assertThrows(NoSuchFileException.class, () -> ChicagoCrimeRecords.readHomicides(dir));
        assertTrue(nf.getMessage().contains("Homicides.csv"), nf.getMessage());
    }

    @Test
    void emptyNumericFieldsAreNaN(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("gaps.csv");
        Files.writeString(csv, HEADER + "\n" + GOOD.replace(",24,25,01A,", ",,,01A,") + "\n");
        ChicagoCrimeRecord r = ChicagoCrimeRecords.read(csv).get(0);
        assertTrue(Double.isNaN(r.ward()));
        assertTrue(Double.isNaN(r.communityArea()));
    }
}
