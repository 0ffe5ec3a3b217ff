package io.github.crimeanomaly.records;

import java.io.IOException;

/** A records file that is not in the expected layout: a missing column or a malformed row. */
public final class RecordFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the file, row and column. */
    public RecordFormatException(String message) {
        super(message);
    }

    /** An exception with a message and the parser's cause. */
    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
