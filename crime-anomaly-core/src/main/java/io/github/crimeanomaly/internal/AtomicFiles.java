package io.github.crimeanomaly.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files atomically: to a temporary file in the target's directory, then a move over the
 * target, so that a reader never sees a half-written file and a failed or interrupted write (an
 * exception, Ctrl-C, SIGTERM; not SIGKILL) leaves the old file untouched and no temporary file
 * behind. Internal: not part of the API.
 */
public final class AtomicFiles {

    /** Writes text. */
    @FunctionalInterface
    public interface WriterBody {
        /** Writes the content. */
        void write(Writer out) throws IOException;
    }

    /** Writes bytes. */
    @FunctionalInterface
    public interface StreamBody {
        /** Writes the content. */
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes UTF-8 text to {@code target} atomically. */
    public static void write(Path target, WriterBody body) throws IOException {
        writeBytes(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.write(w);
            w.flush();
        });
    }

    /** Writes bytes to {@code target} atomically, flushed to the disk before the move. */
    public static void writeBytes(Path target, StreamBody body) throws IOException {
        writeVia(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch));
                body.write(out);
                out.flush();
                ch.force(true);
            }
        });
    }

    /** Writes a file through its path, for writers that open the file themselves (native encoders). */
    @FunctionalInterface
    public interface PathBody {
        /** Writes the complete content to {@code tmp}, an empty file in the target's directory. */
        void write(Path tmp) throws IOException;
    }

    /**
     * Lets {@code body} write a temporary file next to {@code target}, then moves it over the
     * target; on any failure the temporary file is deleted and the target left as it was.
     * Creates missing parent directories.
     */
    public static void writeVia(Path target, PathBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (Files.isDirectory(abs)) {
            throw new IOException("expected a file path, found a directory: " + abs);
        }
        // Not Files.createTempFile: that makes the file 0600, and the move would keep it so.
        // CREATE_NEW with a random name gives the umask's usual permissions, like any new file.
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (java.nio.file.FileSystemException e) {
            // the JDK names only the temporary file (/proc/.m.zip.3grwb5jvqssk9.tmp): name the target
            String why = "cannot create a file in its folder " + dir
                    + (e.getReason() != null ? " (" + e.getReason() + ")" : "");
            java.nio.file.FileSystemException named = e instanceof java.nio.file.AccessDeniedException
                    ? new java.nio.file.AccessDeniedException(abs.toString(), null, why)
                    : e instanceof java.nio.file.NoSuchFileException
                    ? new java.nio.file.NoSuchFileException(abs.toString(), null, why)
                    : new java.nio.file.FileSystemException(abs.toString(), null, why);
            named.initCause(e);
            throw named;
        }
        // an interrupted JVM (Ctrl-C, SIGTERM) runs shutdown hooks but not the finally below: without
        // this it left the half-written temporary file next to the user's
        boolean done = false;
        try (OnExit cleanup = onExit(() -> {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the JVM is going down; nothing more to do
            }
        })) {
            body.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A cleanup registered by {@link #onExit}; closing it unregisters the cleanup without running it. */
    public interface OnExit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs {@code cleanup} if the JVM exits (Ctrl-C, SIGTERM, {@code System.exit}) before the
     * returned handle is closed: an interrupted JVM runs shutdown hooks, not {@code finally} blocks,
     * so temporary files and staging folders would otherwise stay in the user's folder.
     */
    public static OnExit onExit(Runnable cleanup) {
        Thread hook = new Thread(cleanup, "crime-anomaly-cleanup-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran, anyway
            }
        };
    }
}
