/**
 * Annotated output for people: {@link io.github.crimeanomaly.video.annotate.AnnotatedVideoWriter}
 * (the video with scores, class labels and a red border drawn on) and
 * {@link io.github.crimeanomaly.video.annotate.ContactSheet} (a PNG of the top-k frames). Both
 * re-decode the source video, so memory stays bounded.
 */
package io.github.crimeanomaly.video.annotate;
