package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;

/**
 * Converts input frames to the gray working frames the scorers see: channels averaged to gray
 * (luma weights for RGB) and the size reduced by an integer factor with area averaging.
 *
 * @param input the input frame format
 * @param scale integer downsampling factor (1 = none)
 */
public record WorkingFrames(FrameFormat input, int scale) {

    /** Validates. */
    public WorkingFrames {
        if (scale < 1 || input.width() / scale < 2 || input.height() / scale < 2) {
            throw new IllegalArgumentException("scale must be >= 1 and leave at least 2x2 pixels of "
                    + input + ", got " + scale);
        }
    }

    /** Working width. */
    public int width() {
        return input.width() / scale;
    }

    /** Working height. */
    public int height() {
        return input.height() / scale;
    }

    /** Converts a frame (of format {@link #input()}) into {@code dst} (width*height floats). */
    public void convert(Frame frame, float[] src, float[] dst) {
        if (scale == 1 && input.channels() == 1) {
            frame.copyPixelsTo(dst, 0);     // already the working frame
            return;
        }
        frame.copyPixelsTo(src, 0);
        int iw = input.width();
        int ih = input.height();
        int plane = iw * ih;
        int w = width();
        int h = height();
        float inv = 1f / (scale * scale);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int dy = 0; dy < scale; dy++) {
                    int base = (y * scale + dy) * iw + x * scale;
                    for (int dx = 0; dx < scale; dx++) {
                        int i = base + dx;
                        s += input.channels() == 1 ? src[i]
                                : 0.299f * src[i] + 0.587f * src[plane + i] + 0.114f * src[2 * plane + i];
                    }
                }
                dst[y * w + x] = s * inv;
            }
        }
    }
}
