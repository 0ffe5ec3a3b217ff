package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import io.github.crimeanomaly.video.annotate.AnnotatedVideoWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decoding and scoring throughput on one video (default {@code vtest.avi}, 768x576, 795 frames):
 * decode to full-size RGB, decode to 192x144 gray (a typical detector input), decode and score
 * with a frame-difference stand-in detector end to end, and write the annotated video. Prints the
 * median of {@code repeats} runs of each.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar \
 *     io.github.crimeanomaly.examples.video.VideoThroughput [video] [repeats]
 * </pre>
 */
public final class VideoThroughput {

    /**
     * One measured stage.
     *
     * @param name         what was measured
     * @param frames       frames per run
     * @param medianSeconds median wall time of a run
     * @param framesPerSecond frames / median seconds
     */
    public record Measurement(String name, long frames, double medianSeconds, double framesPerSecond) {
    }

    private VideoThroughput() {
    }

    /** Runs the measurements and prints one line each. */
    public static void main(String[] args) throws IOException {
        Path video = args.length > 0 ? Path.of(args[0]) : VideoExampleSupport.sharedDatasets().resolve("opencv-vtest/vtest.avi");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("video=" + video + " repeats=" + repeats + " cpus=" + Runtime.getRuntime().availableProcessors());
        for (Measurement m : run(video, repeats, true)) {
            System.out.println(String.format(Locale.ROOT, "%-34s frames=%d median_s=%.3f fps=%.1f",
                    m.name(), m.frames(), m.medianSeconds(), m.framesPerSecond()));
        }
    }

    /** Measures each stage {@code repeats} times (after one warm-up run) and returns the medians. */
    public static List<Measurement> run(Path video, int repeats, boolean annotate) throws IOException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        List<Measurement> out = new ArrayList<>();
        VideoOptions rgb = VideoOptions.DEFAULTS;
        VideoOptions gray = VideoOptions.builder().format(FrameFormat.gray(192, 144)).build();
        out.add(measure("decode rgb full size", repeats, () -> decode(video, rgb)));
        out.add(measure("decode gray 192x144", repeats, () -> decode(video, gray)));
        AnomalyReport[] last = new AnomalyReport[1];
        out.add(measure("decode+score gray 192x144 (stand-in)", repeats, () -> {
            try (FrameDiffStandIn det = new FrameDiffStandIn(FrameFormat.gray(192, 144), 0.05);
                 VideoFrameSource src = VideoFrameSource.open(video, gray)) {
                last[0] = det.detect(src);
                return last[0].frames().size();
            }
        }));
        if (annotate) {
            Path tmp = Files.createTempDirectory("throughput");
            try {
                Path mp4 = tmp.resolve("annotated.mp4");
                out.add(measure("annotated video (decode+draw+H.264)", repeats,
                        () -> AnnotatedVideoWriter.write(video.toString(), last[0], mp4).frames()));
                Files.deleteIfExists(mp4);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return out;
    }

    private interface Run {
        long frames() throws IOException;
    }

    private static long decode(Path video, VideoOptions opts) throws IOException {
        long n = 0;
        double checksum = 0;
        try (VideoFrameSource src = VideoFrameSource.open(video, opts)) {
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                checksum += f.get().pixel(0, 0, 0); // touch the pixels so nothing is optimised away
                n++;
            }
        }
        return checksum < 0 ? -1 : n;
    }

    private static Measurement measure(String name, int repeats, Run run) throws IOException {
        run.frames(); // warm-up: JIT, native library loading
        double[] secs = new double[repeats];
        long frames = 0;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            frames = run.frames();
            secs[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(secs);
        double median = secs[repeats / 2];
        return new Measurement(name, frames, median, frames / median);
    }
}
