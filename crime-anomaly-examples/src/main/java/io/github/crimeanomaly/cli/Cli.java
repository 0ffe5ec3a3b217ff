package io.github.crimeanomaly.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Small helpers shared by the subcommands. */
final class Cli {

    private Cli() {
    }

    /**
     * A bad command line found by a command's own checks (a value out of range, options that
     * contradict each other): the tool exits with 2, as for picocli's own usage errors, not 1.
     */
    static final class OptionException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        OptionException(String message) {
            super(message);
        }
    }

    /** An {@link OptionException} with {@code message}, to throw. */
    static OptionException badOption(String message) {
        return new OptionException(message);
    }

    /** "Run 'crime-anomaly score --help' for its options." for {@code cmd}. */
    static String helpHint(picocli.CommandLine cmd) {
        return "Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.";
    }

    /** A one-line message for an exception and its causes, without a stack trace. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable cur = t;
        int depth = 0;
        while (cur != null && depth < 5) {
            if (depth > 0 && cur.getClass().getName().startsWith("org.bytedeco.")) {
                // JavaCV's message repeats what the library already said, with hints meant for
                // its own API ("Has setFormat() been called?")
                break;
            }
            String msg = cur instanceof FileSystemException fs ? describe(fs)
                    : cur instanceof JsonProcessingException ? Json.problem(cur) // without the parser's location
                    : cur.getMessage();
            // one line, whatever the message: the error line is the last thing a script reads
            String part = msg == null || msg.isBlank() ? cur.getClass().getSimpleName()
                    : msg.strip().replaceAll("\\s*\\R\\s*", " ");
            if (sb.indexOf(part) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(part);
            }
            cur = cur.getCause() == cur ? null : cur.getCause();
            depth++;
        }
        return sb.toString();
    }

    /**
     * A file-system error as a sentence: Java's own message for these is often only the path
     * ("error: out/x" for a file standing where a folder was to be created).
     */
    private static String describe(FileSystemException e) {
        String file = e.getFile();
        String other = e.getOtherFile() != null ? " (and " + e.getOtherFile() + ")" : "";
        String reason = e.getReason();
        if (e instanceof FileAlreadyExistsException) {
            // thrown where a folder was to be created over a file, or a file written over another
            return file + other + " already exists" + (Files.isRegularFile(Path.of(file))
                    ? " as a file (where a folder or a new file was to be)" : "") + (reason != null ? " (" + reason + ")" : "");
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + file + other + (reason != null ? " (" + reason + ")" : "");
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + file + other + (reason != null ? " (" + reason + ")" : "");
        }
        if (e instanceof NotDirectoryException) {
            return file + " is not a folder" + (reason != null ? " (" + reason + ")" : "");
        }
        return e.getMessage();
    }

    /**
     * The frame rate of folders of image frames ({@code --fps}): null (not given) or in (0,
     * {@link io.github.crimeanomaly.frame.ImageFolderFrameSource#MAX_FPS}].
     */
    static void checkFolderFps(Double fps) {
        if (fps != null && !(fps > 0 && fps <= io.github.crimeanomaly.frame.ImageFolderFrameSource.MAX_FPS)) {
            throw badOption("--fps must be > 0 and at most "
                    + (long) io.github.crimeanomaly.frame.ImageFolderFrameSource.MAX_FPS
                    + " (timestamps are whole microseconds), got " + fps);
        }
    }

    /**
     * Saves a model or detector to {@code out} with {@code save}. The library replaces only a file
     * it saved itself; with {@code --overwrite} the user asked for any file there to be replaced,
     * so the save goes to a new file beside it that then replaces it, atomically as before.
     */
    static void save(Path out, boolean overwrite, io.github.crimeanomaly.internal.AtomicFiles.PathBody save)
            throws java.io.IOException {
        if (overwrite && Files.exists(out)) {
            io.github.crimeanomaly.internal.AtomicFiles.writeVia(out, save);
        } else {
            save.write(out);
        }
    }

    /**
     * Checks before any work that {@code option}'s {@code file} can be written: not a folder, in an
     * existing writable folder, and not an existing file unless {@code overwrite} (a usage error,
     * exit 2: a typo must not replace a file of the user's). Training for minutes and only then
     * failing to save loses the run.
     */
    static void checkOutputFile(String option, Path file, boolean overwrite) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder; expected a file path");
        }
        if (Files.exists(abs) && !overwrite) {
            throw badOption(option + " " + file + " exists; give --overwrite to replace it, or another path");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + dir + " does not exist; "
                    + "create it first");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + dir + " is not writable");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new IllegalArgumentException(option + " " + file + " exists and is not writable");
        }
    }

    /**
     * Checks before any work that {@code option}'s {@code dir} can be an output folder (created if
     * needed): not an existing file, and its nearest existing ancestor a writable folder.
     */
    static void checkOutputFolder(String option, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException(option + " " + dir + ": no part of the path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + dir + ": " + (existing.equals(abs) ? "it" : existing)
                    + " is an existing file; expected a folder or a path to create");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + dir + ": " + (existing.equals(abs) ? "the folder"
                    : "the folder " + existing) + " is not writable");
        }
    }

    /**
     * Refuses an output inside an input folder ({@code train-classifier --out} among the clips it
     * trains on would replace a clip, or be read as one next time).
     */
    static void checkOutsideOf(String option, Path out, String inputOption, Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return;
        }
        Path in = input.toRealPath();
        Path parent = out.toAbsolutePath().normalize().getParent();
        Path o = parent != null && Files.isDirectory(parent)
                ? parent.toRealPath().resolve(out.getFileName()) : out.toAbsolutePath().normalize();
        if (o.startsWith(in)) {
            throw new IllegalArgumentException(option + " " + out + " is inside " + inputOption + " " + input
                    + "; write it elsewhere (it would replace or join the data)");
        }
    }
}
