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
 * 17 frames at 64x64 take about 68 MB as floats.
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
     * @param raw   {@code frames + 1} gray frames, {@code height*width} values in [0, 1] each
     */
    public record Clip(String name, String group, int label, float[][] raw) {
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
        Objects.requireNonNull(input, "input");
        VideoFolderDataset data = VideoFolderDataset.open(root, VideoFolderDataset.Options.builder()
                .clipLength(input.rawFrames()).frameFormat(input.rawFormat()).build());
        List<Clip> clips = new ArrayList<>(data.size());
        try (ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("decoding")
                .setInitialMax(data.size()).setUnit(" clips", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
            for (ClipEntry e : data.entries()) {
                LabeledClip c = data.load(e);
                int plane = input.height() * input.width();
                float[] px = c.pixels();
                float[][] raw = new float[c.length()][plane];
                for (int t = 0; t < raw.length; t++) {
                    System.arraycopy(px, t * plane, raw[t], 0, plane);
                }
                clips.add(new Clip(e.name(), e.group(), e.labelIndex(), raw));
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
