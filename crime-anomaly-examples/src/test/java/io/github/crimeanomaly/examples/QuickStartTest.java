package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.FrameScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void ranksTest001WithItsAnomalousFramesOnTop() throws IOException {
        Path ped2 = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets/ucsd-ped2");
        assumeTrue(Files.isDirectory(ped2), "UCSD Ped2 not found at " + ped2);
        AnomalyReport report = QuickStart.run(ped2);
        assertEquals(180, report.frames().size(), "Test001 has 180 frames, every one scored");
        // Ground truth of Test001: frames 61..180 (1-based) are anomalous, i.e. indices 60..179.
        long anomalousOnTop = report.topK(20).stream().map(FrameScore::frameIndex).filter(i -> i >= 60).count();
        assertTrue(anomalousOnTop >= 18, "top 20 should be mostly anomalous frames, got " + anomalousOnTop);
    }
}
