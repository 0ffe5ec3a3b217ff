package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Inference throughput of the fight classifiers as {@code train-classifier} builds them (the
 * default {@link FightClassifier.Settings}: 16 frame differences of 64x64 per clip, each clip
 * averaged with its mirror image): whole clips classified per second through
 * {@link ClipInput#predict}, in batches, on random raw frames (the weights and the content do not
 * change the cost). Decoding is excluded; the frame differences and the mirrored second pass are
 * included.
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

    /** Entry point: {@code [seconds per model] [threads] [batch]}; prints one line per architecture. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        if (threads > 0) {
            ModelRuntime.setThreads(threads);
        }
        for (Architecture a : FightComparison.ARCHITECTURES) {
            System.out.println(run(a, FightClassifier.Settings.DEFAULT, seconds, batch));
        }
    }

    /**
     * Builds {@code arch} with {@code s} and classifies batches of {@code batch} random clips for
     * about {@code seconds}, after one warm-up batch.
     */
    public static Result run(Architecture arch, FightClassifier.Settings s, double seconds, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
        }
        ClipInput in = s.input();
        int pixels = in.rawFormat().size();
        Random rnd = new Random(1);
        List<float[][]> clips = new ArrayList<>(batch);
        for (int c = 0; c < batch; c++) {
            float[][] clip = new float[in.rawFrames()][pixels];
            for (float[] frame : clip) {
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = rnd.nextFloat();
                }
            }
            clips.add(clip);
        }
        try (HybridModel m = FightClassifier.build(arch, s, List.of("fight", "noFight"))) {
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
