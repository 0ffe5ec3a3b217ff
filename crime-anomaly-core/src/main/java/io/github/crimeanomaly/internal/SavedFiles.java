package io.github.crimeanomaly.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards the library's saved files (models and detectors) against replacing a user's other
 * files. Internal.
 */
public final class SavedFiles {

    private SavedFiles() {
    }

    /**
     * Allows saving to {@code target} if nothing is there, an empty file is there, or a file this
     * library saved (a zip whose {@code manifest.json} names a crime-anomaly kind or format), so
     * that a model can be saved again under its own name. Anything else, such as a user's CSV
     * given as the target by mistake, is refused before anything is written.
     *
     * @throws FileAlreadyExistsException naming the file, if it holds something else
     */
    public static void checkReplaceable(Path target) throws IOException {
        if (!Files.isRegularFile(target) || Files.size(target) == 0) {
            return; // nothing there (a folder or a missing parent is the writer's to report)
        }
        if (!isSavedByThisLibrary(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "expected a new file or a model or "
                    + "detector saved by crime-anomaly to replace, found another file; it is left as it was: "
                    + "delete it or save under another name");
        }
    }

    private static boolean isSavedByThisLibrary(Path file) {
        try {
            byte[] manifest = SafeZip.readEntry(file, "manifest.json", "saved file", 1 << 20,
                    (problem, message, cause) -> new IOException(message, cause));
            if (manifest == null) {
                return false;
            }
            JsonNode m = Json.mapper().readTree(manifest);
            return m != null && (m.path("kind").asText("").startsWith("crime-anomaly/")
                    || m.path("format").asText("").startsWith("crime-anomaly"));
        } catch (IOException | RuntimeException e) {
            return false; // not a zip, or no readable manifest: not ours
        }
    }
}
