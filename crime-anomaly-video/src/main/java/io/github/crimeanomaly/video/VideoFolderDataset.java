package io.github.crimeanomaly.video;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled video clips from a folder with one sub-folder per class, e.g. the Surveillance Camera
 * Fight dataset ({@code fight/fi001.mp4}, {@code noFight/nofi001.mp4}): fixed-length clips of
 * {@code T} frames for training clip classifiers, each with its label and a group key for
 * group-aware splitting.
 *
 * <pre>{@code
 * VideoFolderDataset data = VideoFolderDataset.open(Path.of("surveillance-fight"),
 *         VideoFolderDataset.Options.builder().clipLength(16).frameFormat(FrameFormat.gray(64, 64)).build());
 * data.classes();                       // [fight, noFight]
 * for (ClipEntry e : data.entries()) {  // cheap: no decoding
 *     LabeledClip clip = data.load(e);  // decodes now (or returns the cached copy)
 *     float[] x = clip.pixels();        // [T][C][H][W]
 * }
 * }</pre>
 *
 * <p>Clips are decoded lazily, one at a time, so memory does not grow with the dataset; with
 * {@link Options#cache()} decoded clips are kept (they are small once downsized). Frames are taken
 * evenly across the whole video by default, or at a target rate from its start; a video shorter
 * than {@code T} frames is padded by repeating its last frame ({@link LabeledClip#paddedFrames()}).
 *
 * <p>Groups come from a source list ({@code videos.txt} in the root by default): a line with a
 * URL starts a source video, and {@code clipname: start - end} lines below it name its clips;
 * {@code first - last : Name} lines put a numbered range of clips ({@code nofi062 - nofi076}) in
 * one group named {@code Name} (a later range wins where ranges overlap). Clips not listed are
 * their own group (their name). Thread-safe for concurrent {@link #load} calls.
 */
public final class VideoFolderDataset implements Iterable<LabeledClip> {

    private static final Logger LOG = LoggerFactory.getLogger(VideoFolderDataset.class);
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "avi", "mkv", "mov", "webm", "mpg", "mpeg",
            "m4v", "wmv", "flv", "ts");
    private static final Pattern CLIP_LINE = Pattern.compile("^\\s*([^\\s:]+)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern RANGE_LINE = Pattern.compile("^\\s*([A-Za-z_]*)(\\d+)\\s*-\\s*([A-Za-z_]*)(\\d+)\\s*:\\s*(.+?)\\s*$");

    private final Path root;
    private final Options options;
    private final List<String> classes;
    private final List<ClipEntry> entries;
    private final Map<Path, LabeledClip> cache = new ConcurrentHashMap<>();

    private VideoFolderDataset(Path root, Options options, List<String> classes, List<ClipEntry> entries) {
        this.root = root;
        this.options = options;
        this.classes = classes;
        this.entries = entries;
    }

    /**
     * Lists the classes and videos under {@code root} (nothing is decoded yet).
     *
     * @throws NoSuchFileException if {@code root} does not exist
     * @throws IOException         if it has no class folders with videos, or the source list is malformed
     */
    public static VideoFolderDataset open(Path root, Options options) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "expected a dataset folder with one sub-folder per class");
        }
        Path groupsFile = options.groupsFile() != null ? options.groupsFile() : root.resolve("videos.txt");
        Map<String, String> groups = Files.isRegularFile(groupsFile) ? parseSourceList(groupsFile) : Map.of();
        if (options.groupsFile() != null && !Files.isRegularFile(groupsFile)) {
            throw new NoSuchFileException(groupsFile.toString(), null, "source list (groups file) not found");
        }
        List<String> classes = new ArrayList<>();
        List<ClipEntry> entries = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : dirs) {
            List<Path> videos;
            try (Stream<Path> s = Files.list(dir)) {
                videos = s.filter(Files::isRegularFile).filter(VideoFolderDataset::isVideo).sorted().toList();
            }
            if (videos.isEmpty()) {
                continue;
            }
            String label = dir.getFileName().toString();
            int labelIndex = classes.size();
            classes.add(label);
            for (Path v : videos) {
                String name = stripExtension(v.getFileName().toString());
                entries.add(new ClipEntry(v, name, label, labelIndex, groups.getOrDefault(name, name)));
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("expected one sub-folder per class holding videos (" + String.join(", ",
                    new java.util.TreeSet<>(VIDEO_EXTENSIONS)) + "), found none in " + root);
        }
        LOG.debug("{}: {} classes {}, {} videos, {} groups", root, classes.size(), classes, entries.size(),
                entries.stream().map(ClipEntry::group).distinct().count());
        return new VideoFolderDataset(root, options, List.copyOf(classes), List.copyOf(entries));
    }

    private static boolean isVideo(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String stripExtension(String n) {
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * Reads a source list ({@code videos.txt}): clip name to group key (the source URL or the
     * range's name). See the class comment for the format.
     *
     * @throws IOException naming the file and line if a line is neither a URL, a clip line nor a
     *                     range line
     */
    public static Map<String, String> parseSourceList(Path file) throws IOException {
        Map<String, String> groups = new LinkedHashMap<>();
        String current = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.matches("^[A-Za-z][A-Za-z0-9+.-]*://\\S+$")) {
                current = line;
                continue;
            }
            Matcher r = RANGE_LINE.matcher(line);
            if (r.matches()) {
                String prefix = r.group(1);
                int from = Integer.parseInt(r.group(2));
                int to = Integer.parseInt(r.group(4));
                int width = r.group(2).length();
                if (!prefix.equals(r.group(3)) || to < from || to - from > 100_000) {
                    throw new IOException(file + " line " + (i + 1) + ": expected a range like 'nofi062 - nofi076 : Name', got '" + line + "'");
                }
                for (int k = from; k <= to; k++) {
                    groups.put(prefix + String.format(Locale.ROOT, "%0" + width + "d", k), r.group(5));
                }
                continue;
            }
            Matcher c = CLIP_LINE.matcher(line);
            if (c.matches()) {
                if (current == null) {
                    throw new IOException(file + " line " + (i + 1) + ": expected a source URL line before clip '"
                            + c.group(1) + "'");
                }
                groups.put(c.group(1), current);
                continue;
            }
            throw new IOException(file + " line " + (i + 1)
                    + ": expected a URL, 'clipname: start - end' or 'first - last : Name', got '" + line + "'");
        }
        return Collections.unmodifiableMap(groups);
    }

    /** The dataset folder. */
    public Path root() {
        return root;
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** Class names (the sub-folders holding videos), sorted; a clip's label index points here. */
    public List<String> classes() {
        return classes;
    }

    /** Every video, by class then file name; nothing decoded. */
    public List<ClipEntry> entries() {
        return entries;
    }

    /** Number of videos. */
    public int size() {
        return entries.size();
    }

    /** Decodes the clip of {@code entry} (or returns it from the cache). */
    public LabeledClip load(ClipEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        if (options.cache()) {
            LabeledClip c = cache.get(entry.path());
            if (c != null) {
                return c;
            }
        }
        LabeledClip clip = decode(entry);
        if (options.cache()) {
            cache.putIfAbsent(entry.path(), clip);
        }
        return clip;
    }

    /** Decodes the clip at position {@code i} of {@link #entries()}. */
    public LabeledClip load(int i) throws IOException {
        return load(entries.get(i));
    }

    /** Number of clips in the cache and their pixel bytes. */
    public long cachedBytes() {
        return cache.values().stream().mapToLong(LabeledClip::sizeInBytes).sum();
    }

    /** Drops all cached clips. */
    public void clearCache() {
        cache.clear();
    }

    /**
     * Iterates over all clips, decoding one at a time.
     *
     * @throws UncheckedIOException from {@code next()} if a video cannot be decoded (its cause is
     *                              the {@link IOException})
     */
    @Override
    public Iterator<LabeledClip> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < entries.size();
            }

            @Override
            public LabeledClip next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return load(entries.get(i++));
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
    }

    private LabeledClip decode(ClipEntry entry) throws IOException {
        Decoded d = decodeFrames(entry.path(), options);
        if (d.padded() > 0) {
            LOG.debug("{}: {} frames, padded to {}", entry.path(), d.frames().size() - d.padded(), options.clipLength());
        }
        return new LabeledClip(entry, d.frames(), d.padded());
    }

    /** A decoded clip: its frames, of which the last {@code padded} repeat the last decoded one. */
    record Decoded(List<Frame> frames, int padded) {
    }

    /**
     * The clip of one video as {@code options} makes clips: {@code clipLength} frames spread
     * evenly over the whole video (or the first ones at {@code targetFps}), the last frame
     * repeated when the video has fewer.
     *
     * @throws VideoFormatException if no frame can be decoded
     */
    static Decoded decodeFrames(Path video, Options options) throws IOException {
        int t = options.clipLength();
        VideoOptions.Builder vb = VideoOptions.builder().format(options.frameFormat());
        if (options.targetFps() > 0) {
            vb.targetFps(options.targetFps());
        }
        List<Frame> frames = new ArrayList<>(t);
        try (VideoFrameSource src = VideoFrameSource.open(video, vb.build())) {
            long n = src.info().frameCountEstimate();
            if (options.targetFps() > 0) {
                for (Optional<Frame> f = src.next(); f.isPresent() && frames.size() < t; f = src.next()) {
                    frames.add(f.get());
                }
            } else if (n > 0) {
                long[] wanted = evenIndices(n, t);
                int j = 0;
                for (Optional<Frame> f = src.next(); f.isPresent() && j < t; f = src.next()) {
                    while (j < t && wanted[j] == f.get().index()) {
                        frames.add(f.get());
                        j++;
                    }
                }
            } else {
                // No frame count in the header: keep all (small) frames, then pick.
                List<Frame> all = new ArrayList<>();
                for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                    all.add(f.get());
                }
                if (!all.isEmpty()) {
                    for (long k : evenIndices(all.size(), t)) {
                        frames.add(all.get((int) k));
                    }
                }
            }
        }
        if (frames.isEmpty()) {
            throw new VideoFormatException("expected at least one frame, decoded none from " + video);
        }
        int padded = t - frames.size();
        Frame last = frames.get(frames.size() - 1);
        while (frames.size() < t) {
            frames.add(last);
        }
        return new Decoded(frames, padded);
    }

    /** {@code t} indices spread evenly over {@code 0..n-1}, first and last included (repeats if n < t). */
    static long[] evenIndices(long n, int t) {
        long[] out = new long[t];
        for (int k = 0; k < t; k++) {
            out[k] = t == 1 ? 0 : Math.round(k * (n - 1) / (double) (t - 1));
        }
        return out;
    }

    /**
     * How clips are made.
     *
     * @param clipLength  frames per clip, T &gt;= 1
     * @param frameFormat size and channels of every frame (videos are resized by FFmpeg)
     * @param targetFps   0: T frames evenly across the whole video; &gt; 0: the first T frames
     *                    sampled at this rate
     * @param cache       keep decoded clips in memory
     * @param groupsFile  the source list; null for {@code videos.txt} in the root if present
     */
    public record Options(int clipLength, FrameFormat frameFormat, double targetFps, boolean cache, Path groupsFile) {

        /** Validates the fields. */
        public Options {
            Objects.requireNonNull(frameFormat, "frameFormat");
            List<String> errors = new ArrayList<>();
            if (clipLength < 1) {
                errors.add("clipLength must be >= 1, got " + clipLength);
            }
            if (!(targetFps >= 0) || Double.isInfinite(targetFps)) {
                errors.add("targetFps must be finite and >= 0 (0 = evenly across the video), got " + targetFps);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
        }

        /** A builder: 16 gray 64x64 frames evenly across each video, no cache. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Options}. */
        public static final class Builder {
            private int clipLength = 16;
            private FrameFormat frameFormat = FrameFormat.gray(64, 64);
            private double targetFps;
            private boolean cache;
            private Path groupsFile;

            private Builder() {
            }

            /** Frames per clip. */
            public Builder clipLength(int t) {
                this.clipLength = t;
                return this;
            }

            /** Frame size and channels. */
            public Builder frameFormat(FrameFormat f) {
                this.frameFormat = f;
                return this;
            }

            /** Sample the first T frames at this rate instead of evenly across the video. */
            public Builder targetFps(double fps) {
                this.targetFps = fps;
                return this;
            }

            /** Keep decoded clips in memory. */
            public Builder cache(boolean cache) {
                this.cache = cache;
                return this;
            }

            /** The source list for group keys. */
            public Builder groupsFile(Path file) {
                this.groupsFile = file;
                return this;
            }

            /** Validates and builds. */
            public Options build() {
                return new Options(clipLength, frameFormat, targetFps, cache, groupsFile);
            }
        }
    }
}
