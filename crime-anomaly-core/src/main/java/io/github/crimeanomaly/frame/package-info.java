/** Frames (CHW floats in [0, 1]) and the {@link io.github.crimeanomaly.frame.FrameSource} abstraction. */
package io.github.crimeanomaly.frame;
