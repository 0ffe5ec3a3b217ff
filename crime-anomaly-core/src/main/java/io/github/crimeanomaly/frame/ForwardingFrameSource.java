package io.github.crimeanomaly.frame;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A frame source that forwards every call to another one: the base of sources that change or
 * watch the frames of another source (override {@link #next()} and whatever else differs).
 * Closing it closes the wrapped source.
 *
 * <pre>{@code
 * FrameSource counted = new ForwardingFrameSource(source) {
 *     long n;
 *     public Optional<Frame> next() throws IOException {
 *         Optional<Frame> f = super.next();
 *         f.ifPresent(x -> n++);
 *         return f;
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingFrameSource implements FrameSource {

    private final FrameSource source;

    /**
     * Wraps {@code source}.
     *
     * @throws NullPointerException if {@code source} is null
     */
    protected ForwardingFrameSource(FrameSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The wrapped source. */
    protected final FrameSource source() {
        return source;
    }

    @Override
    public Optional<Frame> next() throws IOException {
        return source.next();
    }

    @Override
    public FrameFormat format() {
        return source.format();
    }

    @Override
    public OptionalLong frameCount() {
        return source.frameCount();
    }

    @Override
    public OptionalDouble fps() {
        return source.fps();
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
