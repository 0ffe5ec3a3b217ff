package io.github.crimeanomaly.video;

/**
 * A local video file whose decoding ended well before the frame count its container header
 * declares: the file was cut (an interrupted copy or download, a recording still being written) or
 * is damaged past that point. Thrown by {@link VideoFrameSource#next()} when the end is reached,
 * after the frames before the cut were yielded; {@link VideoOptions.Builder#allowTruncated(boolean)}
 * accepts such files instead.
 */
public final class VideoTruncatedException extends VideoFormatException {

    private static final long serialVersionUID = 1L;

    private final long declaredFrames;
    private final long decodedFrames;

    /**
     * @param location       the file
     * @param declaredFrames the frame count the container header declares
     * @param decodedFrames  the frames decoded before the end (counted from the start of the video)
     * @param decodedMicros  the timestamp of the last frame decoded, or -1 if none was
     */
    public VideoTruncatedException(String location, long declaredFrames, long decodedFrames, long decodedMicros) {
        super(message(location, declaredFrames, decodedFrames, decodedMicros));
        this.declaredFrames = declaredFrames;
        this.decodedFrames = decodedFrames;
    }

    /** The frame count the container header declares. */
    public long declaredFrames() {
        return declaredFrames;
    }

    /** The frames decoded before the end, counted from the start of the video. */
    public long decodedFrames() {
        return decodedFrames;
    }

    static String message(String location, long declared, long decoded, long micros) {
        return location + " is truncated or damaged: its header declares " + declared
                + " frames, but decoding ended after " + decoded
                + (micros >= 0 ? String.format(java.util.Locale.ROOT, " (the last at %.2f s)", micros / 1e6) : "")
                + "; expected the whole video. To use the frames before the cut, open it with"
                + " VideoOptions.builder().allowTruncated(true) (command line: score, inspect or calibrate"
                + " --allow-truncated)";
    }
}
