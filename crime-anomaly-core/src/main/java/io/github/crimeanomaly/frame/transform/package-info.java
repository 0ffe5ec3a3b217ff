/**
 * Stress transforms for robustness testing: noise, occlusion, motion blur and brightness changes,
 * composable with {@link io.github.crimeanomaly.frame.transform.FrameTransform#andThen} and
 * applied to any {@link io.github.crimeanomaly.frame.FrameSource} with
 * {@link io.github.crimeanomaly.frame.transform.FrameTransform#applyTo}; a standard named set of them
 * in {@link io.github.crimeanomaly.frame.transform.StressConditions}. No codecs needed.
 */
package io.github.crimeanomaly.frame.transform;
