package io.github.crimeanomaly.frame.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A standard set of named degradations for robustness checks: sensor noise, an object fixed in
 * front of the camera, flickering dropouts, motion blur, darkness, and several together. Each
 * condition maps a clip's index to the transform its frames go through, so that the random ones
 * differ from clip to clip ({@code seed + index}) while staying reproducible.
 *
 * <pre>{@code
 * for (var c : StressConditions.standard(42, 9).entrySet()) {
 *     try (FrameSource s = c.getValue().apply(clipIndex).applyTo(clip.open(format))) {
 *         AnomalyReport r = detector.detect(s);   // compare with the clean condition
 *     }
 * }
 * }</pre>
 */
public final class StressConditions {

    /** The name of the condition that changes nothing. */
    public static final String CLEAN = "clean";

    private StressConditions() {
    }

    /**
     * In order: {@value #CLEAN}; Gaussian sensor noise of sigma 0.02 and 0.05; a fixed black patch
     * over 10% of the frame; a black patch over 10% in a new place every frame; horizontal motion
     * blur of {@code blurLength} pixels; brightness -0.3; noise 0.05, the fixed patch, the blur and
     * the darkening together.
     *
     * @param seed       seed of the random conditions (the clip index is added)
     * @param blurLength motion-blur length in pixels (&gt;= 1), e.g. about 5% of the frame width
     * @return an unmodifiable, ordered map from the condition's name to its transform per clip index
     */
    public static Map<String, IntFunction<FrameTransform>> standard(long seed, int blurLength) {
        FrameTransform blur = FrameTransforms.motionBlur(blurLength, 0);
        FrameTransform darker = FrameTransforms.brightness(-0.3);
        Map<String, IntFunction<FrameTransform>> m = new LinkedHashMap<>();
        m.put(CLEAN, i -> FrameTransform.identity());
        m.put("sensor noise, sigma 0.02", i -> FrameTransforms.gaussianNoise(0.02, seed + i));
        m.put("sensor noise, sigma 0.05", i -> FrameTransforms.gaussianNoise(0.05, seed + i));
        m.put("fixed occlusion, 10% of the frame", i -> FrameTransforms.fixedOcclusion(0.10, 1, seed + i));
        m.put("flickering dropout, 10%, new place every frame", i -> FrameTransforms.occlusion(0.10, 1, seed + i));
        m.put("motion blur, " + blurLength + " px horizontal", i -> blur);
        m.put("darker, brightness -0.3", i -> darker);
        m.put("noise 0.05 + fixed occlusion + blur + darker", i -> FrameTransforms.gaussianNoise(0.05, seed + i)
                .andThen(FrameTransforms.fixedOcclusion(0.10, 1, seed + i)).andThen(blur).andThen(darker));
        return Collections.unmodifiableMap(m);
    }
}
