/**
 * Video anomaly detection: {@link io.github.crimeanomaly.detect.VideoAnomalyDetector} turns a
 * {@link io.github.crimeanomaly.frame.FrameSource} into ranked per-frame scores
 * ({@link io.github.crimeanomaly.detect.AnomalyReport}).
 */
package io.github.crimeanomaly.detect;
