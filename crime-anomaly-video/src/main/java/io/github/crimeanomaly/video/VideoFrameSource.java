package io.github.crimeanomaly.video;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.video.internal.FFmpegSupport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames of a video file or network stream, decoded by FFmpeg (JavaCV): any container and codec
 * FFmpeg reads (mp4, avi, mkv, mov, ...) and rtsp/http URLs.
 *
 * <pre>{@code
 * VideoOptions opts = VideoOptions.builder().size(180, 120).gray().build();
 * try (VideoFrameSource video = VideoFrameSource.open(Path.of("cctv.mp4"), opts)) {
 *     for (Optional<Frame> f = video.next(); f.isPresent(); f = video.next()) {
 *         ... f.get().index(), f.get().timestampMicros(), f.get().pixels() ...
 *     }
 * }
 * }</pre>
 *
 * <p>Every frame carries its index among all decoded frames of the video (so sampled frames keep
 * their original numbers) and its presentation timestamp from the stream's pts, relative to the
 * start of the container. Resizing and the conversion to gray or RGB are done by FFmpeg
 * (swscale); the bytes are then read straight into the float array.
 *
 * <p>Errors: a missing file is a {@link java.nio.file.NoSuchFileException}; an empty, foreign or
 * corrupt file a {@link VideoFormatException}; a network stream that refuses, times out or breaks
 * a {@link VideoConnectionException}. A file truncated mid-stream yields the frames before the cut
 * and then, where its header declares a frame count (AVI, MP4, MOV), fails with a
 * {@link VideoTruncatedException} naming the declared and the decoded count (unless
 * {@link VideoOptions#allowTruncated()}: then it ends with a warning), or fails earlier with an
 * {@link IOException} naming the frame. An MP4 whose index was cut off fails at {@code open}. A
 * file with damaged bytes further in yields the frames before the first frame the decoder could
 * not decode cleanly, then fails with a {@link VideoCorruptException} naming it (unless
 * {@link VideoOptions#allowCorruptFrames()}: then the concealed frames are yielded and counted,
 * {@link #corruptFrames()}, as they are for a network stream).
 * Holds a native decoder: close it. Not thread-safe.
 */
public final class VideoFrameSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(VideoFrameSource.class);

    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            BYTE_TO_UNIT[i] = i / 255f;
        }
    }

    private final String location;
    private final boolean url;
    private final VideoOptions opts;
    private final FFmpegFrameGrabber grabber;
    private final VideoInfo info;
    private final FrameFormat format;
    private final long startOffsetMicros;
    private final byte[] row;
    private long decoded;
    private boolean indicesFromTimestamps;
    private long lastIndex = -1;
    private long lastDecodedIndex = -1;
    private long lastDecodedMicros = -1;
    private long inRange;
    private long nextSampleMicros = -1;
    private long corruptFrames;
    private boolean ended;
    private boolean closed;

    private VideoFrameSource(String location, VideoOptions opts) throws IOException {
        this.location = location;
        this.url = FFmpegSupport.isUrl(location);
        this.opts = opts;
        this.grabber = FFmpegSupport.open(location, opts,
                opts.channels() == 1 ? avutil.AV_PIX_FMT_GRAY8 : avutil.AV_PIX_FMT_RGB24);
        boolean ok = false;
        try {
            this.info = describe(location, grabber);
            this.format = opts.formatFor(info.width(), info.height());
            checkFrameMemory(location, format, Runtime.getRuntime().maxMemory());
            // Lock the output size: a stream that changes resolution mid-way still yields frames of format().
            grabber.setImageWidth(format.width());
            grabber.setImageHeight(format.height());
            AVFormatContext oc = grabber.getFormatContext();
            long st = oc == null ? avutil.AV_NOPTS_VALUE : oc.start_time();
            this.startOffsetMicros = st == avutil.AV_NOPTS_VALUE || st < 0 ? 0 : st;
            this.row = new byte[format.width() * format.channels()];
            if (opts.seekToStart() && opts.startMicros() > 0 && !url) {
                if (!(info.fps() > 0)) {
                    throw new VideoFormatException("cannot seek in " + location
                            + ": frame rate unknown, so frame indices could not be derived; decode without seekToStart");
                }
                try {
                    grabber.setVideoTimestamp(opts.startMicros());
                } catch (Exception e) {
                    throw FFmpegSupport.translate(location, false, "seeking to " + opts.startMicros() + " us in", e);
                }
                indicesFromTimestamps = true;
            }
            ok = true;
        } finally {
            if (!ok) {
                FFmpegFrameGrabber g = grabber;
                FFmpegSupport.closeQuietly(g, location);
            }
        }
    }

    /**
     * Refuses output frames larger than a quarter of the heap before the first is allocated: a
     * header that declares 16000x16000 used to end in an out-of-memory error that named no size.
     *
     * @throws VideoFormatException naming the frame size, its bytes and the heap
     */
    static void checkFrameMemory(String location, FrameFormat format, long maxHeapBytes) throws VideoFormatException {
        long bytes = 4L * format.width() * format.height() * format.channels();
        if (bytes > maxHeapBytes / 4) {
            throw new VideoFormatException(String.format(Locale.ROOT, "%s: expected frames that fit in a quarter of "
                            + "the %d MB this JVM may use, got %dx%d %s frames of %d MB each as floats; decode them "
                            + "smaller (VideoOptions.Builder.size or format) or raise "
                            + "the heap (-Xmx)", location, maxHeapBytes >> 20, format.width(), format.height(),
                    format.channels() == 1 ? "gray" : format.channels() + "-channel", bytes >> 20));
        }
    }

    /** Opens a local video file with the given options. */
    public static VideoFrameSource open(Path file, VideoOptions options) throws IOException {
        return open(file.toString(), options);
    }

    /**
     * Opens a local file path or a URL ({@code rtsp://}, {@code http://}, {@code file://}).
     *
     * @throws java.nio.file.NoSuchFileException if a local file does not exist
     * @throws VideoFormatException              if it is not a video FFmpeg can decode
     * @throws VideoConnectionException          if a network stream cannot be opened in time
     */
    public static VideoFrameSource open(String location, VideoOptions options) throws IOException {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(options, "options");
        return new VideoFrameSource(location, options);
    }

    /** Opens a local file, full size, RGB, every frame. */
    public static VideoFrameSource open(Path file) throws IOException {
        return open(file, VideoOptions.DEFAULTS);
    }

    /** Reads the container header of a file and describes the video, without decoding frames. */
    public static VideoInfo probe(Path file) throws IOException {
        return probe(file.toString(), VideoOptions.DEFAULTS);
    }

    /**
     * Reads the header of a file or stream and describes the video, without decoding frames.
     * Only {@code options}' timeouts and FFmpeg options are used.
     */
    public static VideoInfo probe(String location, VideoOptions options) throws IOException {
        FFmpegFrameGrabber g = FFmpegSupport.open(location, options, -1);
        try {
            return describe(location, g);
        } finally {
            FFmpegSupport.closeQuietly(g, location);
        }
    }

    private static VideoInfo describe(String location, FFmpegFrameGrabber g) {
        AVFormatContext oc = g.getFormatContext();
        AVStream vs = FFmpegSupport.videoStream(g);
        double fps = g.getVideoFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = 0;
        }
        long duration = oc == null || oc.duration() == avutil.AV_NOPTS_VALUE || oc.duration() <= 0 ? -1 : oc.duration();
        long frames = vs != null && vs.nb_frames() > 0 ? vs.nb_frames()
                : duration > 0 && fps > 0 ? Math.round(duration / 1e6 * fps) : -1;
        String codec = avcodec.avcodec_get_name(g.getVideoCodec()).getString();
        return new VideoInfo(location, String.valueOf(g.getFormat()), codec, g.getImageWidth(), g.getImageHeight(),
                fps, duration, frames, g.hasAudio());
    }

    /** What the container header says about this video (size before resizing). */
    public VideoInfo info() {
        return info;
    }

    /** The options this source was opened with. */
    public VideoOptions options() {
        return opts;
    }

    @Override
    public Optional<Frame> next() throws IOException {
        if (closed) {
            throw new IllegalStateException("video source is closed: " + location);
        }
        while (!ended) {
            long idx = decoded;
            // Frames that every-n-th sampling drops are decoded (the codec needs them) but not converted.
            boolean wanted = opts.everyNth() == 1 || opts.hasRange() || idx % opts.everyNth() == 0;
            org.bytedeco.javacv.Frame raw;
            try {
                raw = grabber.grabFrame(false, true, wanted, false);
            } catch (Exception e) {
                ended = true;
                throw FFmpegSupport.translate(location, url, "decoding frame " + idx + " of", e);
            }
            if (raw == null || raw.image == null) {
                ended = true;
                checkReadError(idx);
                checkComplete();
                return Optional.empty();
            }
            decoded++;
            long ts = timestampOf(raw, idx);
            if (indicesFromTimestamps) {
                idx = Math.max(lastIndex + 1, Math.round(ts * info.fps() / 1e6));
            }
            if (ts >= opts.startMicros() && ts < opts.endMicros() && !decodedCleanly(idx, ts)) {
                return Optional.empty();
            }
            lastDecodedIndex = Math.max(lastDecodedIndex, idx);
            lastDecodedMicros = ts;
            if (ts < opts.startMicros()) {
                continue;
            }
            if (ts >= opts.endMicros()) {
                ended = true;
                return Optional.empty();
            }
            long k = inRange++;
            if (!wanted) {
                continue;
            }
            if (opts.everyNth() > 1 && k % opts.everyNth() != 0) {
                continue;
            }
            if (opts.targetFps() > 0) {
                long period = Math.round(1e6 / opts.targetFps());
                if (nextSampleMicros >= 0 && ts < nextSampleMicros - period / 20) {
                    continue;
                }
                nextSampleMicros = (nextSampleMicros < 0 ? ts : nextSampleMicros) + period;
                while (nextSampleMicros <= ts) {
                    nextSampleMicros += period;
                }
            }
            lastIndex = idx;
            return Optional.of(Frame.wrap(idx, ts, format, toChw(raw, idx)));
        }
        return Optional.empty();
    }

    /**
     * Checks that the frame just decoded was decoded cleanly. FFmpeg conceals damage (it still
     * returns an image), so a local file fails at the first damaged frame unless
     * {@link VideoOptions#allowCorruptFrames()}; a network stream or an allowed file counts it and
     * logs the first. A damaged frame at the end of a file cut mid-frame is the cut itself and is
     * reported as a truncation ({@link #checkComplete()}). Frames outside the time range are not
     * checked.
     *
     * @return false if the stream ends here (the cut of a truncated file, with allowTruncated)
     */
    private boolean decodedCleanly(long idx, long ts) throws IOException {
        int errors = FFmpegSupport.decodeErrors(grabber);
        if (errors == 0) {
            return true;
        }
        if (!url && !opts.allowCorruptFrames()) {
            ended = true;
            AVStream vs = FFmpegSupport.videoStream(grabber);
            if (atEndOfFile() && isTruncated(vs == null ? 0 : vs.nb_frames(), idx + 1)) {
                checkComplete(); // the frames before this partial one: throws unless allowTruncated
                return false;
            }
            throw new VideoCorruptException(location, idx, ts, errors);
        }
        if (corruptFrames++ == 0) {
            LOG.warn("{}: frame {} (at {} s) did not decode cleanly ({}); FFmpeg filled it in from other pixels,"
                            + " which may score as motion{}", location, idx,
                    String.format(Locale.ROOT, "%.2f", ts / 1e6), VideoCorruptException.describe(errors),
                    url ? "" : " (allowCorruptFrames)");
        }
        return true;
    }

    /** Whether the demuxer has read the file to its end. */
    private boolean atEndOfFile() {
        AVFormatContext oc = grabber.getFormatContext();
        AVIOContext pb = oc == null ? null : oc.pb();
        return pb != null && !pb.isNull() && pb.eof_reached() != 0;
    }

    /**
     * Frames so far that the decoder could not decode cleanly and concealed (only where they are
     * allowed: a network stream, or {@link VideoOptions#allowCorruptFrames()}; elsewhere the first
     * one fails). Frames before the time range are not counted.
     */
    public long corruptFrames() {
        return corruptFrames;
    }

    /**
     * JavaCV ends the stream on any read error; tell a real end from a failed read (a timed-out
     * or reset network stream, an I/O error) by the I/O context's error code.
     */
    private void checkReadError(long idx) throws IOException {
        AVFormatContext oc = grabber.getFormatContext();
        AVIOContext pb = oc == null ? null : oc.pb();
        int err = pb == null || pb.isNull() ? 0 : pb.error();
        if (err < 0 && err != avutil.AVERROR_EOF()) {
            String reason = FFmpegSupport.errorText(err);
            String msg = "reading " + location + " failed after " + idx + " frames: " + reason + " (FFmpeg error " + err + ")";
            throw url ? new VideoConnectionException(msg) : new IOException(msg);
        }
    }

    /**
     * At the end of a local file: fails (or warns, with {@link VideoOptions#allowTruncated()}) if
     * decoding ended well before the frame count the header declares.
     */
    private void checkComplete() throws IOException {
        if (url) {
            return;
        }
        AVStream vs = FFmpegSupport.videoStream(grabber);
        long declared = vs == null ? 0 : vs.nb_frames();
        long found = lastDecodedIndex + 1;
        if (!isTruncated(declared, found)) {
            return;
        }
        if (!opts.allowTruncated()) {
            throw new VideoTruncatedException(location, declared, found, lastDecodedMicros);
        }
        LOG.warn("{}: its header declares {} frames, but decoding ended after {}; the file is truncated or damaged,"
                + " the frames before the cut were used (allowTruncated)", location, declared, found);
    }

    /**
     * Whether {@code found} decoded frames fall short of a header's {@code declared} count by more
     * than headers and decoders disagree on an intact file: 5 frames or 2%, whichever is more.
     * {@code declared <= 0} (no count in the header, as in Matroska and WebM) is never truncated.
     */
    static boolean isTruncated(long declared, long found) {
        if (declared <= 0) {
            return false;
        }
        long tolerance = Math.max(5, (declared + 49) / 50);
        return found < declared - tolerance;
    }

    private long timestampOf(org.bytedeco.javacv.Frame raw, long idx) {
        long ts = raw.timestamp - startOffsetMicros;
        if (raw.timestamp == avutil.AV_NOPTS_VALUE || raw.timestamp < -1_000_000_000_000L) {
            // No pts: fall back to the nominal rate.
            ts = info.fps() > 0 ? Math.round(idx * 1e6 / info.fps()) : 0;
        }
        return Math.max(0, ts);
    }

    private float[] toChw(org.bytedeco.javacv.Frame raw, long idx) throws IOException {
        int w = format.width();
        int h = format.height();
        int c = format.channels();
        // The decoder converts to the pixel format asked for (GRAY8 or RGB24). JavaCV reports the
        // channels as row stride / width, which padding inflates for narrow frames (a 16-pixel
        // gray row is padded to 32 bytes: "2 channels"), so the stride is what is checked.
        if (raw.imageWidth != w || raw.imageHeight != h || raw.imageStride < w * c
                || !(raw.image[0] instanceof ByteBuffer)) {
            throw new VideoFormatException("expected decoded frames of " + format + " (rows of at least " + w * c
                    + " bytes), got width " + raw.imageWidth + ", height " + raw.imageHeight + " with rows of " + raw.imageStride
                    + " bytes at frame " + idx + " of " + location);
        }
        ByteBuffer buf = (ByteBuffer) raw.image[0];
        int stride = raw.imageStride;
        float[] out = new float[w * h * c];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            buf.get(y * stride, row, 0, w * c);
            int base = y * w;
            if (c == 1) {
                for (int x = 0; x < w; x++) {
                    out[base + x] = BYTE_TO_UNIT[row[x] & 0xff];
                }
            } else {
                for (int x = 0, j = 0; x < w; x++, j += 3) {
                    out[base + x] = BYTE_TO_UNIT[row[j] & 0xff];
                    out[plane + base + x] = BYTE_TO_UNIT[row[j + 1] & 0xff];
                    out[2 * plane + base + x] = BYTE_TO_UNIT[row[j + 2] & 0xff];
                }
            }
        }
        return out;
    }

    @Override
    public FrameFormat format() {
        return format;
    }

    /**
     * The number of frames this source will yield, when the container header states the video's
     * frame count and no time range or rate sampling is set. A damaged file may yield fewer.
     */
    @Override
    public OptionalLong frameCount() {
        AVStream vs = FFmpegSupport.videoStream(grabber);
        if (url || opts.hasRange() || opts.targetFps() > 0 || vs == null || vs.nb_frames() <= 0) {
            return OptionalLong.empty();
        }
        long n = vs.nb_frames();
        return OptionalLong.of((n + opts.everyNth() - 1) / opts.everyNth());
    }

    /** The video's frame rate, divided by the sampling when frames are sampled. */
    @Override
    public OptionalDouble fps() {
        if (opts.targetFps() > 0) {
            return OptionalDouble.of(info.fps() > 0 ? Math.min(opts.targetFps(), info.fps()) : opts.targetFps());
        }
        return info.fps() > 0 ? OptionalDouble.of(info.fps() / opts.everyNth()) : OptionalDouble.empty();
    }

    /** Number of frames decoded so far, including those that sampling or the range dropped. */
    public long decodedFrames() {
        return decoded;
    }

    @Override
    public String description() {
        return location;
    }

    /** Stops the decoder and frees its native memory. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            FFmpegSupport.closeQuietly(grabber, location);
        }
    }
}
