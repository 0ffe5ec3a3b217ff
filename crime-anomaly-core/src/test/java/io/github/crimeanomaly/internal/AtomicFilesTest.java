package io.github.crimeanomaly.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void failedWriteLeavesOldFileUntouchedAndNoTempFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("scores.csv");
        Files.writeString(target, "old content");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, w -> {
            w.write("half of the new cont");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("old content", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void replacesTargetOnSuccess(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.write(target, w -> w.write("v1"));
        AtomicFiles.write(target, w -> w.write("v2"));
        assertEquals("v2", Files.readString(target));
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyNewFile(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.write(atomic, w -> w.write("x"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void refusesToReplaceADirectory(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir, w -> w.write("x")));
        assertEquals(true, e.getMessage().contains("directory"));
    }

    @Test
    void aFolderThatTakesNoNewFileIsReportedForTheTargetNotTheTemporaryFile() {
        // /proc exists on Linux and refuses new files, whoever runs the test (root included)
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux /proc");
        Path target = proc.resolve("m.zip");
        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> AtomicFiles.write(target, w -> w.write("x")));
        assertEquals(target.toString(), e.getFile());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(target + ": cannot create a file in its "
                + "folder /proc"), e.getMessage());
    }
}
