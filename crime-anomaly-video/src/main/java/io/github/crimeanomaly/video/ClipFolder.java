package io.github.crimeanomaly.video;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.split.SplitRatios;
import io.github.crimeanomaly.split.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of labelled videos (one sub-folder per class, e.g. {@code fight/} and {@code noFight/},
 * optionally a {@code videos.txt} naming each clip's source video) decoded once into memory as
 * the raw gray frames a {@link ClipInput} takes ({@code frames + 1} frames spread evenly over
 * each video), ready for {@link ClipClassifier}. Small: 243 clips of 17 frames at 64x64 take about
 * 68 MB as floats, twice that with shifted views.
 *
 * <pre>{@code
 * ClipFolder data = ClipFolder.decode(Path.of("fights"), ClipClassifier.Settings.DEFAULT.input(), false, Progress.NONE);
 * }</pre>
 *
 * @param classes the class names (folder names), sorted
 * @param clips   every clip, by class then name; each clip's label indexes {@code classes}
 */
public record ClipFolder(List<String> classes, List<ClipClassifier.Clip> clips) {

    private static final Logger LOG = LoggerFactory.getLogger(ClipFolder.class);

    /** Told how far decoding has come. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores progress. */
        Progress NONE = (done, total) -> { };

        /** {@code done} of {@code total} clips decoded. */
        void decoded(int done, int total);
    }

    /** Copies the lists and checks every label. */
    public ClipFolder {
        classes = List.copyOf(classes);
        clips = List.copyOf(clips);
        for (ClipClassifier.Clip c : clips) {
            if (c.label() >= classes.size()) {
                throw new IllegalArgumentException("clip '" + c.name() + "' has label " + c.label() + ", expected an index "
                        + "into the " + classes.size() + " classes " + classes);
            }
        }
    }

    /**
     * Decodes every video under {@code root} for {@code input}; with {@code shiftedViews} each
     * clip also gets its {@link ClipClassifier.Clip#shifted()} view (for temporal jitter).
     *
     * @param progress called after each clip with the clips decoded so far and their total
     * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
     * @throws IOException                       if it has no class folders or a video cannot be decoded
     */
    public static ClipFolder decode(Path root, ClipInput input, boolean shiftedViews, Progress progress)
            throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(progress, "progress");
        int n = input.rawFrames();
        int decoded = shiftedViews ? 2 * n - 1 : n;
        VideoFolderDataset data = VideoFolderDataset.open(root, VideoFolderDataset.Options.builder()
                .clipLength(decoded).frameFormat(input.rawFormat()).build());
        List<ClipClassifier.Clip> clips = new ArrayList<>(data.size());
        int plane = input.height() * input.width();
        for (ClipEntry e : data.entries()) {
            LabeledClip c = data.load(e);
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
                clips.add(new ClipClassifier.Clip(e.name(), e.group(), e.labelIndex(), raw, shifted));
            } else {
                clips.add(new ClipClassifier.Clip(e.name(), e.group(), e.labelIndex(), all));
            }
            progress.decoded(clips.size(), data.size());
        }
        return new ClipFolder(data.classes(), clips);
    }

    /**
     * One video's raw frames for {@code input}, as {@link #decode} makes each clip's: the
     * {@code input.rawFrames()} frames spread evenly from its first frame to its last, gray at
     * the input size; what {@link ClipInput#predict(io.github.crimeanomaly.model.HybridModel, float[][])}
     * classifies.
     *
     * <p>The video is taken as one clip of the kind the model was trained on: a video longer than
     * {@link ClipInput#longestClipSeconds()} logs a warning, since its frames lie too far apart
     * for the model's scores to mean anything. Score a long video as a stream instead
     * ({@code Detectors.load(model file).score(source, sink)}), or cut it into clips.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                       if it cannot be decoded
     */
    public static float[][] decodeVideo(Path video, ClipInput input) throws IOException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(input, "input");
        List<io.github.crimeanomaly.frame.Frame> frames = VideoFolderDataset.decodeFrames(video,
                VideoFolderDataset.Options.builder().clipLength(input.rawFrames()).frameFormat(input.rawFormat()).build())
                .frames();
        float[][] raw = new float[frames.size()][];
        for (int t = 0; t < raw.length; t++) {
            raw[t] = frames.get(t).pixels();
        }
        double seconds = VideoFrameSource.probe(video).durationSeconds();
        if (seconds > input.longestClipSeconds()) {
            LOG.warn(String.format(Locale.ROOT, "%s lasts %.1f s, more than %.0f s: its %d frames are spread "
                    + "over the whole video, so the model, made for clips of about %.0f s, scores motion it was "
                    + "not trained on and its probability is unreliable; score the video as a stream "
                    + "(Detectors.load(model).score) or cut it into clips of about %.0f s", video.getFileName(), seconds,
                    input.longestClipSeconds(), input.rawFrames(), input.clipSeconds(), input.clipSeconds()));
        }
        return raw;
    }

    /** The clips at {@code indices}. */
    public List<ClipClassifier.Clip> select(List<Integer> indices) {
        List<ClipClassifier.Clip> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(clips.get(i));
        }
        return out;
    }

    /** The group key of every clip, in order. */
    public List<String> groups() {
        return clips.stream().map(ClipClassifier.Clip::group).toList();
    }

    /** The class name of every clip, in order. */
    public List<String> labelNames() {
        return clips.stream().map(c -> classes.get(c.label())).toList();
    }

    /**
     * Splits the clips at {@code indices} in two, whole source videos (groups) on each side and
     * each class in about its share: {@code fraction} of them as the split's validation part, the
     * rest as its train part; the clips not in {@code indices} form its test part.
     *
     * @throws IllegalArgumentException if there are too few groups to hold any out
     */
    public Split holdOut(List<Integer> indices, double fraction, long seed) {
        List<String> g = indices.stream().map(i -> clips.get(i).group()).toList();
        List<String> labels = indices.stream().map(i -> classes.get(clips.get(i).label())).toList();
        Split inner = Splits.stratifiedGrouped(g, labels, new SplitRatios(1 - fraction, fraction, 0), seed);
        Set<Integer> chosen = new HashSet<>(indices);
        return new Split(inner.train().stream().mapToInt(indices::get).toArray(),
                inner.validation().stream().mapToInt(indices::get).toArray(),
                IntStream.range(0, clips.size()).filter(i -> !chosen.contains(i)).toArray());
    }
}
