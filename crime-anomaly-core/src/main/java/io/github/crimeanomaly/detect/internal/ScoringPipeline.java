package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.ScoringOptions;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams a source through a {@link CellScorer}: working frames in a bounded window, raw cell
 * scores, then (for {@link #score}) per-cell z-scores, the max over cells, optional per-video
 * normalisation and smoothing. Memory is bounded by the window, whatever the video length.
 */
public final class ScoringPipeline {

    /** Receives the raw cell scores of each frame (the array is reused: copy it to keep it). */
    @FunctionalInterface
    public interface RawSink {
        /** One frame's raw cell scores. */
        void accept(Frame frame, float[] rawCellScores);
    }

    private final WorkingFrames frames;
    private final CellScorer scorer;

    /** A pipeline feeding {@code frames}-converted frames to {@code scorer}. */
    public ScoringPipeline(WorkingFrames frames, CellScorer scorer) {
        if (scorer.grid().width() != frames.width() || scorer.grid().height() != frames.height()) {
            throw new IllegalArgumentException("scorer grid " + scorer.grid() + " does not fit working frames of width "
                    + frames.width() + ", height " + frames.height());
        }
        this.frames = frames;
        this.scorer = scorer;
    }

    /**
     * Streams raw cell scores.
     *
     * @throws IllegalArgumentException if the source's format is not the expected input format, or
     *                                  it yields no frame
     */
    public void raw(FrameSource source, RawSink sink) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        if (!source.format().equals(frames.input())) {
            throw new IllegalArgumentException("expected frames of " + frames.input() + ", got "
                    + source.format() + " (" + source.description() + ")");
        }
        int n = scorer.window();
        float[][] ring = new float[n][frames.width() * frames.height()];
        float[][] window = new float[n][];
        float[] src = new float[frames.input().size()];
        float[] out = new float[scorer.outputs()];
        long count = 0;
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            Frame frame = f.get();
            if (!frame.format().equals(frames.input())) {
                throw new IllegalArgumentException("expected frames of " + frames.input() + ", got "
                        + frame.format() + " at frame " + frame.index() + " (" + source.description() + ")");
            }
            float[] cur = ring[(int) (count % n)];
            frames.convert(frame, src, cur);
            if (count == 0) {
                for (int k = 1; k < n; k++) {
                    System.arraycopy(cur, 0, ring[k], 0, cur.length);
                }
            }
            for (int k = 0; k < n; k++) {
                // oldest first: the newest is at count % n
                window[k] = ring[(int) ((count + 1 + k) % n)];
            }
            scorer.score(window, out);
            sink.accept(frame, out);
            count++;
        }
        if (count == 0) {
            throw noFrames(source);
        }
    }

    /**
     * The error for a source that yielded no frame: an empty video, or a source already read to its
     * end (a source is read once).
     */
    public static IllegalArgumentException noFrames(FrameSource source) {
        return new IllegalArgumentException("expected at least one frame from " + source.description()
                + ", got none: it is empty or was already read to its end (a source is read once; open it "
                + "again to score it again)");
    }

    /** Streams final frame scores: max over z-scored cells, then per-video normalisation and smoothing. */
    public void score(FrameSource source, CellNormalizer normalizer, ScoringOptions options,
                      Consumer<FrameScore> sink) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        ScoreSmoother smoother = new ScoreSmoother(options.smoothingSigma(), sink);
        double[] running = new double[3]; // n, mean, m2
        raw(source, (frame, cells) -> {
            double s = normalizer.frameScore(cells);
            if (options.perVideoNormalization()) {
                running[0]++;
                double d = s - running[1];
                running[1] += d / running[0];
                running[2] += d * (s - running[1]);
                double sd = running[0] > 1 ? Math.sqrt(running[2] / (running[0] - 1)) : 0;
                s = sd > 1e-9 ? (s - running[1]) / sd : 0;
            }
            smoother.accept(frame.index(), frame.timestampMicros(), s);
        });
        smoother.finish();
    }
}
