package io.github.crimeanomaly.model;

import java.io.IOException;
import java.util.Objects;

/**
 * A saved model file is broken, tampered with or foreign. {@link #reason()} says which, for
 * callers that react differently (e.g. ask for a newer library on {@link Reason#NEWER_FORMAT}).
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a file was rejected. */
    public enum Reason {
        /** Not a zip, or a truncated or corrupt zip. */
        CORRUPT_ARCHIVE,
        /** A zip entry name with {@code ..}, an absolute path or a backslash. */
        UNSAFE_ENTRY,
        /** Written by a newer library with a format version this one cannot read. */
        NEWER_FORMAT,
        /** The payload does not match the checksum recorded in the manifest. */
        CHECKSUM_MISMATCH,
        /** A valid archive of another kind (e.g. a detector, not a model). */
        WRONG_KIND,
        /** A required entry is missing. */
        MISSING_ENTRY,
        /** An entry is present but its content is invalid. */
        INVALID_CONTENT
    }

    private final Reason reason;

    /** Creates an exception; the message should name the file and say expected vs found. */
    public ModelFormatException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates an exception with a cause. */
    public ModelFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the file was rejected. */
    public Reason reason() {
        return reason;
    }
}
