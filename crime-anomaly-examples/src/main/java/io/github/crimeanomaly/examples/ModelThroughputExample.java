package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelRuntime;
import io.github.crimeanomaly.model.Sequence;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.StreamingPredictor;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Measures training and inference throughput, in frames per second, of the default model
 * configuration on synthetic 120x180 gray clips (a moving blob; the content does not change
 * the cost). Prints the model summary and the figures.
 *
 * <pre>
 * java -cp 'crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/*' \
 *     io.github.crimeanomaly.examples.ModelThroughputExample [HYBRID|CNN_ONLY|LSTM_ONLY] [seconds per measurement] [threads]
 * </pre>
 * {@code threads} sets {@link ModelRuntime#setThreads(int)}; 0 (the default) keeps ND4J's
 * default of one per core.
 */
public final class ModelThroughputExample {

    /** Sequence length used for training and batch inference. */
    public static final int SEQUENCE_LENGTH = 16;
    /** Training batch size (sequences). */
    public static final int BATCH = 8;

    private ModelThroughputExample() {
    }

    /**
     * The measured figures.
     *
     * @param architecture           the architecture measured
     * @param parameters             parameter count
     * @param flopsPerFrame          estimated FLOPs per frame
     * @param trainFramesPerSecond   training throughput (forward + backward + update)
     * @param batchFramesPerSecond   batch inference throughput ({@code predictFrames} on all clips, 16 frames each)
     * @param streamFramesPerSecond  streaming inference throughput (one frame at a time)
     */
    public record Result(Architecture architecture, long parameters, long flopsPerFrame, double trainFramesPerSecond,
                         double batchFramesPerSecond, double streamFramesPerSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s 180x120 gray (width x height), seq %d: %,d params, %.2f MFLOPs/frame; training %.0f frames/s"
                            + " (batch %d); inference %.0f frames/s batched, %.0f frames/s streaming",
                    architecture, SEQUENCE_LENGTH, parameters, flopsPerFrame / 1e6, trainFramesPerSecond, BATCH,
                    batchFramesPerSecond, streamFramesPerSecond);
        }
    }

    /** Entry point: {@code [architecture] [seconds per measurement] [threads]}. */
    public static void main(String[] args) throws IOException {
        Architecture a = args.length > 0 ? Architecture.valueOf(args[0]) : Architecture.HYBRID;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (threads > 0) {
            ModelRuntime.setThreads(threads);
        }
        System.out.println(run(a, seconds, 4 * BATCH, true));
    }

    /**
     * Builds the default model for 120x180 gray frames and measures it.
     *
     * @param seconds  approximate duration of each of the three measurements (after warm-up)
     * @param clipCount synthetic clips per training epoch and per inference batch (32 for the
     *                 published figures)
     * @param verbose  whether to print the model summary
     */
    public static Result run(Architecture architecture, double seconds, int clipCount, boolean verbose)
            throws IOException {
        if (clipCount < 1) {
            throw new IllegalArgumentException("clipCount must be >= 1, got " + clipCount);
        }
        SyntheticMotionClips gen = new SyntheticMotionClips(120, 180, SEQUENCE_LENGTH, 4, 0.05);
        List<Sequence> clips = gen.generate(clipCount, 1);
        try (HybridModel model = HybridModel.builder()
                .inputShape(120, 180, 1).sequenceLength(SEQUENCE_LENGTH)
                .classification(SyntheticMotionClips.labels())
                .architecture(architecture)
                .build()) {
            if (verbose) {
                System.out.print(model.summary());
            }
            SequenceDataset data = SequenceDataset.of(clips);
            // Training: whole epochs over the clips (batches of 8), after a warm-up epoch.
            model.trainer().epochs(1).batchSize(BATCH).fit(data);
            long frames = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < seconds * 1e9) {
                model.trainer().epochs(1).batchSize(BATCH).fitNormalization(false).keepBestWeights(false).fit(data);
                frames += (long) clips.size() * SEQUENCE_LENGTH;
            }
            double train = frames / ((System.nanoTime() - t0) / 1e9);

            float[][][] batch = new float[clips.size()][][];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = new float[SEQUENCE_LENGTH][];
                for (int t = 0; t < SEQUENCE_LENGTH; t++) {
                    batch[i][t] = clips.get(i).frame(t);
                }
            }
            model.predictFrames(batch);
            frames = 0;
            t0 = System.nanoTime();
            while (System.nanoTime() - t0 < seconds * 1e9) {
                model.predictFrames(batch);
                frames += (long) batch.length * SEQUENCE_LENGTH;
            }
            double batched = frames / ((System.nanoTime() - t0) / 1e9);

            double stream;
            try (StreamingPredictor p = model.streamingPredictor()) {
                for (int t = 0; t < SEQUENCE_LENGTH; t++) {
                    p.next(batch[0][t]);
                }
                frames = 0;
                t0 = System.nanoTime();
                while (System.nanoTime() - t0 < seconds * 1e9) {
                    for (int t = 0; t < 10; t++) {
                        p.next(batch[t % batch.length][t % SEQUENCE_LENGTH]);
                    }
                    frames += 10;
                }
                stream = frames / ((System.nanoTime() - t0) / 1e9);
            }
            var s = model.summary();
            return new Result(architecture, s.parameters(), s.flopsPerFrame(), train, batched, stream);
        }
    }
}
