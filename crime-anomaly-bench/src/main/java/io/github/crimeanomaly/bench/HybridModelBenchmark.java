package io.github.crimeanomaly.bench;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelRuntime;
import io.github.crimeanomaly.model.Sequence;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.StreamingPredictor;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the default model configuration at 120x180 gray, in frames per second (JMH
 * "ops/s" = frames/s thanks to {@code @OperationsPerInvocation}). Synthetic input.
 *
 * <pre>
 * mvn -B -o package -DskipTests -pl crime-anomaly-bench -am
 * java -cp 'crime-anomaly-bench/target/crime-anomaly-bench-0.1.0-SNAPSHOT.jar:crime-anomaly-bench/target/lib/*' \
 *     org.openjdk.jmh.Main HybridModelBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class HybridModelBenchmark {

    static final int SEQ = 16;
    static final int BATCH = 8;
    static final int PREDICT_CLIPS = 32;

    /** The architecture to measure. */
    @Param({"HYBRID"})
    public String architecture;

    /** Native threads for ND4J; 0 keeps its default (one per core). */
    @Param({"0", "1"})
    public int threads;

    HybridModel model;
    SequenceDataset trainBatch;
    float[][][] clips;
    StreamingPredictor stream;
    int next;

    /** Builds the default model and synthetic data. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (threads > 0) {
            ModelRuntime.setThreads(threads);
        }
        SyntheticMotionClips gen = new SyntheticMotionClips(120, 180, SEQ, 4, 0.05);
        List<Sequence> seqs = gen.generate(PREDICT_CLIPS, 1);
        model = HybridModel.builder().inputShape(120, 180, 1).sequenceLength(SEQ)
                .classification(SyntheticMotionClips.labels())
                .architecture(Architecture.valueOf(architecture)).build();
        trainBatch = SequenceDataset.of(seqs.subList(0, BATCH));
        clips = new float[PREDICT_CLIPS][SEQ][];
        for (int i = 0; i < PREDICT_CLIPS; i++) {
            for (int t = 0; t < SEQ; t++) {
                clips[i][t] = seqs.get(i).frame(t);
            }
        }
        model.trainer().epochs(1).batchSize(BATCH).fit(trainBatch);
        stream = model.streamingPredictor();
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        stream.close();
        model.close();
    }

    /** One training step on a batch of 8 clips x 16 frames (forward, backward, update). */
    @Benchmark
    @OperationsPerInvocation(BATCH * SEQ)
    public Object trainFrames() throws IOException {
        return model.trainer().epochs(1).batchSize(BATCH).fitNormalization(false).keepBestWeights(false)
                .shuffle(false).fit(trainBatch);
    }

    /** Batch inference on 32 clips x 16 frames. */
    @Benchmark
    @OperationsPerInvocation(PREDICT_CLIPS * SEQ)
    public float[][][] predictFrames() {
        return model.predictFrames(clips);
    }

    /** Streaming inference, one frame. */
    @Benchmark
    public float[] streamFrame() {
        int i = next++;
        return stream.next(clips[(i / SEQ) % PREDICT_CLIPS][i % SEQ]);
    }
}
