/**
 * Video examples: decoding throughput and flat memory on long streams. Each is a {@code main}
 * plus a method that returns its result (smoke-tested). They use {@code FrameDiffStandIn}, a
 * trivial frame-difference detector, so that they measure the video pipeline rather than a model.
 */
package io.github.crimeanomaly.examples.video;
