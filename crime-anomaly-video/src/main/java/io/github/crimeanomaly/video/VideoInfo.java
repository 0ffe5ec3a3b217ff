package io.github.crimeanomaly.video;

import java.util.Locale;

/**
 * What {@link VideoFrameSource#probe(java.nio.file.Path)} (or, for a URL,
 * {@link VideoFrameSource#probe(String, VideoOptions)}) found out about a video without decoding it.
 *
 * @param location           the path or URL
 * @param container          the container format as FFmpeg names it ({@code "avi"},
 *                           {@code "mov,mp4,m4a,3gp,3g2,mj2"}, {@code "rtsp"})
 * @param codec              the video codec's short name ({@code "h264"}, {@code "msmpeg4v3"})
 * @param width              width in pixels
 * @param height             height in pixels
 * @param fps                frames per second (the stream's average or guessed rate; 0 if unknown)
 * @param durationMicros     duration in microseconds, or -1 if unknown (live streams)
 * @param frameCountEstimate number of frames from the container header or duration x fps; -1 if
 *                           unknown. An estimate: a damaged file may hold fewer
 * @param hasAudio           whether the container also has an audio stream
 */
public record VideoInfo(String location, String container, String codec, int width, int height,
                        double fps, long durationMicros, long frameCountEstimate, boolean hasAudio) {

    /** Duration in seconds, or -1 if unknown. */
    public double durationSeconds() {
        return durationMicros < 0 ? -1 : durationMicros / 1e6;
    }

    /** One line for people: {@code avi msmpeg4v3 768x576 10.00 fps 79.50 s ~795 frames}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s %dx%d %.2f fps %s %s%s", container, codec, width, height, fps,
                durationMicros < 0 ? "duration unknown" : String.format(Locale.ROOT, "%.2f s", durationSeconds()),
                frameCountEstimate < 0 ? "frame count unknown" : "~" + frameCountEstimate + " frames",
                hasAudio ? " (with audio)" : "");
    }
}
