package io.github.crimeanomaly.detect;

/**
 * A contiguous run of frames whose score is at or above the threshold.
 *
 * @param startFrame      first frame of the run (inclusive)
 * @param endFrame        last frame of the run (inclusive)
 * @param startMicros     timestamp of the first frame
 * @param endMicros       timestamp of the last frame
 * @param peakFrame       frame with the highest score in the run (the earliest, on ties)
 * @param peakScore       that score
 */
public record Incident(long startFrame, long endFrame, long startMicros, long endMicros,
                       long peakFrame, double peakScore) {

    /** Validates the fields. */
    public Incident {
        if (startFrame < 0 || endFrame < startFrame) {
            throw new IllegalArgumentException("need 0 <= startFrame <= endFrame, got " + startFrame + ".." + endFrame);
        }
        if (peakFrame < startFrame || peakFrame > endFrame) {
            throw new IllegalArgumentException("peakFrame " + peakFrame + " outside " + startFrame + ".." + endFrame);
        }
    }

    /** Number of frames in the run. */
    public long frameCount() {
        return endFrame - startFrame + 1;
    }
}
