package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseEstimatorTest {

    private static float[] noisy(float base, double sigma, Random rnd, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) Math.min(1, Math.max(0, base + sigma * rnd.nextGaussian()));
        }
        return f;
    }

    @Test
    void estimatesTheNoiseOfADifferenceDespiteMotionAndClipping() {
        Random rnd = new Random(4);
        NoiseEstimator est = new NoiseEstimator();
        int n = 100 * 100;
        float[] a = noisy(0.5f, 0.03, rnd, n);
        float[] b = noisy(0.5f, 0.03, rnd, n);
        double expected = 0.03 * Math.sqrt(2);
        assertEquals(expected, est.differenceSigma(a, b), 0.05 * expected, "still, noisy scene");

        // a bright object moving over 20% of the frame: the median barely moves
        float[] moved = b.clone();
        for (int i = 0; i < n / 5; i++) {
            moved[i] = 1f - a[i];
        }
        assertEquals(expected, est.differenceSigma(a, moved), 0.15 * expected, "with motion over 20% of the frame");

        // the left 60% clipped to black in both frames: left out, not counted as noise-free
        float[] da = a.clone();
        float[] db = b.clone();
        for (int i = 0; i < n * 6 / 10; i++) {
            da[i] = 0f;
            db[i] = 0f;
        }
        assertEquals(expected, est.differenceSigma(da, db), 0.1 * expected, "with clipped pixels");

        float[] black = new float[n];
        assertEquals(0.0, est.differenceSigma(black, black), "nothing to estimate from");
        float[] same = new float[n];
        Arrays.fill(same, 0.4f);
        assertEquals(0.5 / 4096 / 0.6744897501960817, est.differenceSigma(same, same), 1e-12,
                "identical frames: the first bin's centre");
    }

    @Test
    void aDifferenceOfExactlyOneLandsInTheTopBinAndClippedPixelsAreLeftOut() {
        NoiseEstimator est = new NoiseEstimator();
        float[] black = new float[100];
        float[] white = new float[100];
        java.util.Arrays.fill(white, 1f);
        // black to white everywhere: every |difference| is 1, the histogram's top bin
        assertEquals((4095.5 / 4096) / 0.6744897501960817, est.differenceSigma(black, white), 1e-12);
        // 60 pixels clipped black in both frames, 40 that differ by 0.5: the median is 0.5
        float[] cur = new float[100];
        for (int i = 60; i < 100; i++) {
            cur[i] = 0.5f;
        }
        assertEquals((2048.5 / 4096) / 0.6744897501960817, est.differenceSigma(black, cur), 1e-12);
        assertEquals(0, est.differenceSigma(black, black), "every pixel clipped in both frames");
        assertEquals(0, est.differenceSigma(white, white));
    }
}
