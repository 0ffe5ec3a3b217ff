package io.github.crimeanomaly.frame;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Frames from a folder of still images (png, jpg, bmp, tif/tiff, gif), one image per frame, in
 * natural order of the file names ({@code 2.png} before {@code 10.png}). Every image must have the
 * same native size; frames are resized to the target size (area averaging when shrinking by an
 * integer factor, bilinear otherwise) and converted to gray or RGB.
 *
 * <pre>{@code
 * var opts = ImageFolderFrameSource.Options.of(FrameFormat.gray(180, 120), 10.0);
 * try (FrameSource src = ImageFolderFrameSource.open(Path.of("UCSDped2/Test/Test001"), opts)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Images are decoded one at a time in {@link #next()}, so memory does not grow with the
 * number of frames. Timestamps are {@code index / fps}.
 */
public final class ImageFolderFrameSource implements FrameSource {

    /** The highest frame rate: one frame a microsecond, the resolution of frame timestamps. */
    public static final double MAX_FPS = 1_000_000;

    /** File extensions (lower case) read as frames. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff", "gif");

    /**
     * How to read the images.
     *
     * @param width    target width in pixels, or 0 for the native width of the images
     * @param height   target height in pixels, or 0 for the native height (both 0 or both &gt; 0)
     * @param channels 1 for gray, 3 for RGB
     * @param fps      frames per second used for timestamps, in (0, {@link ImageFolderFrameSource#MAX_FPS}]
     */
    public record Options(int width, int height, int channels, double fps) {

        /** Validates the fields. */
        public Options {
            if (width < 0) {
                throw new IllegalArgumentException("width must be >= 0 (0 = native), got " + width);
            }
            if (height < 0) {
                throw new IllegalArgumentException("height must be >= 0 (0 = native), got " + height);
            }
            if ((width == 0) != (height == 0)) {
                throw new IllegalArgumentException("width and height must both be 0 (native) or both > 0, got "
                        + width + "x" + height);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
            }
            if (!(fps > 0 && fps <= MAX_FPS)) {
                throw new IllegalArgumentException("fps must be > 0 and at most " + (long) MAX_FPS
                        + " (timestamps are whole microseconds), got " + fps);
            }
        }

        /** Frames resized to {@code format} at the given frame rate. */
        public static Options of(FrameFormat format, double fps) {
            return new Options(format.width(), format.height(), format.channels(), fps);
        }

        /** Native size, gray, at the given frame rate. */
        public static Options nativeGray(double fps) {
            return new Options(0, 0, 1, fps);
        }
    }

    private final Path dir;
    private final List<Path> files;
    private final Options options;
    private final FrameFormat format;
    private final int nativeWidth;
    private final int nativeHeight;
    private int next;
    private boolean closed;

    private ImageFolderFrameSource(Path dir, List<Path> files, Options options, int nativeWidth, int nativeHeight) {
        this.dir = dir;
        this.files = files;
        this.options = options;
        this.nativeWidth = nativeWidth;
        this.nativeHeight = nativeHeight;
        int w = options.width() == 0 ? nativeWidth : options.width();
        int h = options.height() == 0 ? nativeHeight : options.height();
        this.format = new FrameFormat(w, h, options.channels());
    }

    /** Frame rate assumed by {@link #open(Path, FrameFormat)}: image folders do not record one. */
    public static final double DEFAULT_FPS = 25.0;

    /**
     * Opens a folder, resizing to {@code format}, with timestamps at {@link #DEFAULT_FPS}.
     *
     * @throws IOException if the folder is missing, holds no images, or its first image cannot be read
     */
    public static ImageFolderFrameSource open(Path dir, FrameFormat format) throws IOException {
        return open(dir, Options.of(format, DEFAULT_FPS));
    }

    /**
     * Opens a folder, resizing to {@code format}.
     *
     * @throws IOException if the folder is missing, holds no images, or its first image cannot be read
     */
    public static ImageFolderFrameSource open(Path dir, FrameFormat format, double fps) throws IOException {
        return open(dir, Options.of(format, fps));
    }

    /**
     * Opens a folder. The first image is decoded to learn the native size; the others are decoded
     * lazily by {@link #next()}.
     *
     * @throws NoSuchFileException  if the folder does not exist
     * @throws NotDirectoryException if the path is not a folder
     * @throws IOException          if the folder holds no images or the first image cannot be read
     */
    public static ImageFolderFrameSource open(Path dir, Options options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        List<Path> files = listImages(dir);
        if (files.isEmpty()) {
            throw new IOException("expected image files (" + String.join(", ", new java.util.TreeSet<>(EXTENSIONS))
                    + ") in " + dir + ", found none");
        }
        BufferedImage first = read(files.get(0));
        return new ImageFolderFrameSource(dir, files, options, first.getWidth(), first.getHeight());
    }

    /**
     * The image files of a folder that would become frames, in natural order.
     *
     * @throws NoSuchFileException   if the folder does not exist
     * @throws NotDirectoryException if the path is not a folder
     */
    public static List<Path> listImages(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a folder of image frames, found nothing");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> EXTENSIONS.contains(extension(p)))
                    .forEach(files::add);
        }
        files.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        return List.copyOf(files);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes one image file.
     *
     * @throws IOException naming the file if it cannot be read or is not a supported image
     */
    public static BufferedImage read(Path file) throws IOException {
        BufferedImage img = null;
        try (InputStream in = Files.newInputStream(file);
             javax.imageio.stream.ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            java.util.Iterator<javax.imageio.ImageReader> readers = iis == null
                    ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(iis);
            if (readers.hasNext()) {
                javax.imageio.ImageReader r = readers.next();
                try {
                    r.setInput(iis, true, true);
                    // the header's size first: a small file can declare an image too large to hold
                    long w = r.getWidth(0);
                    long h = r.getHeight(0);
                    if (w * h > MAX_PIXELS) {
                        throw new ImageTooLarge("expected images of at most " + MAX_PIXELS + " pixels (e.g. "
                                + "8192x8192), found " + w + "x" + h + ": " + file);
                    }
                    img = r.read(0);
                } finally {
                    r.dispose();
                }
            }
        } catch (ImageTooLarge e) {
            throw new IOException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new IOException("expected a readable image, got a corrupt or unreadable file: " + file
                    + " (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException("expected an image in a supported format (png, jpg, bmp, tif, gif), got "
                    + "an unrecognised or corrupt file: " + file);
        }
        return img;
    }

    /** Most pixels an image may have (8192x8192): decoding a larger one could exhaust the heap. */
    public static final long MAX_PIXELS = 8192L * 8192;

    private static final class ImageTooLarge extends RuntimeException {
        ImageTooLarge(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Optional<Frame> next() throws IOException {
        if (closed) {
            throw new IllegalStateException("source is closed: " + dir);
        }
        if (next >= files.size()) {
            return Optional.empty();
        }
        Path file = files.get(next);
        BufferedImage img = read(file);
        if (img.getWidth() != nativeWidth || img.getHeight() != nativeHeight) {
            throw new IOException("expected every image of the folder to be width " + nativeWidth + ", height " + nativeHeight
                    + " (as " + files.get(0).getFileName() + "), got width " + img.getWidth() + ", height " + img.getHeight()
                    + " (" + file + ")");
        }
        float[] pixels = ImageConversion.toChw(img, format.channels(), format.width(), format.height());
        int index = next++;
        long ts = Math.round(index * 1_000_000.0 / options.fps());
        return Optional.of(Frame.wrap(index, ts, format, pixels));
    }

    @Override
    public FrameFormat format() {
        return format;
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.of(files.size());
    }

    @Override
    public OptionalDouble fps() {
        return OptionalDouble.of(options.fps());
    }

    @Override
    public String description() {
        return dir.toString();
    }

    /** The image files, in frame order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Conversion of decoded images to CHW floats. Package-private. */
    static final class ImageConversion {
        private ImageConversion() {
        }

        static float[] toChw(BufferedImage img, int channels, int outW, int outH) {
            int w = img.getWidth();
            int h = img.getHeight();
            float[][] planes = nativePlanes(img, channels);
            float[] out = new float[channels * outW * outH];
            for (int c = 0; c < channels; c++) {
                float[] r = resize(planes[c], w, h, outW, outH);
                System.arraycopy(r, 0, out, c * outW * outH, outW * outH);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.min(1f, Math.max(0f, out[i]));
            }
            return out;
        }

        /** Planes at native size; reads single-band rasters directly (getRGB would apply a gamma to gray). */
        private static float[][] nativePlanes(BufferedImage img, int channels) {
            int w = img.getWidth();
            int h = img.getHeight();
            Raster r = img.getRaster();
            int bands = r.getNumBands();
            boolean direct = img.getColorModel() instanceof ComponentColorModel
                    && !(img.getColorModel() instanceof IndexColorModel);
            float[][] rgb;
            if (direct && (bands == 1 || bands == 2)) {
                float max = (1 << img.getColorModel().getComponentSize(0)) - 1;
                float[] g = new float[w * h];
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    r.getSamples(0, y, w, 1, 0, row);
                    for (int x = 0; x < w; x++) {
                        g[y * w + x] = row[x] / max;
                    }
                }
                if (channels == 1) {
                    return new float[][] {g};
                }
                return new float[][] {g, g.clone(), g.clone()};
            }
            rgb = new float[3][w * h];
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                rgb[0][i] = ((argb[i] >> 16) & 0xff) / 255f;
                rgb[1][i] = ((argb[i] >> 8) & 0xff) / 255f;
                rgb[2][i] = (argb[i] & 0xff) / 255f;
            }
            if (channels == 3) {
                return rgb;
            }
            float[] g = new float[w * h];
            for (int i = 0; i < g.length; i++) {
                g[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
            }
            return new float[][] {g};
        }

        static float[] resize(float[] src, int w, int h, int outW, int outH) {
            if (w == outW && h == outH) {
                return src;
            }
            float[] out = new float[outW * outH];
            if (w % outW == 0 && h % outH == 0) {
                int fx = w / outW;
                int fy = h / outH;
                float inv = 1f / (fx * fy);
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        float s = 0;
                        for (int dy = 0; dy < fy; dy++) {
                            int base = (y * fy + dy) * w + x * fx;
                            for (int dx = 0; dx < fx; dx++) {
                                s += src[base + dx];
                            }
                        }
                        out[y * outW + x] = s * inv;
                    }
                }
                return out;
            }
            double sx = (double) w / outW;
            double sy = (double) h / outH;
            for (int y = 0; y < outH; y++) {
                double fy = Math.min(h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
                int y0 = (int) fy;
                int y1 = Math.min(h - 1, y0 + 1);
                float ay = (float) (fy - y0);
                for (int x = 0; x < outW; x++) {
                    double fx = Math.min(w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                    int x0 = (int) fx;
                    int x1 = Math.min(w - 1, x0 + 1);
                    float ax = (float) (fx - x0);
                    float top = src[y0 * w + x0] * (1 - ax) + src[y0 * w + x1] * ax;
                    float bot = src[y1 * w + x0] * (1 - ax) + src[y1 * w + x1] * ax;
                    out[y * outW + x] = top * (1 - ay) + bot * ay;
                }
            }
            return out;
        }
    }
}
