package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.ForwardingFrameSource;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@link DropoutConcealment} does to real footage without dropouts, where it should do
 * nothing: passes every frame of every video (and every folder of image frames) found under the
 * given paths through it, at the given gray size, and prints the frames and pixels it concealed,
 * and the time it took per frame beyond decoding.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/* \
 *     io.github.crimeanomaly.examples.video.DropoutConcealmentCheck 192x144 ../shared/datasets/opencv-vtest ../shared/datasets/surveillance-fight
 * </pre>
 */
public final class DropoutConcealmentCheck {

    /**
     * The totals over a set of sources.
     *
     * @param sources          sources read
     * @param frames           frames read
     * @param concealedFrames  frames with at least one concealed pixel
     * @param concealedPixels  pixel positions concealed, summed over frames
     * @param pixelsPerFrame   pixel positions per frame
     * @param concealNanos     time spent in the concealment beyond decoding
     */
    public record Totals(int sources, long frames, long concealedFrames, long concealedPixels, long pixelsPerFrame,
                         long concealNanos) {

        /** Share of all pixel positions concealed. */
        public double concealedShare() {
            return frames == 0 ? 0 : concealedPixels / (double) (frames * pixelsPerFrame);
        }
    }

    private DropoutConcealmentCheck() {
    }

    /** Every video file ({@code .mp4 .avi .mkv .mov}) and every folder holding {@code .tif/.png/.jpg} frames under {@code root}. */
    static List<Path> sources(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && n.matches(".*\\.(mp4|avi|mkv|mov)")) {
                    out.add(p);
                } else if (Files.isDirectory(p) && hasImages(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static boolean hasImages(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(tif|tiff|png|jpg|jpeg)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every source through a concealment at {@code format}. */
    public static Totals run(List<Path> sources, FrameFormat format) throws IOException {
        long frames = 0;
        long concealedFrames = 0;
        long concealedPixels = 0;
        long nanos = 0;
        for (Path p : sources) {
            FrameSource raw = Files.isDirectory(p) ? ImageFolderFrameSource.open(p, format, 10)
                    : VideoFrameSource.open(p, VideoOptions.builder().format(format).build());
            try (TimedSource timed = new TimedSource(raw); DropoutConcealment dc = DropoutConcealment.wrap(timed)) {
                long t0 = System.nanoTime();
                while (dc.next().isPresent()) {
                    // read every frame
                }
                nanos += System.nanoTime() - t0 - timed.nanos;
                frames += dc.framesRead();
                concealedFrames += dc.concealedFrames();
                concealedPixels += dc.concealedPixels();
            }
        }
        return new Totals(sources.size(), frames, concealedFrames, concealedPixels,
                (long) format.width() * format.height(), nanos);
    }

    /** A source that adds up the time spent in its {@code next}. */
    private static final class TimedSource extends ForwardingFrameSource {
        private long nanos;

        TimedSource(FrameSource source) {
            super(source);
        }

        @Override
        public Optional<Frame> next() throws IOException {
            long t0 = System.nanoTime();
            try {
                return super.next();
            } finally {
                nanos += System.nanoTime() - t0;
            }
        }
    }

    /** Arguments: the gray size as {@code WxH}, then files or folders to search. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !args[0].matches("\\d+x\\d+")) {
            throw new IllegalArgumentException("usage: DropoutConcealmentCheck <W>x<H> <file|folder>...");
        }
        String[] wh = args[0].split("x");
        FrameFormat format = FrameFormat.gray(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        for (int i = 1; i < args.length; i++) {
            Path root = Path.of(args[i]);
            Totals t = run(sources(root), format);
            System.out.printf(Locale.ROOT,
                    "%s at %s: %d sources, %d frames, %d with concealed pixels, %.5f%% of pixels concealed, %.3f ms per frame%n",
                    root, format, t.sources(), t.frames(), t.concealedFrames(), 100 * t.concealedShare(),
                    t.frames() == 0 ? 0 : t.concealNanos() / 1e6 / t.frames());
        }
    }
}
