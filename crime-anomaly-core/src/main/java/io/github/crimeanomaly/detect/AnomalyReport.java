package io.github.crimeanomaly.detect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The result of scoring a video: one {@link FrameScore} per frame, the frames ranked from most
 * to least anomalous, and the incidents (runs at or above the threshold).
 *
 * <pre>{@code
 * AnomalyReport report = detector.detect(source);
 * for (FrameScore f : report.topK(10)) {
 *     System.out.printf("frame %d at %.1fs: %.3f%n", f.frameIndex(), f.timestampSeconds(), f.score());
 * }
 * report.writeCsv(Path.of("scores.csv"));
 * }</pre>
 *
 * <p>Ranking is by score, highest first; ties keep stream order (lower frame index first), so the
 * ranking is deterministic. Immutable.
 */
public final class AnomalyReport {

    /** Orders by score descending, then frame index ascending. */
    public static final Comparator<FrameScore> BY_SCORE_DESC =
            Comparator.comparingDouble(FrameScore::score).reversed()
                    .thenComparingLong(FrameScore::frameIndex);

    private final String source;
    private final List<FrameScore> frames;
    private final double threshold;
    private List<FrameScore> ranked;
    private List<Incident> incidents;

    private AnomalyReport(String source, List<FrameScore> frames, double threshold) {
        this.source = source;
        this.frames = frames;
        this.threshold = threshold;
    }

    /**
     * Creates a report.
     *
     * @param source    what was scored (path, URL, clip name), for messages and exports
     * @param frames    the frame scores in stream order (strictly increasing frame index)
     * @param threshold the score at and above which a frame is anomalous; finite
     * @throws IllegalArgumentException if frame indices are not strictly increasing or the
     *                                  threshold is not finite
     */
    public static AnomalyReport of(String source, List<FrameScore> frames, double threshold) {
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        List<FrameScore> copy = List.copyOf(frames);
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).frameIndex() <= copy.get(i - 1).frameIndex()) {
                throw new IllegalArgumentException("frame indices must be strictly increasing, got "
                        + copy.get(i - 1).frameIndex() + " then " + copy.get(i).frameIndex() + " (" + source + ")");
            }
        }
        return new AnomalyReport(source, copy, threshold);
    }

    /** What was scored. */
    public String source() {
        return source;
    }

    /** All frame scores, in stream order. */
    public List<FrameScore> frames() {
        return frames;
    }

    /**
     * Frames per second of the scored video, from the first and last scores' frame indices and
     * timestamps; empty with fewer than two scores or no time between them.
     */
    public java.util.OptionalDouble frameRate() {
        if (frames.size() >= 2) {
            FrameScore a = frames.get(0);
            FrameScore b = frames.get(frames.size() - 1);
            long n = b.frameIndex() - a.frameIndex();
            long micros = b.timestampMicros() - a.timestampMicros();
            if (n > 0 && micros > 0) {
                return java.util.OptionalDouble.of(n * 1e6 / micros);
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /** The decision threshold used for {@link #incidents()} and {@link #anomalousFrameCount()}. */
    public double threshold() {
        return threshold;
    }

    /** All frames, most anomalous first (see {@link #BY_SCORE_DESC}). */
    public synchronized List<FrameScore> ranked() {
        if (ranked == null) {
            List<FrameScore> r = new ArrayList<>(frames);
            r.sort(BY_SCORE_DESC);
            ranked = List.copyOf(r);
        }
        return ranked;
    }

    /**
     * The {@code k} most anomalous frames (fewer if the video is shorter). Neighbouring frames of
     * one event score alike, so they tend to fill the top together; {@link #topMoments} gives the
     * peaks of {@code k} separate moments, {@link #incidents()} one entry per run above the
     * threshold (start, end, peak).
     *
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public List<FrameScore> topK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        List<FrameScore> r = ranked();
        return r.subList(0, Math.min(k, r.size()));
    }

    /**
     * The peaks of the {@code k} most anomalous separate moments, highest first: the top-ranked
     * frame, then the highest frame at least {@code minGapFrames} frames (by frame index) from
     * every one already taken, and so on (non-maximum suppression over the score curve). Unlike
     * {@link #incidents()} it does not depend on the threshold, so it also ranks the moments of a
     * video where nothing crosses it. Fewer than {@code k} if the video is too short for them.
     *
     * <pre>{@code
     * for (FrameScore f : report.topMoments(5, 50)) {   // 5 moments at least 2 s apart at 25 fps
     *     System.out.printf("%.1f s  %.3f%n", f.timestampMicros() / 1e6, f.score());
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code k < 0} or {@code minGapFrames < 1}
     */
    public List<FrameScore> topMoments(int k, long minGapFrames) {
        if (k < 0 || minGapFrames < 1) {
            throw new IllegalArgumentException("expected k >= 0 and minGapFrames >= 1, got k " + k + " and minGapFrames "
                    + minGapFrames);
        }
        List<FrameScore> picked = new ArrayList<>(Math.min(k, frames.size()));
        for (FrameScore f : ranked()) {
            if (picked.size() == k) {
                break;
            }
            boolean apart = true;
            for (FrameScore p : picked) {
                if (Math.abs(p.frameIndex() - f.frameIndex()) < minGapFrames) {
                    apart = false;
                    break;
                }
            }
            if (apart) {
                picked.add(f);
            }
        }
        return List.copyOf(picked);
    }

    /** The scores in stream order, as an array (for metrics). */
    public double[] scores() {
        double[] s = new double[frames.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = frames.get(i).score();
        }
        return s;
    }

    /** Number of frames at or above the threshold. */
    public long anomalousFrameCount() {
        return frames.stream().filter(f -> f.score() >= threshold).count();
    }

    /** Contiguous runs of frames at or above the threshold, in stream order. */
    public synchronized List<Incident> incidents() {
        if (incidents == null) {
            IncidentTracker t = new IncidentTracker(threshold);
            List<Incident> out = new ArrayList<>();
            for (FrameScore f : frames) {
                t.accept(f).ifPresent(out::add);
            }
            t.finish().ifPresent(out::add);
            incidents = List.copyOf(out);
        }
        return incidents;
    }

    private List<String> classNames() {
        Set<String> names = new LinkedHashSet<>();
        for (FrameScore f : frames) {
            names.addAll(f.classProbabilities().keySet());
        }
        return new ArrayList<>(names);
    }

    /**
     * Writes the scores as CSV: {@code frame,timestamp_s,score,anomalous,rank} and one
     * {@code p_<class>} column per class.
     */
    public void toCsv(Writer out) throws IOException {
        List<String> classes = classNames();
        StringBuilder header = new StringBuilder("frame,timestamp_s,score,anomalous,rank");
        for (String c : classes) {
            header.append(",p_").append(csvField(c));
        }
        out.write(header.append('\n').toString());
        Map<Long, Integer> rankOf = new java.util.HashMap<>();
        List<FrameScore> r = ranked();
        for (int i = 0; i < r.size(); i++) {
            rankOf.put(r.get(i).frameIndex(), i + 1);
        }
        for (FrameScore f : frames) {
            StringBuilder sb = new StringBuilder();
            sb.append(f.frameIndex()).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", f.timestampSeconds())).append(',')
                    .append(f.score()).append(',')
                    .append(f.score() >= threshold ? 1 : 0).append(',')
                    .append(rankOf.get(f.frameIndex()));
            for (String c : classes) {
                Double p = f.classProbabilities().get(c);
                sb.append(',').append(p == null ? "" : p.toString());
            }
            out.write(sb.append('\n').toString());
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The report as JSON: source, threshold, frames (stream order), top 10, incidents. */
    public String toJson() {
        try {
            var w = new java.io.StringWriter();
            writeJson(w);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeJson(Writer out) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            // The caller owns the writer (AtomicFiles flushes and closes it).
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("source", source);
            g.writeNumberField("threshold", threshold);
            g.writeNumberField("frameCount", frames.size());
            g.writeNumberField("anomalousFrameCount", anomalousFrameCount());
            g.writeFieldName("top");
            Json.mapper().writeValue(g, topK(10));
            g.writeFieldName("incidents");
            Json.mapper().writeValue(g, incidents());
            g.writeFieldName("frames");
            Json.mapper().writeValue(g, frames);
            g.writeEndObject();
        }
    }

    /** Writes {@link #toCsv} to a file atomically (temp file, then move). */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.write(file, this::toCsv);
    }

    /** Writes {@link #toJson} to a file atomically (temp file, then move). */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, this::writeJson);
    }

    @Override
    public String toString() {
        return "AnomalyReport[" + source + ", " + frames.size() + " frames, threshold " + threshold
                + ", " + incidents().size() + " incidents]";
    }
}
