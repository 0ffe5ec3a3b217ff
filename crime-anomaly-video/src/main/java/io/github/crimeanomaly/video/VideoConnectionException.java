package io.github.crimeanomaly.video;

import java.io.IOException;

/**
 * A network stream (rtsp, http, ...) that could not be opened or stopped answering: connection
 * refused, connect or read timeout, unknown host. The message names the URL and the cause.
 */
public class VideoConnectionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the URL and the problem. */
    public VideoConnectionException(String message) {
        super(message);
    }

    /** With a message naming the URL and the problem, and the underlying cause. */
    public VideoConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
