package io.github.crimeanomaly.video;

import io.github.crimeanomaly.frame.FrameFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to decode a video into frames: output size and channels, which frames to keep, and network
 * timeouts. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * VideoOptions opts = VideoOptions.builder()
 *         .size(160, 120).gray()      // resized by FFmpeg (swscale), 1 channel
 *         .targetFps(5)               // keep about 5 frames per second of video
 *         .rangeSeconds(10, 70)       // only this part of the video
 *         .build();
 * }</pre>
 *
 * @param width          output width in pixels, or 0 to keep the video's width
 * @param height         output height in pixels, or 0 to keep the video's height
 * @param channels       1 (gray) or 3 (RGB)
 * @param everyNth       keep every n-th decoded frame (1 = all); exclusive with {@code targetFps}
 * @param targetFps      keep frames so that about this many per second of video remain, or 0 for
 *                       no rate sampling; exclusive with {@code everyNth > 1}
 * @param startMicros    first timestamp to keep (inclusive), microseconds from the start
 * @param endMicros      last timestamp to keep (exclusive), or {@link Long#MAX_VALUE} for the end
 * @param connectTimeout how long to wait for a network stream to open (also FFmpeg's socket
 *                       timeout while opening)
 * @param readTimeout    how long a read from a network stream may block before it fails
 * @param ffmpegOptions  extra FFmpeg demuxer/protocol options ({@code rtsp_transport=tcp}, ...),
 *                       applied last
 * @param seekToStart    jump to {@code startMicros} with a container seek instead of decoding
 *                       every frame before it (much faster for a late start in a long file).
 *                       Frame indices are then computed from the timestamps and the frame rate,
 *                       which is exact only for constant-frame-rate video; ignored for URLs
 * @param allowTruncated a local file whose decoding ends well before the frame count its header
 *                       declares is truncated or damaged: false (the default) fails with a
 *                       {@link VideoTruncatedException} when the end is reached; true yields the
 *                       frames before the cut, logs a warning and ends normally (for a recording
 *                       still being written, or to salvage a damaged file). Ignored for URLs
 * @param allowCorruptFrames a local file with a frame the decoder could not decode cleanly (damaged
 *                       bytes, a missing reference frame; FFmpeg then conceals the damage by
 *                       copying or smearing pixels, which a detector would score as motion):
 *                       false (the default) fails with a {@link VideoCorruptException} at that
 *                       frame; true yields the concealed frames, logs a warning at the first and
 *                       counts them ({@link VideoFrameSource#corruptFrames()}). Network streams
 *                       are never refused for it (packet loss on a live camera is routine): the
 *                       first concealed frame is logged and all are counted
 */
public record VideoOptions(int width, int height, int channels, int everyNth, double targetFps,
                           long startMicros, long endMicros, Duration connectTimeout,
                           Duration readTimeout, Map<String, String> ffmpegOptions, boolean seekToStart,
                           boolean allowTruncated, boolean allowCorruptFrames) {

    /** Defaults: original size, RGB, every frame, whole video, 10 s timeouts. */
    public static final VideoOptions DEFAULTS = builder().build();

    /** Validates all fields; the message lists every bad field with its value. */
    public VideoOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(ffmpegOptions, "ffmpegOptions");
        List<String> errors = new ArrayList<>();
        if (width < 0) {
            errors.add("width must be >= 0 (0 = keep), got " + width);
        }
        if (height < 0) {
            errors.add("height must be >= 0 (0 = keep), got " + height);
        }
        if ((width == 0) != (height == 0)) {
            errors.add("width and height must both be set or both be 0, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            errors.add("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if (everyNth < 1) {
            errors.add("everyNth must be >= 1, got " + everyNth);
        }
        if (!(targetFps >= 0) || Double.isInfinite(targetFps)) {
            errors.add("targetFps must be finite and >= 0 (0 = off), got " + targetFps);
        }
        if (targetFps > 0 && everyNth > 1) {
            errors.add("everyNth and targetFps are exclusive, got everyNth=" + everyNth + ", targetFps=" + targetFps);
        }
        if (startMicros < 0) {
            errors.add("startMicros must be >= 0, got " + startMicros);
        }
        if (endMicros <= startMicros) {
            errors.add("endMicros must be > startMicros, got " + startMicros + ".." + endMicros);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            errors.add("connectTimeout must be > 0, got " + connectTimeout);
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            errors.add("readTimeout must be > 0, got " + readTimeout);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        ffmpegOptions = Collections.unmodifiableMap(new LinkedHashMap<>(ffmpegOptions));
    }

    /** Options that fail on a truncated file (the canonical form before {@link #allowTruncated()}). */
    public VideoOptions(int width, int height, int channels, int everyNth, double targetFps, long startMicros,
                        long endMicros, Duration connectTimeout, Duration readTimeout,
                        Map<String, String> ffmpegOptions, boolean seekToStart) {
        this(width, height, channels, everyNth, targetFps, startMicros, endMicros, connectTimeout, readTimeout,
                ffmpegOptions, seekToStart, false, false);
    }

    /** Options that fail on a corrupt frame (the canonical form before {@link #allowCorruptFrames()}). */
    public VideoOptions(int width, int height, int channels, int everyNth, double targetFps, long startMicros,
                        long endMicros, Duration connectTimeout, Duration readTimeout,
                        Map<String, String> ffmpegOptions, boolean seekToStart, boolean allowTruncated) {
        this(width, height, channels, everyNth, targetFps, startMicros, endMicros, connectTimeout, readTimeout,
                ffmpegOptions, seekToStart, allowTruncated, false);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.width = width;
        b.height = height;
        b.channels = channels;
        b.everyNth = everyNth;
        b.targetFps = targetFps;
        b.startMicros = startMicros;
        b.endMicros = endMicros;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.ffmpegOptions.putAll(ffmpegOptions);
        b.seekToStart = seekToStart;
        b.allowTruncated = allowTruncated;
        b.allowCorruptFrames = allowCorruptFrames;
        return b;
    }

    /** Whether frames are resized. */
    public boolean resizes() {
        return width > 0;
    }

    /** Whether every decoded frame in the range is kept. */
    public boolean keepsEveryFrame() {
        return everyNth == 1 && targetFps == 0;
    }

    /** Whether a time range narrower than the whole video is set. */
    public boolean hasRange() {
        return startMicros > 0 || endMicros != Long.MAX_VALUE;
    }

    /** The frame format for a video of the given native size. */
    public FrameFormat formatFor(int videoWidth, int videoHeight) {
        return resizes() ? new FrameFormat(width, height, channels)
                : new FrameFormat(videoWidth, videoHeight, channels);
    }

    /** Builds {@link VideoOptions}; {@link #build()} validates all fields at once. */
    public static final class Builder {
        private int width;
        private int height;
        private int channels = 3;
        private int everyNth = 1;
        private double targetFps;
        private long startMicros;
        private long endMicros = Long.MAX_VALUE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(10);
        private final Map<String, String> ffmpegOptions = new LinkedHashMap<>();
        private boolean seekToStart;
        private boolean allowTruncated;
        private boolean allowCorruptFrames;

        private Builder() {
        }

        /** Resize to {@code width x height} (FFmpeg swscale, area filter when shrinking). */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** Resize to the width and height of {@code format} and take its channels. */
        public Builder format(FrameFormat format) {
            return size(format.width(), format.height()).channels(format.channels());
        }

        /** 1 (gray) or 3 (RGB). */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** One gray channel (luma). */
        public Builder gray() {
            return channels(1);
        }

        /** Three channels, R, G, B. */
        public Builder rgb() {
            return channels(3);
        }

        /** Keep every n-th decoded frame (frame indices 0, n, 2n, ...). */
        public Builder everyNth(int n) {
            this.everyNth = n;
            return this;
        }

        /** Keep about {@code fps} frames per second of video (0 = all frames). */
        public Builder targetFps(double fps) {
            this.targetFps = fps;
            return this;
        }

        /** Keep frames with {@code startMicros <= timestamp < endMicros}. */
        public Builder rangeMicros(long startMicros, long endMicros) {
            this.startMicros = startMicros;
            this.endMicros = endMicros;
            return this;
        }

        /** Keep frames with {@code start <= timestamp < end}, in seconds. */
        public Builder rangeSeconds(double start, double end) {
            return rangeMicros(Math.round(start * 1e6),
                    Double.isInfinite(end) ? Long.MAX_VALUE : Math.round(end * 1e6));
        }

        /** How long to wait for a network stream to open. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long a read from a network stream may block. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * Seek to the start of the range instead of decoding up to it; frame indices are then
         * derived from timestamps (exact for constant-frame-rate video only).
         */
        public Builder seekToStart(boolean seek) {
            this.seekToStart = seek;
            return this;
        }

        /**
         * Whether a truncated local file yields the frames before the cut (true) or fails with a
         * {@link VideoTruncatedException} at the cut (false, the default); see
         * {@link VideoOptions#allowTruncated()}.
         */
        public Builder allowTruncated(boolean allow) {
            this.allowTruncated = allow;
            return this;
        }

        /**
         * Whether a local file's frames that the decoder could not decode cleanly are yielded
         * (true; FFmpeg's concealment fills them in) or fail with a {@link VideoCorruptException}
         * (false, the default); see {@link VideoOptions#allowCorruptFrames()}.
         */
        public Builder allowCorruptFrames(boolean allow) {
            this.allowCorruptFrames = allow;
            return this;
        }

        /** An extra FFmpeg option, e.g. {@code ("rtsp_transport", "tcp")}. */
        public Builder ffmpegOption(String key, String value) {
            ffmpegOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming every bad field and its value
         */
        public VideoOptions build() {
            return new VideoOptions(width, height, channels, everyNth, targetFps, startMicros, endMicros,
                    connectTimeout, readTimeout, ffmpegOptions, seekToStart, allowTruncated, allowCorruptFrames);
        }
    }
}
