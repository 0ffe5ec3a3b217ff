package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.model.internal.FrameForward;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Raw cell score of the normal-only detector: the mean squared error between the network's
 * prediction of the newest frame's difference patch (from the previous {@code T} steps) and the
 * actual one. All cells of a frame go through the network as one batch.
 *
 * <p>Each step's patches go through the network's per-step encoder once: the encodings of the
 * last window are kept, and when the next window is the same frames shifted by one (a video
 * scored frame by frame, compared by value), only the newest step is encoded; the LSTM then runs
 * over the kept encodings. Any other window is encoded whole. Either way the scores equal those
 * of the whole network on the window (to float tolerance). Holds copies of the network's weights
 * and of the last window's frames: close it.
 */
public final class PatchPredictionScorer implements CellScorer {

    private final PatchSequenceNetwork.Halves halves;
    /** The encoder without DL4J's convolution layer ({@link FrameForward}), or null. */
    private final FrameForward fast;
    private final PatchSequences seq;
    private final CellGrid grid;
    private final float[] actual;
    private final float[] stepIn;
    /** The last window's frames (copies) and its steps' encodings, {@code [step][cell * embedding]}. */
    private final float[][] saved;
    private final float[][] encoded;
    private boolean primed;

    /** A scorer using {@code net}'s weights as they are now (copied; {@code net} is not closed by it) on {@code grid}. */
    public PatchPredictionScorer(PatchSequenceNetwork net, CellGrid grid, int steps) {
        this.grid = grid;
        this.seq = new PatchSequences(grid, steps);
        this.halves = net.split();
        this.fast = FrameForward.of(halves.encoder()).orElse(null);
        this.actual = new float[seq.targetFeatures()];
        this.stepIn = new float[grid.cells() * seq.inputFeatures()];
        this.saved = new float[seq.window()][];
        this.encoded = new float[steps][];
    }

    @Override
    public CellGrid grid() {
        return grid;
    }

    @Override
    public int window() {
        return seq.window();
    }

    @Override
    public void score(float[][] window, float[] out) {
        int cells = grid.cells();
        int steps = seq.steps();
        int n = window.length;
        boolean shifted = primed;
        for (int k = 0; shifted && k < n - 1; k++) {
            shifted = Arrays.equals(window[k], saved[k + 1]);
        }
        if (shifted) {
            System.arraycopy(encoded, 1, encoded, 0, steps - 1);
            encoded[steps - 1] = encode(window, steps - 1);
            System.arraycopy(saved, 1, saved, 0, n - 1);
            saved[n - 1] = window[n - 1].clone();
        } else {
            for (int s = 0; s < steps; s++) {
                encoded[s] = encode(window, s);
            }
            for (int k = 0; k < n; k++) {
                saved[k] = window[k].clone();
            }
            primed = true;
        }
        int e = halves.embedding();
        float[] in = new float[cells * e * steps];
        for (int s = 0; s < steps; s++) {
            float[] f = encoded[s];
            for (int c = 0; c < cells; c++) {
                for (int j = 0; j < e; j++) {
                    in[(c * e + j) * steps + s] = f[c * e + j];
                }
            }
        }
        float[] pred;
        try (INDArray x = Nd4j.create(in, new long[] {cells, e, steps}, 'c');
             INDArray y = halves.recurrent().output(x, false);
             INDArray last = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                     org.nd4j.linalg.indexing.NDArrayIndex.all(),
                     org.nd4j.linalg.indexing.NDArrayIndex.point(steps - 1)).dup('c')) {
            pred = last.data().asFloat();
        }
        int pp = seq.targetFeatures();
        for (int c = 0; c < cells; c++) {
            seq.lastTarget(window, 0, c, actual);
            double se = 0;
            for (int p = 0; p < pp; p++) {
                double d = pred[c * pp + p] - actual[p];
                se += d * d;
            }
            out[c] = (float) (se / pp);
        }
    }

    /** Step {@code s} of every cell through the encoder: {@code [cell * embedding]}. */
    private float[] encode(float[][] window, int s) {
        int cells = grid.cells();
        for (int c = 0; c < cells; c++) {
            seq.stepInput(window, s, c, stepIn, c);
        }
        try (INDArray x = Nd4j.create(stepIn, new long[] {cells, seq.inputFeatures()}, 'c');
             INDArray y = fast != null ? fast.output(x) : halves.encoder().output(x, false);
             INDArray c = y.dup('c')) {
            return c.data().asFloat();
        }
    }

    /** Releases the weights' copies. */
    @Override
    public void close() {
        halves.close();
    }
}
