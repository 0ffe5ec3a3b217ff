package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.List;

/** The sources a detector's {@code fit} was given, closed when it fails. */
public final class FitSources {

    private FitSources() {
    }

    /** A detector's fit over its sources. */
    @FunctionalInterface
    public interface Fit<T> {
        /** Fits on {@code sources}, reading and closing each. */
        T fit(List<? extends FrameSource> sources) throws IOException;
    }

    /**
     * Runs {@code fit} on {@code sources}; if it fails, closes every source (see
     * {@link #closeAfterFailure}) and rethrows.
     */
    public static <T> T closingAllOnFailure(List<? extends FrameSource> sources, Fit<T> fit) throws IOException {
        try {
            return fit.fit(sources);
        } catch (Throwable t) {
            closeAfterFailure(sources, t);
            throw t;
        }
    }

    /**
     * Closes every source of {@code sources} after {@code fit} failed with {@code failure}: the
     * ones it had not reached yet would otherwise stay open (a decoder, native memory). Sources
     * already closed are closed again, which {@link java.io.Closeable} makes harmless. A failure
     * to close is added to {@code failure} as suppressed.
     */
    public static void closeAfterFailure(List<? extends FrameSource> sources, Throwable failure) {
        if (sources == null) {
            return;
        }
        for (FrameSource s : sources) {
            if (s == null) {
                continue;
            }
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
