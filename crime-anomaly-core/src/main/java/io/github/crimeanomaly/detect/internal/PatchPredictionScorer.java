package io.github.crimeanomaly.detect.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Raw cell score of the normal-only detector: the mean squared error between the network's
 * prediction of the newest frame's difference patch (from the previous {@code T} steps) and the
 * actual one. All cells of a frame go through the network as one batch.
 */
public final class PatchPredictionScorer implements CellScorer {

    private final PatchSequenceNetwork net;
    private final PatchSequences seq;
    private final CellGrid grid;
    private final float[] in;
    private final float[] actual;

    /** A scorer using {@code net} (not closed by this scorer) on {@code grid}. */
    public PatchPredictionScorer(PatchSequenceNetwork net, CellGrid grid, int steps) {
        this.net = net;
        this.grid = grid;
        this.seq = new PatchSequences(grid, steps);
        this.in = new float[grid.cells() * seq.inputFeatures() * steps];
        this.actual = new float[seq.targetFeatures()];
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
        for (int c = 0; c < cells; c++) {
            seq.input(window, 0, c, in, c);
        }
        INDArray x = Nd4j.create(in, new long[] {cells, seq.inputFeatures(), steps}, 'c');
        INDArray y = net.predict(x);
        float[] pred = y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1))
                .dup('c').data().asFloat();
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
        x.close();
        y.close();
    }
}
