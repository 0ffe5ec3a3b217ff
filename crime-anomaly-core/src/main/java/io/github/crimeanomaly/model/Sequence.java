package io.github.crimeanomaly.model;

import io.github.crimeanomaly.frame.Frame;
import java.util.List;
import java.util.Objects;

/**
 * One training or test sample: a sequence of frames (each CHW floats) with an optional target.
 * Exactly one kind of target, or none:
 * <ul>
 *   <li>a class code for the whole sequence ({@link #labelled}),</li>
 *   <li>a class code per frame ({@link #frameLabelled}),</li>
 *   <li>a target vector for the whole sequence ({@link #withTarget}),</li>
 *   <li>a target vector per frame ({@link #withFrameTargets}), e.g. the next frame's features
 *       for prediction-based normal-only training,</li>
 *   <li>none ({@link #unlabelled}), for prediction.</li>
 * </ul>
 *
 * <p>Immutable: the factories copy the arrays and the accessors return copies; the model reads
 * the data through package-private accessors without copying.
 */
public final class Sequence {

    private final float[][] frames;
    private final int label;
    private final int[] frameLabels;
    private final float[] target;
    private final float[][] frameTargets;

    private Sequence(float[][] frames, int label, int[] frameLabels, float[] target, float[][] frameTargets) {
        this.frames = frames;
        this.label = label;
        this.frameLabels = frameLabels;
        this.target = target;
        this.frameTargets = frameTargets;
    }

    /** A sequence with one class code for the whole sequence. */
    public static Sequence labelled(float[][] frames, int label) {
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label);
        }
        return new Sequence(copyFrames(frames), label, null, null, null);
    }

    /** A sequence with a class code per frame. */
    public static Sequence frameLabelled(float[][] frames, int[] frameLabels) {
        float[][] f = copyFrames(frames);
        Objects.requireNonNull(frameLabels, "frameLabels");
        if (frameLabels.length != f.length) {
            throw new IllegalArgumentException("expected one label per frame (" + f.length + "), got "
                    + frameLabels.length);
        }
        for (int i = 0; i < frameLabels.length; i++) {
            if (frameLabels[i] < 0) {
                throw new IllegalArgumentException("frameLabels[" + i + "] must be >= 0, got " + frameLabels[i]);
            }
        }
        return new Sequence(f, -1, frameLabels.clone(), null, null);
    }

    /** A sequence with one target vector for the whole sequence (regression head). */
    public static Sequence withTarget(float[][] frames, float[] target) {
        Objects.requireNonNull(target, "target");
        checkFinite(target, "target");
        return new Sequence(copyFrames(frames), -1, null, target.clone(), null);
    }

    /** A sequence with a target vector per frame (regression/prediction head). */
    public static Sequence withFrameTargets(float[][] frames, float[][] frameTargets) {
        float[][] f = copyFrames(frames);
        Objects.requireNonNull(frameTargets, "frameTargets");
        if (frameTargets.length != f.length) {
            throw new IllegalArgumentException("expected one target per frame (" + f.length + "), got "
                    + frameTargets.length);
        }
        float[][] t = new float[frameTargets.length][];
        for (int i = 0; i < t.length; i++) {
            Objects.requireNonNull(frameTargets[i], "frameTargets[" + i + "]");
            if (frameTargets[i].length != frameTargets[0].length) {
                throw new IllegalArgumentException("frameTargets[" + i + "] has length " + frameTargets[i].length
                        + ", expected " + frameTargets[0].length + " like frameTargets[0]");
            }
            checkFinite(frameTargets[i], "frameTargets[" + i + "]");
            t[i] = frameTargets[i].clone();
        }
        return new Sequence(f, -1, null, null, t);
    }

    /** A sequence without a target, for prediction. */
    public static Sequence unlabelled(float[][] frames) {
        return new Sequence(copyFrames(frames), -1, null, null, null);
    }

    /** The pixels of {@code frames} as a sequence without a target. */
    public static Sequence ofFrames(List<Frame> frames) {
        return unlabelled(pixelsOf(frames));
    }

    /** The pixels of {@code frames} as a sequence with a class code. */
    public static Sequence ofFrames(List<Frame> frames, int label) {
        return labelled(pixelsOf(frames), label);
    }

    private static float[][] pixelsOf(List<Frame> frames) {
        Objects.requireNonNull(frames, "frames");
        float[][] out = new float[frames.size()][];
        for (int i = 0; i < out.length; i++) {
            Frame f = frames.get(i);
            if (i > 0 && !f.format().equals(frames.get(0).format())) {
                throw new IllegalArgumentException("expected frames of " + frames.get(0).format() + ", got "
                        + f.format() + " at frame " + f.index());
            }
            out[i] = new float[f.format().size()];
            f.copyPixelsTo(out[i], 0);
        }
        return out;
    }

    private static float[][] copyFrames(float[][] frames) {
        Objects.requireNonNull(frames, "frames");
        if (frames.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one frame, got 0");
        }
        float[][] out = new float[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            Objects.requireNonNull(frames[i], "frames[" + i + "]");
            if (frames[i].length != frames[0].length) {
                throw new IllegalArgumentException("frame " + i + " has " + frames[i].length
                        + " values, expected " + frames[0].length + " like frame 0");
            }
            checkFinite(frames[i], "frames[" + i + "]");
            out[i] = frames[i].clone();
        }
        return out;
    }

    private static void checkFinite(float[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " must hold finite values, got " + v[i] + " at offset " + i);
            }
        }
    }

    /** Number of frames. */
    public int length() {
        return frames.length;
    }

    /** Values per frame. */
    public int frameSize() {
        return frames[0].length;
    }

    /** A copy of frame {@code i}'s values. */
    public float[] frame(int i) {
        return frames[i].clone();
    }

    /** The sequence's class code, or -1 if it has none. */
    public int label() {
        return label;
    }

    /** Whether the sequence has a class code per frame. */
    public boolean hasFrameLabels() {
        return frameLabels != null;
    }

    /** A copy of the per-frame class codes, or null. */
    public int[] frameLabels() {
        return frameLabels == null ? null : frameLabels.clone();
    }

    /** A copy of the sequence's target vector, or null. */
    public float[] target() {
        return target == null ? null : target.clone();
    }

    /** A copy of the per-frame target vectors, or null. */
    public float[][] frameTargets() {
        if (frameTargets == null) {
            return null;
        }
        float[][] c = new float[frameTargets.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = frameTargets[i].clone();
        }
        return c;
    }

    /** Whether this sequence has any target. */
    public boolean hasTarget() {
        return label >= 0 || frameLabels != null || target != null || frameTargets != null;
    }

    float[][] framesView() {
        return frames;
    }

    int[] frameLabelsView() {
        return frameLabels;
    }

    float[] targetView() {
        return target;
    }

    float[][] frameTargetsView() {
        return frameTargets;
    }

    @Override
    public String toString() {
        String t = label >= 0 ? "label " + label : frameLabels != null ? "frame labels"
                : target != null ? "target[" + target.length + "]" : frameTargets != null ? "frame targets" : "no target";
        return "Sequence[" + frames.length + " frames x " + frames[0].length + ", " + t + "]";
    }
}
