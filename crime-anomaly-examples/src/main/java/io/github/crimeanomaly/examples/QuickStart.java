package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's quick start, compiled and smoke-tested: calibrate a detector on normal UCSD Ped2
 * training clips and rank the frames of the first test clip.
 *
 * <p>Run: {@code java -cp ... io.github.crimeanomaly.examples.QuickStart [../shared/datasets/ucsd-ped2]}
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** Runs the quick start on the Ped2 folder and prints the ten most anomalous frames. */
    public static void main(String[] args) throws IOException {
        Path dataset = Path.of(args.length > 0 ? args[0]
                : System.getProperty("crimeanomaly.shared", "../shared") + "/datasets/ucsd-ped2");
        AnomalyReport report = run(dataset);
        report.topK(10).forEach(f -> System.out.printf("frame %d  %.3f%n", f.frameIndex(), f.score()));
    }

    /** The quick start itself; returns the report of the first test clip. */
    public static AnomalyReport run(Path dataset) throws IOException {
        UcsdPedDataset ped2 = UcsdPedDataset.open(dataset, "UCSDped2");
        FrameFormat fmt = FrameFormat.gray(180, 120);
        List<FrameSource> normal = new ArrayList<>();
        for (UcsdPedDataset.Clip c : ped2.trainClips()) {
            normal.add(c.open(fmt));
        }
        try (VideoAnomalyDetector detector = MotionSpeedDetector.calibrator().fit(normal);
             FrameSource clip = ped2.testClips().get(0).open(fmt)) {
            return detector.detect(clip);
        }
    }
}
