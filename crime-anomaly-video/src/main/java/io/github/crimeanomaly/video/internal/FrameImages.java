package io.github.crimeanomaly.video.internal;

import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoInfo;
import io.github.crimeanomaly.video.VideoOptions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The frames of a video, or of a folder of image frames, one at a time as BGR images of a fixed
 * size: what the annotated video and the contact sheet draw on. A folder is read in the order
 * {@link ImageFolderFrameSource} reads it (natural order of the file names), so frame {@code n}
 * here is frame {@code n} of the scores.
 */
public abstract class FrameImages implements Closeable {

    /**
     * The native size of a source's frames.
     *
     * @param width  pixels
     * @param height pixels
     * @param fps    frames per second, or 0 if the source does not say (image folders)
     */
    public record Size(int width, int height, double fps) {
    }

    /** Whether {@code location} is a local folder (to be read as image frames) rather than a video. */
    public static boolean isImageFolder(String location) {
        if (FFmpegSupport.isUrl(location)) {
            return false;
        }
        try {
            return Files.isDirectory(Path.of(location));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The native frame size of a video (from its header) or of an image folder (its first image). */
    public static Size probe(String location) throws IOException {
        if (isImageFolder(location)) {
            try (ImageFolderFrameSource src = openNative(Path.of(location))) {
                return new Size(src.format().width(), src.format().height(), 0);
            }
        }
        VideoInfo info = VideoFrameSource.probe(location, VideoOptions.DEFAULTS);
        return new Size(info.width(), info.height(), info.fps());
    }

    /** Opens {@code location} for frames scaled to {@code width x height}. */
    public static FrameImages open(String location, int width, int height) throws IOException {
        return isImageFolder(location) ? new Folder(Path.of(location), width, height)
                : new Video(location, width, height);
    }

    /** The folder at its native size; refuses a missing or empty folder as the scoring pass does. */
    private static ImageFolderFrameSource openNative(Path dir) throws IOException {
        return ImageFolderFrameSource.open(dir, ImageFolderFrameSource.Options.nativeGray(ImageFolderFrameSource.DEFAULT_FPS));
    }

    /**
     * Moves to the next frame.
     *
     * @param wantImage whether {@link #image()} will be called for it (frames not wanted may be
     *                  skipped without decoding their pixels)
     * @return false at the end of the source
     */
    public abstract boolean advance(boolean wantImage) throws IOException;

    /** The current frame, {@code TYPE_3BYTE_BGR} at the opened size; valid until the next {@link #advance}. */
    public abstract BufferedImage image();

    /** The current frame's timestamp in microseconds as the source gives it, or -1 if it gives none. */
    public abstract long timestampMicros();

    @Override
    public abstract void close();

    private static final class Video extends FrameImages {
        private final String location;
        private final FFmpegFrameGrabber grabber;
        private final Java2DFrameConverter converter = new Java2DFrameConverter();
        private Frame frame;
        private long index = -1;

        Video(String location, int width, int height) throws IOException {
            this.location = location;
            this.grabber = FFmpegSupport.open(location, VideoOptions.builder().size(width, height).build(),
                    avutil.AV_PIX_FMT_BGR24);
        }

        @Override
        public boolean advance(boolean wantImage) throws IOException {
            index++;
            try {
                frame = grabber.grabFrame(false, true, wantImage, false);
            } catch (Exception e) {
                throw FFmpegSupport.translate(location, FFmpegSupport.isUrl(location), "decoding frame " + index + " of", e);
            }
            return frame != null && frame.image != null;
        }

        @Override
        public BufferedImage image() {
            return converter.getBufferedImage(frame);
        }

        @Override
        public long timestampMicros() {
            return frame == null ? -1 : frame.timestamp;
        }

        @Override
        public void close() {
            converter.close();
            FFmpegSupport.closeQuietly(grabber, location);
        }
    }

    private static final class Folder extends FrameImages {
        private final List<Path> files;
        private final int width;
        private final int height;
        private final BufferedImage canvas;
        private int nativeWidth = -1;
        private int nativeHeight = -1;
        private int index = -1;

        Folder(Path dir, int width, int height) throws IOException {
            try (ImageFolderFrameSource src = openNative(dir)) {
                this.files = src.files();
            }
            this.width = width;
            this.height = height;
            this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        }

        @Override
        public boolean advance(boolean wantImage) throws IOException {
            if (index + 1 >= files.size()) {
                return false;
            }
            index++;
            if (wantImage) {
                Path file = files.get(index);
                BufferedImage img = ImageFolderFrameSource.read(file);
                if (nativeWidth < 0) {
                    nativeWidth = img.getWidth();
                    nativeHeight = img.getHeight();
                } else if (img.getWidth() != nativeWidth || img.getHeight() != nativeHeight) {
                    throw new IOException("expected every image of the folder to be width " + nativeWidth + ", height " + nativeHeight
                            + " (as the first one read), got width " + img.getWidth() + ", height " + img.getHeight()
                            + " (" + file + ")");
                }
                Graphics2D g = canvas.createGraphics();
                try {
                    g.setColor(java.awt.Color.BLACK); // under transparent pixels, not the last frame's overlay
                    g.fillRect(0, 0, width, height);
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.drawImage(img, 0, 0, width, height, null);
                } finally {
                    g.dispose();
                }
            }
            return true;
        }

        @Override
        public BufferedImage image() {
            if (index < 0) {
                throw new IllegalStateException("advance() first");
            }
            return canvas;
        }

        @Override
        public long timestampMicros() {
            return -1;
        }

        @Override
        public void close() {
        }
    }
}
