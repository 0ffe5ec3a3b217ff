package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.Architecture;
import org.junit.jupiter.api.Test;

class ModelThroughputExampleTest {

    @Test
    void measuresTheDefaultConfiguration() throws Exception {
        ModelThroughputExample.Result r = ModelThroughputExample.run(Architecture.HYBRID, 0.05, 2, false);
        assertEquals(Architecture.HYBRID, r.architecture());
        assertEquals(235_938, r.parameters());
        assertTrue(r.trainFramesPerSecond() > 0 && r.batchFramesPerSecond() > 0 && r.streamFramesPerSecond() > 0, r.toString());
        assertTrue(r.toString().contains("frames/s"), r.toString());
    }
}
