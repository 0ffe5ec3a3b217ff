package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.classify.ClipStream;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Inference throughput of the fight classifiers as {@code train-classifier} builds them (the
 * default {@link ClipClassifier.Settings}: 16 frame differences of 64x64 per clip, each clip
 * averaged with its mirror image): whole clips classified per second through
 * {@link ClipInput#predict}, in batches, on random raw frames (the weights and the content do not
 * change the cost). Decoding is excluded; the frame differences and the mirrored second pass are
 * included.
 *
 * <p>Second, <b>streaming</b>, as {@code score --model} scores a video: frames fed one after
 * another through a {@link ClipStream}, each the end of its own clip of the last 17 frames, in
 * batches of {@code batch} frames; each frame goes through the CNN once. A video is sampled at
 * the training rate (16 frames over 2 s, so one frame in 3 at 25 fps), so a video plays at
 * about {@code stride} times the sampled rate.
 *
 * <pre>
 * java -cp 'crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/*' \
 *     io.github.crimeanomaly.examples.fight.FightClassifierThroughput [seconds per model] [threads] [batch]
 * </pre>
 */
public final class FightClassifierThroughput {

    private FightClassifierThroughput() {
    }

    /**
     * One architecture's figures.
     *
     * @param architecture  the architecture
     * @param parameters    its parameter count
     * @param clipsPerSecond whole clips classified per second
     * @param framesPerSecond model input frames per second (clips x frames per clip)
     */
    public record Result(Architecture architecture, long parameters, double clipsPerSecond, double framesPerSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-9s %,7d params: %,.0f clips/s, %,.0f frames/s (%.2f ms per frame)",
                    architecture, parameters, clipsPerSecond, framesPerSecond, 1000 / framesPerSecond);
        }
    }

    /** Entry point: {@code [seconds per model] [threads] [batch]}; prints a line per architecture for each measure. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        if (threads > 0) {
            ModelRuntime.setThreads(threads);
        }
        for (Architecture a : FightComparison.ARCHITECTURES) {
            System.out.println(run(a, ClipClassifier.Settings.defaults(a), seconds, batch));
        }
        for (Architecture a : FightComparison.ARCHITECTURES) {
            ClipInput in = ClipClassifier.Settings.defaults(a).input();
            double fps = stream(a, ClipClassifier.Settings.defaults(a), seconds, batch);
            System.out.println(String.format(Locale.ROOT,
                    "%-9s streaming: %,.0f sampled frames/s (%.2f ms each), a %d fps video at %,.0f frames/s",
                    a, fps, 1000 / fps, 25, fps * in.strideAt(25)));
        }
    }

    /**
     * Builds {@code arch} with {@code s} and feeds random raw frames through a {@link ClipStream}
     * in batches of {@code batch}, for about {@code seconds} after one warm-up batch.
     *
     * @return sampled frames per second, each with the class probabilities of the clip ending at it
     */
    public static double stream(Architecture arch, ClipClassifier.Settings s, double seconds, int batch) {
        check(seconds, batch);
        ClipInput in = s.input();
        float[][] frames = randomFrames(in, batch, new Random(2));
        try (HybridModel m = ClipClassifier.build(arch, s, List.of("fight", "noFight"), "noFight");
             ClipStream st = in.stream(m)) {
            st.next(frames);
            long n = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < seconds * 1e9) {
                st.next(frames);
                n += batch;
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void check(double seconds, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
        }
    }

    private static float[][] randomFrames(ClipInput in, int n, Random rnd) {
        float[][] out = new float[n][in.rawFormat().size()];
        for (float[] frame : out) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = rnd.nextFloat();
            }
        }
        return out;
    }

    /**
     * Builds {@code arch} with {@code s} and classifies batches of {@code batch} random clips for
     * about {@code seconds}, after one warm-up batch.
     */
    public static Result run(Architecture arch, ClipClassifier.Settings s, double seconds, int batch) {
        check(seconds, batch);
        ClipInput in = s.input();
        Random rnd = new Random(1);
        List<float[][]> clips = new ArrayList<>(batch);
        for (int c = 0; c < batch; c++) {
            clips.add(randomFrames(in, in.rawFrames(), rnd));
        }
        try (HybridModel m = ClipClassifier.build(arch, s, List.of("fight", "noFight"), "noFight")) {
            in.predict(m, clips);
            long n = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < seconds * 1e9) {
                in.predict(m, clips);
                n += batch;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(arch, m.summary().parameters(), n / secs, n * in.frames() / secs);
        }
    }
}
