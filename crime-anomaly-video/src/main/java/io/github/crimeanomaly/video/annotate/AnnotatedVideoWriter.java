package io.github.crimeanomaly.video.annotate;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.video.internal.FrameImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a copy of a video with each frame's score drawn on it: the class and its probability
 * ({@code "Fight: 0.9995"}) or the score, the frame number and time, a red border on frames at or
 * above the report's threshold, and a score timeline along the bottom with the current position.
 *
 * <pre>{@code
 * AnnotatedVideoWriter.Result r = AnnotatedVideoWriter.write("cctv.mp4", report, Path.of("out/annotated.mp4"));
 * }</pre>
 *
 * <p>The video is decoded again for its pixels, one frame at a time, so memory does not grow with
 * its length. Output is MP4/H.264 (OpenH264 in the bundled FFmpeg build); if that encoder cannot
 * be opened it falls back to MPEG-4 Part 2 in MP4 and says so in the log and in
 * {@link Result#codec()}. The file is written to a temporary file next to the target and moved
 * over it only when complete. When the detector scored only some frames, the frames in between
 * show the last score before them.
 */
public final class AnnotatedVideoWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotatedVideoWriter.class);

    /** The default width limit: larger videos are scaled down to it. */
    public static final int DEFAULT_MAX_WIDTH = 1280;

    private AnnotatedVideoWriter() {
    }

    /**
     * What was written.
     *
     * @param file   the output file
     * @param codec  the encoder used ({@code "libopenh264"} or the fallback {@code "mpeg4"})
     * @param frames number of frames written
     * @param width  output width
     * @param height output height
     */
    public record Result(Path file, String codec, long frames, int width, int height) {
    }

    /** Writes with the default width limit and no progress callback. */
    public static Result write(String video, AnomalyReport report, Path output) throws IOException {
        return write(video, report, output, DEFAULT_MAX_WIDTH, n -> { });
    }

    /**
     * Writes the annotated video.
     *
     * @param video    the video that was scored (path or URL), or its folder of image frames (the
     *                 annotated video then runs at the frame rate of the scores' timestamps)
     * @param report   its scores
     * @param output   the .mp4 to write (replaced atomically)
     * @param maxWidth scale the video down to at most this width (keeps the aspect ratio)
     * @param progress called with the number of frames written so far, every 25 frames
     * @throws IOException if the video cannot be decoded or the output cannot be written; no
     *                     partial output is left behind
     */
    public static Result write(String video, AnomalyReport report, Path output, int maxWidth,
                               LongConsumer progress) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(progress, "progress");
        if (maxWidth < 16) {
            throw new IllegalArgumentException("maxWidth must be >= 16, got " + maxWidth);
        }
        FrameImages.Size info = FrameImages.probe(video);
        int w = info.width();
        int h = info.height();
        if (w > maxWidth) {
            h = (int) Math.round(h * (double) maxWidth / w);
            w = maxWidth;
        }
        // YUV 4:2:0 needs even sizes.
        w = Math.max(2, w & ~1);
        h = Math.max(2, h & ~1);
        // an image folder has no frame rate of its own: that of the scores' timestamps, else 25
        double fps = info.fps() > 0 ? info.fps() : report.frameRate().orElse(25);
        Path target = output.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException("expected a file path for the annotated video, found a directory: " + target);
        }
        final int fw = w;
        final int fh = h;
        Result[] result = new Result[1];
        // The encoder writes the temp file itself; AtomicFiles moves it into place only when complete.
        AtomicFiles.writeVia(target, tmp -> {
            FrameImages grabber = null;
            FFmpegFrameRecorder recorder = null;
            try {
                grabber = FrameImages.open(video, fw, fh);
                String[] codecName = new String[1];
                recorder = startRecorder(tmp, fw, fh, fps, codecName);
                String codec = codecName[0];
                Timeline timeline = new Timeline(report, fw, fh);
                ScoreLookup lookup = new ScoreLookup(report.frames());
                long n = 0;
                try (Java2DFrameConverter out = new Java2DFrameConverter()) {
                    while (grabber.advance(true)) {
                        BufferedImage img = grabber.image();
                        FrameScore s = lookup.at(n);
                        annotate(img, s, n, grabber.timestampMicros(), report.threshold(), timeline);
                        try {
                            recorder.record(out.getFrame(img), avutil.AV_PIX_FMT_BGR24);
                        } catch (Exception e) {
                            throw new IOException("encoding frame " + n + " of the annotated video " + target + " failed: "
                                    + e.getMessage(), e);
                        }
                        n++;
                        if (n % 25 == 0) {
                            progress.accept(n);
                        }
                    }
                }
                if (n == 0) {
                    throw new IOException("no frames decoded from " + video + "; nothing to annotate");
                }
                try {
                    recorder.stop();
                } catch (Exception e) {
                    throw new IOException("finishing the annotated video " + target + " failed: " + e.getMessage(), e);
                }
                progress.accept(n);
                closeRecorder(recorder);
                recorder = null;
                if (report.frames().size() > 0 && report.frames().get(report.frames().size() - 1).frameIndex() >= n) {
                    LOG.warn("{}: the report scores frames up to {} but the video has only {}",
                            video, report.frames().get(report.frames().size() - 1).frameIndex(), n);
                }
                LOG.debug("wrote {} ({} frames, {}x{}, {})", target, n, fw, fh, codec);
                result[0] = new Result(target, codec, n, fw, fh);
            } finally {
                if (recorder != null) {
                    closeRecorder(recorder);
                }
                if (grabber != null) {
                    grabber.close();
                }
            }
        });
        return result[0];
    }

    private static FFmpegFrameRecorder startRecorder(Path file, int w, int h, double fps, String[] codecName)
            throws IOException {
        // Roughly 0.15 bits per pixel: readable overlays without huge files.
        int bitrate = (int) Math.max(400_000, Math.min(20_000_000, 0.15 * w * h * fps));
        Exception h264Failure;
        FFmpegFrameRecorder r = newRecorder(file, w, h, fps, bitrate, avcodec.AV_CODEC_ID_H264);
        try {
            r.start();
            codecName[0] = encoderName(avcodec.AV_CODEC_ID_H264);
            return r;
        } catch (Exception e) {
            h264Failure = e;
            closeRecorder(r);
        }
        LOG.warn("H.264 encoder not available ({}); writing MPEG-4 Part 2 in MP4 instead", h264Failure.getMessage());
        r = newRecorder(file, w, h, fps, bitrate, avcodec.AV_CODEC_ID_MPEG4);
        try {
            r.start();
            codecName[0] = encoderName(avcodec.AV_CODEC_ID_MPEG4);
            return r;
        } catch (Exception e) {
            closeRecorder(r);
            IOException io = new IOException("cannot open a video encoder for " + file + " (H.264: "
                    + h264Failure.getMessage() + "; MPEG-4: " + e.getMessage() + ")", e);
            io.addSuppressed(h264Failure);
            throw io;
        }
    }

    private static String encoderName(int codecId) {
        org.bytedeco.ffmpeg.avcodec.AVCodec c = avcodec.avcodec_find_encoder(codecId);
        return c == null || c.isNull() ? avcodec.avcodec_get_name(codecId).getString() : c.name().getString();
    }

    private static FFmpegFrameRecorder newRecorder(Path file, int w, int h, double fps, int bitrate, int codec) {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
        r.setFormat("mp4");
        r.setVideoCodec(codec);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(fps);
        r.setVideoBitrate(bitrate);
        r.setGopSize((int) Math.max(1, Math.round(fps * 2)));
        return r;
    }

    private static void closeRecorder(FFmpegFrameRecorder r) {
        try {
            r.close();
        } catch (Exception e) {
            LOG.warn("closing the video encoder failed: {}", e.toString());
        }
    }

    private static void annotate(BufferedImage img, FrameScore s, long index, long rawTimestamp, double threshold,
                                 Timeline timeline) {
        Graphics2D g = img.createGraphics();
        try {
            boolean alert = s != null && s.score() >= threshold;
            double seconds = s != null && s.frameIndex() == index ? s.timestampSeconds() : Math.max(0, rawTimestamp) / 1e6;
            String line2 = String.format(Locale.ROOT, "frame %d  %.2f s%s", index, seconds,
                    s != null && !s.classProbabilities().isEmpty() ? String.format(Locale.ROOT, "  score %.3f", s.score()) : "");
            Overlay.draw(g, img.getWidth(), img.getHeight(), Overlay.label(s), line2, alert);
            timeline.draw(g, index);
        } finally {
            g.dispose();
        }
    }

    /** The score curve along the bottom of the frame, precomputed once per video. */
    static final class Timeline {
        private final int w;
        private final int h;
        private final int stripH;
        private final int[] ys;
        private final int thresholdY;
        private final long first;
        private final long span;

        Timeline(AnomalyReport report, int w, int h) {
            this.w = w;
            this.h = h;
            this.stripH = Math.max(12, h / 10);
            List<FrameScore> fs = report.frames();
            this.first = fs.isEmpty() ? 0 : fs.get(0).frameIndex();
            this.span = fs.isEmpty() ? 1 : Math.max(1, fs.get(fs.size() - 1).frameIndex() - first);
            double lo = report.threshold();
            double hi = report.threshold();
            for (FrameScore f : fs) {
                lo = Math.min(lo, f.score());
                hi = Math.max(hi, f.score());
            }
            double range = hi > lo ? hi - lo : 1;
            double[] colMax = new double[w];
            java.util.Arrays.fill(colMax, Double.NaN);
            for (FrameScore f : fs) {
                int x = (int) ((f.frameIndex() - first) * (w - 1) / span);
                colMax[x] = Double.isNaN(colMax[x]) ? f.score() : Math.max(colMax[x], f.score());
            }
            ys = new int[w];
            double last = lo;
            for (int x = 0; x < w; x++) {
                if (!Double.isNaN(colMax[x])) {
                    last = colMax[x];
                }
                ys[x] = h - 2 - (int) Math.round((last - lo) / range * (stripH - 4));
            }
            thresholdY = h - 2 - (int) Math.round((report.threshold() - lo) / range * (stripH - 4));
        }

        void draw(Graphics2D g, long index) {
            if (ys.length == 0) {
                return;
            }
            g.setColor(new Color(0, 0, 0, 120));
            g.fillRect(0, h - stripH, w, stripH);
            g.setStroke(new BasicStroke(1f));
            g.setColor(new Color(255, 200, 0, 200));
            for (int x = 0; x < w; x += 6) {
                g.drawLine(x, thresholdY, Math.min(w - 1, x + 3), thresholdY);
            }
            g.setColor(Color.WHITE);
            for (int x = 1; x < w; x++) {
                g.drawLine(x - 1, ys[x - 1], x, ys[x]);
            }
            int cx = (int) Math.max(0, Math.min(w - 1, (index - first) * (w - 1) / span));
            g.setColor(Overlay.ALERT);
            g.fillRect(cx - 1, h - stripH, 3, stripH);
        }
    }
}
