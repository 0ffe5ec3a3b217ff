package io.github.crimeanomaly.bench.metrics;

import io.github.crimeanomaly.metrics.Metrics;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ROC AUC and average precision on frame-score-sized inputs (10 % positives, scores rounded to
 * 3 decimals so there are many ties, as with quantised detector outputs). Both are O(n log n).
 *
 * <pre>
 * java -cp 'crime-anomaly-bench/target/crime-anomaly-bench-0.1.0-SNAPSHOT.jar:crime-anomaly-bench/target/lib/*' \
 *     org.openjdk.jmh.Main MetricsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricsBenchmark {

    /** The number of scores. */
    @Param({"10000", "100000", "1000000"})
    public int n;

    private int[] yTrue;
    private double[] scores;

    /** Makes seeded labels and tied scores. */
    @Setup
    public void setup() {
        Random rnd = new Random(42);
        yTrue = new int[n];
        scores = new double[n];
        for (int i = 0; i < n; i++) {
            yTrue[i] = rnd.nextInt(10) == 0 ? 1 : 0;
            scores[i] = Math.round((rnd.nextGaussian() + yTrue[i]) * 1000) / 1000.0;
        }
    }

    /** ROC AUC. */
    @Benchmark
    public double rocAuc() {
        return Metrics.rocAuc(yTrue, scores);
    }

    /** Average precision. */
    @Benchmark
    public double averagePrecision() {
        return Metrics.averagePrecision(yTrue, scores);
    }
}
