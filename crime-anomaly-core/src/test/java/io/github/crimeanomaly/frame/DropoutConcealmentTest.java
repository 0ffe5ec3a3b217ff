package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutConcealmentTest {

    private static final int W = 48;
    private static final int H = 32;
    private static final FrameFormat GRAY = FrameFormat.gray(W, H);

    /** A textured still scene (8-bit values, as decoded video): no two neighbours need be equal. */
    private static float[] texture(FrameFormat fmt, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[fmt.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = rng.nextInt(256) / 255f;
        }
        return px;
    }

    private static float[] fill(float[] px, FrameFormat fmt, int x0, int y0, int w, int h, float... perChannel) {
        float[] out = px.clone();
        int plane = fmt.width() * fmt.height();
        for (int c = 0; c < fmt.channels(); c++) {
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    out[c * plane + y * fmt.width() + x] = perChannel[Math.min(c, perChannel.length - 1)];
                }
            }
        }
        return out;
    }

    private static List<float[]> run(FrameFormat fmt, List<float[]> frames, int minSize, long[] stats) throws IOException {
        List<Frame> in = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            in.add(Frame.of(i, i * 100_000L, fmt, frames.get(i)));
        }
        List<float[]> out = new ArrayList<>();
        try (DropoutConcealment src = DropoutConcealment.wrap(FrameSources.of("test", in, 10), minSize)) {
            for (var f = src.next(); f.isPresent(); f = src.next()) {
                assertEquals(out.size(), f.get().index());
                assertEquals(out.size() * 100_000L, f.get().timestampMicros());
                out.add(f.get().pixels());
            }
            stats[0] = src.concealedFrames();
            stats[1] = src.concealedPixels();
            assertEquals(frames.size(), src.framesRead());
        }
        return out;
    }

    @Test
    void aPatchInANewPlaceEveryFrameIsReplacedByThePreviousFrame() throws IOException {
        float[] scene = texture(GRAY, 1);
        // the 2nd overlaps the 1st by a quarter, the 3rd overlaps the 2nd by three quarters
        int[][] places = {{0, 0}, {20, 10}, {26, 15}, {28, 16}, {36, 22}, {2, 20}, {30, 0}, {10, 8}};
        List<float[]> frames = new ArrayList<>();
        frames.add(scene);
        for (int[] at : places) {
            frames.add(fill(scene, GRAY, at[0], at[1], 12, 10, 0f));
        }
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        for (float[] f : out) {
            assertArrayEquals(scene, f, "every dropout hidden: the scene is still");
        }
        assertEquals(places.length, stats[0]);
        assertEquals(places.length * 12 * 10, stats[1]);
    }

    @Test
    void aDropoutInTheFirstFrameIsFilledFromTheSecond() throws IOException {
        float[] scene = texture(GRAY, 10);
        float[] next = texture(GRAY, 11);
        float[] patched = fill(scene, GRAY, 30, 12, 12, 12, 0f);
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, List.of(patched, next, next), 8, stats);
        assertArrayEquals(fill(scene, GRAY, 30, 12, 12, 12, 0f), patched, "the input is not modified");
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inPatch = x >= 30 && x < 42 && y >= 12 && y < 24;
                assertEquals(inPatch ? next[y * W + x] : scene[y * W + x], out.get(0)[y * W + x], "(" + x + ", " + y + ")");
            }
        }
        assertArrayEquals(next, out.get(1));
        assertArrayEquals(next, out.get(2));
        assertEquals(1, stats[0]);
        assertEquals(144, stats[1]);
    }

    @Test
    void firstFrameDropoutsOverlappingTheSecondFramesAreFilledFromALaterFrame() throws IOException {
        float[] scene = texture(GRAY, 13);
        List<float[]> frames = List.of(fill(scene, GRAY, 10, 8, 16, 12, 0f), fill(scene, GRAY, 16, 12, 16, 12, 0f),
                fill(scene, GRAY, 30, 2, 12, 10, 0f), scene);
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(scene, out.get(i), "frame " + i);
        }
        assertEquals(3, stats[0]);
    }

    @Test
    void aLastingFlatRegionWithAChangingBorderShowsAfterThreeFrames() throws IOException {
        float[] scene = texture(GRAY, 14);
        List<float[]> frames = new ArrayList<>(List.of(scene));
        for (int i = 1; i <= 7; i++) {
            frames.add(fill(scene, GRAY, 10, 6, 16 + i, 14, 1f));     // a clipped highlight, one column wider each frame
        }
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        for (int i = 1; i <= DropoutConcealment.MAX_HOLD; i++) {
            assertArrayEquals(scene, out.get(i), "hidden at frame " + i);
        }
        for (int i = DropoutConcealment.MAX_HOLD + 2; i <= 7; i++) {
            assertArrayEquals(frames.get(i), out.get(i), "shown at frame " + i);
        }
    }

    @Test
    void largeDropoutsInANewPlaceEveryFrameStayHiddenWhereTheyOverlapForManyFrames() throws IOException {
        float[] scene = texture(GRAY, 15);
        // 24 px wide, each overlapping the previous by at most 11 columns (so mostly new), and
        // columns 16-23 covered by all seven: more frames in a row than MAX_HOLD
        int[] xs = {0, 14, 1, 15, 2, 16, 3};
        List<float[]> frames = new ArrayList<>(List.of(scene));
        for (int x : xs) {
            frames.add(fill(scene, GRAY, x, 6, 24, 20, 0f));
        }
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        assertTrue(xs.length > DropoutConcealment.MAX_HOLD);
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(scene, out.get(i), "frame " + i);
        }
        assertEquals(xs.length, stats[0]);
        assertEquals(xs.length * 24 * 20, stats[1]);
    }

    @Test
    void aFlatScreenFadingIsFrozenWhileItChangesAndShownOnceItStops() throws IOException {
        float[] scene = texture(GRAY, 16);
        float[] flat = new float[GRAY.size()];
        List<float[]> frames = new ArrayList<>(List.of(scene));
        for (int i = 1; i <= 6; i++) {
            Arrays.fill(flat, (60 - 10 * i) / 255f);
            frames.add(flat.clone());
        }
        frames.add(flat.clone());     // the fade has stopped: the same flat frame again
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        for (int i = 1; i <= 6; i++) {
            assertArrayEquals(scene, out.get(i), "frozen at frame " + i);
        }
        assertArrayEquals(frames.get(7), out.get(7), "shown once it stops changing");
    }

    @Test
    void aSingleFrameWithADropoutIsShownAsItIs() throws IOException {
        float[] patched = fill(texture(GRAY, 12), GRAY, 30, 12, 12, 12, 0f);
        long[] stats = new long[2];
        assertArrayEquals(patched, run(GRAY, List.of(patched), 8, stats).get(0));
        assertEquals(0, stats[1]);
    }

    @Test
    void aDropoutThatStaysPutIsHiddenOnceThenShown() throws IOException {
        float[] scene = texture(GRAY, 8);
        float[] patched = fill(scene, GRAY, 4, 4, 16, 16, 0.5f);
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, List.of(scene, patched, patched, patched), 8, stats);
        assertArrayEquals(scene, out.get(1));
        assertArrayEquals(patched, out.get(2));
        assertArrayEquals(patched, out.get(3));
        assertEquals(1, stats[0]);
    }

    @Test
    void aPatchThatStaysPutIsLeftAlone() throws IOException {
        float[] scene = fill(texture(GRAY, 2), GRAY, 5, 5, 20, 12, 0f);
        List<float[]> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(scene);
        }
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        out.forEach(f -> assertArrayEquals(scene, f));
        assertEquals(0, stats[0]);
    }

    @Test
    void aLastingChangeToAFlatImageIsHiddenForOneFrame() throws IOException {
        float[] scene = texture(GRAY, 3);
        float[] dark = new float[GRAY.size()];
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, List.of(scene, dark, dark, dark), 8, stats);
        assertArrayEquals(scene, out.get(1));
        assertArrayEquals(dark, out.get(2));
        assertArrayEquals(dark, out.get(3));
        assertEquals(1, stats[0]);
        assertEquals(W * H, stats[1]);
    }

    @Test
    void flatPatchesSmallerThanMinSizeAndTextureMovingOverAFlatBackgroundPass() throws IOException {
        float[] scene = fill(texture(GRAY, 4), GRAY, 0, 0, W, 16, 0f);   // clipped-black upper half
        float[] walker = texture(FrameFormat.gray(6, 10), 9);
        List<float[]> frames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] f = scene.clone();
            for (int y = 0; y < 10; y++) {
                System.arraycopy(walker, y * 6, f, (3 + y) * W + 2 + 4 * i, 6);      // textured walker crossing it
            }
            frames.add(fill(f, GRAY, 40, 24, 7, 7, 0.5f));                          // a new 7x7 gray blob
        }
        frames.set(5, fill(frames.get(5), GRAY, 30, 20, 7, 7, 1f));
        long[] stats = new long[2];
        List<float[]> out = run(GRAY, frames, 8, stats);
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), out.get(i), "frame " + i);
        }
        assertEquals(0, stats[1]);
    }

    @Test
    void rgbPatchesAreFlatWhenEachChannelIsConstant() throws IOException {
        FrameFormat rgb = FrameFormat.rgb(W, H);
        float[] scene = texture(rgb, 5);
        List<float[]> frames = List.of(scene, fill(scene, rgb, 10, 8, 16, 16, 0.2f, 0.6f, 0.2f),
                fill(scene, rgb, 20, 4, 16, 16, 0.2f, 0.6f, 0.2f));
        long[] stats = new long[2];
        List<float[]> out = run(rgb, frames, 8, stats);
        out.forEach(f -> assertArrayEquals(scene, f));
        assertEquals(2, stats[0]);
    }

    @Test
    void anRgbPatchFlatInOneChannelOnlyIsNotFlat() throws IOException {
        FrameFormat rgb = FrameFormat.rgb(W, H);
        float[] scene = texture(rgb, 6);
        float[] patched = scene.clone();
        Arrays.fill(patched, 0, W * H, 0f);    // the red plane flat, green and blue textured
        long[] stats = new long[2];
        List<float[]> out = run(rgb, List.of(scene, patched), 8, stats);
        assertArrayEquals(patched, out.get(1));
        assertEquals(0, stats[1]);
    }

    @Test
    void badParametersAreRefused() {
        FrameSource src = FrameSources.of("two formats", List.of(Frame.of(0, 0, GRAY, new float[GRAY.size()])), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DropoutConcealment.wrap(src, 1));
        assertTrue(e.getMessage().contains("minSize") && e.getMessage().contains("got 1"), e.getMessage());
        assertThrows(NullPointerException.class, () -> DropoutConcealment.wrap(null));
    }

    @Test
    void framesTooSmallForASquareAreNeverConcealed() throws IOException {
        FrameFormat tiny = FrameFormat.gray(6, 6);
        long[] stats = new long[2];
        List<float[]> out = run(tiny, List.of(texture(tiny, 7), new float[36]), 8, stats);
        assertFalse(Arrays.equals(out.get(0), out.get(1)));
        assertEquals(0, stats[1]);
    }
}
