package io.github.crimeanomaly.detect.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PatchPredictionScorerTest {

    private static final CellGrid GRID = new CellGrid(24, 16, 8, 8);
    private static final int STEPS = 3;

    /** The score of every cell from the whole network on the window: the reference. */
    private static float[] reference(PatchSequenceNetwork net, float[][] window) {
        PatchSequences seq = new PatchSequences(GRID, STEPS);
        int cells = GRID.cells();
        float[] in = new float[cells * seq.inputFeatures() * STEPS];
        for (int c = 0; c < cells; c++) {
            seq.input(window, 0, c, in, c);
        }
        float[] pred;
        try (INDArray x = Nd4j.create(in, new long[] {cells, seq.inputFeatures(), STEPS}, 'c');
             INDArray y = net.predict(x)) {
            pred = y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(STEPS - 1)).dup('c').data().asFloat();
        }
        int pp = seq.targetFeatures();
        float[] out = new float[cells];
        float[] actual = new float[pp];
        for (int c = 0; c < cells; c++) {
            seq.lastTarget(window, 0, c, actual);
            double se = 0;
            for (int p = 0; p < pp; p++) {
                se += (pred[c * pp + p] - actual[p]) * (double) (pred[c * pp + p] - actual[p]);
            }
            out[c] = (float) (se / pp);
        }
        return out;
    }

    /**
     * Scoring a synthetic video frame by frame (the windows shift by one, frames given as fresh
     * copies, as the scoring pipeline's ring does) and then an unrelated window gives, every time,
     * what the whole network gives.
     */
    @Test
    void slidingAndUnrelatedWindowsScoreAsTheWholeNetwork() {
        Random r = new Random(3);
        float[][] video = new float[12][GRID.width() * GRID.height()];
        for (float[] f : video) {
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextFloat();
            }
        }
        try (PatchSequenceNetwork net = PatchSequenceNetwork.create(8, PatchSequences.CHANNELS, 4, 8, 6, 1e-3, 5);
             PatchPredictionScorer scorer = new PatchPredictionScorer(net, GRID, STEPS)) {
            int n = scorer.window();
            float[] out = new float[GRID.cells()];
            boolean varies = false;
            float[] first = null;
            for (int t = 0; t < video.length; t++) {
                float[][] w = new float[n][];
                for (int k = 0; k < n; k++) {
                    w[k] = video[Math.max(0, t - n + 1 + k)].clone();
                }
                scorer.score(w, out);
                assertArrayEquals(reference(net, w), out, 1e-5f, "frame " + t);
                varies |= first != null && Math.abs(first[0] - out[0]) > 1e-6;
                first = first == null ? out.clone() : first;
            }
            assertTrue(varies, "the scores must depend on the frames");
            float[][] jump = {video[9], video[2], video[7], video[0], video[5]};
            scorer.score(jump, out);
            assertArrayEquals(reference(net, jump), out, 1e-5f, "an unrelated window");
        }
    }
}
