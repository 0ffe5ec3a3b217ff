package io.github.crimeanomaly.frame.transform;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.ForwardingFrameSource;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** A source whose frames pass through a {@link FrameTransform}. Made by {@link FrameTransform#applyTo}. */
final class TransformedFrameSource extends ForwardingFrameSource {

    private final FrameTransform transform;

    TransformedFrameSource(FrameSource source, FrameTransform transform) {
        super(source);
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    public Optional<Frame> next() throws IOException {
        Optional<Frame> f = source().next();
        if (f.isEmpty()) {
            return f;
        }
        Frame out = transform.apply(f.get());
        if (!out.format().equals(format()) || out.index() != f.get().index()) {
            throw new IllegalStateException("transform " + transform + " changed frame " + f.get().index()
                    + " from " + format() + " to " + out.format() + " (" + source().description() + ")");
        }
        return Optional.of(out);
    }

    @Override
    public String description() {
        return source().description() + " [" + transform + "]";
    }
}
