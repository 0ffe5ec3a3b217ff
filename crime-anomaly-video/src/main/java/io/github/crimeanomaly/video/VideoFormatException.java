package io.github.crimeanomaly.video;

import java.io.IOException;

/**
 * A file or stream that FFmpeg cannot decode as video: empty, not a video container, no video
 * stream, or corrupt. The message names the path or URL and what was wrong.
 */
public class VideoFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the source and the problem. */
    public VideoFormatException(String message) {
        super(message);
    }

    /** With a message naming the source and the problem, and the underlying cause. */
    public VideoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
