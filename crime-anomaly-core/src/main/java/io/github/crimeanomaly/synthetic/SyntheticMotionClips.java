package io.github.crimeanomaly.synthetic;

import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.model.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic gray clips of a bright blob moving left or right over a noisy background. The label
 * depends only on motion over time: the blob's position in every single frame is uniformly
 * distributed for both classes (it wraps around the frame edges), so no model that looks at one
 * frame at a time can beat chance, while a model that sees the sequence can be perfect. Used to
 * show that a model's recurrent part really uses time.
 *
 * <p>Class codes follow {@link #labels()}: 0 = {@code left}, 1 = {@code right}. Deterministic
 * for a given seed.
 *
 * <pre>{@code
 * SyntheticMotionClips gen = new SyntheticMotionClips(24, 24, 8);
 * List<Sequence> train = gen.generate(200, 1L);   // synthetic, labelled
 * }</pre>
 */
public final class SyntheticMotionClips {

    private final int height;
    private final int width;
    private final int frames;
    private final double speed;
    private final double noise;

    /** Clips of {@code frames} gray {@code height x width} frames, speed 1.5 px/frame, noise 0.05. */
    public SyntheticMotionClips(int height, int width, int frames) {
        this(height, width, frames, 1.5, 0.05);
    }

    /**
     * Fully specified generator.
     *
     * @param speed pixels per frame, &gt; 0
     * @param noise standard deviation of the Gaussian pixel noise, &gt;= 0
     */
    public SyntheticMotionClips(int height, int width, int frames, double speed, double noise) {
        if (height < 4 || width < 4) {
            throw new IllegalArgumentException("frames must be at least 4x4 pixels, got width " + width + ", height " + height);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        }
        this.height = height;
        this.width = width;
        this.frames = frames;
        this.speed = speed;
        this.noise = noise;
    }

    /** The classes: {@code left} (0) and {@code right} (1). */
    public static LabelEncoder labels() {
        return LabelEncoder.ofClasses(List.of("left", "right"));
    }

    /** The frame format (gray). */
    public FrameFormat format() {
        return FrameFormat.gray(width, height);
    }

    /** {@code count} labelled synthetic clips, classes alternating, so they are balanced. */
    public List<Sequence> generate(int count, long seed) {
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            out.add(Sequence.labelled(clip(label, rng), label));
        }
        return out;
    }

    /** One synthetic clip of class {@code label} (0 left, 1 right) as frames. */
    public List<Frame> clipFrames(int label, long seed) {
        float[][] c = clip(label, new Random(seed));
        List<Frame> out = new ArrayList<>(c.length);
        for (int t = 0; t < c.length; t++) {
            out.add(Frame.wrap(t, Math.round(t * 1e6 / 25), format(), c[t]));
        }
        return out;
    }

    private float[][] clip(int label, Random rng) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 (left) or 1 (right), got " + label);
        }
        double dir = label == 0 ? -1 : 1;
        double x0 = rng.nextDouble() * width;
        double y = 2 + rng.nextDouble() * (height - 4);
        double sigma = Math.max(1.0, Math.min(height, width) / 10.0);
        float[][] clip = new float[frames][height * width];
        for (int t = 0; t < frames; t++) {
            double x = x0 + dir * speed * t;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double dx = Math.abs(c - x) % width;
                    dx = Math.min(dx, width - dx);
                    double dy = r - y;
                    double v = 0.1 + 0.8 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma))
                            + noise * rng.nextGaussian();
                    clip[t][r * width + c] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return clip;
    }
}
