package io.github.crimeanomaly.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A local video file with a frame that FFmpeg's decoder could not decode cleanly: damaged bytes or
 * a missing reference frame, which the decoder conceals by copying or smearing pixels from
 * elsewhere. Scored as they are, such frames read as sudden motion. Thrown by
 * {@link VideoFrameSource#next()} at the first such frame, after the frames before it were yielded;
 * {@link VideoOptions.Builder#allowCorruptFrames(boolean)} accepts them instead.
 */
public final class VideoCorruptException extends VideoFormatException {

    private static final long serialVersionUID = 1L;

    /** FFmpeg's {@code decode_error_flags} bits (libavutil/frame.h), in the order they are named. */
    private static final String[] FLAG_NAMES = {"invalid bitstream", "missing reference frame",
        "concealment active", "slices lost"};

    private final long frameIndex;

    /**
     * @param location         the file
     * @param frameIndex       the damaged frame's index among all decoded frames
     * @param micros           its timestamp, microseconds from the start
     * @param decodeErrorFlags FFmpeg's {@code decode_error_flags} of the frame (0 if only its
     *                         {@code AV_FRAME_FLAG_CORRUPT} was set; other bits are ignored)
     */
    public VideoCorruptException(String location, long frameIndex, long micros, int decodeErrorFlags) {
        super(String.format(Locale.ROOT, "%s is damaged: frame %d (at %.2f s) did not decode cleanly (%s), so "
                        + "FFmpeg filled it in from other pixels, which would score as motion; expected an intact "
                        + "video. To use it anyway, open it with VideoOptions.builder().allowCorruptFrames(true) "
                        + "(command line: score, inspect or calibrate --allow-corrupt)", location, frameIndex,
                micros / 1e6, describe(decodeErrorFlags)));
        this.frameIndex = frameIndex;
    }

    /** The damaged frame's index among all decoded frames of the video. */
    public long frameIndex() {
        return frameIndex;
    }

    /** FFmpeg's decode error flags in words, e.g. "missing reference frame, concealment active". */
    static String describe(int flags) {
        List<String> names = new ArrayList<>();
        for (int b = 0; b < FLAG_NAMES.length; b++) {
            if ((flags & (1 << b)) != 0) {
                names.add(FLAG_NAMES[b]);
            }
        }
        return names.isEmpty() ? "marked corrupt by the decoder" : String.join(", ", names);
    }
}
