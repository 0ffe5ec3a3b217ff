package io.github.crimeanomaly.frame.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class StressConditionsTest {

    private static Frame gray(long index) {
        float[] px = new float[40 * 30];
        Arrays.fill(px, 0.5f);
        return Frame.wrap(index, index * 40_000, FrameFormat.gray(40, 30), px);
    }

    @Test
    void standardConditionsAreOrderedReproducibleAndVaryByClip() {
        Map<String, IntFunction<FrameTransform>> m = StressConditions.standard(42, 5);
        assertEquals(List.of("clean", "sensor noise, sigma 0.02", "sensor noise, sigma 0.05",
                "fixed occlusion, 10% of the frame", "flickering dropout, 10%, new place every frame",
                "motion blur, 5 px horizontal", "darker, brightness -0.3",
                "noise 0.05 + fixed occlusion + blur + darker"), List.copyOf(m.keySet()));
        assertArrayEquals(gray(3).pixels(), m.get(StressConditions.CLEAN).apply(0).apply(gray(3)).pixels());
        IntFunction<FrameTransform> noise = m.get("sensor noise, sigma 0.05");
        assertArrayEquals(noise.apply(1).apply(gray(3)).pixels(),
                StressConditions.standard(42, 5).get("sensor noise, sigma 0.05").apply(1).apply(gray(3)).pixels(),
                "same seed and clip, same noise");
        assertFalse(Arrays.equals(noise.apply(1).apply(gray(3)).pixels(), noise.apply(2).apply(gray(3)).pixels()),
                "another clip, other noise");
        float[] dark = m.get("darker, brightness -0.3").apply(0).apply(gray(0)).pixels();
        assertEquals(0.2f, dark[0], 1e-6f);
        assertThrows(UnsupportedOperationException.class, () -> m.remove(StressConditions.CLEAN));
        assertThrows(IllegalArgumentException.class, () -> StressConditions.standard(1, 0));
        assertTrue(m.get("noise 0.05 + fixed occlusion + blur + darker").apply(0).toString().contains("fixedOcclusion"));
    }
}
