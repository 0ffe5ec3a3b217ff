package io.github.crimeanomaly.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.HybridModel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClipInputTest {

    /** Three synthetic 8x8 raw frames: all 0.1, then all 0.5, then 0.2 with one pixel at 0.9. */
    static float[][] raw() {
        float[][] r = new float[3][64];
        Arrays.fill(r[0], 0.1f);
        Arrays.fill(r[1], 0.5f);
        Arrays.fill(r[2], 0.2f);
        r[2][9] = 0.9f;
        return r;
    }

    @Test
    void motionModeGivesAbsoluteDifferences() {
        float[][] s = new ClipInput(2, 8, 8, ClipInput.Mode.MOTION, 2).toSequence(raw());
        assertEquals(2, s.length);
        assertEquals(64, s[0].length);
        assertEquals(0.4f, s[0][0], 1e-6);
        assertEquals(0.3f, s[1][0], 1e-6);
        assertEquals(0.4f, s[1][9], 1e-6);
    }

    @Test
    void appearanceAndMotionStacksFramePreviousFrameAndDifference() {
        ClipInput in = new ClipInput(2, 8, 8, ClipInput.Mode.APPEARANCE_AND_MOTION, 2);
        assertEquals(new FrameFormat(8, 8, 3), in.modelFormat());
        float[][] s = in.toSequence(raw());
        assertEquals(192, s[1].length);
        assertEquals(0.9f, s[1][9], 1e-6);        // current frame
        assertEquals(0.5f, s[1][64 + 9], 1e-6);   // previous frame
        assertEquals(0.4f, s[1][128 + 9], 1e-6);  // |difference|
        assertEquals(0.3f, s[1][128], 1e-6);
    }

    /**
     * Three 32x32 frames: a still random texture, with a 12x12 square of another texture moving
     * right by one pixel per frame (from x = 9), so that most pixels stay still.
     */
    private static float[][] panning() {
        Random rnd = new Random(9);
        float[] bg = new float[32 * 32];
        float[] fg = new float[12 * 12];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = 0.2f + 0.6f * rnd.nextFloat();
        }
        for (int i = 0; i < fg.length; i++) {
            fg[i] = 0.2f + 0.6f * rnd.nextFloat();
        }
        float[][] r = new float[3][];
        for (int t = 0; t < 3; t++) {
            r[t] = bg.clone();
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    r[t][(10 + y) * 32 + 9 + t + x] = fg[y * 12 + x];
                }
            }
        }
        return r;
    }

    @Test
    void motionAndFlowStacksTheDifferenceWithTheBlockMotionField() {
        ClipInput in = new ClipInput(2, 32, 32, ClipInput.Mode.MOTION_AND_FLOW, 2);
        assertEquals(new FrameFormat(32, 32, 3), in.modelFormat());
        assertEquals(2, in.flowBlock());
        assertEquals(4, new ClipInput(2, 64, 96, ClipInput.Mode.MOTION_AND_FLOW, 2).flowBlock());
        float[][] raw = panning();
        float[][] s = in.toSequence(raw);
        float[][] motion = new ClipInput(2, 32, 32, ClipInput.Mode.MOTION, 2).toSequence(raw);
        int plane = 32 * 32;
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(motion[t], Arrays.copyOfRange(s[t], 0, plane), "difference channel, step " + t);
            // a pixel inside the square: one pixel right per frame, over a search radius of 2
            assertEquals(0.5f, s[t][plane + 16 * 32 + 16], 1e-6, "horizontal, step " + t);
            assertEquals(0f, s[t][2 * plane + 16 * 32 + 16], 1e-6, "vertical, step " + t);
        }
        // mirrored, the square moves left
        float[][] m = new float[3][];
        for (int t = 0; t < 3; t++) {
            m[t] = new float[plane];
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    m[t][y * 32 + x] = raw[t][y * 32 + 31 - x];
                }
            }
        }
        assertEquals(-0.5f, in.toSequence(m)[0][plane + 16 * 32 + 15], 1e-6);
        assertEquals(in, ClipInput.fromJson(in.toJson()));
    }

    @Test
    void appearanceModeDropsTheFirstRawFrame() {
        float[][] s = new ClipInput(2, 8, 8, ClipInput.Mode.APPEARANCE, 2).toSequence(raw());
        assertArrayEquals(raw()[1], s[0]);
        assertArrayEquals(raw()[2], s[1]);
    }

    @Test
    void rejectsWrongFrameCountAndSize() {
        ClipInput in = new ClipInput(3, 8, 8, ClipInput.Mode.MOTION, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.toSequence(raw()));
        assertEquals("expected 4 raw frames, got 3", e.getMessage());
        float[][] bad = {new float[64], new float[64], new float[64], new float[63]};
        e = assertThrows(IllegalArgumentException.class, () -> in.toSequence(bad));
        assertTrue(e.getMessage().contains("got 63 values (frame 3)"), e.getMessage());
    }

    @Test
    void validatesEveryFieldAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClipInput(1, 4, 8, null, 0));
        assertEquals("frames must be in [2, 512], got 1; height must be in [8, 1024], got 4; mode must be set, "
                + "got null; clipSeconds must be finite and > 0, got 0.0", e.getMessage());
        // absurd sizes fail here, not as an out-of-memory error while decoding
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new ClipInput(100_000, 64, 99_999, ClipInput.Mode.MOTION, 2));
        assertEquals("frames must be in [2, 512], got 100000; width must be in [8, 1024], got 99999", big.getMessage());
        new ClipInput(512, 1024, 1024, ClipInput.Mode.MOTION, 2);   // the limits themselves are allowed
    }

    @Test
    void jsonRoundTripAndStride() {
        ClipInput in = new ClipInput(16, 32, 48, ClipInput.Mode.APPEARANCE_AND_MOTION, 2.0);
        assertEquals(in, ClipInput.fromJson(in.toJson()));
        assertEquals(3, in.strideAt(25));   // 2 s * 25 fps / 16 = 3.1
        assertEquals(4, in.strideAt(30));   // 3.75
        assertEquals(1, in.strideAt(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipInput.fromJson(in.toJson().deepCopy().<com.fasterxml.jackson.databind.node.ObjectNode>require()
                        .put("mode", "COLOUR")));
        assertTrue(e.getMessage().contains("got 'COLOUR'"), e.getMessage());
    }

    @Test
    void strideNeverSamplesFurtherApartThanNeededWhenACloserStrideExists() {
        ClipInput sixteen = new ClipInput(16, 32, 48, ClipInput.Mode.MOTION, 2.0);   // trained 0.125 s apart
        // 12 fps: 1.5 frames per step; 2 frames (0.167 s, 1.33x) would show more motion than training, 1 shows less
        assertEquals(1, sixteen.strideAt(12));
        assertEquals(3, sixteen.strideAt(20));   // 2.5 frames per step: 3 is 1.2x, within the limit
        for (int frames : new int[] {8, 16, 32}) {
            ClipInput in = new ClipInput(frames, 32, 48, ClipInput.Mode.MOTION, 2.0);
            for (double fps = 1; fps <= 60; fps += 0.5) {
                int stride = in.strideAt(fps);
                double ratio = stride / fps / in.stepSeconds();
                assertTrue(ratio <= ClipInput.MAX_STEP_RATIO || stride == 1,
                        frames + " steps at " + fps + " fps: stride " + stride + ", " + ratio + "x the training step");
                assertEquals(ratio > ClipInput.MAX_STEP_RATIO, in.samplingWarning(fps, stride).isPresent(),
                        frames + " steps at " + fps + " fps");
            }
        }
    }

    @Test
    void samplingWarningNamesTheStepsAndTheRemedy() {
        ClipInput sixteen = new ClipInput(16, 32, 48, ClipInput.Mode.MOTION, 2.0);
        ClipInput thirtyTwo = new ClipInput(32, 32, 48, ClipInput.Mode.MOTION, 2.0);
        assertTrue(sixteen.samplingWarning(10, 1).isEmpty(), "0.1 s apart is 0.8x the training step");
        assertTrue(sixteen.samplingWarning(25, sixteen.strideAt(25)).isEmpty());
        String slow = sixteen.samplingWarning(5, 1).orElseThrow();
        assertTrue(slow.contains("trained on frames 0.125 s apart (16 steps over 2.0 s)")
                && slow.contains("5.0 frames/s video is sampled 0.200 s apart, 1.6 times")
                && slow.contains("calibrate the alarm threshold on normal footage of this camera")
                && slow.contains("camera at 6.4 frames/s or more"), slow);
        String ten = thirtyTwo.samplingWarning(10, 1).orElseThrow();
        assertTrue(ten.contains("0.100 s apart, 1.6 times") && ten.contains("12.8 frames/s"), ten);
        // an explicit stride is judged as given: every 3rd frame of a 10 fps video is 0.3 s apart
        assertTrue(sixteen.samplingWarning(10, 3).orElseThrow().contains("2.4 times"));
        assertThrows(IllegalArgumentException.class, () -> sixteen.samplingWarning(0, 1));
        assertThrows(IllegalArgumentException.class, () -> sixteen.samplingWarning(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> sixteen.samplingWarning(10, 0));
    }

    @Test
    void augmentationKeepsRangeAndIsSeeded() {
        float[][] frames = new float[3][64];
        Random r = new Random(1);
        for (float[] f : frames) {
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextFloat();
            }
        }
        float[][] a = ClipAugmentation.DEFAULT.apply(frames, 8, 8, new Random(5));
        float[][] b = ClipAugmentation.DEFAULT.apply(frames, 8, 8, new Random(5));
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(a[t], b[t]);
            for (float v : a[t]) {
                assertTrue(v >= 0 && v <= 1, "value " + v);
            }
        }
        assertNotEquals(frames[0][0], ClipAugmentation.DEFAULT.apply(frames, 8, 8, new Random(6))[0][0]);
        float[][] same = ClipAugmentation.NONE.apply(frames, 8, 8, new Random(5));
        assertArrayEquals(frames[2], same[2]);
    }

    @Test
    void sensorNoiseIsDrawnPerFrameOnlyWhenEnabled() {
        float[][] frames = new float[4][64 * 64];
        for (float[] f : frames) {
            Arrays.fill(f, 0.5f);
        }
        // without noise the random stream is untouched: the 4-argument form gives the same clip
        ClipAugmentation plain = new ClipAugmentation(false, 0, 0, 0);
        assertEquals(plain, new ClipAugmentation(false, 0, 0, 0, 0));
        Random r1 = new Random(3);
        Random r2 = new Random(3);
        plain.apply(frames, 64, 64, r1);
        plain.withNoise(0).apply(frames, 64, 64, r2);
        assertEquals(r1.nextLong(), r2.nextLong(), "no extra draws without noise");
        // with noise: about half the clips are noisy, each frame with its own noise, values in [0, 1]
        ClipAugmentation noisy = plain.withNoise(0.05);
        int noisyClips = 0;
        for (long seed = 0; seed < 40; seed++) {
            float[][] out = noisy.apply(frames, 64, 64, new Random(seed));
            double sq = 0;
            for (float v : out[0]) {
                assertTrue(v >= 0 && v <= 1, "value " + v);
                sq += (v - 0.5) * (v - 0.5);
            }
            double sd = Math.sqrt(sq / out[0].length);
            assertTrue(sd <= 0.05 * 1.05, "noise sd " + sd + " above the largest sigma");
            if (sd > 0) {
                noisyClips++;
                assertFalse(Arrays.equals(out[0], out[1]), "new noise every frame");
            }
        }
        assertTrue(noisyClips >= 10 && noisyClips <= 30, "noisy clips " + noisyClips + " of 40");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.withNoise(0.6));
        assertTrue(e.getMessage().contains("noise must be in [0, 0.5], got 0.6"), e.getMessage());
    }

    @Test
    void noiseFloorRemovesNoiseButKeepsMotionAndIsStored() {
        Random r = new Random(8);
        int side = 32;
        float[][] raw = new float[5][side * side];
        for (int t = 0; t < raw.length; t++) {
            for (int i = 0; i < raw[t].length; i++) {
                raw[t][i] = (float) Math.min(1, Math.max(0, 0.5 + 0.05 * r.nextGaussian()));
            }
            // a bright 8x8 square moving 4 px per frame
            for (int y = 10; y < 18; y++) {
                for (int x = 2 + 4 * t; x < 10 + 4 * t; x++) {
                    raw[t][y * side + x] = 1f;
                }
            }
        }
        ClipInput plain = new ClipInput(4, side, side, ClipInput.Mode.MOTION, 1.0);
        ClipInput floored = plain.withNoiseFloor(2);
        assertEquals(0.0, plain.noiseFloor());
        float[][] a = plain.toSequence(raw);
        float[][] b = floored.toSequence(raw);
        for (int t = 0; t < a.length; t++) {
            int zeroA = 0;
            int zeroB = 0;
            for (int i = 0; i < a[t].length; i++) {
                assertTrue(b[t][i] <= a[t][i] && b[t][i] >= 0, "floored value at " + i);
                zeroA += a[t][i] == 0 ? 1 : 0;
                zeroB += b[t][i] == 0 ? 1 : 0;
            }
            assertTrue(zeroA < a[t].length / 20, "noise everywhere without the floor: " + zeroA);
            assertTrue(zeroB > a[t].length * 8 / 10, "most noise gone with it: " + zeroB + " of " + a[t].length);
            // the square's leading edge: background (about 0.5) became 1, still well above the floor
            int edge = 14 * side + 9 + 4 * (t + 1) - 1;
            assertTrue(b[t][edge] > 0.15f, "motion kept at step " + t + ": " + b[t][edge]);
        }
        assertEquals(floored, ClipInput.fromJson(floored.toJson()));
        assertFalse(plain.toJson().has("noiseFloor"), "not written when off, so earlier builds read the same");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.withNoiseFloor(-1));
        assertTrue(e.getMessage().contains("noiseFloor must be finite and >= 0, got -1.0"), e.getMessage());
        com.fasterxml.jackson.databind.node.ObjectNode bad = (com.fasterxml.jackson.databind.node.ObjectNode) floored.toJson();
        bad.put("noiseFloor", "high");
        e = assertThrows(IllegalArgumentException.class, () -> ClipInput.fromJson(bad));
        assertTrue(e.getMessage().contains("'noiseFloor' must be a number"), e.getMessage());
        assertEquals(floored.withMirrorAverage(true).noiseFloor(), 2.0, "mirror keeps the floor");
    }

    @Test
    void flipMirrorsEveryFrameTheSameWay() {
        ClipAugmentation flipOnly = new ClipAugmentation(true, 0, 0, 0);
        float[][] frames = new float[2][64];
        frames[0][8] = 1f;   // row 1, column 0
        frames[1][9] = 1f;   // row 1, column 1
        // Seeds whose first boolean is true flip; find one rather than assume the generator.
        long seed = 0;
        while (!new Random(seed).nextBoolean()) {
            seed++;
        }
        float[][] f = flipOnly.apply(frames, 8, 8, new Random(seed));
        assertEquals(1f, f[0][15]);
        assertEquals(1f, f[1][14]);
    }

    @Test
    void mirrorAverageIsStoredAndOldJsonReadsAsOff() {
        ClipInput in = new ClipInput(4, 8, 8, ClipInput.Mode.MOTION, 2.0, true);
        assertEquals(in, ClipInput.fromJson(in.toJson()));
        assertEquals(in.withMirrorAverage(false), ClipInput.fromJson(
                in.toJson().deepCopy().<com.fasterxml.jackson.databind.node.ObjectNode>require().without("mirrorAverage")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipInput.fromJson(
                in.toJson().deepCopy().<com.fasterxml.jackson.databind.node.ObjectNode>require().put("mirrorAverage", "yes")));
        assertTrue(e.getMessage().contains("'mirrorAverage' must be true or false, got \"yes\""), e.getMessage());
    }

    @Test
    void feedingRawFramesToAClipClassifierSaysToUseItsClipInput() {
        ClipInput in = new ClipInput(2, 8, 8, ClipInput.Mode.APPEARANCE_AND_MOTION, 2);   // 3 channels per step
        try (HybridModel m = tinyModel(in)) {
            float[][] raw = randomRaw(in.rawFrames(), new Random(1));                     // 1 channel per frame
            String msg = assertThrows(IllegalArgumentException.class, () -> m.predictSequences(new float[][][] {raw}))
                    .getMessage();
            assertTrue(msg.startsWith("expected frames of width 8, height 8, 3 channels (192 values), got 64 values")
                    && msg.contains("use ClipInput.of(model).orElseThrow().predict(model, rawFrames)"), msg);
            assertEquals(2, in.predict(m, raw).length);
        }
        try (HybridModel plain = HybridModel.builder().inputFormat(in.modelFormat()).sequenceLength(in.frames())
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(4)
                .classification(LabelEncoder.ofClasses(List.of("a", "b"))).build()) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> plain.predictSequences(new float[][][] {new float[2][64]})).getMessage();
            assertTrue(!msg.contains("ClipInput"), "no hint for a model without a clip input: " + msg);
        }
    }

    @Test
    void aClipInputOtherThanTheOneTheModelWasTrainedOnIsRefused() {
        ClipInput in = new ClipInput(2, 8, 8, ClipInput.Mode.MOTION_AND_FLOW, 2);
        try (HybridModel m = tinyModel(in)) {
            float[][] raw = randomRaw(in.rawFrames(), new Random(1));
            // the same step shape: these used to give plausible probabilities from a clip prepared otherwise
            for (ClipInput other : List.of(new ClipInput(2, 8, 8, ClipInput.Mode.APPEARANCE_AND_MOTION, 2),
                    new ClipInput(2, 8, 8, ClipInput.Mode.MOTION_AND_FLOW, 4), in.withNoiseFloor(2))) {
                String msg = assertThrows(IllegalArgumentException.class, () -> other.predict(m, raw)).getMessage();
                assertEquals("expected the clip input the model was trained on, " + in + ", got " + other
                        + ": use ClipInput.of(model)", msg);
                assertThrows(IllegalArgumentException.class, () -> other.stream(m));
                assertThrows(IllegalArgumentException.class, () -> other.storeIn(m), "no silent overwrite");
            }
            // mirror averaging is an inference-time choice: either way is fine
            assertEquals(2, in.withMirrorAverage(!in.mirrorAverage()).predict(m, raw).length);
            assertEquals(in, ClipInput.of(m).orElseThrow(), "the stored input is unchanged");
        }
    }

    /** A tiny untrained two-class hybrid over 8x8 steps: the weights are random but fixed by the seed. */
    private static HybridModel tinyModel(ClipInput in) {
        HybridModel m = HybridModel.builder().inputFormat(in.modelFormat()).sequenceLength(in.frames())
                .cnnBlock(new CnnBlock(4, 3, 1, 2, false, 0)).dense(8).lstm(4)
                .classification(LabelEncoder.ofClasses(List.of("a", "b"))).seed(11).build();
        in.storeIn(m);
        return m;
    }

    private static float[][] randomRaw(int frames, Random rnd) {
        float[][] r = new float[frames][64];
        for (float[] f : r) {
            for (int i = 0; i < f.length; i++) {
                f[i] = rnd.nextFloat();
            }
        }
        return r;
    }

    private static float[][] mirrored(float[][] raw) {
        float[][] out = new float[raw.length][64];
        for (int t = 0; t < raw.length; t++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    out[t][y * 8 + x] = raw[t][y * 8 + 7 - x];
                }
            }
        }
        return out;
    }

    @Test
    void predictAveragesEachClipWithItsMirrorImageOnlyWhenAsked() {
        ClipInput plain = new ClipInput(4, 8, 8, ClipInput.Mode.MOTION, 2.0);
        ClipInput mirror = plain.withMirrorAverage(true);
        Random rnd = new Random(5);
        List<float[][]> clips = List.of(randomRaw(5, rnd), randomRaw(5, rnd), randomRaw(5, rnd));
        try (HybridModel m = tinyModel(plain)) {
            float[][] one = m.predictSequences(clips.stream().map(plain::toSequence).toArray(float[][][]::new));
            float[][] flipped = m.predictSequences(clips.stream().map(c -> plain.toSequence(mirrored(c)))
                    .toArray(float[][][]::new));
            assertArrayEquals(one, plain.predict(m, clips));
            float[][] avg = mirror.predict(m, clips);
            assertEquals(3, avg.length);
            boolean differs = false;
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(0.5f * (one[i][c] + flipped[i][c]), avg[i][c], 1e-6f, "clip " + i + " class " + c);
                    differs |= Math.abs(one[i][c] - flipped[i][c]) > 1e-4f;
                }
                assertEquals(1f, avg[i][0] + avg[i][1], 1e-5f);
            }
            assertTrue(differs, "a random network should see a clip and its mirror differently");
            assertEquals(0, mirror.predict(m, List.of()).length);
            assertArrayEquals(avg[1], mirror.predict(m, clips.get(1)), 1e-6f);
        }
    }

    @Test
    void predictChecksTheModelAndEveryClip() {
        ClipInput in = new ClipInput(4, 8, 8, ClipInput.Mode.MOTION, 2.0, true);
        try (HybridModel m = tinyModel(in)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> in.predict(m, randomRaw(4, new Random(1))));
            assertTrue(e.getMessage().contains("expected 5 raw frames, got 4"), e.getMessage());
            ClipInput other = new ClipInput(4, 8, 8, ClipInput.Mode.APPEARANCE_AND_MOTION, 2.0, true);
            assertThrows(IllegalArgumentException.class, () -> other.predict(m, randomRaw(5, new Random(1))));
        }
    }

    /**
     * A stream gives, after each frame, what predict gives for the clip of the last frames, the
     * first frame repeated before there are enough; with every mode, the noise floor and mirror
     * averaging.
     */
    @Test
    void streamEqualsPredictOnEachWindowsClip() {
        for (ClipInput.Mode mode : ClipInput.Mode.values()) {
            ClipInput in = new ClipInput(4, 8, 8, mode, 2.0, true, 2.0);
            float[][] video = randomRaw(9, new Random(17));
            try (HybridModel m = tinyModel(in); ClipStream s = in.stream(m)) {
                for (int t = 0; t < video.length; t++) {
                    float[] got = s.next(video[t]);
                    float[][] clip = new float[in.rawFrames()][];
                    for (int k = 0; k < clip.length; k++) {
                        clip[k] = video[Math.max(0, t - clip.length + 1 + k)];
                    }
                    assertArrayEquals(in.predict(m, clip), got, 1e-5f, mode + ", frame " + t);
                }
                assertEquals(video.length, s.frames());
            }
        }
    }

    @Test
    void streamChecksTheModelAndEveryFrame() {
        ClipInput in = new ClipInput(4, 8, 8, ClipInput.Mode.MOTION, 2.0, true);
        try (HybridModel m = tinyModel(in)) {
            ClipInput other = new ClipInput(4, 8, 8, ClipInput.Mode.APPEARANCE_AND_MOTION, 2.0, true);
            assertThrows(IllegalArgumentException.class, () -> other.stream(m));
            try (ClipStream s = in.stream(m)) {
                s.next(new float[64]);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.next(new float[63]));
                assertTrue(e.getMessage().contains("expected raw frames of") && e.getMessage().contains("got 63 values")
                        && e.getMessage().contains("frame 1 of the stream"), e.getMessage());
                float[] nan = new float[64];
                nan[5] = Float.NaN;
                IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> s.next(nan));
                assertTrue(n.getMessage().contains("expected raw frame values in [0, 1] (gray, as Frame pixels), got NaN "
                        + "at index 5"), n.getMessage());
                for (float bad : new float[] {3e38f, -0.01f, 1.01f, Float.NEGATIVE_INFINITY}) {
                    float[] out = new float[64];
                    out[9] = bad;
                    IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> s.next(out));
                    assertTrue(o.getMessage().contains("in [0, 1] (gray, as Frame pixels), got " + bad + " at index 9"),
                            o.getMessage());
                    assertThrows(IllegalArgumentException.class, () -> in.toSequence(new float[][] {
                        new float[64], new float[64], out, new float[64], new float[64]}));
                }
                assertEquals(1, s.frames(), "refused frames are not counted");
                float[] edges = new float[64];
                java.util.Arrays.fill(edges, 32, 64, 1f);
                s.next(edges); // 0 and 1 themselves are gray values
                assertEquals(2, s.frames());
                s.close();
                s.close(); // idempotent
                // it used to name the internal WindowPredictor
                assertEquals("this ClipStream is closed",
                        assertThrows(IllegalStateException.class, () -> s.next(new float[64])).getMessage());
            }
        }
    }
}
