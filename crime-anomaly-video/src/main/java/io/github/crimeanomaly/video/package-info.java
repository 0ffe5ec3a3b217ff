/**
 * Video decoding with FFmpeg (JavaCV): {@link io.github.crimeanomaly.video.VideoFrameSource} reads
 * files and network streams as {@link io.github.crimeanomaly.frame.FrameSource}s,
 * {@link io.github.crimeanomaly.video.VideoFrameSource#probe} describes them. The only module that
 * imports {@code org.bytedeco}.
 */
package io.github.crimeanomaly.video;
