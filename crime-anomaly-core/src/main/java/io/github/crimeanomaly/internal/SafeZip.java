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
     * Every file entry of {@code file}, by name, in the zip's order (directories skipped).
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
                if (entries.put(e.getName(), read(zip, e, file, what, maxEntryBytes, errors)) != null) {
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
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (b.length > max) {
                throw errors.of(Problem.INVALID_CONTENT, what + " " + file + ": entry '" + e.getName()
                        + "' inflates past the limit of " + max + " bytes", null);
            }
            return b;
        }
    }

    /** Whether an entry name could escape a folder it is extracted to. */
    public static boolean unsafe(String name) {
        return name.isEmpty() || name.contains("..") || name.contains("\\") || name.startsWith("/")
                || (name.length() > 1 && name.charAt(1) == ':');
    }
}
