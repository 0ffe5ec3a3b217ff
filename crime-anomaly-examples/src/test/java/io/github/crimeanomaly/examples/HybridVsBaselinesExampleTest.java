package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.Architecture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridVsBaselinesExampleTest {

    @Test
    void reportsAnAccuracyPerArchitecture() throws Exception {
        // Smoke test: tiny and short, so only the shape of the result is checked here; the
        // learning claims are asserted in crime-anomaly-core's MotionLearningTest.
        Map<Architecture, Double> acc = HybridVsBaselinesExample.run(16, 20, 1, false);
        assertEquals(3, acc.size());
        acc.values().forEach(v -> assertTrue(v >= 0 && v <= 1, acc.toString()));
    }
}
