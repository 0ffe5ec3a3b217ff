package io.github.crimeanomaly.frame;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Factories for simple frame sources. */
public final class FrameSources {

    private FrameSources() {
    }

    /**
     * A source over frames already in memory (tests, synthetic data).
     *
     * @param description what to call it in messages
     * @param frames      at least one frame, all of the same format
     * @param fps         frames per second, in (0, {@link ImageFolderFrameSource#MAX_FPS}], or
     *                    {@code Double.NaN} if unknown
     * @throws IllegalArgumentException if {@code frames} is empty, the formats differ or {@code fps}
     *                                  is out of range
     */
    public static FrameSource of(String description, List<Frame> frames, double fps) {
        Objects.requireNonNull(description, "description");
        if (!Double.isNaN(fps) && !(fps > 0 && fps <= ImageFolderFrameSource.MAX_FPS)) {
            // 0, -1 and Infinity used to be accepted and reported back by fps()
            throw new IllegalArgumentException("fps must be > 0 and at most " + (long) ImageFolderFrameSource.MAX_FPS
                    + ", or NaN if unknown, got " + fps + " (" + description + ")");
        }
        List<Frame> copy = new ArrayList<>(frames);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("frames must not be empty (" + description + ")");
        }
        FrameFormat fmt = copy.get(0).format();
        for (Frame f : copy) {
            if (!f.format().equals(fmt)) {
                throw new IllegalArgumentException("expected frames of " + fmt + ", got " + f.format()
                        + " at frame " + f.index() + " (" + description + ")");
            }
        }
        Iterator<Frame> it = copy.iterator();
        return new FrameSource() {
            private boolean closed;

            @Override
            public Optional<Frame> next() {
                if (closed) {
                    // as every other source: it used to go on returning frames
                    throw new IllegalStateException("frame source is closed: " + description);
                }
                return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
            }

            @Override
            public FrameFormat format() {
                return fmt;
            }

            @Override
            public OptionalLong frameCount() {
                return OptionalLong.of(copy.size());
            }

            @Override
            public OptionalDouble fps() {
                return Double.isNaN(fps) ? OptionalDouble.empty() : OptionalDouble.of(fps);
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    /**
     * The first {@code maxFrames} frames of {@code source} (all of them if it has fewer), e.g. the
     * first minute of a camera to calibrate on. Closing the result closes {@code source}.
     *
     * @throws IllegalArgumentException if {@code maxFrames < 1}
     */
    public static FrameSource limit(FrameSource source, long maxFrames) {
        Objects.requireNonNull(source, "source");
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be >= 1, got " + maxFrames);
        }
        return new ForwardingFrameSource(source) {
            private long read;

            @Override
            public Optional<Frame> next() throws java.io.IOException {
                if (read >= maxFrames) {
                    return Optional.empty();
                }
                Optional<Frame> f = source.next();
                if (f.isPresent()) {
                    read++;
                }
                return f;
            }

            @Override
            public OptionalLong frameCount() {
                OptionalLong n = source.frameCount();
                return n.isPresent() ? OptionalLong.of(Math.min(n.getAsLong(), maxFrames)) : OptionalLong.empty();
            }

            @Override
            public String description() {
                return source.description() + " (first " + maxFrames + " frames)";
            }
        };
    }
}
