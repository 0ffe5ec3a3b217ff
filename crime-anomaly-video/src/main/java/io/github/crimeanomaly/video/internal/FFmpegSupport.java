package io.github.crimeanomaly.video.internal;

import io.github.crimeanomaly.video.VideoConnectionException;
import io.github.crimeanomaly.video.VideoFormatException;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that touches FFmpeg's process-wide state (its log level) and JavaCV's internals
 * (the decoded frame's error flags), and turns JavaCV's exceptions into the library's
 * {@link IOException}s. Internal: not part of the API.
 *
 * <p>FFmpeg logs to the process's stderr from native code. It is set to {@code fatal} by default
 * so that broken input does not flood the console (the library reports problems as exceptions);
 * set the system property {@code crimeanomaly.ffmpeg.loglevel} to {@code quiet}, {@code error},
 * {@code warning}, {@code info} or {@code debug} to change that.
 */
public final class FFmpegSupport {

    private static final Logger LOG = LoggerFactory.getLogger(FFmpegSupport.class);
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern AV_ERROR = Pattern.compile("error (-?\\d+)");
    private static volatile boolean initialized;

    private FFmpegSupport() {
    }

    /** Loads the natives and sets FFmpeg's log level, once. */
    public static void init() {
        if (initialized) {
            return;
        }
        synchronized (FFmpegSupport.class) {
            if (initialized) {
                return;
            }
            String name = System.getProperty("crimeanomaly.ffmpeg.loglevel", "fatal").toLowerCase(Locale.ROOT);
            int level = switch (name) {
                case "quiet" -> avutil.AV_LOG_QUIET;
                case "panic" -> avutil.AV_LOG_PANIC;
                case "error" -> avutil.AV_LOG_ERROR;
                case "warning" -> avutil.AV_LOG_WARNING;
                case "info" -> avutil.AV_LOG_INFO;
                case "verbose" -> avutil.AV_LOG_VERBOSE;
                case "debug" -> avutil.AV_LOG_DEBUG;
                default -> avutil.AV_LOG_FATAL;
            };
            avutil.av_log_set_level(level);
            initialized = true;
        }
    }

    /** Set in {@link #decodeErrors}'s result when the frame's {@code AV_FRAME_FLAG_CORRUPT} is set. */
    public static final int FRAME_FLAG_CORRUPT = 1 << 16;

    /** libavutil/frame.h's {@code AV_FRAME_FLAG_CORRUPT}, which the bindings do not map. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    /** JavaCV's decoded frame ({@code FFmpegFrameGrabber.picture}, private), or null if it has none. */
    private static final java.lang.reflect.Field PICTURE = pictureField();

    private static java.lang.reflect.Field pictureField() {
        try {
            java.lang.reflect.Field f = FFmpegFrameGrabber.class.getDeclaredField("picture");
            if (f.getType() != org.bytedeco.ffmpeg.avutil.AVFrame.class) {
                throw new NoSuchFieldException("picture is a " + f.getType().getName());
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("damaged video frames will not be detected: this JavaCV has no readable decoded frame ({})",
                    e.toString());
            return null;
        }
    }

    /**
     * How the frame {@code g} decoded last went: FFmpeg's {@code decode_error_flags} (invalid
     * bitstream 1, missing reference 2, concealment active 4, slices lost 8), plus
     * {@link #FRAME_FLAG_CORRUPT}; 0 for a clean frame, or when JavaCV's decoded frame cannot be
     * read. Call right after a grab that returned an image.
     */
    public static int decodeErrors(FFmpegFrameGrabber g) {
        if (PICTURE == null) {
            return 0;
        }
        try {
            org.bytedeco.ffmpeg.avutil.AVFrame p = (org.bytedeco.ffmpeg.avutil.AVFrame) PICTURE.get(g);
            if (p == null || p.isNull()) {
                return 0;
            }
            return (p.decode_error_flags() & 0xffff) | ((p.flags() & AV_FRAME_FLAG_CORRUPT) != 0
                    ? FRAME_FLAG_CORRUPT : 0);
        } catch (IllegalAccessException e) {
            return 0;
        }
    }

    /** Whether {@code location} is a URL ({@code scheme://...}) rather than a file path. */
    public static boolean isUrl(String location) {
        return URL.matcher(location).matches() && !location.regionMatches(true, 0, "file://", 0, 7);
    }

    /**
     * Opens and starts a grabber, checking local files first so that the common mistakes get
     * precise messages.
     *
     * @param pixelFormat an {@code AV_PIX_FMT_*} to convert to, or -1 to leave frames undecoded
     *                    (probing)
     */
    public static FFmpegFrameGrabber open(String location, VideoOptions opts, int pixelFormat) throws IOException {
        init();
        boolean url = isUrl(location);
        String target = location;
        if (!url) {
            Path p = localPath(location);
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "no such video file");
            }
            if (Files.isDirectory(p)) {
                throw new VideoFormatException("expected a video file, found a directory: " + p);
            }
            if (!Files.isReadable(p)) {
                throw new java.nio.file.AccessDeniedException(p.toString(), null, "video file is not readable");
            }
            long size = Files.size(p);
            if (size == 0) {
                throw new VideoFormatException("expected a video, found an empty file (0 bytes): " + p);
            }
            target = p.toAbsolutePath().toString();
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(target);
        if (url) {
            g.setOption("timeout", Long.toString(opts.connectTimeout().toNanos() / 1000));
            g.setOption("rw_timeout", Long.toString(opts.readTimeout().toNanos() / 1000));
        }
        opts.ffmpegOptions().forEach(g::setOption);
        if (pixelFormat >= 0) {
            g.setPixelFormat(pixelFormat);
            g.setImageScalingFlags(swscale.SWS_AREA);
            if (opts.resizes()) {
                g.setImageWidth(opts.width());
                g.setImageHeight(opts.height());
            }
        }
        boolean ok = false;
        try {
            long t0 = System.nanoTime();
            try {
                g.start();
            } catch (Exception e) {
                IOException io = translate(location, url, "cannot open", e);
                long waitedMs = (System.nanoTime() - t0) / 1_000_000;
                if (url && waitedMs >= opts.connectTimeout().toMillis() * 9 / 10) {
                    // FFmpeg reports a server that never answers in protocol terms (RTSP says
                    // "Invalid data found"); say what happened.
                    throw timedOut(location, waitedMs, io);
                }
                throw io;
            }
            if (!g.hasVideo() || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
                throw new VideoFormatException("expected a video stream, found none in " + location
                        + " (container " + g.getFormat() + ", " + (g.hasAudio() ? "audio only)" : "no streams)"));
            }
            if ("tty".equals(g.getFormat())) {
                // FFmpeg's text demuxer renders any text file as ANSI art: a videos.txt or a CSV
                // given by mistake would be "decoded" into frames of rendered characters
                throw new VideoFormatException("expected a video, found a text file: " + location
                        + " (FFmpeg would render it as text, container 'tty')");
            }
            ok = true;
            return g;
        } finally {
            if (!ok) {
                closeQuietly(g, location);
            }
        }
    }

    private static VideoConnectionException timedOut(String location, long waitedMs, IOException io) {
        String ffmpeg = io.getMessage().substring(io.getMessage().indexOf(": ") + 2);
        return new VideoConnectionException(String.format(Locale.ROOT,
                "cannot open %s: no answer within %.1f s (connect/read timeout; FFmpeg: %s)",
                location, waitedMs / 1000.0, ffmpeg), io.getCause());
    }

    private static Path localPath(String location) throws NoSuchFileException {
        try {
            return location.regionMatches(true, 0, "file://", 0, 7) ? Path.of(java.net.URI.create(location))
                    : Path.of(location);
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(location, null, "not a valid file path or URL: " + e.getMessage());
        }
    }

    /** The video stream of an open grabber, or null. */
    public static AVStream videoStream(FFmpegFrameGrabber g) {
        AVFormatContext oc = g.getFormatContext();
        if (oc == null) {
            return null;
        }
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            if (st.codecpar() != null && st.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return st;
            }
        }
        return null;
    }

    /** Stops and releases a grabber, logging (not throwing) a failure. */
    public static void closeQuietly(FFmpegFrameGrabber g, String location) {
        try {
            g.close();
        } catch (Exception e) {
            LOG.warn("closing the decoder of {} failed: {}", location, e.toString());
        }
    }

    /**
     * Turns a JavaCV exception into an {@link IOException} whose message names the location and
     * FFmpeg's explanation of the error code.
     */
    public static IOException translate(String location, boolean url, String what, Throwable e) {
        String raw = String.valueOf(e.getMessage());
        int code = 0;
        Matcher m = AV_ERROR.matcher(raw);
        if (m.find()) {
            try {
                code = Integer.parseInt(m.group(1));
            } catch (NumberFormatException ignored) {
                code = 0;
            }
        }
        String reason = code != 0 ? errorText(code) : withoutJavaCvHints(raw);
        String msg = what + " " + location + ": " + reason + (code != 0 ? " (FFmpeg error " + code + ")" : "");
        if (url) {
            return new VideoConnectionException(msg, e);
        }
        if (code == avutil.AVERROR_INVALIDDATA() || code == avutil.AVERROR_EOF()
                || code == avutil.AVERROR_DECODER_NOT_FOUND() || code == avutil.AVERROR_DEMUXER_NOT_FOUND()
                || code == -22 /* EINVAL */ || code == -1 /* EPERM, FFmpeg's "Operation not permitted" from probing */) {
            return new VideoFormatException(msg + "; expected a video file FFmpeg can decode", e);
        }
        return new IOException(msg, e);
    }

    /**
     * JavaCV's message without the hints it appends for its own API ("(Has setFormat() been
     * called?)", "(For more details, make sure FFmpegLogCallback.set() has been called.)"), which
     * mean nothing to a user of this library.
     */
    static String withoutJavaCvHints(String message) {
        return JAVACV_HINT.matcher(message).replaceAll("").trim();
    }

    private static final Pattern JAVACV_HINT = Pattern.compile(
            "\\s*\\((?:Has setFormat\\(\\) been called\\?|For more details, make sure FFmpegLogCallback\\.set\\(\\) "
                    + "has been called\\.)\\)");

    /** FFmpeg's text for an {@code AVERROR} code. */
    public static String errorText(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) {
            return "unknown error";
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
