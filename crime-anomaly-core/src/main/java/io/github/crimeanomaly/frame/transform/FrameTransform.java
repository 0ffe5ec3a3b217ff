package io.github.crimeanomaly.frame.transform;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameSource;
import java.util.Objects;

/**
 * A change to a frame's pixels that keeps its format, index and timestamp: the degradations used
 * to test how robust a detector is (noise, occlusion, blur, brightness; see
 * {@link FrameTransforms}).
 *
 * <pre>{@code
 * FrameTransform stress = FrameTransforms.gaussianNoise(0.05, 42)
 *         .andThen(FrameTransforms.occlusion(0.10, 1, 42));
 * try (FrameSource noisy = stress.applyTo(VideoFrameSource.open(path, opts))) {
 *     AnomalyReport report = detector.detect(noisy);
 * }
 * }</pre>
 *
 * <p>Transforms are deterministic: random ones take a seed and draw from a generator seeded by
 * that seed and the frame's index, so the same seed gives the same output for the same frame
 * whatever order frames are transformed in. Implementations must be stateless and thread-safe.
 */
@FunctionalInterface
public interface FrameTransform {

    /** Returns the transformed frame (same format, index and timestamp; pixels in [0, 1]). */
    Frame apply(Frame frame);

    /** This transform, then {@code next}. */
    default FrameTransform andThen(FrameTransform next) {
        Objects.requireNonNull(next, "next");
        FrameTransform first = this;
        return new FrameTransform() {
            @Override
            public Frame apply(Frame frame) {
                return next.apply(first.apply(frame));
            }

            @Override
            public String toString() {
                return first + " then " + next;
            }
        };
    }

    /**
     * A source that yields {@code source}'s frames transformed. Closing it closes {@code source}.
     */
    default FrameSource applyTo(FrameSource source) {
        return new TransformedFrameSource(source, this);
    }

    /** The transform that changes nothing. */
    static FrameTransform identity() {
        return new FrameTransform() {
            @Override
            public Frame apply(Frame frame) {
                return frame;
            }

            @Override
            public String toString() {
                return "identity";
            }
        };
    }
}
