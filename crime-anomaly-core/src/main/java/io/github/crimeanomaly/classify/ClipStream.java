package io.github.crimeanomaly.classify;

import io.github.crimeanomaly.model.WindowPredictor;

/**
 * A clip classifier's class probabilities over a stream of raw gray frames: after each frame, the
 * probabilities for the clip of the last {@link ClipInput#rawFrames()} frames, as
 * {@link ClipInput#predict(io.github.crimeanomaly.model.HybridModel, float[][])} gives them (to
 * float tolerance; mirror averaging included). Before the stream has that many frames the clip
 * starts with the first frame repeated, so the first frame already gets probabilities. Each frame
 * pair becomes one model step and goes through the CNN once, when its frame arrives; only the
 * LSTM and the head run over the window at each frame. Made by {@link ClipInput#stream}.
 *
 * <pre>{@code
 * try (ClipStream s = input.stream(model)) {
 *     for (float[] gray : frames) {             // ClipInput#rawFormat() frames, sampled at ClipInput#strideAt(fps)
 *         float[] p = s.next(gray);
 *     }
 * }
 * }</pre>
 *
 * Holds its own copy of the model's weights (native memory): close it. Not thread-safe.
 */
public final class ClipStream implements AutoCloseable {

    private final ClipInput input;
    private final WindowPredictor window;
    private final ClipInput.Steps steps;
    private float[] prev;
    private float[] prevMirror;
    private long frames;
    private boolean closed;

    ClipStream(ClipInput input, WindowPredictor window) {
        this.input = input;
        this.window = window;
        this.steps = input.new Steps();
    }

    /** The clip input this stream prepares frames with. */
    public ClipInput input() {
        return input;
    }

    /** Frames fed so far. */
    public long frames() {
        return frames;
    }

    /**
     * Feeds the next raw frame ({@link ClipInput#rawFormat()}: {@code height*width} gray values in
     * [0, 1]) and returns the class probabilities of the clip that ends with it.
     *
     * @throws IllegalArgumentException if the frame's size is wrong (expected vs found)
     */
    public float[] next(float[] rawGray) {
        return next(new float[][] {rawGray})[0];
    }

    /**
     * Feeds the next raw frames, oldest first, and returns the class probabilities of each clip
     * that ends with one of them: what as many calls of {@link #next(float[])} return, several
     * times faster, as the model sees the frames and the clips in batches.
     *
     * @return {@code [frame][class]}
     * @throws IllegalArgumentException if a frame's size is wrong (expected vs found), before any
     *                                  frame is fed
     * @throws IllegalStateException    if the stream is closed
     */
    public float[][] next(float[][] rawGray) {
        if (closed) {
            // the window below would say "this WindowPredictor is closed", a type the caller never saw
            throw new IllegalStateException("this ClipStream is closed");
        }
        java.util.Objects.requireNonNull(rawGray, "rawGray");
        for (int i = 0; i < rawGray.length; i++) {
            input.checkRaw(rawGray[i], "frame " + (frames + i) + " of the stream");
        }
        float[][][] st = new float[rawGray.length][][];
        for (int i = 0; i < st.length; i++) {
            st[i] = steps(rawGray[i]);
        }
        float[][][] p = window.slide(st); // the first clip: the first frame's (still) step repeated
        float[][] out = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = average(p[i]);
        }
        frames += rawGray.length;
        return out;
    }

    /** The model steps, one per stream, for the raw frame after the last one (itself for the first). */
    private float[][] steps(float[] raw) {
        float[] cur = raw.clone();
        float[] curMirror = input.mirrorAverage() ? input.mirror(cur) : null;
        float[] a = prev == null ? cur : prev;
        float[] am = prev == null ? curMirror : prevMirror;
        prev = cur;
        prevMirror = curMirror;
        return curMirror == null
                ? new float[][] {steps.step(a, cur)}
                : new float[][] {steps.step(a, cur), steps.step(am, curMirror)};
    }

    /** The streams' outputs averaged (the mirror average), or the one stream's. */
    private static float[] average(float[][] p) {
        if (p.length == 1) {
            return p[0];
        }
        float[] out = new float[p[0].length];
        for (int c = 0; c < out.length; c++) {
            out[c] = 0.5f * (p[0][c] + p[1][c]);
        }
        return out;
    }

    /** Releases the weights' copy. Idempotent. */
    @Override
    public void close() {
        closed = true;
        window.close();
    }
}
