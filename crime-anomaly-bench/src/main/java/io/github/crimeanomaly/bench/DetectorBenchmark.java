package io.github.crimeanomaly.bench;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.detect.MotionPredictionDetector;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.detect.NormalOnlyDetector;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.model.ModelRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Scoring throughput of the video anomaly detectors, in frames per second (JMH "ops/s" = frames/s
 * thanks to {@code @OperationsPerInvocation}), on <b>real</b> UCSD Ped2 frames at 180x120 gray,
 * already decoded (so decoding is not measured): the detector is fitted on Train001-004 and scores
 * the 180 frames of Test001 per invocation. One thread; the motion-prediction CNN+LSTM is trained
 * for 2 epochs only and the normal-only patch CNN+LSTM for 1 (throughput does not depend on how
 * well they are trained). Add {@code -jvmArgsAppend -Dcrimeanomaly.fastFrames=false} to run their
 * CNNs through DL4J's own convolution layer instead, for comparison.
 *
 * <pre>
 * mvn -B package -DskipTests -pl crime-anomaly-bench -am
 * java -Dcrimeanomaly.shared=../shared -cp 'crime-anomaly-bench/target/crime-anomaly-bench-0.1.0-SNAPSHOT.jar:crime-anomaly-bench/target/lib/*' \
 *     org.openjdk.jmh.Main DetectorBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dcrimeanomaly.threads=1")
public class DetectorBenchmark {

    static final FrameFormat FORMAT = FrameFormat.gray(180, 120);
    static final int FRAMES = 180;

    /** The detector to measure. */
    @Param({"motion-speed", "frame-difference", "motion-prediction", "normal-only"})
    public String detector;

    VideoAnomalyDetector d;
    List<Frame> test;

    /** Fits the detector on four real Train clips and decodes Test001. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ModelRuntime.setThreads(1);
        Path dir = Path.of(System.getProperty("crimeanomaly.shared", "../shared"), "datasets", "ucsd-ped2");
        if (!Files.isDirectory(dir.resolve("UCSDped2"))) {
            throw new IllegalStateException("UCSD Ped2 not found at " + dir.toAbsolutePath()
                    + ": pass -Dcrimeanomaly.shared=<folder with datasets/ucsd-ped2>");
        }
        UcsdPedDataset ped2 = UcsdPedDataset.open(dir, "UCSDped2");
        List<FrameSource> fit = new ArrayList<>();
        for (UcsdPedDataset.Clip c : ped2.trainClips().subList(0, 4)) {
            fit.add(c.open(FORMAT));
        }
        d = switch (detector) {
            case "motion-speed" -> MotionSpeedDetector.calibrator().fit(fit);
            case "frame-difference" -> FrameDifferenceDetector.calibrator().fit(fit);
            case "motion-prediction" -> MotionPredictionDetector.trainer().epochs(2).fit(fit);
            case "normal-only" -> NormalOnlyDetector.trainer().epochs(1).fit(fit);
            default -> throw new IllegalArgumentException("unknown detector " + detector);
        };
        test = new ArrayList<>();
        try (FrameSource s = ped2.testClips().get(0).open(FORMAT)) {
            for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
                test.add(f.get());
            }
        }
        if (test.size() != FRAMES) {
            throw new IllegalStateException("expected " + FRAMES + " frames in Test001, got " + test.size());
        }
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        d.close();
    }

    /** Scores the 180 frames of Test001, streaming. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public double scoreClip() throws IOException {
        double[] sum = {0};
        d.score(FrameSources.of("Test001", test, 10), f -> sum[0] += f.score());
        return sum[0];
    }
}
