package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.Architecture;
import org.junit.jupiter.api.Test;

class FightClassifierThroughputTest {

    @Test
    void measuresTheModelTrainClassifierBuilds() {
        FightClassifierThroughput.Result r = FightClassifierThroughput.run(Architecture.HYBRID,
                ClipClassifier.Settings.DEFAULT, 0.05, 2);
        assertEquals(Architecture.HYBRID, r.architecture());
        // the parameter count of the default hybrid published in README's comparison table
        assertEquals(64_290, r.parameters());
        assertEquals(16 * r.clipsPerSecond(), r.framesPerSecond(), 1e-6 * r.framesPerSecond());
        assertTrue(r.clipsPerSecond() > 0, r.toString());
        assertTrue(r.toString().contains("clips/s"), r.toString());
    }

    @Test
    void measuresStreamingThroughTheClipStream() {
        double fps = FightClassifierThroughput.stream(Architecture.HYBRID, ClipClassifier.Settings.DEFAULT, 0.05, 3);
        assertTrue(fps > 0, "got " + fps);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FightClassifierThroughput.stream(
                Architecture.HYBRID, ClipClassifier.Settings.DEFAULT, 0, 3));
        assertTrue(e.getMessage().contains("seconds must be > 0, got 0.0"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyBatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FightClassifierThroughput.run(
                Architecture.CNN_ONLY, ClipClassifier.Settings.DEFAULT, 0.05, 0));
        assertTrue(e.getMessage().contains("batch must be >= 1, got 0"), e.getMessage());
    }
}
