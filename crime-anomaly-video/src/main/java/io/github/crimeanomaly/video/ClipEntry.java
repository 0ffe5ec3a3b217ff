package io.github.crimeanomaly.video;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One video of a {@link VideoFolderDataset}, before decoding.
 *
 * @param path       the video file
 * @param name       the file name without extension ({@code fi001})
 * @param label      the class: the name of the folder the file is in ({@code fight})
 * @param labelIndex the class's position in {@link VideoFolderDataset#classes()}
 * @param group      the group key for group-aware splitting: clips from the same source video
 *                   share it; a clip with no known source is its own group (its name)
 */
public record ClipEntry(Path path, String name, String label, int labelIndex, String group) {

    /** Validates the fields. */
    public ClipEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(group, "group");
        if (labelIndex < 0) {
            throw new IllegalArgumentException("labelIndex must be >= 0, got " + labelIndex + " (" + path + ")");
        }
    }
}
