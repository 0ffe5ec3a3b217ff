package io.github.crimeanomaly.frame.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTransformsTest {

    private static Frame constant(FrameFormat fmt, float v, long index) {
        float[] px = new float[fmt.size()];
        Arrays.fill(px, v);
        return Frame.wrap(index, index * 40_000, fmt, px);
    }

    /** A gradient with a bright vertical bar: something for blur and brightness to act on. */
    private static Frame pattern(FrameFormat fmt) {
        float[] px = new float[fmt.size()];
        int w = fmt.width();
        int h = fmt.height();
        for (int c = 0; c < fmt.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[(c * h + y) * w + x] = x >= w / 2 && x < w / 2 + 2 ? 1f : 0.2f + 0.5f * y / h;
                }
            }
        }
        return Frame.wrap(3, 120_000, fmt, px);
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double std(float[] a) {
        double m = mean(a);
        double s = 0;
        for (float v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / a.length);
    }

    @Test
    void gaussianNoiseKeepsTheMeanAndHasTheRequestedStd() {
        Frame f = constant(FrameFormat.rgb(200, 100), 0.5f, 7);
        Frame noisy = FrameTransforms.gaussianNoise(0.05, 1).apply(f);
        assertEquals(0.5, mean(noisy.pixels()), 0.002);
        assertEquals(0.05, std(noisy.pixels()), 0.002);
        assertEquals(f.index(), noisy.index());
        assertEquals(f.timestampMicros(), noisy.timestampMicros());
        assertEquals(f.format(), noisy.format());
    }

    @Test
    void sameSeedSameOutputOtherSeedOrFrameOtherOutput() {
        Frame f = constant(FrameFormat.gray(64, 48), 0.5f, 2);
        FrameTransform t = FrameTransforms.gaussianNoise(0.1, 42).andThen(FrameTransforms.occlusion(0.1, 2, 42));
        assertArrayEquals(t.apply(f).pixels(), t.apply(f).pixels());
        assertFalse(Arrays.equals(t.apply(f).pixels(),
                FrameTransforms.gaussianNoise(0.1, 43).andThen(FrameTransforms.occlusion(0.1, 2, 42)).apply(f).pixels()));
        Frame g = f.withPosition(3, 0);
        assertFalse(Arrays.equals(t.apply(f).pixels(), t.apply(g).pixels()), "each frame gets its own noise");
    }

    @Test
    void occlusionCoversTheRequestedArea() {
        FrameFormat fmt = FrameFormat.rgb(160, 120);
        Frame white = constant(fmt, 1f, 0);
        for (double fraction : new double[] {0.01, 0.1, 0.25, 1.0}) {
            float[] px = FrameTransforms.occlusion(fraction, 1, 5).apply(white).pixels();
            int black = 0;
            for (float v : px) {
                if (v == 0f) {
                    black++;
                }
            }
            double covered = black / (double) px.length;
            assertEquals(fraction, covered, Math.max(0.003, fraction * 0.03), "covered fraction for " + fraction);
        }
    }

    @Test
    void occlusionMovesBetweenFramesAndFillsWithValue() {
        FrameFormat fmt = FrameFormat.gray(100, 100);
        FrameTransform t = FrameTransforms.occlusion(0.04, 1, 0.5f, 9);
        float[] a = t.apply(constant(fmt, 1f, 0)).pixels();
        float[] b = t.apply(constant(fmt, 1f, 1)).pixels();
        assertFalse(Arrays.equals(a, b), "a new position per frame");
        long half = 0;
        for (float v : a) {
            if (v == 0.5f) {
                half++;
            }
        }
        assertEquals(400, half);
    }

    @Test
    void fixedOcclusionStaysInPlaceAndDependsOnTheSeed() {
        FrameFormat fmt = FrameFormat.rgb(160, 120);
        FrameTransform t = FrameTransforms.fixedOcclusion(0.1, 2, 7);
        float[] first = t.apply(constant(fmt, 1f, 0)).pixels();
        for (long i : new long[] {1, 2, 500}) {
            assertArrayEquals(first, t.apply(constant(fmt, 1f, i)).pixels(), "same place at frame " + i);
        }
        long black = 0;
        for (float v : first) {
            if (v == 0f) {
                black++;
            }
        }
        // two patches of 5% each; they may overlap, so at most 10% and at least 5%
        assertTrue(black <= Math.round(0.1 * fmt.size() * 1.03) && black >= Math.round(0.05 * fmt.size() * 0.97),
                "black pixels " + black + " of " + fmt.size());
        assertFalse(Arrays.equals(first, FrameTransforms.fixedOcclusion(0.1, 2, 8).apply(constant(fmt, 1f, 0)).pixels()),
                "another seed, another place");
        assertTrue(t.toString().startsWith("fixedOcclusion("), t.toString());
        assertThrows(IllegalArgumentException.class, () -> FrameTransforms.fixedOcclusion(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> FrameTransforms.fixedOcclusion(0.1, 0, 1));
    }

    @Test
    void motionBlurPreservesAConstantImageAndSpreadsAnEdge() {
        FrameFormat fmt = FrameFormat.rgb(40, 30);
        Frame c = constant(fmt, 0.3f, 0);
        for (double angle : new double[] {0, 45, 90, 30}) {
            float[] out = FrameTransforms.motionBlur(9, angle).apply(c).pixels();
            for (float v : out) {
                assertEquals(0.3f, v, 1e-6f);
            }
        }
        Frame p = pattern(fmt);
        Frame blurred = FrameTransforms.motionBlur(5, 0).apply(p);
        // The 2-pixel bar at x=20..21 spreads horizontally: the bar dims, its neighbours brighten.
        assertTrue(blurred.pixel(0, 10, 20) < 0.99f && blurred.pixel(0, 10, 20) > p.pixel(0, 10, 19));
        assertTrue(blurred.pixel(0, 10, 18) > p.pixel(0, 10, 18));
        // Horizontal blur leaves the vertical gradient alone away from the bar.
        assertEquals(p.pixel(1, 5, 3), blurred.pixel(1, 5, 3), 1e-6f);
        assertEquals(mean(p.pixels()), mean(blurred.pixels()), 0.01);
        assertArrayEquals(p.pixels(), FrameTransforms.motionBlur(1, 0).apply(p).pixels());
    }

    @Test
    void brightnessShiftsAndClampsToUnitRange() {
        Frame p = pattern(FrameFormat.gray(20, 20));
        float[] brighter = FrameTransforms.brightness(0.3).apply(p).pixels();
        float[] orig = p.pixels();
        for (int i = 0; i < orig.length; i++) {
            assertEquals(Math.min(1f, orig[i] + 0.3f), brighter[i], 1e-6f);
        }
        float[] dark = FrameTransforms.brightness(-0.5, 2).apply(p).pixels();
        for (int i = 0; i < orig.length; i++) {
            assertEquals(Math.max(0f, Math.min(1f, 2 * orig[i] - 0.5f)), dark[i], 1e-6f);
            assertTrue(dark[i] >= 0f && dark[i] <= 1f);
        }
    }

    @Test
    void composesInOrderAndWrapsSources() throws IOException {
        FrameFormat fmt = FrameFormat.gray(8, 8);
        FrameTransform t = FrameTransforms.brightness(-1.0).andThen(FrameTransforms.brightness(0.25));
        assertEquals(0.25f, t.apply(constant(fmt, 0.9f, 0)).pixel(0, 0, 0), 1e-6f);
        FrameTransform reversed = FrameTransforms.brightness(0.25).andThen(FrameTransforms.brightness(-1.0));
        assertEquals(0f, reversed.apply(constant(fmt, 0.9f, 0)).pixel(0, 0, 0), 1e-6f);
        FrameSource src = FrameSources.of("mem", List.of(constant(fmt, 0.5f, 0), constant(fmt, 0.5f, 1)), 25);
        try (FrameSource out = t.applyTo(src)) {
            assertEquals(fmt, out.format());
            assertEquals(2, out.frameCount().orElseThrow());
            assertEquals(25.0, out.fps().orElseThrow());
            assertTrue(out.description().startsWith("mem ["), out.description());
            assertEquals(0.25f, out.next().orElseThrow().pixel(0, 3, 3), 1e-6f);
            assertEquals(1, out.next().orElseThrow().index());
            assertTrue(out.next().isEmpty());
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> FrameTransforms.gaussianNoise(-0.1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameTransforms.occlusion(1.5, 1, 1));
        assertTrue(e.getMessage().contains("areaFraction must be in (0, 1], got 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameTransforms.motionBlur(0, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameTransforms.brightness(0, -1));
    }
}
