package io.github.crimeanomaly.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the saved files' zips defensively, for both saved formats (model archives and detector
 * files). It goes through the zip's central directory, which sits at the end of the file, so a
 * truncated file is refused even when its first entries are intact; and it refuses unsafe entry
 * names, duplicate entries, too many entries and entries that inflate past a limit. Each problem
 * becomes the caller's own exception ({@link Errors}), with a message that names the file.
 * Internal.
 */
public final class SafeZip {

    /** What is wrong with a zip. */
    public enum Problem {
        /** Not a zip, or a truncated or corrupt one. */
        CORRUPT,
        /** An entry name with {@code ..}, a backslash, a drive letter or a leading {@code /}. */
        UNSAFE_ENTRY,
        /** More entries than allowed, an entry twice, or an entry larger than allowed. */
        INVALID_CONTENT
    }

    /** Makes the caller's exception for a problem. */
    @FunctionalInterface
    public interface Errors {
        /** The exception to throw for {@code problem}; {@code cause} may be null. */
        IOException of(Problem problem, String message, Throwable cause);
    }

    private SafeZip() {
    }

    /**
     * Every file entry of {@code file}, by name, in the zip's order (directories skipped). No entry,
     * and not all of them together, may inflate past {@code maxEntryBytes}; what an entry inflates
     * to is counted before any of it is held.
     *
     * @param what words for the file in messages, e.g. "model file"
     * @throws IOException from {@code errors} for a bad zip, or if the file cannot be read at all
     */
    public static Map<String, byte[]> readAll(Path file, String what, int maxEntries, long maxEntryBytes,
                                              Errors errors) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            int count = 0;
            long total = 0;   // the limit holds for all entries together too
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (unsafe(e.getName())) {
                    throw errors.of(Problem.UNSAFE_ENTRY, what + " " + file + " has an unsafe entry name '"
                            + e.getName() + "': expected relative names without '..', '\\' or a leading '/'", null);
                }
                if (++count > maxEntries) {
                    throw errors.of(Problem.INVALID_CONTENT, what + " " + file + " has more than " + maxEntries
                            + " entries", null);
                }
                if (e.isDirectory()) {
                    continue;
                }
                byte[] b = read(zip, e, file, what, maxEntryBytes, errors);
                total += b.length;
                if (total > maxEntryBytes) {
                    throw errors.of(Problem.INVALID_CONTENT, what + " " + file + ": its entries inflate to more than "
                            + maxEntryBytes + " bytes together (a corrupt or crafted file)", null);
                }
                if (entries.put(e.getName(), b) != null) {
                    throw errors.of(Problem.INVALID_CONTENT, what + " " + file + " has the entry '" + e.getName()
                            + "' twice", null);
                }
            }
        } catch (ZipException | EOFException e) {
            throw errors.of(Problem.CORRUPT, what + " " + file + " is not a readable zip archive (truncated or corrupt): "
                    + e.getMessage(), e);
        }
        return entries;
    }

    /**
     * One entry of {@code file}, or null if it has none of that name; the rest of the zip is not
     * read, but a truncated or corrupt zip is still refused.
     *
     * @throws IOException from {@code errors} for a bad zip, or if the file cannot be read at all
     */
    public static byte[] readEntry(Path file, String name, String what, long maxEntryBytes, Errors errors)
            throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(name);
            return e == null || e.isDirectory() ? null : read(zip, e, file, what, maxEntryBytes, errors);
        } catch (ZipException | EOFException e) {
            throw errors.of(Problem.CORRUPT, what + " " + file + " is not a readable zip archive (truncated or corrupt): "
                    + e.getMessage(), e);
        }
    }

    private static byte[] read(ZipFile zip, ZipEntry e, Path file, String what, long max, Errors errors)
            throws IOException {
        if (e.getSize() > max) {
            throw errors.of(Problem.INVALID_CONTENT, what + " " + file + ": entry '" + e.getName() + "' is "
                    + e.getSize() + " bytes, more than the limit of " + max, null);
        }
        // count what the entry inflates to before holding any of it: the size in the header is the
        // writer's claim (a crafted 1 MB file declared a small entry that inflated to 1 GiB), and
        // reading up to the limit first needed twice the limit of heap
        long size = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(e)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                size += n;
                if (size > max) {
                    throw errors.of(Problem.INVALID_CONTENT, what + " " + file + ": entry '" + e.getName()
                            + "' inflates past the limit of " + max + " bytes (a corrupt or crafted file)", null);
                }
            }
        }
        byte[] b = new byte[(int) size];
        try (InputStream in = zip.getInputStream(e)) {
            int got = in.readNBytes(b, 0, b.length);
            if (got != size || in.read() >= 0) {
                throw errors.of(Problem.CORRUPT, what + " " + file + ": entry '" + e.getName()
                        + "' changed while it was read (expected " + size + " bytes)", null);
            }
        }
        return b;
    }

    /** Whether an entry name could escape a folder it is extracted to. */
    public static boolean unsafe(String name) {
        return name.isEmpty() || name.contains("..") || name.contains("\\") || name.startsWith("/")
                || (name.length() > 1 && name.charAt(1) == ':');
    }
}
