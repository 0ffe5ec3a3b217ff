package io.github.crimeanomaly.detect;

import java.io.IOException;

/**
 * A saved detector file is not one this library can load: not a detector zip, written by a newer
 * format version, of another detector type, or modified after it was written (checksum mismatch).
 */
public final class DetectorFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the file and what was expected vs found. */
    public DetectorFormatException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public DetectorFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
