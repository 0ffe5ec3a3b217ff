/** Internal helpers of the video module (FFmpeg global state, error translation). Not API: may change in any release. */
package io.github.crimeanomaly.video.internal;
