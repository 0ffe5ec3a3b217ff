package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FrameSourcesTest {

    private static List<Frame> frames(int n) {
        FrameFormat fmt = FrameFormat.gray(2, 2);
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Frame.of(i, i * 100_000L, fmt, new float[] {i / 10f, 0, 0, 0}));
        }
        return out;
    }

    private static List<Long> indices(FrameSource s) throws IOException {
        List<Long> out = new ArrayList<>();
        for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
            out.add(f.get().index());
        }
        return out;
    }

    @Test
    void limitYieldsTheFirstFramesAndClosesTheSource() throws IOException {
        boolean[] closed = {false};
        FrameSource inner = FrameSources.of("ten", frames(10), 10);
        FrameSource tracking = new FrameSource() {
            @Override
            public Optional<Frame> next() throws IOException {
                return inner.next();
            }

            @Override
            public FrameFormat format() {
                return inner.format();
            }

            @Override
            public OptionalLong frameCount() {
                return inner.frameCount();
            }

            @Override
            public String description() {
                return inner.description();
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (FrameSource first = FrameSources.limit(tracking, 4)) {
            assertEquals(OptionalLong.of(4), first.frameCount());
            assertEquals(List.of(0L, 1L, 2L, 3L), indices(first));
            assertTrue(first.next().isEmpty(), "stays at its end");
            assertTrue(first.description().contains("first 4 frames"), first.description());
        }
        assertTrue(closed[0], "closing the limit closes the source");
        assertEquals(List.of(0L, 1L, 2L), indices(FrameSources.limit(FrameSources.of("three", frames(3), 10), 100)),
                "a shorter source ends first");
        assertEquals(OptionalLong.of(3), FrameSources.limit(FrameSources.of("three", frames(3), 10), 100).frameCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameSources.limit(FrameSources.of("x", frames(1), 10), 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void aClosedInMemorySourceSaysSoLikeEveryOtherSource() throws IOException {
        FrameSource s = FrameSources.of("mem", frames(2), 10);
        s.next();
        s.close();
        assertEquals("frame source is closed: mem", assertThrows(IllegalStateException.class, s::next).getMessage());
    }

    @Test
    void anInMemorySourceTakesAFrameRateOrNaNForUnknown() {
        assertTrue(FrameSources.of("x", frames(1), Double.NaN).fps().isEmpty());
        assertEquals(25.0, FrameSources.of("x", frames(1), 25).fps().getAsDouble());
        for (double fps : new double[] {0, -1, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FrameSources.of("x", frames(1), fps));
            assertEquals("fps must be > 0 and at most 1000000, or NaN if unknown, got " + fps + " (x)", e.getMessage());
        }
    }

    @Test
    void aForwardingSourceForwardsEverythingAndClosesTheWrappedSource() throws IOException {
        FrameFormat fmt = FrameFormat.gray(4, 2);
        List<Frame> frames = List.of(Frame.of(0, 0, fmt, new float[8]), Frame.of(1, 40_000, fmt, new float[8]));
        boolean[] closed = new boolean[1];
        FrameSource inner = new ForwardingFrameSource(FrameSources.of("two frames", frames, 25)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        long[] seen = new long[1];
        try (FrameSource counted = new ForwardingFrameSource(inner) {
            @Override
            public Optional<Frame> next() throws IOException {
                Optional<Frame> f = super.next();
                f.ifPresent(x -> seen[0]++);
                return f;
            }
        }) {
            assertEquals(fmt, counted.format());
            assertEquals(OptionalLong.of(2), counted.frameCount());
            assertEquals(25, counted.fps().getAsDouble());
            assertEquals("two frames", counted.description());
            assertEquals(frames.get(0), counted.next().orElseThrow());
            assertEquals(frames.get(1), counted.next().orElseThrow());
            assertTrue(counted.next().isEmpty());
        }
        assertEquals(2, seen[0]);
        assertTrue(closed[0], "closing the wrapper closes the wrapped source");
        assertThrows(NullPointerException.class, () -> new ForwardingFrameSource(null) { });
    }
}
