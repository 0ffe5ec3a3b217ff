package io.github.crimeanomaly.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What training refuses before the first epoch, and how it names the clip. */
class ClipClassifierTrainChecksTest {

    private static final ClipClassifier.Settings S = ClipClassifier.Settings.defaults(Architecture.CNN_ONLY).toBuilder()
            .input(new ClipInput(4, 16, 16, ClipInput.Mode.MOTION, 2.0)).epochs(1).build();

    private static float[][] raw(int frames) {
        return new float[frames][16 * 16];
    }

    @Test
    void badClipsAreNamedBeforeTraining() {
        try (HybridModel m = ClipClassifier.build(Architecture.CNN_ONLY, S, List.of("fight", "noFight"))) {
            String label = assertThrows(IllegalArgumentException.class, () -> ClipClassifier.train(m, S,
                    List.of(new ClipClassifier.Clip("a", "g", 0, raw(5)), new ClipClassifier.Clip("x", "g", 5, raw(5))),
                    List.of(), null)).getMessage();
            assertEquals("training clip 'x': label 5 is not a class of the model, expected [0, 2) for [fight, noFight]",
                    label);
            String frames = assertThrows(IllegalArgumentException.class, () -> ClipClassifier.train(m, S,
                    List.of(new ClipClassifier.Clip("a", "g", 0, raw(5))),
                    List.of(new ClipClassifier.Clip("v", "g", 1, raw(3))), null)).getMessage();
            assertEquals("validation clip 'v': expected 5 raw frames (" + S.input() + "), got 3", frames);
            float[][] nan = raw(5);
            nan[2][7] = Float.NaN;
            String value = assertThrows(IllegalArgumentException.class, () -> ClipClassifier.train(m, S,
                    List.of(new ClipClassifier.Clip("n", "g", 0, nan)), List.of(), null)).getMessage();
            assertEquals("expected raw frame values in [0, 1] (gray, as Frame pixels), got NaN at index 7 (frame 2 of "
                    + "training clip 'n')", value);
            String none = assertThrows(IllegalArgumentException.class,
                    () -> ClipClassifier.train(m, S, List.of(), List.of(), null)).getMessage();
            assertEquals("expected at least one training clip, got none", none);
        }
    }
}
