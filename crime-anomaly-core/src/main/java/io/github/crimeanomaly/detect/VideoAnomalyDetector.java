package io.github.crimeanomaly.detect;

import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Scores every frame of a video for how anomalous it is: the library's main job.
 *
 * <pre>{@code
 * try (VideoAnomalyDetector detector = Detectors.load(Path.of("ped2.detector"));
 *      FrameSource video = ImageFolderFrameSource.open(dir, detector.inputFormat(), 10)) {   // 10 frames/s
 *     AnomalyReport report = detector.detect(video);
 *     report.topK(10).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Every frame of the source gets exactly one score, including the first frames, before a
 * full temporal window is available. A source is read once, to its end: score it again by
 * opening it again. Detectors hold native (ND4J) memory: close them; a closed detector throws
 * {@link IllegalStateException}. Implementations are not thread-safe; use one detector per thread.
 */
public interface VideoAnomalyDetector extends AutoCloseable {

    /**
     * Scores a source frame by frame, passing each score to {@code sink} as soon as it is known
     * (at most a small, fixed number of frames late). Memory does not grow with the length of the
     * video: use this for long streams.
     *
     * @throws IOException              if the source cannot be read
     * @throws IllegalArgumentException if the source's frames do not have {@link #inputFormat()}, or
     *                                  it yields no frame (empty, or already read to its end)
     * @throws IllegalStateException    if the detector is closed
     */
    void score(FrameSource source, Consumer<FrameScore> sink) throws IOException;

    /**
     * Scores a source and returns the full report (keeps one small {@link FrameScore} per frame).
     *
     * @throws IOException              if the source cannot be read
     * @throws IllegalArgumentException if the source's frames do not have {@link #inputFormat()}, or
     *                                  it yields no frame (empty, or already read to its end)
     * @throws IllegalStateException    if the detector is closed
     */
    default AnomalyReport detect(FrameSource source) throws IOException {
        Objects.requireNonNull(source, "source");
        List<FrameScore> scores = new ArrayList<>();
        score(source, scores::add);
        return AnomalyReport.of(source.description(), scores, threshold());
    }

    /** The frame format this detector expects; sources must yield frames of this format. */
    FrameFormat inputFormat();

    /** The score at and above which a frame is reported as anomalous (calibrated when trained). */
    double threshold();

    /** The detector's class names, in order; empty for detectors without classes. */
    List<String> classes();

    /** Releases native memory. Idempotent. */
    @Override
    void close();
}
