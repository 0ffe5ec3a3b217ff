package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.detect.FrameScore;
import java.util.function.Consumer;

/**
 * Centred Gaussian moving average over a stream of frame scores in constant memory: emits each
 * score {@code radius} frames late; at the ends the kernel is renormalised over the frames
 * present. With sigma 0 it passes scores through.
 */
public final class ScoreSmoother {

    private final double[] kernel;
    private final int radius;
    private final Consumer<FrameScore> sink;
    private final long[] idx;
    private final long[] ts;
    private final double[] val;
    private long received;
    private long emitted;

    /** A smoother with the given sigma (frames) writing to {@code sink}. */
    public ScoreSmoother(double sigma, Consumer<FrameScore> sink) {
        this.sink = sink;
        this.radius = (int) Math.ceil(3 * sigma);
        kernel = new double[radius + 1];
        for (int k = 0; k <= radius; k++) {
            kernel[k] = sigma == 0 ? 1 : Math.exp(-0.5 * k * k / (sigma * sigma));
        }
        int cap = 2 * radius + 1;
        idx = new long[cap];
        ts = new long[cap];
        val = new double[cap];
    }

    /** Feeds the next raw frame score. */
    public void accept(long frameIndex, long timestampMicros, double score) {
        int slot = (int) (received % idx.length);
        idx[slot] = frameIndex;
        ts[slot] = timestampMicros;
        val[slot] = score;
        received++;
        while (emitted + radius < received) {
            emit(emitted++);
        }
    }

    /** Emits the scores still held back (call at the end of the stream). */
    public void finish() {
        while (emitted < received) {
            emit(emitted++);
        }
    }

    private void emit(long i) {
        double s = 0;
        double w = 0;
        for (long j = Math.max(0, i - radius); j <= Math.min(received - 1, i + radius); j++) {
            double k = kernel[(int) Math.abs(j - i)];
            s += k * val[(int) (j % val.length)];
            w += k;
        }
        int slot = (int) (i % idx.length);
        sink.accept(FrameScore.of(idx[slot], ts[slot], s / w));
    }
}
