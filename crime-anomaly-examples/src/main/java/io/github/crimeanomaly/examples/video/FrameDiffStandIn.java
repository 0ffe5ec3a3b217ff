package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A trivial stand-in detector for the video examples: the score of a frame is the mean absolute
 * difference to the previous frame. It exists so the decoding and memory examples measure the
 * video pipeline, not a model; use the library's real detectors for detection.
 */
final class FrameDiffStandIn implements VideoAnomalyDetector {

    private final FrameFormat format;
    private final double threshold;

    FrameDiffStandIn(FrameFormat format, double threshold) {
        this.format = format;
        this.threshold = threshold;
    }

    @Override
    public void score(FrameSource source, Consumer<FrameScore> sink) throws IOException {
        if (!source.format().equals(format)) {
            throw new IllegalArgumentException("expected frames of " + format + ", got " + source.format()
                    + " (" + source.description() + ")");
        }
        float[] prev = new float[format.size()];
        float[] cur = new float[format.size()];
        boolean first = true;
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            f.get().copyPixelsTo(cur, 0);
            double s = 0;
            if (!first) {
                for (int i = 0; i < cur.length; i++) {
                    s += Math.abs(cur[i] - prev[i]);
                }
                s /= cur.length;
            }
            first = false;
            float[] t = prev;
            prev = cur;
            cur = t;
            sink.accept(FrameScore.of(f.get().index(), f.get().timestampMicros(), s));
        }
    }

    @Override
    public FrameFormat inputFormat() {
        return format;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
