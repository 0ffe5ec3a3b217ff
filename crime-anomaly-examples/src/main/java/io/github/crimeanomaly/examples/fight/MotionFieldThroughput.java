package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.frame.BlockFlow;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time of the fight input's block-matching motion field ({@link BlockFlow} on 64x64 gray
 * frames, 4x4 blocks searched within +-4 px, as the clip input computes it) over real frame pairs
 * three frames apart from the first {@code clips} videos of a class-folder dataset. Prints the best
 * of ten passes, after two warm-up passes, and a checksum of the motion field (the same for any
 * correct implementation).
 *
 * <pre>
 * java -cp 'crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/*' \
 *     io.github.crimeanomaly.examples.fight.MotionFieldThroughput ../shared/datasets/surveillance-fight [clips]
 * </pre>
 */
public final class MotionFieldThroughput {

    /**
     * The measurement.
     *
     * @param pairs          frame pairs per pass
     * @param microsPerPair  best pass's CPU time per pair, in microseconds
     * @param checksum       sum over pairs and blocks of {@code 3 dx + dy}
     */
    public record Result(int pairs, double microsPerPair, double checksum) {
    }

    private MotionFieldThroughput() {
    }

    /** Measures on the first {@code clips} videos (sorted by path) under {@code root}. */
    public static Result run(Path root, int clips, int passes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().matches(".*\\.(mp4|avi|mkv|mov)")).sorted().limit(clips).toList();
        }
        List<float[]> frames = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (Path p : files) {
            starts.add(frames.size());
            try (FrameSource s = VideoFrameSource.open(p, VideoOptions.builder().format(FrameFormat.gray(64, 64)).build())) {
                for (var f = s.next(); f.isPresent(); f = s.next()) {
                    frames.add(f.get().pixels());
                }
            }
        }
        starts.add(frames.size());
        BlockFlow flow = new BlockFlow(64, 64, 4, 4, 0.02, 1.25);
        float[] dx = new float[flow.blocks()];
        float[] dy = new float[flow.blocks()];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        double checksum = 0;
        int pairs = 0;
        for (int pass = 0; pass < passes + 2; pass++) {
            long t0 = mx.getCurrentThreadCpuTime();
            checksum = 0;
            pairs = 0;
            for (int c = 0; c + 1 < starts.size(); c++) {
                for (int i = starts.get(c) + 3; i < starts.get(c + 1); i++) {
                    flow.compute(frames.get(i - 3), frames.get(i), dx, dy);
                    for (int k = 0; k < dx.length; k++) {
                        checksum += 3 * dx[k] + dy[k];
                    }
                    pairs++;
                }
            }
            double seconds = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            if (pass >= 2) {
                best = Math.min(best, seconds);
            }
        }
        return new Result(pairs, pairs == 0 ? Double.NaN : best / pairs * 1e6, checksum);
    }

    /** Arguments: the dataset folder and, optionally, the number of clips (default 60). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: MotionFieldThroughput <data> [clips]");
        }
        Result r = run(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 60, 10);
        System.out.printf(Locale.ROOT, "%d frame pairs at 64x64: %.1f us per pair (best of 10 passes, CPU time), checksum %.1f%n",
                r.pairs(), r.microsPerPair(), r.checksum());
    }
}
