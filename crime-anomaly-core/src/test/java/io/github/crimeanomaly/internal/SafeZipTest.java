package io.github.crimeanomaly.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeZipTest {

    @TempDir
    Path dir;

    /** The problem and message SafeZip reports, as an exception. */
    static final class Bad extends IOException {
        final SafeZip.Problem problem;

        Bad(SafeZip.Problem problem, String message) {
            super(message);
            this.problem = problem;
        }
    }

    private static IOException error(SafeZip.Problem p, String message, Throwable cause) {
        return new Bad(p, message);
    }

    /**
     * A zip with entries of {@code sizes[i]} zero bytes (a few KB on disk however large they
     * inflate); with {@code lie}, its central directory claims each entry is 1 byte, as a crafted
     * file would.
     */
    private Path zipOfZeros(String name, boolean lie, long... sizes) throws IOException {
        Path f = dir.resolve(name);
        byte[] zeros = new byte[1 << 20];
        try (OutputStream os = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(os)) {
            for (int i = 0; i < sizes.length; i++) {
                z.putNextEntry(new ZipEntry("entry" + i + ".bin"));
                for (long left = sizes[i]; left > 0; left -= zeros.length) {
                    z.write(zeros, 0, (int) Math.min(left, zeros.length));
                }
                z.closeEntry();
            }
        }
        if (lie) {
            byte[] b = Files.readAllBytes(f);
            for (int i = 0; i + 46 <= b.length; i++) {
                // central directory header: signature 0x02014b50, uncompressed size at offset 24
                if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02) {
                    b[i + 24] = 1;
                    b[i + 25] = 0;
                    b[i + 26] = 0;
                    b[i + 27] = 0;
                }
            }
            Files.write(f, b);
        }
        return f;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /**
     * An entry inflating far past the limit is refused without holding what it inflates to: the
     * reader allocates well under the limit (reading up to the limit first took twice the limit
     * of heap, and a crafted 1 MB model file ran the command-line tool out of memory).
     */
    @Test
    void anEntryInflatingPastTheLimitIsRefusedWithoutHoldingIt() throws IOException {
        long limit = 32L << 20;
        Path bomb = zipOfZeros("bomb.zip", true, 256L << 20);
        assertTrue(Files.size(bomb) < (1 << 20), "the file itself is small: " + Files.size(bomb));
        long before = allocatedBytes();
        Bad e = assertThrows(Bad.class, () -> SafeZip.readAll(bomb, "model file", 8, limit, SafeZipTest::error));
        long allocated = allocatedBytes() - before;
        assertEquals(SafeZip.Problem.INVALID_CONTENT, e.problem);
        assertTrue(e.getMessage().contains("entry 'entry0.bin' inflates past the limit of 33554432 bytes"),
                e.getMessage());
        assertTrue(allocated < limit / 4, "allocated " + allocated + " bytes to refuse it");
    }

    @Test
    void theLimitHoldsForAllEntriesTogetherAndEntriesWithinItAreReadWhole() throws IOException {
        Path two = zipOfZeros("two.zip", false, 600_000, 600_000);
        Bad e = assertThrows(Bad.class, () -> SafeZip.readAll(two, "model file", 8, 1_000_000, SafeZipTest::error));
        assertEquals(SafeZip.Problem.INVALID_CONTENT, e.problem);
        assertTrue(e.getMessage().contains("its entries inflate to more than 1000000 bytes together"), e.getMessage());
        Bad one = assertThrows(Bad.class, () -> SafeZip.readAll(two, "model file", 8, 500_000, SafeZipTest::error));
        assertTrue(one.getMessage().contains("entry 'entry0.bin' is 600000 bytes, more than the limit of 500000"),
                one.getMessage());
        Map<String, byte[]> ok = SafeZip.readAll(two, "model file", 8, 1_200_000, SafeZipTest::error);
        assertEquals(2, ok.size());
        assertArrayEquals(new byte[600_000], ok.get("entry1.bin"));
    }
}
