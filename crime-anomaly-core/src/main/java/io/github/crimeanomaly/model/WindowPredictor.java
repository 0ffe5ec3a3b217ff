package io.github.crimeanomaly.model;

import io.github.crimeanomaly.model.internal.NetworkFactory;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-sequence outputs over a sliding window of the last {@code window} frames of one or more
 * parallel streams, for scoring a video frame by frame. A frame goes through the per-frame layers
 * (the CNN blocks and the dense projection) once, when it is {@link #push pushed}; each
 * {@link #predict} runs only the layers over time (the LSTM and the head) on the window's cached
 * features. Re-running {@link HybridModel#predictSequences} on every window would put each frame
 * through the CNN {@code window} times. The outputs equal {@code predictSequences} on the
 * window's frames (to float tolerance), whatever the architecture, with or without a skip
 * connection.
 *
 * <p>Streams are independent sequences that advance together, e.g. a video and its mirror image:
 * {@link #push} and {@link #fill} take one frame per stream, and the per-frame layers see them as
 * one batch. Memory: {@code streams x window} feature vectors.
 *
 * <p>Holds its own copies of the network's parameters (native memory): close it. Not
 * thread-safe; later training of the model does not reach an open predictor.
 *
 * <pre>{@code
 * try (WindowPredictor w = model.windowPredictor(16, 1)) {
 *     w.fill(first);                     // the window: 16 copies of the first frame
 *     float[] p = w.predict()[0];
 *     for (float[] frame : rest) {
 *         w.push(frame);                 // drops the oldest
 *         p = w.predict()[0];
 *     }
 * }
 * }</pre>
 */
public final class WindowPredictor implements AutoCloseable {

    private final HybridModel model;
    private final NetworkFactory.Split net;
    private final int window;
    private final int streams;
    private final int featureSize;
    /** [stream][slot][feature]; slot {@code (oldest + i) % window} holds the i-th oldest frame. */
    private final float[][][] ring;
    private int oldest;
    private int size;
    private boolean closed;

    WindowPredictor(HybridModel model, NetworkFactory.Split net, int window, int streams) {
        this.model = model;
        this.net = net;
        this.window = window;
        this.streams = streams;
        this.featureSize = Math.toIntExact(net.featureSize());
        this.ring = new float[streams][window][];
    }

    /** Frames per window. */
    public int window() {
        return window;
    }

    /** Parallel streams. */
    public int streams() {
        return streams;
    }

    /** Frames in the window now: up to {@link #window()}. */
    public int size() {
        return size;
    }

    /**
     * Appends one frame (CHW values) to each stream's window, dropping the oldest once the window
     * is full.
     *
     * @throws IllegalArgumentException if the number of frames is not {@link #streams()} or a
     *                                  frame's size is wrong (expected vs found)
     */
    public void push(float[]... frames) {
        checkOpen();
        checkStreams(frames, "");
        append(features(frames, -1));
    }

    /** Checks that {@code frames} holds one frame per stream; {@code where} ends the message. */
    private void checkStreams(float[][] frames, String where) {
        Objects.requireNonNull(frames, "frames" + where);
        if (frames.length != streams) {
            throw new IllegalArgumentException("expected one frame per stream (" + streams + ")" + where + ", got "
                    + frames.length);
        }
    }

    /** Appends one feature vector per stream, dropping the oldest once the window is full. */
    private void append(float[][] f) {
        int slot = (oldest + size) % window;
        if (size == window) {
            oldest = (oldest + 1) % window;
        } else {
            size++;
        }
        for (int s = 0; s < streams; s++) {
            ring[s][slot] = f[s];
        }
    }

    /**
     * Makes each stream's window {@link #window()} copies of its frame, as a video's first window
     * is padded by repeating its first frame; the frame goes through the per-frame layers once.
     *
     * @throws IllegalArgumentException as {@link #push}
     */
    public void fill(float[]... frames) {
        checkOpen();
        checkStreams(frames, "");
        fillWith(features(frames, -1));
    }

    /** Makes each stream's window {@link #window()} copies of its feature vector (shared: read only). */
    private void fillWith(float[][] f) {
        for (int s = 0; s < streams; s++) {
            java.util.Arrays.fill(ring[s], f[s]);
        }
        oldest = 0;
        size = window;
    }

    /** Empties every window. */
    public void clear() {
        checkOpen();
        for (float[][] r : ring) {
            java.util.Arrays.fill(r, null);
        }
        oldest = 0;
        size = 0;
    }

    /**
     * Each stream's per-sequence output (class probabilities or target vector) on the frames in
     * its window, oldest first, pooled as the model's {@link SequencePooling} says: what
     * {@link HybridModel#predictSequences} gives for those frames.
     *
     * @return {@code [stream][output]}
     * @throws IllegalStateException if the windows are empty
     */
    public float[][] predict() {
        checkOpen();
        if (size == 0) {
            throw new IllegalStateException("the window is empty: push(...) or fill(...) a frame first");
        }
        return run(new float[][][][] {snapshot()})[0];
    }

    /**
     * Pushes {@code frames.length} frames per stream, oldest first, and returns the output for each
     * of the windows that end at them: what {@code frames.length} calls of {@link #push} and
     * {@link #predict} return, computed in fewer, larger batches (the per-frame layers see all the
     * frames at once, the layers over time all the full windows at once), which is several times
     * faster for a video than one frame at a time.
     *
     * @param frames {@code [k][stream][C*H*W]}: the k next frames, each one frame per stream
     * @return {@code [k][stream][output]}
     * @throws IllegalArgumentException as {@link #push}, before anything is pushed
     */
    public float[][][] pushAll(float[][][] frames) {
        return pushAll(frames, false);
    }

    /**
     * As {@link #pushAll}, except that an empty window is first {@link #fill filled} with the
     * first frames, so that every frame's window is full, as when a video is scored from its
     * first frame (its first clip is its first frame repeated): the way to score a video in
     * batches. The output at the first frame is that of the filled window.
     *
     * @param frames {@code [k][stream][C*H*W]}: the k next frames, each one frame per stream
     * @return {@code [k][stream][output]}
     * @throws IllegalArgumentException as {@link #push}, before anything is pushed
     */
    public float[][][] slide(float[][][] frames) {
        return pushAll(frames, true);
    }

    private float[][][] pushAll(float[][][] frames, boolean pad) {
        checkOpen();
        Objects.requireNonNull(frames, "frames");
        float[][] flat = new float[frames.length * streams][];
        for (int i = 0; i < frames.length; i++) {
            checkStreams(frames[i], " at position " + i);
            System.arraycopy(frames[i], 0, flat, i * streams, streams);
        }
        float[][] f = new float[flat.length][];
        for (int start = 0; start < flat.length; start += BATCH * streams) {
            int end = Math.min(flat.length, start + BATCH * streams);
            float[][] part = features(java.util.Arrays.copyOfRange(flat, start, end), start / streams);
            System.arraycopy(part, 0, f, start, part.length);
        }
        float[][][] out = new float[frames.length][][];
        int i = 0;
        if (pad && size == 0 && frames.length > 0) {
            fillWith(java.util.Arrays.copyOfRange(f, 0, streams));
            out[0] = run(new float[][][][] {snapshot()})[0];
            i = 1;
        }
        while (i < frames.length) {
            // windows not yet full differ in length: one at a time; full ones in batches
            int n = size + 1 < window ? 1 : Math.min(BATCH, frames.length - i);
            float[][][][] windows = new float[n][][][];
            for (int j = 0; j < n; j++) {
                append(java.util.Arrays.copyOfRange(f, (i + j) * streams, (i + j + 1) * streams));
                windows[j] = snapshot();
            }
            float[][][] res = run(windows);
            System.arraycopy(res, 0, out, i, n);
            i += n;
        }
        return out;
    }

    /** Windows per call of the layers over time, and frames per call of the per-frame layers, by stream. */
    static final int BATCH = 32;

    /** Each stream's window now, oldest first: {@code [stream][frame][feature]} (shared arrays, read only). */
    private float[][][] snapshot() {
        float[][][] w = new float[streams][size][];
        for (int s = 0; s < streams; s++) {
            for (int i = 0; i < size; i++) {
                w[s][i] = ring[s][(oldest + i) % window];
            }
        }
        return w;
    }

    /**
     * The layers over time on windows of equal length, {@code [window][stream][frame][feature]}, as
     * one batch; each output pooled as the model's {@link SequencePooling} says.
     */
    private float[][][] run(float[][][][] windows) {
        int n = windows.length;
        int t = windows[0][0].length;
        int mb = n * streams;
        float[] buf = new float[mb * t * featureSize];
        for (int j = 0; j < n; j++) {
            for (int s = 0; s < streams; s++) {
                for (int i = 0; i < t; i++) {
                    System.arraycopy(windows[j][s][i], 0, buf, ((j * streams + s) * t + i) * featureSize, featureSize);
                }
            }
        }
        INDArray out;
        try (INDArray in = Nd4j.create(buf, new long[] {mb, t, featureSize}, 'c')) {
            out = net.time().output(in.permute(0, 2, 1), false);
        }
        float[][][] frames = model.toFrames(out, mb, t);
        float[][][] res = new float[n][streams][];
        for (int j = 0; j < n; j++) {
            for (int s = 0; s < streams; s++) {
                res[j][s] = model.pool(frames[j * streams + s]);
            }
        }
        return res;
    }

    /**
     * Normalises the frames (checked first) and runs the per-frame layers on them as one batch.
     * {@code frames} holds one frame per stream at each of its positions; {@code position} is the
     * first one's index in the caller's batch, for messages ({@code -1}: a single position).
     */
    private float[][] features(float[][] frames, int position) {
        int n = frames.length;
        int fs = model.config().frameSize();
        for (int i = 0; i < n; i++) {
            model.checkFrame(frames[i], (position < 0 ? "" : "position " + (position + i / streams) + ", ")
                    + "stream " + (i % streams));
        }
        float[] input = new float[n * fs];
        for (int i = 0; i < n; i++) {
            model.normalization().apply(frames[i], input, i * fs);
        }
        float[][] out = new float[n][];
        if (!net.hasFrameLayers()) {
            for (int i = 0; i < n; i++) {
                out[i] = java.util.Arrays.copyOfRange(input, i * fs, (i + 1) * fs);
            }
            return out;
        }
        float[] flat;
        try (INDArray in = Nd4j.create(input, new long[] {n, fs}, 'c');
             INDArray f = net.frameOutput(in);
             INDArray c = f.dup('c')) {
            flat = c.data().asFloat();
        }
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * featureSize, (i + 1) * featureSize);
        }
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this WindowPredictor is closed");
        }
    }

    /** Releases the network copies. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
    }
}
