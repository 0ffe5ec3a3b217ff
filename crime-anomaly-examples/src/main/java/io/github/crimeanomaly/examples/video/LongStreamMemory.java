package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.IncidentTracker;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shows that memory stays flat while a long stream is scored: loops {@code vtest.avi} (10 fps)
 * into a one-hour stream (36,000 frames), decodes it at 192x144 gray, scores it frame by frame
 * with a frame-difference stand-in detector through {@code score(source, sink)} and an
 * {@link IncidentTracker}, and prints the process's resident memory (VmRSS, and the peak VmHWM
 * from {@code /proc/self/status}) and the Java heap in use after a GC at checkpoints. Given a saved
 * detector or clip classifier (e.g. from {@code train-classifier}), it scores with that instead,
 * decoding at the detector's input format.
 *
 * <pre>
 * java -Xmx1g -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar \
 *     io.github.crimeanomaly.examples.video.LongStreamMemory [video] [total frames] [detector file]
 * </pre>
 */
public final class LongStreamMemory {

    /**
     * Memory at one point of the stream.
     *
     * @param frames       frames scored so far
     * @param videoMinutes minutes of video scored so far
     * @param rssKb        resident set size now (kB; -1 where /proc is missing)
     * @param hwmKb        peak resident set size so far (kB)
     * @param heapUsedKb   Java heap in use after a GC (kB)
     * @param incidents    incidents closed so far
     * @param wallSeconds  seconds since the start
     */
    public record Checkpoint(long frames, double videoMinutes, long rssKb, long hwmKb, long heapUsedKb,
                             long incidents, double wallSeconds) {
    }

    private LongStreamMemory() {
    }

    /** Runs the measurement and prints one line per checkpoint. */
    public static void main(String[] args) throws IOException {
        Path video = args.length > 0 ? Path.of(args[0]) : VideoExampleSupport.sharedDatasets().resolve("opencv-vtest/vtest.avi");
        long total = args.length > 1 ? Long.parseLong(args[1]) : 36_000;
        List<Long> marks = new ArrayList<>();
        for (long m : new long[] {600, 3_000, 9_000, 18_000, 27_000, 36_000}) {
            if (m < total) {
                marks.add(m);
            }
        }
        marks.add(total);
        Path model = args.length > 2 ? Path.of(args[2]) : null;
        System.out.println("video=" + video + " total_frames=" + total + (model == null ? "" : " detector=" + model));
        for (Checkpoint c : run(video, total, marks, model)) {
            System.out.println(String.format(Locale.ROOT,
                    "frames=%d video_min=%.1f rss_mb=%.1f peak_rss_mb=%.1f heap_after_gc_mb=%.1f incidents=%d wall_s=%.1f",
                    c.frames(), c.videoMinutes(), c.rssKb() / 1024.0, c.hwmKb() / 1024.0, c.heapUsedKb() / 1024.0,
                    c.incidents(), c.wallSeconds()));
        }
    }

    /**
     * Scores {@code totalFrames} frames of the looped video and measures memory when the frame
     * counts in {@code checkpoints} (ascending) are reached.
     */
    public static List<Checkpoint> run(Path video, long totalFrames, List<Long> checkpoints) throws IOException {
        return run(video, totalFrames, checkpoints, null);
    }

    /**
     * As {@link #run(Path, long, List)}, scored by the detector saved in {@code detectorFile}
     * ({@link Detectors#load}) if it is not null.
     */
    public static List<Checkpoint> run(Path video, long totalFrames, List<Long> checkpoints, Path detectorFile)
            throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        long start = System.nanoTime();
        try (VideoAnomalyDetector detector = detectorFile == null
                ? new FrameDiffStandIn(FrameFormat.gray(192, 144), 0.01) : Detectors.load(detectorFile);
             LoopedVideo stream = new LoopedVideo(video, VideoOptions.builder().format(detector.inputFormat()).build(),
                     totalFrames)) {
            double fps = stream.fps().orElse(10);
            IncidentTracker tracker = new IncidentTracker(detector.threshold());
            long[] counts = new long[2];
            int[] next = {0};
            detector.score(stream, s -> {
                counts[0]++;
                if (tracker.accept(s).isPresent()) {
                    counts[1]++;
                }
                if (next[0] < checkpoints.size() && counts[0] == checkpoints.get(next[0])) {
                    next[0]++;
                    out.add(measure(counts[0], counts[0] / fps / 60, counts[1], start));
                }
            });
            if (tracker.finish().isPresent()) {
                counts[1]++;
            }
        }
        return out;
    }

    private static Checkpoint measure(long frames, double minutes, long incidents, long start) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        long rss = -1;
        long hwm = -1;
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D+", ""));
                    } else if (line.startsWith("VmHWM:")) {
                        hwm = Long.parseLong(line.replaceAll("\\D+", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                rss = -1;
            }
        }
        return new Checkpoint(frames, minutes, rss, hwm, heap, incidents, (System.nanoTime() - start) / 1e9);
    }
}
