package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockFlowTest {

    private static final int W = 32;
    private static final int H = 24;

    /** A random texture of {@code W x H}, values in [0.2, 0.8]. */
    private static float[] texture(long seed) {
        Random r = new Random(seed);
        float[] f = new float[W * H];
        for (int i = 0; i < f.length; i++) {
            f[i] = 0.2f + 0.6f * r.nextFloat();
        }
        return f;
    }

    /** {@code bg} with the square [x0, x0+side) x [y0, y0+side) of {@code fg} pasted at (x0+mx, y0+my). */
    private static float[] paste(float[] bg, float[] fg, int x0, int y0, int side, int mx, int my) {
        float[] out = bg.clone();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[(y0 + my + y) * W + x0 + mx + x] = fg[(y0 + y) * W + x0 + x];
            }
        }
        return out;
    }

    @Test
    void aMovingSquareMovesItsInnerBlocksByItsDisplacementAndLeavesTheBackgroundStill() {
        float[] bg = texture(1);
        float[] fg = texture(2);
        float[] prev = paste(bg, fg, 8, 8, 12, 0, 0);
        float[] cur = paste(bg, fg, 8, 8, 12, 3, -2);
        BlockFlow flow = new BlockFlow(W, H, 4, 4, 0.02, 1.25);
        float[] dx = new float[flow.blocks()];
        float[] dy = new float[flow.blocks()];
        flow.compute(prev, cur, dx, dy);
        assertEquals(8 * 6, flow.blocks());
        // the block at (12, 8) (column 3, row 2) lies inside the square in both frames
        int inner = 2 * flow.cols() + 3;
        assertEquals(3f, dx[inner]);
        assertEquals(-2f, dy[inner]);
        // far from the square: nothing changed
        assertEquals(0f, dx[0]);
        assertEquals(0f, dy[0]);
        assertEquals(0f, dx[flow.blocks() - 1]);
        int moving = 0;
        for (int i = 0; i < flow.blocks(); i++) {
            if (dx[i] == 3f && dy[i] == -2f) {
                moving++;
            }
        }
        assertTrue(moving >= 4, "blocks moving with the square: " + moving);
    }

    @Test
    void sensorNoiseAloneIsNotMotionWithTheNoiseFactorButIsWithout() {
        // a flat scene seen twice through sensor noise: displaced matches can beat the still one
        Random r = new Random(4);
        float[] a = new float[W * H];
        float[] b = new float[W * H];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.5f + (float) (0.05 * r.nextGaussian());
            b[i] = 0.5f + (float) (0.05 * r.nextGaussian());
        }
        float[] dx = new float[48];
        float[] dy = new float[48];
        new BlockFlow(W, H, 4, 4, 0.02, 1.25).compute(a, b, dx, dy);
        for (int i = 0; i < dx.length; i++) {
            assertEquals(0f, dx[i], "block " + i);
            assertEquals(0f, dy[i], "block " + i);
        }
        new BlockFlow(W, H, 4, 4, 0.02, 0).compute(a, b, dx, dy);
        int moved = 0;
        for (int i = 0; i < dx.length; i++) {
            if (dx[i] != 0 || dy[i] != 0) {
                moved++;
            }
        }
        assertTrue(moved > 0, "with the fixed threshold noise of sigma 0.05 reads as motion somewhere");
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockFlow(W, H, 0, 0, 1.5, -1));
        assertTrue(e.getMessage().contains("block must be in [1, min(width, height)], got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("radius must be >= 1, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("motionThreshold must be in [0, 1), got 1.5"), e.getMessage());
        assertTrue(e.getMessage().contains("noiseFactor must be finite and >= 0, got -1"), e.getMessage());
        BlockFlow f = new BlockFlow(W, H, 4, 4, 0.02, 0);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> f.compute(new float[W * H], new float[10], new float[48], new float[48]));
        assertTrue(size.getMessage().contains("expected two frames of 32x24 (768 values), got 768 and 10 values"),
                size.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> f.compute(new float[W * H], new float[W * H], new float[47], new float[48]));
    }
}
