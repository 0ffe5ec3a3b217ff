package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.crimeanomaly.detect.internal.ScoreSmoother;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringOptionsTest {

    @Test
    void defaultsSmoothAndDoNotNormalisePerVideo() {
        ScoringOptions d = ScoringOptions.defaults();
        assertEquals(1.5, d.smoothingSigma());
        assertFalse(d.perVideoNormalization());
        assertEquals(5, d.smoothingRadius());
        assertEquals(0, d.withSmoothingSigma(0).smoothingRadius());
        assertThrows(IllegalArgumentException.class, () -> new ScoringOptions(-1, false));
    }

    @Test
    void smootherEmitsEveryFrameOnceAndPreservesAConstant() {
        List<FrameScore> out = new ArrayList<>();
        ScoreSmoother s = new ScoreSmoother(2.0, out::add);
        for (int i = 0; i < 5; i++) {
            s.accept(i, i * 100L, 3.0);
        }
        assertEquals(0, out.size()); // radius 6 > 5 frames: all held back until finish
        s.finish();
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, out.get(i).frameIndex());
            assertEquals(3.0, out.get(i).score(), 1e-12);
        }
    }

    @Test
    void smootherAveragesASpikeWithGaussianWeights() {
        List<FrameScore> out = new ArrayList<>();
        ScoreSmoother s = new ScoreSmoother(1.0, out::add);
        double[] v = {0, 0, 0, 0, 9, 0, 0, 0, 0};
        for (int i = 0; i < v.length; i++) {
            s.accept(i, 0, v[i]);
        }
        s.finish();
        double w0 = 1;
        double w1 = Math.exp(-0.5);
        double w2 = Math.exp(-2);
        double w3 = Math.exp(-4.5);
        double norm = w0 + 2 * (w1 + w2 + w3);
        assertEquals(9 * w0 / norm, out.get(4).score(), 1e-12);
        assertEquals(9 * w1 / norm, out.get(5).score(), 1e-12);
        assertEquals(0, out.get(0).score(), 1e-12);
    }
}
