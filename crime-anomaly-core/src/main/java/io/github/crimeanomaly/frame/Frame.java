package io.github.crimeanomaly.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded video frame: its position in the stream and its pixels.
 *
 * <p>Pixels are floats in {@code [0, 1]}, stored channels-first (CHW, the layout DL4J uses):
 * the value of channel {@code c} at row {@code y}, column {@code x} is at
 * {@code c*height*width + y*width + x}. For RGB the channel order is R, G, B.
 *
 * <p>Immutable: {@link #pixels()} returns a copy; hot paths use {@link #copyPixelsTo(float[], int)}.
 */
public final class Frame {

    private final long index;
    private final long timestampMicros;
    private final FrameFormat format;
    private final float[] pixels;

    private Frame(long index, long timestampMicros, FrameFormat format, float[] pixels) {
        this.index = index;
        this.timestampMicros = timestampMicros;
        this.format = format;
        this.pixels = pixels;
    }

    /**
     * Creates a frame, copying {@code pixels}.
     *
     * @param index           0-based frame index in the source stream
     * @param timestampMicros presentation time in microseconds from the start of the stream
     * @param format          the frame format
     * @param pixels          {@code format.size()} values in [0, 1], CHW
     * @throws IllegalArgumentException if the length is wrong, a value is NaN or outside [0, 1],
     *                                  or index/timestamp is negative
     */
    public static Frame of(long index, long timestampMicros, FrameFormat format, float[] pixels) {
        return wrap(index, timestampMicros, format, pixels.clone());
    }

    /**
     * Like {@link #of} but takes ownership of {@code pixels} without copying: the caller must not
     * modify the array afterwards. For frame sources that allocate a fresh array per frame.
     */
    public static Frame wrap(long index, long timestampMicros, FrameFormat format, float[] pixels) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pixels, "pixels");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (timestampMicros < 0) {
            throw new IllegalArgumentException("timestampMicros must be >= 0, got " + timestampMicros);
        }
        if (pixels.length != format.size()) {
            throw new IllegalArgumentException("expected " + format.size() + " pixel values for a "
                    + format + " frame, got " + pixels.length + " (frame " + index + ")");
        }
        for (int i = 0; i < pixels.length; i++) {
            float v = pixels[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("pixel values must be in [0, 1], got " + v
                        + " at offset " + i + " (frame " + index + ")");
            }
        }
        return new Frame(index, timestampMicros, format, pixels);
    }

    /** 0-based index of this frame in its source stream. */
    public long index() {
        return index;
    }

    /** Presentation timestamp in microseconds from the start of the stream. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** The frame format. */
    public FrameFormat format() {
        return format;
    }

    /** A copy of the pixels, CHW, in [0, 1]. */
    public float[] pixels() {
        return pixels.clone();
    }

    /**
     * Copies the pixels into {@code dst} starting at {@code offset}, without allocating.
     *
     * @throws IndexOutOfBoundsException if {@code dst} has no room for them at {@code offset}
     */
    public void copyPixelsTo(float[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        if (offset < 0 || (long) offset + pixels.length > dst.length) {
            throw new IndexOutOfBoundsException("expected room for " + pixels.length + " values (" + format
                    + ") at offset " + offset + ", got an array of " + dst.length);
        }
        System.arraycopy(pixels, 0, dst, offset, pixels.length);
    }

    /**
     * The value at channel {@code c}, row {@code y}, column {@code x}.
     *
     * @throws IndexOutOfBoundsException naming the coordinate and the format if it is outside the frame
     */
    public float pixel(int c, int y, int x) {
        if (c < 0 || c >= format.channels() || y < 0 || y >= format.height() || x < 0 || x >= format.width()) {
            throw new IndexOutOfBoundsException("expected a pixel of a frame of " + format + ", got channel " + c
                    + ", row " + y + ", column " + x);
        }
        return pixels[(c * format.height() + y) * format.width() + x];
    }

    /** A copy of this frame with another index and timestamp (the pixels are shared, they are immutable). */
    public Frame withPosition(long newIndex, long newTimestampMicros) {
        if (newIndex < 0 || newTimestampMicros < 0) {
            throw new IllegalArgumentException("index and timestamp must be >= 0, got "
                    + newIndex + ", " + newTimestampMicros);
        }
        return new Frame(newIndex, newTimestampMicros, format, pixels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && index == f.index && timestampMicros == f.timestampMicros
                && format.equals(f.format) && Arrays.equals(pixels, f.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, timestampMicros, format) * 31 + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Frame[" + index + " @" + timestampMicros + "us " + format + "]";
    }
}
