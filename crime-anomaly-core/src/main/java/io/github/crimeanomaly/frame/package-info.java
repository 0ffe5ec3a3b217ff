/**
 * Frames (CHW floats in [0, 1]) and the {@link io.github.crimeanomaly.frame.FrameSource}
 * abstraction: an image folder ({@link io.github.crimeanomaly.frame.ImageFolderFrameSource}), frames
 * in memory and the first frames of a source ({@link io.github.crimeanomaly.frame.FrameSources}),
 * sources that wrap another ({@link io.github.crimeanomaly.frame.ForwardingFrameSource}), such as
 * {@link io.github.crimeanomaly.frame.DropoutConcealment}, which hides transmission dropouts; and
 * the block matching ({@link io.github.crimeanomaly.frame.BlockMatching},
 * {@link io.github.crimeanomaly.frame.BlockFlow}) and noise estimate
 * ({@link io.github.crimeanomaly.frame.NoiseEstimator}) that the motion-based detectors and the
 * fight models' input share. Video files and streams are in the optional {@code crime-anomaly-video}
 * module.
 */
package io.github.crimeanomaly.frame;
