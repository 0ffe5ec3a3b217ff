package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void storesPixelsChannelsFirst() {
        FrameFormat fmt = FrameFormat.rgb(3, 2);
        float[] px = new float[fmt.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / (float) px.length;
        }
        Frame f = Frame.of(4, 400_000, fmt, px);
        // channel 1 (G), row 1, column 2 -> offset (1*2 + 1)*3 + 2 = 11
        assertEquals(px[11], f.pixel(1, 1, 2));
        assertEquals("width 3, height 2, 3 channels", fmt.toString());   // rgb(3, 2): 3 wide, as written
        // outside the frame: the coordinate and the format, not "Index 3 out of bounds for length 3"
        IndexOutOfBoundsException e = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> f.pixel(0, 0, 3));
        assertEquals("expected a pixel of a frame of width 3, height 2, 3 channels, got channel 0, row 0, column 3",
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> f.copyPixelsTo(new float[20], 5));
        assertEquals("expected room for 18 values (width 3, height 2, 3 channels) at offset 5, got an array of 20",
                e.getMessage());
        float[] dst = new float[20];
        f.copyPixelsTo(dst, 2);
        assertEquals(px[17], dst[19]);
    }

    @Test
    void isImmutable() {
        float[] px = {0.1f, 0.2f};
        Frame f = Frame.of(0, 0, FrameFormat.gray(2, 1), px);
        px[0] = 0.9f;
        f.pixels()[1] = 0.9f;
        assertEquals(0.1f, f.pixel(0, 0, 0));
        assertEquals(0.2f, f.pixel(0, 0, 1));
    }

    @Test
    void rejectsWrongLengthNaNAndOutOfRangeValues() {
        FrameFormat fmt = FrameFormat.gray(2, 2);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Frame.of(7, 0, fmt, new float[3]));
        assertTrue(len.getMessage().contains("expected 4") && len.getMessage().contains("got 3"), len.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Frame.of(0, 0, fmt, new float[] {0, Float.NaN, 0, 0}));
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("offset 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Frame.of(0, 0, fmt, new float[] {0, 0, 1.5f, 0}));
        assertThrows(IllegalArgumentException.class, () -> Frame.of(-1, 0, fmt, new float[4]));
    }

    @Test
    void formatValidatesFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameFormat(10, 10, 2));
        assertTrue(e.getMessage().contains("channels") && e.getMessage().contains("got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameFormat(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameFormat(10, -1, 1));
    }

    @Test
    void inMemorySourceYieldsFramesInOrderThenEnds() throws IOException {
        FrameFormat fmt = FrameFormat.gray(1, 1);
        List<Frame> frames = List.of(Frame.of(0, 0, fmt, new float[] {0}), Frame.of(1, 100, fmt, new float[] {1}));
        try (FrameSource src = FrameSources.of("synthetic", frames, 10)) {
            assertEquals(2, src.frameCount().orElseThrow());
            assertEquals(0, src.next().orElseThrow().index());
            assertEquals(1, src.next().orElseThrow().index());
            assertTrue(src.next().isEmpty());
        }
    }

    @Test
    void inMemorySourceRejectsMixedFormats() {
        List<Frame> frames = List.of(Frame.of(0, 0, FrameFormat.gray(1, 1), new float[1]),
                Frame.of(1, 0, FrameFormat.gray(2, 1), new float[2]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameSources.of("clip", frames, 10));
        assertTrue(e.getMessage().contains("expected frames of width 1, height 1, 1 channel, got width 2, height 1, 1 channel"), e.getMessage());
    }
}
