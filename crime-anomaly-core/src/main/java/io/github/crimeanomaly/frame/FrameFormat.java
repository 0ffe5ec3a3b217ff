package io.github.crimeanomaly.frame;

/**
 * The shape of a frame: width and height in pixels, and 1 (gray) or 3 (RGB) channels.
 *
 * <p>The factories take the width first, as video sizes are written: a 180x120 video is
 * {@code gray(180, 120)}. {@link #toString()}, and so every error message, names each number:
 * {@code width 180, height 120, 1 channel}, which cannot be read the wrong way round. Only the
 * layer table of {@code model-info} prints tensor shapes, under a heading that says their order
 * ({@code CxHxW}). A model's input may have 3 channels that are not RGB (difference and motion
 * field), which is why channels print as a count.
 *
 * @param width    width in pixels, &gt;= 1
 * @param height   height in pixels, &gt;= 1
 * @param channels 1 for gray, 3 for RGB
 */
public record FrameFormat(int width, int height, int channels) {

    /** Validates the fields. */
    public FrameFormat {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1, got " + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if ((long) width * height * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame too large: width " + width + ", height " + height + ", " + channels
                    + " channels");
        }
    }

    /** A gray format, width first: {@code gray(180, 120)} is 180 pixels wide and prints as {@code width 180, height 120, 1 channel}. */
    public static FrameFormat gray(int width, int height) {
        return new FrameFormat(width, height, 1);
    }

    /** An RGB format, width first: {@code rgb(180, 120)} is 180 pixels wide and prints as {@code width 180, height 120, 3 channels}. */
    public static FrameFormat rgb(int width, int height) {
        return new FrameFormat(width, height, 3);
    }

    /** Number of values in a frame of this format: {@code channels * height * width}. */
    public int size() {
        return width * height * channels;
    }

    /** Each number named, in the order the factories take them: {@code gray(180, 120)} prints {@code width 180, height 120, 1 channel}. */
    @Override
    public String toString() {
        return "width " + width + ", height " + height + ", " + channels + (channels == 1 ? " channel" : " channels");
    }
}
