package io.github.crimeanomaly.detect;

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

    /** A tracker for the given threshold (finite). */
    public IncidentTracker(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Feeds the next frame score (in stream order).
     *
     * @return the incident that this frame closed, if any
     */
    public Optional<Incident> accept(FrameScore f) {
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
        return finish();
    }

    /**
     * Whether the last frame fed is part of an incident still open: it turns true at the frame
     * that starts an incident, which is when a live alarm should go off, and false again at the
     * frame whose {@link #accept} returns the closed incident.
     */
    public boolean inIncident() {
        return start != null;
    }

    /** Closes the open incident, if any (call at the end of the stream). */
    public Optional<Incident> finish() {
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
