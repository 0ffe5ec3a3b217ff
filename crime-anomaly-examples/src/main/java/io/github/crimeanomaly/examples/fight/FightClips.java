package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.video.ClipEntry;
import io.github.crimeanomaly.video.LabeledClip;
import io.github.crimeanomaly.video.VideoFolderDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The clips of a class-folder dataset, decoded once into memory as raw gray frames for a
 * {@link ClipInput} ({@code frames + 1} frames spread evenly over each video). Small: 243 clips of
 * 17 frames at 64x64 take about 68 MB as floats, twice that with the shifted views of temporal
 * jitter.
 *
 * @param classes the class names (folder names), sorted
 * @param clips   every clip, by class then name
 */
public record FightClips(List<String> classes, List<Clip> clips) {

    /**
     * One decoded clip.
     *
     * @param name  file name without extension
     * @param group source-video group key (from {@code videos.txt}; the name if not listed)
     * @param label class index into {@link FightClips#classes()}
     * @param raw   {@code frames + 1} gray frames, {@code height*width} values in [0, 1] each: the
     *              evaluation view, frames spread evenly from the video's first frame to its last
     * @param shifted null, or {@code frames + 1} gray frames of the same clip sampled half a step
     *              later (for temporal jitter in training): frames 1, 3, …, {@code 2*frames - 1}
     *              of the {@code 2*frames + 1} spread evenly over the video, then its last frame
     *              ({@code raw} is frames 0, 2, …, {@code 2*frames} of them)
     */
    public record Clip(String name, String group, int label, float[][] raw, float[][] shifted) {

        /** A clip without a shifted view. */
        public Clip(String name, String group, int label, float[][] raw) {
            this(name, group, label, raw, null);
        }
    }

    /** Copies the lists. */
    public FightClips {
        classes = List.copyOf(classes);
        clips = List.copyOf(clips);
    }

    /**
     * Decodes every video under {@code root} (one sub-folder per class), showing a progress bar
     * on {@code System.err} if {@code progress}.
     *
     * @throws IOException if the folder has no class folders or a video cannot be decoded
     */
    public static FightClips load(Path root, ClipInput input, boolean progress) throws IOException {
        return load(root, input, false, progress);
    }

    /**
     * Decodes every video under {@code root} as {@link #load(Path, ClipInput, boolean)} does; with
     * {@code shiftedViews}, every clip also gets its {@link Clip#shifted()} view (the evaluation
     * view {@link Clip#raw()} is then the same frames as without).
     *
     * @throws IOException if the folder has no class folders or a video cannot be decoded
     */
    public static FightClips load(Path root, ClipInput input, boolean shiftedViews, boolean progress)
            throws IOException {
        Objects.requireNonNull(input, "input");
        int n = input.rawFrames();
        int decoded = shiftedViews ? 2 * n - 1 : n;
        VideoFolderDataset data = VideoFolderDataset.open(root, VideoFolderDataset.Options.builder()
                .clipLength(decoded).frameFormat(input.rawFormat()).build());
        List<Clip> clips = new ArrayList<>(data.size());
        try (ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("decoding")
                .setInitialMax(data.size()).setUnit(" clips", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
            for (ClipEntry e : data.entries()) {
                LabeledClip c = data.load(e);
                int plane = input.height() * input.width();
                float[] px = c.pixels();
                float[][] all = new float[c.length()][plane];
                for (int t = 0; t < all.length; t++) {
                    System.arraycopy(px, t * plane, all[t], 0, plane);
                }
                if (shiftedViews) {
                    float[][] raw = new float[n][];
                    float[][] shifted = new float[n][];
                    for (int t = 0; t < n; t++) {
                        raw[t] = all[2 * t];
                        shifted[t] = all[Math.min(2 * t + 1, decoded - 1)];
                    }
                    clips.add(new Clip(e.name(), e.group(), e.labelIndex(), raw, shifted));
                } else {
                    clips.add(new Clip(e.name(), e.group(), e.labelIndex(), all));
                }
                if (bar != null) {
                    bar.step();
                }
            }
        }
        return new FightClips(data.classes(), clips);
    }

    /** The clips at {@code indices}. */
    public List<Clip> select(List<Integer> indices) {
        List<Clip> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(clips.get(i));
        }
        return out;
    }

    /** The group key of every clip, in order. */
    public List<String> groups() {
        return clips.stream().map(Clip::group).toList();
    }

    /** The class name of every clip, in order. */
    public List<String> labelNames() {
        return clips.stream().map(c -> classes.get(c.label())).toList();
    }
}
