package io.github.crimeanomaly.video;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-length clip decoded from a {@link VideoFolderDataset}: {@code length()} frames of one
 * format, with the clip's label and group. Immutable and small (a downsized clip of 16 gray
 * 64x64 frames is 256 KiB), so it can be cached.
 */
public final class LabeledClip {

    private final ClipEntry entry;
    private final List<Frame> frames;
    private final int paddedFrames;

    LabeledClip(ClipEntry entry, List<Frame> frames, int paddedFrames) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.frames = List.copyOf(frames);
        this.paddedFrames = paddedFrames;
        if (this.frames.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one frame (" + entry.path() + ")");
        }
    }

    /** Which video this clip came from, its label and group. */
    public ClipEntry entry() {
        return entry;
    }

    /** The class label (folder name). */
    public String label() {
        return entry.label();
    }

    /** The class index in the dataset's class list. */
    public int labelIndex() {
        return entry.labelIndex();
    }

    /** The group key (source video). */
    public String group() {
        return entry.group();
    }

    /** Number of frames, T. */
    public int length() {
        return frames.size();
    }

    /** The format of every frame. */
    public FrameFormat format() {
        return frames.get(0).format();
    }

    /** The frames in time order, with their original indices and timestamps in the video. */
    public List<Frame> frames() {
        return frames;
    }

    /**
     * How many of the last frames repeat the last decoded frame because the video was shorter
     * than the clip length (0 normally).
     */
    public int paddedFrames() {
        return paddedFrames;
    }

    /** All pixels as one array, time-major: {@code [T][C][H][W]}, the layout of a DL4J sequence after a permute. */
    public float[] pixels() {
        int size = format().size();
        float[] out = new float[size * frames.size()];
        for (int t = 0; t < frames.size(); t++) {
            frames.get(t).copyPixelsTo(out, t * size);
        }
        return out;
    }

    /** Approximate heap use of the pixels, in bytes. */
    public long sizeInBytes() {
        return 4L * format().size() * frames.size();
    }

    @Override
    public String toString() {
        return "LabeledClip[" + entry.name() + " " + entry.label() + " group=" + entry.group() + ", "
                + frames.size() + "x" + format() + (paddedFrames > 0 ? ", " + paddedFrames + " padded" : "") + "]";
    }
}
