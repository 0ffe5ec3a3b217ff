package io.github.crimeanomaly.model;

import io.github.crimeanomaly.frame.Frame;
import java.util.Objects;
import io.github.crimeanomaly.model.internal.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frame-by-frame prediction with recurrent state, for live video: each {@link #next} call feeds
 * one frame and returns that frame's output (class probabilities or target vector), having seen
 * every frame since the start or the last {@link #reset()}. After feeding a clip frame by frame,
 * the outputs equal {@link HybridModel#predictFrames(float[][][])} on the whole clip (to float
 * tolerance), and {@link #sequenceOutput()} equals {@link HybridModel#predictSequences}.
 *
 * <p>Holds its own copy of the network (native memory): close it. Not thread-safe; use one
 * predictor per stream. Later changes to the model's weights (training) do not reach an open
 * predictor.
 *
 * <pre>{@code
 * try (StreamingPredictor p = model.streamingPredictor()) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         float[] probs = p.next(f.get());
 *     }
 * }
 * }</pre>
 */
public final class StreamingPredictor implements AutoCloseable {

    private final HybridModel model;
    private final Network net;
    private final float[] buffer;
    private double[] sum;
    private float[] last;
    private long frames;
    private boolean closed;

    StreamingPredictor(HybridModel model, Network net) {
        this.model = model;
        this.net = net;
        this.buffer = new float[model.config().frameSize()];
        net.rnnClearPreviousState();
    }

    /** Feeds one frame (CHW values) and returns its output. */
    public float[] next(float[] frame) {
        checkOpen();
        model.checkFrame(frame, "streamed frame " + frames);
        model.normalization().apply(frame, buffer, 0);
        float[] out;
        try (INDArray in = Nd4j.create(buffer, new long[] {1, buffer.length, 1}, 'c')) {
            INDArray o = net.rnnTimeStep(in);
            out = o.reshape(o.length()).toFloatVector();
            o.close();
        }
        frames++;
        if (sum == null) {
            sum = new double[out.length];
        }
        for (int j = 0; j < out.length; j++) {
            sum[j] += out[j];
        }
        last = out;
        return out.clone();
    }

    /** Feeds one frame and returns its output. */
    public float[] next(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        return next(model.pixelsOf(frame));
    }

    /**
     * The sequence output for the frames fed so far, as the model's {@link SequencePooling} says:
     * the last frame's output (LAST) or the running mean over the frames (MEAN).
     *
     * @throws IllegalStateException before the first frame
     */
    public float[] sequenceOutput() {
        checkOpen();
        if (last == null) {
            throw new IllegalStateException("no frame fed yet: call next(frame) first");
        }
        if (model.config().sequencePooling() == SequencePooling.LAST) {
            return last.clone();
        }
        float[] mean = new float[sum.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = (float) (sum[j] / frames);
        }
        return mean;
    }

    /** Number of frames fed since the start or the last reset. */
    public long framesSeen() {
        return frames;
    }

    /** Forgets the recurrent state: the next frame starts a new sequence. */
    public void reset() {
        checkOpen();
        net.rnnClearPreviousState();
        sum = null;
        last = null;
        frames = 0;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this StreamingPredictor is closed");
        }
    }

    /** Releases the network copy. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
    }
}
