package io.github.crimeanomaly.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds incidents (runs of frames at or above a threshold) in a stream of frame scores, in
 * constant memory: for live streams where keeping every score is not wanted. Not thread-safe.
 *
 * <pre>{@code
 * IncidentTracker incidents = new IncidentTracker(detector.threshold());
 * detector.score(source, f -> {
 *     boolean wasOpen = incidents.inIncident();
 *     incidents.accept(f).ifPresent(i -> System.out.println("incident over: " + i));
 *     if (!wasOpen && incidents.inIncident()) System.out.println("incident starts at frame " + f.frameIndex());
 * });
 * incidents.finish().ifPresent(i -> System.out.println("incident over: " + i));
 * }</pre>
 */
public final class IncidentTracker {

    private final double threshold;
    private FrameScore start;
    private FrameScore last;
    private FrameScore peak;
    /** The index of the last frame fed since the stream began, or -1. */
    private long lastIndex = -1;

    /** A tracker for the given threshold (finite). */
    public IncidentTracker(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Feeds the next frame score, in stream order (each frame's index above the last one's).
     *
     * @return the incident that this frame closed, if any
     * @throws IllegalArgumentException if the frame's index is not above the last frame's (frames
     *                                  out of order or fed twice); the tracker is unchanged
     */
    public Optional<Incident> accept(FrameScore f) {
        Objects.requireNonNull(f, "frame score");
        if (f.frameIndex() <= lastIndex) {
            throw new IllegalArgumentException("expected frames in stream order, got frame " + f.frameIndex()
                    + " after frame " + lastIndex + " (call finish() at the end of a stream before the next)");
        }
        lastIndex = f.frameIndex();
        if (f.score() >= threshold) {
            if (start == null) {
                start = f;
                peak = f;
            } else if (f.score() > peak.score()) {
                peak = f;
            }
            last = f;
            return Optional.empty();
        }
        return close();
    }

    /**
     * Whether the last frame fed is part of an incident still open: it turns true at the frame
     * that starts an incident, which is when a live alarm should go off, and false again at the
     * frame whose {@link #accept} returns the closed incident.
     */
    public boolean inIncident() {
        return start != null;
    }

    /**
     * Closes the open incident, if any. Call it at the end of the stream; the tracker then takes a
     * new stream, its frame indices starting again.
     */
    public Optional<Incident> finish() {
        lastIndex = -1;
        return close();
    }

    private Optional<Incident> close() {
        if (start == null) {
            return Optional.empty();
        }
        Incident i = new Incident(start.frameIndex(), last.frameIndex(), start.timestampMicros(),
                last.timestampMicros(), peak.frameIndex(), peak.score());
        start = null;
        last = null;
        peak = null;
        return Optional.of(i);
    }
}
