package io.github.crimeanomaly.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Random, label-preserving changes to a training clip of raw gray frames, applied the same way to
 * every frame of the clip (so the motion between frames is kept): horizontal flip, a shift of up
 * to {@code maxShift} pixels (edges repeated), and a brightness/contrast change; optionally sensor
 * noise, drawn afresh for every pixel of every frame (noise is what a camera adds frame by frame).
 * With {@link ClipInput} the motion channel is computed after augmentation, so it stays consistent.
 *
 * <pre>{@code
 * ClipAugmentation aug = ClipAugmentation.DEFAULT;
 * float[][] raw2 = aug.apply(raw, 64, 64, new Random(seed));
 * }</pre>
 *
 * @param flip       flip horizontally with probability 1/2
 * @param maxShift   largest shift in pixels along each axis, &gt;= 0
 * @param brightness largest additive brightness change, in [0, 1)
 * @param contrast   largest relative contrast change, in [0, 1)
 * @param noise      largest sensor-noise sigma, in [0, 0.5]: with probability 1/2 a clip gets
 *                   Gaussian noise of a sigma drawn uniformly in [0, noise]; 0 = never
 */
public record ClipAugmentation(boolean flip, int maxShift, double brightness, double contrast, double noise) {

    /** Flip, shifts of up to 4 pixels, brightness +-0.1, contrast +-20%. */
    public static final ClipAugmentation DEFAULT = new ClipAugmentation(true, 4, 0.1, 0.2);

    /** No change. */
    public static final ClipAugmentation NONE = new ClipAugmentation(false, 0, 0, 0);

    /** Without sensor noise. */
    public ClipAugmentation(boolean flip, int maxShift, double brightness, double contrast) {
        this(flip, maxShift, brightness, contrast, 0);
    }

    /** This augmentation with sensor noise up to {@code sigma} (see {@link #noise()}). */
    public ClipAugmentation withNoise(double sigma) {
        return new ClipAugmentation(flip, maxShift, brightness, contrast, sigma);
    }

    /** Validates every field. */
    public ClipAugmentation {
        List<String> errors = new ArrayList<>();
        if (maxShift < 0) {
            errors.add("maxShift must be >= 0, got " + maxShift);
        }
        if (!(brightness >= 0 && brightness < 1)) {
            errors.add("brightness must be in [0, 1), got " + brightness);
        }
        if (!(contrast >= 0 && contrast < 1)) {
            errors.add("contrast must be in [0, 1), got " + contrast);
        }
        if (!(noise >= 0 && noise <= 0.5)) {
            errors.add("noise must be in [0, 0.5], got " + noise);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /**
     * A new, augmented copy of {@code frames} (each {@code height*width} gray values in [0, 1]);
     * the input is not modified. Values stay in [0, 1].
     */
    public float[][] apply(float[][] frames, int height, int width, Random rng) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(rng, "rng");
        int plane = height * width;
        boolean doFlip = flip && rng.nextBoolean();
        int dy = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
        int dx = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
        float gain = (float) (1 + contrast * (2 * rng.nextDouble() - 1));
        float offset = (float) (brightness * (2 * rng.nextDouble() - 1));
        // drawn only when enabled, so that without noise the random stream (and every result) is as before
        double sigma = noise > 0 && rng.nextBoolean() ? noise * rng.nextDouble() : 0;
        float[][] out = new float[frames.length][plane];
        boolean identity = !doFlip && dy == 0 && dx == 0 && gain == 1f && offset == 0f;
        for (int t = 0; t < frames.length; t++) {
            float[] src = frames[t];
            if (src == null || src.length != plane) {
                throw new IllegalArgumentException("expected frames of width " + width + ", height " + height + " (" + plane
                        + " values), got " + (src == null ? "null" : src.length + " values") + " (frame " + t + ")");
            }
            float[] dst = out[t];
            if (identity) {
                System.arraycopy(src, 0, dst, 0, plane);
                continue;
            }
            for (int y = 0; y < height; y++) {
                int sy = Math.min(height - 1, Math.max(0, y - dy));
                for (int x = 0; x < width; x++) {
                    int sx = Math.min(width - 1, Math.max(0, x - dx));
                    if (doFlip) {
                        sx = width - 1 - sx;
                    }
                    float v = (src[sy * width + sx] - 0.5f) * gain + 0.5f + offset;
                    dst[y * width + x] = Math.min(1f, Math.max(0f, v));
                }
            }
        }
        if (sigma > 0) {
            for (float[] dst : out) {
                for (int i = 0; i < plane; i++) {
                    dst[i] = (float) Math.min(1, Math.max(0, dst[i] + sigma * rng.nextGaussian()));
                }
            }
        }
        return out;
    }
}
