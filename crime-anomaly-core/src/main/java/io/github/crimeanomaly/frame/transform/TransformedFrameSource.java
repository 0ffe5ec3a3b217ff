package io.github.crimeanomaly.frame.transform;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A source whose frames pass through a {@link FrameTransform}. Made by {@link FrameTransform#applyTo}. */
final class TransformedFrameSource implements FrameSource {

    private final FrameSource source;
    private final FrameTransform transform;

    TransformedFrameSource(FrameSource source, FrameTransform transform) {
        this.source = Objects.requireNonNull(source, "source");
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    public Optional<Frame> next() throws IOException {
        Optional<Frame> f = source.next();
        if (f.isEmpty()) {
            return f;
        }
        Frame out = transform.apply(f.get());
        if (!out.format().equals(source.format()) || out.index() != f.get().index()) {
            throw new IllegalStateException("transform " + transform + " changed frame " + f.get().index()
                    + " from " + source.format() + " to " + out.format() + " (" + source.description() + ")");
        }
        return Optional.of(out);
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
        return source.description() + " [" + transform + "]";
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
