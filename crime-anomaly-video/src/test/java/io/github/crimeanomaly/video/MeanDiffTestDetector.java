package io.github.crimeanomaly.video;

import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Test-only detector: the score of a frame is the mean absolute difference to the previous frame
 * (0 for the first). With classes, reports {@code fight = min(1, 20 * score)}.
 */
final class MeanDiffTestDetector implements VideoAnomalyDetector {

    private final FrameFormat format;
    private final double threshold;
    private final boolean withClasses;

    MeanDiffTestDetector(FrameFormat format, double threshold, boolean withClasses) {
        this.format = format;
        this.threshold = threshold;
        this.withClasses = withClasses;
    }

    @Override
    public void score(FrameSource source, Consumer<FrameScore> sink) throws IOException {
        if (!source.format().equals(format)) {
            throw new IllegalArgumentException("expected frames of " + format + ", got " + source.format());
        }
        float[] prev = null;
        float[] cur = new float[format.size()];
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            f.get().copyPixelsTo(cur, 0);
            double s = 0;
            if (prev != null) {
                for (int i = 0; i < cur.length; i++) {
                    s += Math.abs(cur[i] - prev[i]);
                }
                s /= cur.length;
            } else {
                prev = new float[cur.length];
            }
            System.arraycopy(cur, 0, prev, 0, cur.length);
            double p = Math.min(1, 20 * s);
            sink.accept(withClasses
                    ? new FrameScore(f.get().index(), f.get().timestampMicros(), s, Map.of("fight", p, "noFight", 1 - p))
                    : FrameScore.of(f.get().index(), f.get().timestampMicros(), s));
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
        return withClasses ? List.of("fight", "noFight") : List.of();
    }

    @Override
    public void close() {
    }
}
