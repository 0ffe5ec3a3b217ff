package io.github.crimeanomaly.datasets;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A <b>synthetic</b> walkway scene for tests and demos (not real data): a textured gray
 * background with slow "walkers" (small dark blobs moving about 1 pixel per frame) and,
 * optionally, one fast "cyclist" (a larger bright blob moving several pixels per frame) during a
 * chosen frame range, which is the anomaly. Deterministic for a given seed.
 *
 * <p>Also {@link #pasteMovingPatch}: injects a synthetic fast-moving patch into real normal
 * frames, to measure detectors on held-out normal video without touching test data.
 */
public final class SyntheticWalkway {

    private SyntheticWalkway() {
    }

    /**
     * A synthetic clip.
     *
     * @param frames    the frames
     * @param anomalous per frame, whether the fast object is visible
     */
    public record Clip(List<Frame> frames, boolean[] anomalous) {

        /** The frames as a source at 10 fps. */
        public FrameSource source(String name) {
            return FrameSources.of("synthetic " + name, frames, 10.0);
        }
    }

    /**
     * Generates a synthetic clip.
     *
     * @param format       gray frame format
     * @param frames       number of frames, &gt;= 1
     * @param walkers      number of slow walkers
     * @param anomalyStart first frame with the fast object, or -1 for a normal clip
     * @param anomalyEnd   frame after the last one with the fast object
     * @param seed         random seed
     */
    public static Clip generate(FrameFormat format, int frames, int walkers, int anomalyStart, int anomalyEnd, long seed) {
        if (format.channels() != 1) {
            throw new IllegalArgumentException("expected a gray format, got " + format);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        Random rnd = new Random(seed);
        int w = format.width();
        int h = format.height();
        float[] bg = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bg[y * w + x] = 0.45f + 0.1f * (float) Math.sin(x * 0.3) * (float) Math.cos(y * 0.2);
            }
        }
        double[][] walker = new double[walkers][4];
        for (double[] p : walker) {
            p[0] = rnd.nextDouble() * w;
            p[1] = rnd.nextDouble() * h;
            p[2] = (rnd.nextBoolean() ? 1 : -1) * (0.6 + 0.6 * rnd.nextDouble());
            p[3] = (rnd.nextDouble() - 0.5) * 0.4;
        }
        double cx = 0;
        double cy = h * (0.3 + 0.4 * rnd.nextDouble());
        double speed = Math.max(4.0, w / Math.max(1.0, anomalyEnd - anomalyStart));
        List<Frame> out = new ArrayList<>();
        boolean[] labels = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            float[] px = bg.clone();
            for (int i = 0; i < px.length; i++) {
                px[i] += (float) (rnd.nextGaussian() * 0.01);
            }
            for (double[] p : walker) {
                p[0] = Math.floorMod((long) Math.floor(p[0] + p[2]), w) + (p[0] + p[2] - Math.floor(p[0] + p[2]));
                p[1] = Math.min(h - 3, Math.max(2, p[1] + p[3]));
                blob(px, w, h, p[0], p[1], 2, 3, 0.15f);
            }
            if (anomalyStart >= 0 && t >= anomalyStart && t < anomalyEnd) {
                cx = (t - anomalyStart) * speed;
                blob(px, w, h, cx, cy, 4, 4, 0.95f);
                labels[t] = true;
            }
            for (int i = 0; i < px.length; i++) {
                px[i] = Math.min(1f, Math.max(0f, px[i]));
            }
            out.add(Frame.wrap(t, t * 100_000L, format, px));
        }
        return new Clip(List.copyOf(out), labels);
    }

    private static void blob(float[] px, int w, int h, double cx, double cy, int rx, int ry, float value) {
        for (int y = (int) cy - ry; y <= (int) cy + ry; y++) {
            for (int x = (int) cx - rx; x <= (int) cx + rx; x++) {
                if (x >= 0 && x < w && y >= 0 && y < h) {
                    px[y * w + x] = value;
                }
            }
        }
    }

    /**
     * Pastes a synthetic fast-moving square patch into gray frames (in place, as new frames) for
     * frames {@code [start, end)}, crossing the frame horizontally at row {@code row}.
     *
     * @param frames  gray frames (not modified; returns new ones)
     * @param start   first frame with the patch
     * @param end     frame after the last one with the patch
     * @param row     top row of the patch
     * @param size    patch side in pixels
     * @param speed   pixels per frame
     * @param value   patch brightness in [0, 1]
     * @return the frames with the patch, and the labels
     */
    public static Clip pasteMovingPatch(List<Frame> frames, int start, int end, int row, int size, double speed,
                                        float value) {
        List<Frame> out = new ArrayList<>(frames.size());
        boolean[] labels = new boolean[frames.size()];
        for (int t = 0; t < frames.size(); t++) {
            Frame f = frames.get(t);
            if (t < start || t >= end) {
                out.add(f);
                continue;
            }
            FrameFormat fmt = f.format();
            if (fmt.channels() != 1) {
                throw new IllegalArgumentException("expected gray frames, got " + fmt);
            }
            float[] px = f.pixels();
            int x0 = (int) Math.round((t - start) * speed) % Math.max(1, fmt.width() - size);
            for (int y = row; y < Math.min(fmt.height(), row + size); y++) {
                for (int x = x0; x < Math.min(fmt.width(), x0 + size); x++) {
                    // a textured patch, so that it is not a flat block
                    px[y * fmt.width() + x] = ((x - x0 + y - row) % 4 < 2) ? value : value * 0.6f;
                }
            }
            out.add(Frame.wrap(f.index(), f.timestampMicros(), fmt, px));
            labels[t] = true;
        }
        return new Clip(List.copyOf(out), labels);
    }

    /**
     * Pastes a synthetic moving object, a copy of a real texture (e.g. a walker cut from another
     * frame), into gray frames {@code [start, end)}, moving {@code speed} pixels per frame to the
     * right from column {@code x0} at row {@code y0} (wrapping at the border).
     *
     * @param frames  gray frames (not modified; returns new ones)
     * @param texture {@code size * size} values in [0, 1], row-major
     * @return the frames with the object, and the labels
     */
    public static Clip pasteMovingTexture(List<Frame> frames, int start, int end, int x0, int y0, float[] texture,
                                          int size, double speed) {
        if (texture.length != size * size) {
            throw new IllegalArgumentException("expected a texture of " + size * size + " values, got " + texture.length);
        }
        List<Frame> out = new ArrayList<>(frames.size());
        boolean[] labels = new boolean[frames.size()];
        for (int t = 0; t < frames.size(); t++) {
            Frame f = frames.get(t);
            if (t < start || t >= end) {
                out.add(f);
                continue;
            }
            FrameFormat fmt = f.format();
            if (fmt.channels() != 1) {
                throw new IllegalArgumentException("expected gray frames, got " + fmt);
            }
            float[] px = f.pixels();
            int span = Math.max(1, fmt.width() - size);
            int x = (int) ((x0 + Math.round((t - start) * speed)) % span);
            for (int dy = 0; dy < size && y0 + dy < fmt.height(); dy++) {
                for (int dx = 0; dx < size; dx++) {
                    px[(y0 + dy) * fmt.width() + x + dx] = texture[dy * size + dx];
                }
            }
            out.add(Frame.wrap(f.index(), f.timestampMicros(), fmt, px));
            labels[t] = true;
        }
        return new Clip(List.copyOf(out), labels);
    }
}
