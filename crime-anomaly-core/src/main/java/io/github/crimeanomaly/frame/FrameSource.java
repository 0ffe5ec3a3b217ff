package io.github.crimeanomaly.frame;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A stream of frames, read one at a time so that memory does not grow with the length of the
 * video. Implementations: an image folder (core), a video file or network stream (the optional
 * {@code crime-anomaly-video} module), a list in memory ({@link FrameSources#of}).
 *
 * <p>Every frame a source yields has {@link #format()}. Sources hold resources (files, native
 * decoders) and must be closed: use try-with-resources. Not thread-safe.
 *
 * <pre>{@code
 * try (FrameSource src = ImageFolderFrameSource.open(dir, FrameFormat.gray(180, 120))) {
 *     for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) { ... }
 * }
 * }</pre>
 */
public interface FrameSource extends Closeable {

    /**
     * Reads the next frame.
     *
     * @return the next frame, or empty at the end of the stream
     * @throws IOException if the stream cannot be read or is corrupt; the message names the
     *                     source and the frame
     */
    Optional<Frame> next() throws IOException;

    /** The format of every frame this source yields. */
    FrameFormat format();

    /** The number of frames this source will yield, if known in advance. */
    default OptionalLong frameCount() {
        return OptionalLong.empty();
    }

    /** Frames per second, if known. */
    default OptionalDouble fps() {
        return OptionalDouble.empty();
    }

    /** A short human-readable description for messages, e.g. the path or URL. */
    String description();
}
