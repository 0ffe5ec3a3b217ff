package io.github.crimeanomaly.frame.transform;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Ready-made stress transforms: Gaussian noise, occlusion patches, motion blur, brightness.
 * All keep values in [0, 1] (clamping), work on gray and RGB frames, and are deterministic.
 */
public final class FrameTransforms {

    private FrameTransforms() {
    }

    /** A generator for one frame: depends only on the seed and the frame index. */
    static SplittableRandom rngFor(long seed, long frameIndex) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + frameIndex * 0xBF58476D1CE4E5B9L + 1);
    }

    private static float clamp(double v) {
        return v < 0 ? 0f : v > 1 ? 1f : (float) v;
    }

    private static Frame withPixels(Frame f, float[] px) {
        return Frame.wrap(f.index(), f.timestampMicros(), f.format(), px);
    }

    /**
     * Adds independent Gaussian noise with standard deviation {@code sigma} to every value, then
     * clamps to [0, 1] (so near black or white the effective noise is smaller).
     *
     * @param sigma standard deviation, in [0, 1]
     * @param seed  seed; the same seed and frame index give the same noise
     */
    public static FrameTransform gaussianNoise(double sigma, long seed) {
        if (!(sigma >= 0 && sigma <= 1)) {
            throw new IllegalArgumentException("sigma must be in [0, 1], got " + sigma);
        }
        return new FrameTransform() {
            @Override
            public Frame apply(Frame f) {
                SplittableRandom rng = rngFor(seed, f.index());
                float[] px = f.pixels();
                for (int i = 0; i < px.length; i++) {
                    px[i] = clamp(px[i] + sigma * gaussian(rng));
                }
                return withPixels(f, px);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "gaussianNoise(sigma=%s, seed=%d)", sigma, seed);
            }
        };
    }

    /** A standard normal draw (Marsaglia polar method; SplittableRandom has no nextGaussian in 17). */
    private static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = rng.nextDouble() * 2 - 1;
            v = rng.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /**
     * Blacks out {@code patches} square patches at random places in each frame (a new place per
     * frame), each covering {@code areaFraction / patches} of the frame, in all channels.
     * Patches may overlap, so several cover at most {@code areaFraction} together.
     *
     * @param areaFraction total fraction of the frame to cover, in (0, 1]
     * @param patches      number of patches, &gt;= 1
     * @param seed         seed for the positions
     */
    public static FrameTransform occlusion(double areaFraction, int patches, long seed) {
        return occlusion(areaFraction, patches, 0f, seed);
    }

    /** Like {@link #occlusion(double, int, long)} with the patches filled with {@code value} in [0, 1]. */
    public static FrameTransform occlusion(double areaFraction, int patches, float value, long seed) {
        return occlusion(areaFraction, patches, value, seed, false);
    }

    /**
     * Blacks out {@code patches} square patches that stay in the same place in every frame, as an
     * object between the camera and the scene does (a pillar, a sign, a parked van); the places
     * depend only on the seed. Each patch covers {@code areaFraction / patches} of the frame, in
     * all channels. Unlike {@link #occlusion(double, int, long)}, whose patches jump every frame
     * and so look like motion, a fixed occlusion hides part of the scene without adding motion.
     *
     * @param areaFraction total fraction of the frame to cover, in (0, 1]
     * @param patches      number of patches, &gt;= 1
     * @param seed         seed for the positions
     */
    public static FrameTransform fixedOcclusion(double areaFraction, int patches, long seed) {
        return occlusion(areaFraction, patches, 0f, seed, true);
    }

    private static FrameTransform occlusion(double areaFraction, int patches, float value, long seed, boolean fixed) {
        if (!(areaFraction > 0 && areaFraction <= 1)) {
            throw new IllegalArgumentException("areaFraction must be in (0, 1], got " + areaFraction);
        }
        if (patches < 1) {
            throw new IllegalArgumentException("patches must be >= 1, got " + patches);
        }
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("value must be in [0, 1], got " + value);
        }
        return new FrameTransform() {
            @Override
            public Frame apply(Frame f) {
                FrameFormat fmt = f.format();
                int w = fmt.width();
                int h = fmt.height();
                double area = areaFraction / patches * w * h;
                // Same aspect ratio as the frame, so any fraction up to 1 fits.
                int pw = (int) Math.max(1, Math.min(w, Math.round(Math.sqrt(area * w / h))));
                int ph = (int) Math.max(1, Math.min(h, Math.round(area / pw)));
                SplittableRandom rng = rngFor(seed, fixed ? 0 : f.index());
                float[] px = f.pixels();
                for (int p = 0; p < patches; p++) {
                    int x0 = rng.nextInt(w - pw + 1);
                    int y0 = rng.nextInt(h - ph + 1);
                    for (int c = 0; c < fmt.channels(); c++) {
                        for (int y = y0; y < y0 + ph; y++) {
                            int base = (c * h + y) * w;
                            java.util.Arrays.fill(px, base + x0, base + x0 + pw, value);
                        }
                    }
                }
                return withPixels(f, px);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "%s(area=%s, patches=%d, value=%s, seed=%d)",
                        fixed ? "fixedOcclusion" : "occlusion", areaFraction, patches, value, seed);
            }
        };
    }

    /**
     * Linear motion blur: each value becomes the mean of {@code length} values along a line at
     * {@code angleDegrees} (0 = horizontal) centred on it, with edge values repeated beyond the
     * border. A constant image stays constant.
     *
     * @param length       kernel length in pixels, &gt;= 1 (1 = no blur)
     * @param angleDegrees direction of the motion
     */
    public static FrameTransform motionBlur(int length, double angleDegrees) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        if (!Double.isFinite(angleDegrees)) {
            throw new IllegalArgumentException("angleDegrees must be finite, got " + angleDegrees);
        }
        double rad = Math.toRadians(angleDegrees);
        int[] dx = new int[length];
        int[] dy = new int[length];
        for (int k = 0; k < length; k++) {
            double t = k - (length - 1) / 2.0;
            dx[k] = (int) Math.round(t * Math.cos(rad));
            dy[k] = (int) Math.round(t * Math.sin(rad));
        }
        return new FrameTransform() {
            @Override
            public Frame apply(Frame f) {
                FrameFormat fmt = f.format();
                int w = fmt.width();
                int h = fmt.height();
                float[] in = f.pixels();
                float[] out = new float[in.length];
                for (int c = 0; c < fmt.channels(); c++) {
                    int plane = c * w * h;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            double sum = 0;
                            for (int k = 0; k < length; k++) {
                                int yy = Math.min(h - 1, Math.max(0, y + dy[k]));
                                int xx = Math.min(w - 1, Math.max(0, x + dx[k]));
                                sum += in[plane + yy * w + xx];
                            }
                            out[plane + y * w + x] = clamp(sum / length);
                        }
                    }
                }
                return withPixels(f, out);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "motionBlur(length=%d, angle=%s)", length, angleDegrees);
            }
        };
    }

    /**
     * Brightness and contrast: {@code v' = clamp(gain * v + delta)}.
     *
     * @param delta added after the gain, in [-1, 1] (negative darkens)
     * @param gain  multiplier, &gt;= 0 (1 = unchanged contrast)
     */
    public static FrameTransform brightness(double delta, double gain) {
        if (!(delta >= -1 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in [-1, 1], got " + delta);
        }
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be finite and >= 0, got " + gain);
        }
        return new FrameTransform() {
            @Override
            public Frame apply(Frame f) {
                float[] px = f.pixels();
                for (int i = 0; i < px.length; i++) {
                    px[i] = clamp(gain * px[i] + delta);
                }
                return withPixels(f, px);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "brightness(delta=%s, gain=%s)", delta, gain);
            }
        };
    }

    /** Shorthand for {@code brightness(delta, 1)}. */
    public static FrameTransform brightness(double delta) {
        return brightness(delta, 1);
    }
}
