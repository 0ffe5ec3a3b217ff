package io.github.crimeanomaly.frame;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A frame source that hides transmission dropouts, as a video decoder's error concealment does:
 * where a frame suddenly shows a flat patch (a lost block filled with black, gray or any one value),
 * the previous frame's pixels are shown instead.
 *
 * <p>A motion-based detector sees a dropout that lands in a new place every frame as fast motion,
 * so without concealment every frame of such a video is an anomaly (see README, "UCSD Ped2 under
 * degraded video"). Real video almost never shows a new region of exactly equal pixels: sensor
 * noise makes neighbouring pixels differ, and the flat regions it does hold (clipped black, a flat
 * wall after compression, a fixed occlusion) stay the same from frame to frame and so are left
 * alone.
 *
 * <p>The rule. A pixel is <i>flat</i> if it lies in a {@code minSize x minSize} square in which
 * every channel of every pixel is exactly equal to the square's first pixel. Flat pixels form
 * regions: 4-connected flat pixels of equal value. A region is a dropout, and is shown as in the
 * previous output frame, if at least half of its pixels differ from the previous output frame
 * and it is not exactly as it was in the previous input frame. So an object leaving a flat
 * background, which changes only a strip of the background's region, passes unchanged; dropouts
 * in a new place every frame are hidden whole, even where they overlap the previous one (hidden
 * in its turn); a region that stays exactly as it was (a dropout that stays put, lights off, a
 * lens cap) is hidden for one frame and then shown. A region that is mostly as it was in the
 * previous input frame (at most half of its pixels differ there) is hidden at most three frames
 * in a row, pixel by pixel, so a flat region that lasts but keeps changing its border (a clipped
 * highlight in compressed video) shows after three frames; a mostly new region (a dropout in a
 * new place) is hidden whole, and its pixels' counts start again, so large dropouts that keep
 * landing over the same pixels stay hidden there. The first frame has no previous frame: it is
 * compared with the second instead, and each pixel of its dropouts is filled from the first of the
 * next five frames in which that pixel is not flat (read ahead once, when the first frame is
 * asked for).
 *
 * <pre>{@code
 * try (FrameSource video = DropoutConcealment.wrap(VideoFrameSource.open(path, options))) {
 *     detector.score(video, sink);
 * }
 * }</pre>
 *
 * <p>Constant memory: a few frames and integer images of their size; time linear in the frame
 * size. Closing it closes the wrapped source. Not thread-safe.
 */
public final class DropoutConcealment extends ForwardingFrameSource {

    /** Default {@code minSize}: the side, in pixels, of the smallest flat square that counts (set a priori). */
    public static final int DEFAULT_MIN_SIZE = 8;
    /**
     * The most frames in a row a pixel of a region that is mostly as it was is concealed (set a
     * priori): short enough that a lasting flat region (a clipped highlight whose border keeps
     * changing) shows within a tenth of a second at 30 fps. A mostly new region restarts the count.
     */
    static final int MAX_HOLD = 3;
    /** Frames read ahead, once, to fill the first frame's dropouts. */
    static final int LOOK_AHEAD = 5;

    private final int minSize;
    private final int width;
    private final int height;
    private final int channels;
    private final int plane;
    private final boolean[] flat;
    private final boolean[] squareStart;
    private final boolean[] breakAt;
    private final boolean[] labelled;
    private final int[] queue;
    /** Frames in a row each pixel has been concealed, up to the last frame (since its region was last mostly new). */
    private final int[] hold;
    /** Whether some count in {@link #hold} is above 0. */
    private boolean holding;
    /** Pixels concealed in the current frame. */
    private final boolean[] held;
    /** Pixels concealed in the current frame as part of a mostly new region: their count starts again. */
    private final boolean[] restart;
    private final int[] integralA;
    private final int[] integralB;
    private final java.util.ArrayDeque<Frame> ahead = new java.util.ArrayDeque<>();
    private float[] prevIn;
    private float[] prevOut;
    private long frames;
    private long concealedFrames;
    private long concealedPixels;

    private DropoutConcealment(FrameSource source, int minSize) {
        super(source);
        if (minSize < 2) {
            throw new IllegalArgumentException("minSize must be >= 2 pixels, got " + minSize);
        }
        FrameFormat fmt = source.format();
        this.minSize = minSize;
        this.width = fmt.width();
        this.height = fmt.height();
        this.channels = fmt.channels();
        this.plane = width * height;
        this.flat = new boolean[plane];
        this.squareStart = new boolean[plane];
        this.breakAt = new boolean[plane];
        this.labelled = new boolean[plane];
        this.queue = new int[plane];
        this.hold = new int[plane];
        this.held = new boolean[plane];
        this.restart = new boolean[plane];
        this.integralA = new int[(width + 1) * (height + 1)];
        this.integralB = new int[(width + 1) * (height + 1)];
    }

    /** Wraps {@code source}, with flat squares of {@value #DEFAULT_MIN_SIZE} pixels. */
    public static DropoutConcealment wrap(FrameSource source) {
        return new DropoutConcealment(source, DEFAULT_MIN_SIZE);
    }

    /**
     * Wraps {@code source}.
     *
     * @param minSize side in pixels of the smallest square of equal pixels that counts as flat, &gt;= 2
     * @throws IllegalArgumentException if {@code minSize < 2}
     */
    public static DropoutConcealment wrap(FrameSource source, int minSize) {
        return new DropoutConcealment(source, minSize);
    }

    @Override
    public Optional<Frame> next() throws IOException {
        Optional<Frame> next = read();
        if (next.isEmpty()) {
            return next;
        }
        Frame frame = next.get();
        float[] in = frame.pixels();
        float[] out = in;
        float[] fill = prevOut;
        if (frames == 0) {
            // nothing before the first frame: compare it with the second instead, and fill its
            // dropouts from the first of the next frames that is not flat there (read ahead once)
            for (int i = 0; i < LOOK_AHEAD; i++) {
                Optional<Frame> f = source().next();
                if (f.isEmpty()) {
                    break;
                }
                checkFormat(f.get());
                ahead.add(f.get());
            }
            if (!ahead.isEmpty()) {
                prevIn = ahead.peekFirst().pixels();
                prevOut = prevIn;
                fill = firstNotFlat();
            }
        }
        if ((frames > 0 || !ahead.isEmpty()) && findFlat(in)) {
            float[] concealed = in.clone();
            if (concealNewRegions(in, concealed, fill)) {
                out = concealed;
                concealedFrames++;
            }
        }
        if (out != in || holding) {     // otherwise every count is 0 already: no pass over the frame
            holding = false;
            for (int p = 0; p < plane; p++) {
                hold[p] = out != in && held[p] ? (restart[p] ? 1 : hold[p] + 1) : 0;
                holding |= hold[p] > 0;
            }
        }
        prevIn = in;
        prevOut = out;
        frames++;
        // the frame may share out with prevOut: neither is written again, and a Frame never hands out its array
        return Optional.of(out == in ? frame : Frame.wrap(frame.index(), frame.timestampMicros(), frame.format(), out));
    }

    /** Each pixel from the first frame read ahead in which it is not flat (from the first if none). */
    private float[] firstNotFlat() {
        float[] fill = ahead.peekFirst().pixels();
        boolean[] done = new boolean[plane];
        for (Frame f : ahead) {
            float[] px = f.pixels();
            boolean anyFlat = findFlat(px);
            for (int p = 0; p < plane; p++) {
                if (!done[p] && !(anyFlat && flat[p])) {
                    for (int c = 0; c < channels; c++) {
                        fill[c * plane + p] = px[c * plane + p];
                    }
                    done[p] = true;
                }
            }
        }
        return fill;
    }

    /** The frames read ahead first, then the source's next frame, checked for its format. */
    private Optional<Frame> read() throws IOException {
        if (!ahead.isEmpty()) {
            return Optional.of(ahead.pollFirst());
        }
        Optional<Frame> next = source().next();
        next.ifPresent(this::checkFormat);
        return next;
    }

    private void checkFormat(Frame f) {
        if (!f.format().equals(format())) {
            throw new IllegalArgumentException("expected frames of " + format() + ", got "
                    + f.format() + " at frame " + f.index() + " (" + description() + ")");
        }
    }

    /** Sets {@link #flat}: the union of the flat squares of {@code px}. Returns whether there is any. */
    private boolean findFlat(float[] px) {
        if (width < minSize || height < minSize) {
            return false;
        }
        int w1 = width + 1;
        breaks(integralA, px, true);
        breaks(integralB, px, false);
        int k = minSize;
        boolean any = false;
        Arrays.fill(squareStart, false);
        // a square at (x0, y0) is flat iff it holds no right-break in columns x0..x0+k-2, rows
        // y0..y0+k-1, and no down-break in columns x0..x0+k-1, rows y0..y0+k-2
        for (int y0 = 0; y0 + k <= height; y0++) {
            for (int x0 = 0; x0 + k <= width; x0++) {
                if (rect(integralA, w1, x0, y0, x0 + k - 1, y0 + k) == 0
                        && rect(integralB, w1, x0, y0, x0 + k, y0 + k - 1) == 0) {
                    squareStart[y0 * width + x0] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            return false;
        }
        // the union: a pixel is covered iff a square starts at most k-1 pixels to its left and above
        integral(squareStart, integralB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                flat[y * width + x] = rect(integralB, w1, Math.max(0, x - k + 1), Math.max(0, y - k + 1), x + 1, y + 1) > 0;
            }
        }
        return true;
    }

    /**
     * Finds the regions of {@link #flat} (4-connected, equal value) and fills, in {@code out}, those
     * in which at least half of the pixels differ from {@link #prevOut} and some pixel differs from
     * {@link #prevIn}, with the pixels of {@code fill}. Returns whether it filled any.
     */
    private boolean concealNewRegions(float[] in, float[] out, float[] fill) {
        Arrays.fill(labelled, false);
        Arrays.fill(held, false);
        Arrays.fill(restart, false);
        boolean any = false;
        for (int seed = 0; seed < plane; seed++) {
            if (!flat[seed] || labelled[seed]) {
                continue;
            }
            // breadth-first over the region; its pixels end up in queue[0 .. tail)
            int head = 0;
            int tail = 0;
            queue[tail++] = seed;
            labelled[seed] = true;
            int changedFromShown = 0;
            int changedFromInput = 0;
            while (head < tail) {
                int p = queue[head++];
                if (differs(in, p, prevOut, p)) {
                    changedFromShown++;
                }
                if (differs(in, p, prevIn, p)) {
                    changedFromInput++;
                }
                int x = p % width;
                if (x > 0) {
                    tail = visit(in, p, p - 1, tail);
                }
                if (x + 1 < width) {
                    tail = visit(in, p, p + 1, tail);
                }
                if (p >= width) {
                    tail = visit(in, p, p - width, tail);
                }
                if (p + width < plane) {
                    tail = visit(in, p, p + width, tail);
                }
            }
            if (2L * changedFromShown >= tail && changedFromInput > 0) {
                // a mostly new region (a dropout in a new place) is concealed whole and its pixels'
                // counts start again; a region mostly as it was (a lasting flat region whose border
                // changes) counts on, and shows once a pixel has been hidden MAX_HOLD frames in a row
                boolean mostlyNew = 2L * changedFromInput > tail;
                for (int i = 0; i < tail; i++) {
                    int p = queue[i];
                    if (mostlyNew || hold[p] < MAX_HOLD) {
                        for (int c = 0; c < channels; c++) {
                            out[c * plane + p] = fill[c * plane + p];
                        }
                        held[p] = true;
                        restart[p] = mostlyNew;
                        concealedPixels++;
                        any = true;
                    }
                }
            }
        }
        return any;
    }

    /** Adds pixel {@code to} to the region being grown from {@code from} if it is flat, new and of equal value. */
    private int visit(float[] in, int from, int to, int tail) {
        if (flat[to] && !labelled[to] && !differs(in, from, in, to)) {
            labelled[to] = true;
            queue[tail++] = to;
            return tail;
        }
        return tail;
    }

    /** Whether pixel {@code p} of {@code a} differs from pixel {@code q} of {@code b} in some channel. */
    private boolean differs(float[] a, int p, float[] b, int q) {
        for (int c = 0; c < channels; c++) {
            if (a[c * plane + p] != b[c * plane + q]) {
                return true;
            }
        }
        return false;
    }

    /** Integral image of an indicator image, into {@code s} ((width+1) x (height+1)). */
    private void integral(boolean[] img, int[] s) {
        int w1 = width + 1;
        Arrays.fill(s, 0, w1, 0);
        for (int y = 0; y < height; y++) {
            int row = 0;
            s[(y + 1) * w1] = 0;
            for (int x = 0; x < width; x++) {
                row += img[y * width + x] ? 1 : 0;
                s[(y + 1) * w1 + x + 1] = s[y * w1 + x + 1] + row;
            }
        }
    }

    /**
     * Integral image, into {@code s}, of the indicator "this pixel differs in some channel from its
     * right neighbour" ({@code horizontal}) or "from the pixel below it". Pixels of the last column
     * (row) have no such neighbour and count as 0.
     */
    private void breaks(int[] s, float[] px, boolean horizontal) {
        int step = horizontal ? 1 : width;
        for (int p = 0; p < plane; p++) {
            boolean last = horizontal ? p % width == width - 1 : p + width >= plane;
            breakAt[p] = !last && differs(px, p, px, p + step);
        }
        integral(breakAt, s);
    }

    /** Sum over x in [x0, x1), y in [y0, y1) of the image whose integral image is {@code s}. */
    private static int rect(int[] s, int w1, int x0, int y0, int x1, int y1) {
        return s[y1 * w1 + x1] - s[y0 * w1 + x1] - s[y1 * w1 + x0] + s[y0 * w1 + x0];
    }

    /** Frames returned so far. */
    public long framesRead() {
        return frames;
    }

    /** Frames in which at least one pixel was concealed so far. */
    public long concealedFrames() {
        return concealedFrames;
    }

    /** Pixel positions concealed so far, summed over frames (all channels of a position count once). */
    public long concealedPixels() {
        return concealedPixels;
    }
}
