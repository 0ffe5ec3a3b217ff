package io.github.crimeanomaly.datasets;

import java.io.IOException;

/** A dataset's ground-truth file is malformed or does not match the clips present. */
public final class GroundTruthFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the file and what was expected vs found. */
    public GroundTruthFormatException(String message) {
        super(message);
    }
}
