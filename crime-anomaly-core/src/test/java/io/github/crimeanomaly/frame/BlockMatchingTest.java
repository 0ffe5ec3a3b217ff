package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockMatchingTest {

    @Test
    void blockSumsAreTheSumsOfEveryBlock() {
        int w = 13;
        int h = 9;
        int block = 4;
        float[] frame = new float[w * h];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < frame.length; i++) {
            frame[i] = rng.nextInt(256) / 255f;
        }
        double[] sums = new double[(w - block + 1) * (h - block + 1)];
        BlockMatching.blockSums(frame, w, h, block, sums);
        for (int y = 0; y <= h - block; y++) {
            for (int x = 0; x <= w - block; x++) {
                double s = 0;
                for (int r = 0; r < block; r++) {
                    for (int c = 0; c < block; c++) {
                        s += frame[(y + r) * w + x + c];
                    }
                }
                assertEquals(s, sums[y * (w - block + 1) + x], 1e-9, "block at (" + x + ", " + y + ")");
            }
        }
    }

    /**
     * The successive-elimination search skips only candidates that cannot win, so it finds the same
     * displacement and SAD as the exhaustive one: checked on every block of frames with textures,
     * flat areas (where many candidates tie) and shifted copies, at several radii.
     */
    @Test
    void theSearchWithBlockSumsFindsWhatTheExhaustiveSearchFinds() {
        int w = 48;
        int h = 40;
        SplittableRandom rng = new SplittableRandom(7);
        int compared = 0;
        int pruningHelped = 0;
        for (int trial = 0; trial < 12; trial++) {
            float[] a = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean flat = trial % 3 == 0 && x < w / 2;           // a flat half: ties everywhere
                    a[y * w + x] = flat ? 0.5f : rng.nextInt(256) / 255f;
                }
            }
            // b: a shifted by (sx, sy), with noise on some trials
            int sx = rng.nextInt(7) - 3;
            int sy = rng.nextInt(7) - 3;
            float[] b = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int ox = Math.min(w - 1, Math.max(0, x + sx));
                    int oy = Math.min(h - 1, Math.max(0, y + sy));
                    float noise = trial % 2 == 0 ? 0 : (rng.nextInt(11) - 5) / 255f;
                    b[y * w + x] = Math.min(1, Math.max(0, a[oy * w + ox] + noise));
                }
            }
            for (int block : new int[] {4, 8}) {
                double[] sumsA = new double[(w - block + 1) * (h - block + 1)];
                double[] sumsB = new double[sumsA.length];
                BlockMatching.blockSums(a, w, h, block, sumsA);
                BlockMatching.blockSums(b, w, h, block, sumsB);
                for (int radius : new int[] {2, 4, 8}) {
                    for (int by = 0; by + block <= h; by += block) {
                        for (int bx = 0; bx + block <= w; bx += block) {
                            float still = BlockMatching.sad(a, b, w, block, bx, by, 0, 0, Float.MAX_VALUE);
                            int[] plain = new int[2];
                            int[] fast = new int[2];
                            float s1 = BlockMatching.search(a, b, w, h, block, bx, by, radius, still, plain);
                            float s2 = BlockMatching.search(a, b, w, h, block, bx, by, radius, still, fast, sumsA,
                                    sumsB[by * (w - block + 1) + bx]);
                            assertEquals(s1, s2, "SAD at block (" + bx + ", " + by + "), block " + block + ", radius " + radius);
                            assertArrayEquals(plain, fast, "displacement at block (" + bx + ", " + by + ")");
                            compared++;
                            pruningHelped += s1 < still ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 1000 && pruningHelped > 100, compared + " searches, " + pruningHelped + " found motion");
    }
}
