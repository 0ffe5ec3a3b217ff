package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.video.VideoOptions;
import picocli.CommandLine.Option;

/** The options that accept a damaged video file, the same in every command that decodes one. */
final class DamagedVideoOptions {

    @Option(names = "--allow-truncated",
            description = {"Use the frames before the cut of a video file that ends well before the frame count its",
                "header declares (a recording still being written, an interrupted copy), with a warning.",
                "Without it such a file is an error naming both counts."})
    boolean allowTruncated;

    @Option(names = "--allow-corrupt",
            description = {"Use a video file with frames the decoder could not decode cleanly (damaged bytes, a",
                "missing reference frame), as FFmpeg conceals them, with a warning at the first. Concealed",
                "frames may score as motion. Without it such a file is an error naming the first damaged frame."})
    boolean allowCorrupt;

    /** {@code b} with these options set. */
    VideoOptions.Builder applyTo(VideoOptions.Builder b) {
        return b.allowTruncated(allowTruncated).allowCorruptFrames(allowCorrupt);
    }
}
