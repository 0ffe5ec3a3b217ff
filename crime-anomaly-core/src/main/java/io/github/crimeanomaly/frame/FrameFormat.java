package io.github.crimeanomaly.frame;

/**
 * The shape of a frame: width and height in pixels, and 1 (gray) or 3 (RGB) channels.
 *
 * <p>Factories take the width first, as video sizes are written (a 180x120 video is
 * {@code gray(180, 120)}); {@link #toString()} and every error message print height x width x
 * channels, as the papers and the model's input shape do ({@code gray(180, 120)} prints
 * {@code 120x180x1}). So "expected frames of 120x180x1" asks for {@code gray(180, 120)}.
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
            throw new IllegalArgumentException("frame too large: " + width + "x" + height + "x" + channels);
        }
    }

    /** A gray format, width first: {@code gray(180, 120)} is 180 pixels wide and prints as {@code 120x180x1}. */
    public static FrameFormat gray(int width, int height) {
        return new FrameFormat(width, height, 1);
    }

    /** An RGB format, width first: {@code rgb(180, 120)} is 180 pixels wide and prints as {@code 120x180x3}. */
    public static FrameFormat rgb(int width, int height) {
        return new FrameFormat(width, height, 3);
    }

    /** Number of values in a frame of this format: {@code channels * height * width}. */
    public int size() {
        return width * height * channels;
    }

    /** Height x width x channels, the order the papers and the error messages use: {@code 120x180x1}. */
    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
