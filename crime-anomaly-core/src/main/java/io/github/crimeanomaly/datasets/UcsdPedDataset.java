package io.github.crimeanomaly.datasets;

import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.frame.NaturalOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UCSD Anomaly Detection Dataset (Ped1 or Ped2) in its original layout:
 * <pre>
 * UCSDped2/Train/Train001/001.tif ...        normal clips
 * UCSDped2/Test/Test001/001.tif ...          test clips
 * UCSDped2/Test/Test001_gt/001.bmp ...       optional pixel masks
 * UCSDped2/Test/UCSDped2.m                   frame-level ground truth (MATLAB)
 * </pre>
 * Frames may be any image format {@link ImageFolderFrameSource} reads (the original TIFF, or PNG).
 * Entry <i>i</i> of the ground-truth file ({@code TestVideoFile{end+1}.gt_frame = [61:180];},
 * possibly several ranges: {@code [1:30, 60:90]}) belongs to clip {@code Test<i>}. Test clips
 * named in the ground truth but missing on disk are skipped with a warning (partial copies);
 * a clip on disk without a ground-truth entry is an error.
 *
 * <pre>{@code
 * UcsdPedDataset ped2 = UcsdPedDataset.open(Path.of("datasets/ucsd-ped2"), "UCSDped2");
 * for (UcsdPedDataset.Clip clip : ped2.testClips()) {
 *     try (FrameSource src = clip.open(FrameFormat.gray(180, 120))) { ... }
 *     boolean[] anomalous = clip.labels();
 * }
 * }</pre>
 */
public final class UcsdPedDataset {

    private static final Logger LOG = LoggerFactory.getLogger(UcsdPedDataset.class);

    /** UCSD clips are 10 frames per second. */
    public static final double FPS = 10.0;

    private static final Pattern ENTRY = Pattern.compile(
            "TestVideoFile\\s*\\{\\s*(end\\s*\\+\\s*1|\\d+)\\s*}\\s*\\.\\s*gt_frame\\s*=\\s*\\[([^\\]]*)]");
    /** The start of an entry line: {@code TestVideoFile{}. */
    private static final Pattern ENTRY_START = Pattern.compile("TestVideoFile\\s*\\{");
    private static final Pattern CLIP_NAME = Pattern.compile("(Train|Test)(\\d+)");

    /**
     * One clip: a folder of frames, and for test clips the frame-level labels.
     *
     * @param name       folder name, e.g. {@code Test003}
     * @param dir        the folder
     * @param frameCount number of frames (image files)
     * @param anomalous  for test clips, the anomalous frames (0-based); empty for training clips
     * @param maskDir    the pixel-mask folder ({@code Test003_gt}) if present
     */
    public record Clip(String name, Path dir, int frameCount, Optional<BitSet> anomalous, Optional<Path> maskDir) {

        /** Validates and copies. */
        public Clip {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dir, "dir");
            anomalous = anomalous.map(b -> (BitSet) b.clone());
            Objects.requireNonNull(maskDir, "maskDir");
        }

        /** Opens the clip's frames resized to {@code format}, at {@link #FPS}. */
        public ImageFolderFrameSource open(FrameFormat format) throws IOException {
            return ImageFolderFrameSource.open(dir, format, FPS);
        }

        /** Opens the clip's frames at their native size, gray. */
        public ImageFolderFrameSource openNative() throws IOException {
            return ImageFolderFrameSource.open(dir, ImageFolderFrameSource.Options.nativeGray(FPS));
        }

        /** Whether this clip has frame labels (test clips). */
        public boolean isLabelled() {
            return anomalous.isPresent();
        }

        /**
         * Per-frame labels, {@code true} = anomalous.
         *
         * @throws IllegalStateException for a training clip (no labels)
         */
        public boolean[] labels() {
            BitSet b = anomalous.orElseThrow(() -> new IllegalStateException("clip " + name + " has no labels"));
            boolean[] out = new boolean[frameCount];
            for (int i = 0; i < frameCount; i++) {
                out[i] = b.get(i);
            }
            return out;
        }

        @Override
        public Optional<BitSet> anomalous() {
            return anomalous.map(b -> (BitSet) b.clone());
        }
    }

    private final Path root;
    private final List<Clip> train;
    private final List<Clip> test;

    private UcsdPedDataset(Path root, List<Clip> train, List<Clip> test) {
        this.root = root;
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
    }

    /**
     * Opens a subset. {@code dir} may be the subset folder itself ({@code .../UCSDped2}) or a
     * folder containing it.
     *
     * @param dir    the dataset folder
     * @param subset {@code UCSDped1} or {@code UCSDped2}
     * @throws NoSuchFileException         if the subset, its Train or Test folder, or the ground
     *                                     truth file is missing
     * @throws GroundTruthFormatException  if the ground truth cannot be parsed or does not match
     *                                     the clips present
     * @throws IOException                 if a clip folder cannot be listed
     */
    public static UcsdPedDataset open(Path dir, String subset) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(subset, "subset");
        Path root = dir.getFileName() != null && dir.getFileName().toString().equals(subset) ? dir : dir.resolve(subset);
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null,
                    "expected the " + subset + " folder (with Train/ and Test/) at or in " + dir + ", found "
                            + subsetsIn(dir));
        }
        Path trainDir = root.resolve("Train");
        Path testDir = root.resolve("Test");
        for (Path p : List.of(trainDir, testDir)) {
            if (!Files.isDirectory(p)) {
                throw new NoSuchFileException(p.toString(), null, "expected a folder of clips, found none");
            }
        }
        List<Clip> train = new ArrayList<>();
        for (Path c : clipDirs(trainDir, "Train")) {
            train.add(new Clip(c.getFileName().toString(), c, countFrames(c), Optional.empty(), Optional.empty()));
        }
        Path gt = testDir.resolve(subset + ".m");
        if (!Files.isRegularFile(gt)) {
            throw new NoSuchFileException(gt.toString(), null, "expected the MATLAB ground-truth file, found none");
        }
        List<BitSet> entries = parseGroundTruth(Files.readString(gt, StandardCharsets.UTF_8), gt);
        List<Path> testDirs = clipDirs(testDir, "Test");
        int maxPresent = 0;
        for (Path c : testDirs) {
            maxPresent = Math.max(maxPresent, clipNumber(c));
        }
        if (maxPresent > entries.size()) {
            throw new GroundTruthFormatException("ground truth " + gt + " has " + entries.size()
                    + " entries, expected at least " + maxPresent + " (clips present up to Test"
                    + String.format("%03d", maxPresent) + ")");
        }
        List<Clip> test = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= entries.size(); i++) {
            final int number = i;
            Optional<Path> cdir = testDirs.stream().filter(p -> clipNumber(p) == number).findFirst();
            if (cdir.isEmpty()) {
                missing.add(String.format("Test%03d", i));
                continue;
            }
            Path c = cdir.get();
            String name = c.getFileName().toString();
            int n = countFrames(c);
            BitSet labels = entries.get(i - 1);
            if (labels.length() > n) {
                throw new GroundTruthFormatException("ground truth " + gt + " entry " + i + " marks frame "
                        + labels.length() + " anomalous, but clip " + name + " has only " + n + " frames");
            }
            Path mask = testDir.resolve(name + "_gt");
            test.add(new Clip(name, c, n, Optional.of(labels),
                    Files.isDirectory(mask) ? Optional.of(mask) : Optional.empty()));
        }
        if (!missing.isEmpty()) {
            LOG.warn("{}: {} test clip(s) named in the ground truth are not on disk and are skipped: {}",
                    root, missing.size(), missing);
        }
        LOG.info("{}: {} training clips, {} test clips", root, train.size(), test.size());
        return new UcsdPedDataset(root, train, test);
    }

    private static List<Path> clipDirs(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches(prefix + "\\d+"))
                    .forEach(out::add);
        }
        out.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        return out;
    }

    private static int clipNumber(Path p) {
        Matcher m = CLIP_NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a clip folder: " + p);
        }
        return Integer.parseInt(m.group(2));
    }

    private static int countFrames(Path clip) throws IOException {
        int n = ImageFolderFrameSource.listImages(clip).size();
        if (n == 0) {
            throw new IOException("expected image frames in clip folder " + clip + ", found none");
        }
        return n;
    }

    /**
     * Parses the MATLAB ground truth: one entry per {@code TestVideoFile{...}.gt_frame = [...]}
     * line, each a set of 1-based frame ranges ({@code a:b}) or single frames, separated by commas
     * or spaces; returned as 0-based anomalous frames. Entries use {@code end+1} or explicit
     * 1-based indices.
     *
     * @param text   the file's content
     * @param source the file, for messages
     * @throws GroundTruthFormatException if an entry is malformed or there are none
     */
    public static List<BitSet> parseGroundTruth(String text, Path source) throws GroundTruthFormatException {
        // an entry line the pattern does not read (a typo such as gt_frames) would be skipped and shift
        // every later {end+1} entry to the wrong clip: refuse it, naming the line
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].contains("%") ? lines[i].substring(0, lines[i].indexOf('%')) : lines[i];
            if (ENTRY_START.matcher(code).find() && !ENTRY.matcher(code).find()) {
                throw new GroundTruthFormatException("ground truth " + source + " line " + (i + 1)
                        + ": expected an entry like TestVideoFile{end+1}.gt_frame = [61:180], got '"
                        + lines[i].strip() + "'");
            }
        }
        List<BitSet> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            String idx = m.group(1);
            int target = idx.startsWith("end") ? out.size() + 1 : Integer.parseInt(idx);
            if (target != out.size() + 1) {
                throw new GroundTruthFormatException("ground truth " + source + ": expected entry "
                        + (out.size() + 1) + ", got entry " + target);
            }
            BitSet b = new BitSet();
            String body = m.group(2).trim();
            if (!body.isEmpty()) {
                for (String tok : body.split("[,;\\s]+")) {
                    if (tok.isEmpty()) {
                        continue;
                    }
                    String[] parts = tok.split(":");
                    try {
                        int a;
                        int z;
                        if (parts.length == 1) {
                            a = Integer.parseInt(parts[0]);
                            z = a;
                        } else if (parts.length == 2) {
                            a = Integer.parseInt(parts[0]);
                            z = Integer.parseInt(parts[1]);
                        } else {
                            throw new NumberFormatException(tok);
                        }
                        if (a < 1 || z < a) {
                            throw new GroundTruthFormatException("ground truth " + source + " entry " + target
                                    + ": expected a range a:b with 1 <= a <= b, got '" + tok + "'");
                        }
                        b.set(a - 1, z);
                    } catch (NumberFormatException e) {
                        throw new GroundTruthFormatException("ground truth " + source + " entry " + target
                                + ": expected frame ranges like 61:180, got '" + tok + "'");
                    }
                }
            }
            out.add(b);
        }
        if (out.isEmpty()) {
            throw new GroundTruthFormatException("ground truth " + source
                    + ": expected lines like 'TestVideoFile{end+1}.gt_frame = [61:180];', found none");
        }
        return out;
    }

    /** The subset folder, e.g. {@code .../UCSDped2}. */
    public Path root() {
        return root;
    }

    /** The training clips (all normal), in order. */
    public List<Clip> trainClips() {
        return train;
    }

    /** The test clips present on disk, with labels, in order. */
    public List<Clip> testClips() {
        return test;
    }

    /** What {@link #open} found instead of the subset: the subset folders (with Train/ and Test/) in {@code dir}. */
    private static String subsetsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "no such folder";
        }
        List<String> found = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.filter(p -> Files.isDirectory(p.resolve("Train")) && Files.isDirectory(p.resolve("Test")))
                    .map(p -> p.getFileName().toString()).sorted().forEach(found::add);
        } catch (IOException e) {
            return "a folder that cannot be listed (" + e.getMessage() + ")";
        }
        return found.isEmpty() ? "no subset folder there" : "only the subset" + (found.size() == 1 ? " " : "s ")
                + String.join(", ", found) + " (the subset name is case-sensitive, e.g. \"UCSDped2\")";
    }
}
