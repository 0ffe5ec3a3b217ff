package io.github.crimeanomaly.video;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.video.annotate.AnnotatedVideoWriter;
import io.github.crimeanomaly.video.annotate.ContactSheet;
import io.github.crimeanomaly.video.internal.FrameImages;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a video file (or a folder of image frames) end to end and writes everything a person
 * wants to look at into one folder: {@code scores.csv} and {@code scores.json} (every frame,
 * ranked), {@code annotated.mp4} and {@code top-frames.png}.
 *
 * <pre>{@code
 * try (VideoAnomalyDetector detector = ...) {
 *     VideoScoring.Result r = VideoScoring.run("cctv.mp4", detector, Path.of("out"),
 *             VideoScoring.Options.DEFAULTS, (stage, done, total) -> { ... progress bar ... });
 *     r.report().topK(5).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>The video is decoded at the detector's {@link VideoAnomalyDetector#inputFormat()} for
 * scoring and decoded again for the annotated outputs; only the small per-frame scores are kept,
 * so memory does not grow with the pixels of the video.
 */
public final class VideoScoring {

    private static final Logger LOG = LoggerFactory.getLogger(VideoScoring.class);

    private VideoScoring() {
    }

    /** The stages {@link ProgressListener} reports. */
    public enum Stage {
        /** Decoding and scoring frames. */
        SCORING,
        /** Writing the annotated video. */
        ANNOTATING,
        /** Writing the contact sheet. */
        CONTACT_SHEET
    }

    /** Progress callback, called from the scoring thread. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Progress within a stage.
         *
         * @param stage the stage
         * @param done  frames done in this stage
         * @param total frames in this stage, or -1 if unknown (streams, sampled videos)
         */
        void onProgress(Stage stage, long done, long total);

        /** A listener that ignores progress. */
        static ProgressListener none() {
            return (stage, done, total) -> { };
        }
    }

    /**
     * What to write.
     *
     * @param decode         sampling, range and timeouts for the scoring pass; its size and
     *                       channels are replaced by the detector's input format
     * @param annotatedVideo write {@code annotated.mp4}
     * @param contactSheet   write {@code top-frames.png}
     * @param topK           frames on the contact sheet, &gt;= 1
     * @param tileWidth      contact-sheet tile width, &gt;= 32
     * @param maxVideoWidth  scale the annotated video down to at most this width, &gt;= 16
     * @param concealDropouts score the frames through a {@link DropoutConcealment} (transmission
     *                        dropouts, flat patches in a new place, filled from the previous
     *                        frame); the annotated video and contact sheet still show the frames
     *                        as decoded
     */
    public record Options(VideoOptions decode, boolean annotatedVideo, boolean contactSheet, int topK,
                          int tileWidth, int maxVideoWidth, boolean concealDropouts) {

        /** Every frame, all outputs, 12 tiles of 320 px, video at most 1280 px wide, no dropout concealment. */
        public static final Options DEFAULTS = new Options(VideoOptions.DEFAULTS, true, true, 12, 320,
                AnnotatedVideoWriter.DEFAULT_MAX_WIDTH, false);

        /** Options without dropout concealment (the behaviour of releases before it existed). */
        public Options(VideoOptions decode, boolean annotatedVideo, boolean contactSheet, int topK,
                       int tileWidth, int maxVideoWidth) {
            this(decode, annotatedVideo, contactSheet, topK, tileWidth, maxVideoWidth, false);
        }

        /** Validates the fields. */
        public Options {
            Objects.requireNonNull(decode, "decode");
            List<String> errors = new ArrayList<>();
            if (topK < 1) {
                errors.add("topK must be >= 1, got " + topK);
            }
            if (tileWidth < 32) {
                errors.add("tileWidth must be >= 32, got " + tileWidth);
            }
            if (maxVideoWidth < 16) {
                errors.add("maxVideoWidth must be >= 16, got " + maxVideoWidth);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
        }

        /** These options without the annotated video (scores and contact sheet only: much faster). */
        public Options withoutAnnotatedVideo() {
            return new Options(decode, false, contactSheet, topK, tileWidth, maxVideoWidth, concealDropouts);
        }

        /** These options with dropout concealment on or off. */
        public Options withDropoutConcealment(boolean on) {
            return new Options(decode, annotatedVideo, contactSheet, topK, tileWidth, maxVideoWidth, on);
        }
    }

    /**
     * What was written.
     *
     * @param report         all frame scores
     * @param scoresCsv      {@code scores.csv}
     * @param scoresJson     {@code scores.json}
     * @param annotatedVideo {@code annotated.mp4}, if written
     * @param videoCodec     the encoder of the annotated video, if written
     * @param contactSheet   {@code top-frames.png}, if written
     */
    public record Result(AnomalyReport report, Path scoresCsv, Path scoresJson, Optional<Path> annotatedVideo,
                         Optional<String> videoCodec, Optional<Path> contactSheet) {
    }

    /**
     * As {@link #run(String, VideoAnomalyDetector, Path, Options, ProgressListener)} for a local
     * file, or a folder of image frames.
     */
    public static Result run(Path video, VideoAnomalyDetector detector, Path outDir, Options options,
                             ProgressListener listener) throws IOException {
        return run(Objects.requireNonNull(video, "video").toString(), detector, outDir, options, listener);
    }

    /**
     * Scores {@code video} with {@code detector} and writes the outputs into {@code outDir}
     * (created if needed; existing files of the same names are replaced atomically).
     *
     * <p>A local folder is read as image frames, as {@link #runImageFolder} reads it, with
     * timestamps at {@link ImageFolderFrameSource#DEFAULT_FPS} (a warning is logged: a folder
     * does not say its frame rate, so pass it to {@link #runImageFolder}; UCSD Ped2: 10).
     *
     * @param listener progress callback, or null for none
     * @throws IOException if the video cannot be read or an output cannot be written
     */
    public static Result run(String video, VideoAnomalyDetector detector, Path outDir, Options options,
                             ProgressListener listener) throws IOException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(options, "options");
        if (FrameImages.isImageFolder(video)) {
            LOG.warn("{} is a folder of image frames, which does not say its frame rate: its timestamps assume {} "
                    + "frames/s (a clip classifier also samples at that rate); pass the real rate with "
                    + "VideoScoring.runImageFolder(dir, fps, ...) (command line: score --fps)", video,
                    ImageFolderFrameSource.DEFAULT_FPS);
            return runImageFolder(Path.of(video), ImageFolderFrameSource.DEFAULT_FPS, detector, outDir, options, listener);
        }
        VideoOptions decode = options.decode().toBuilder().format(detector.inputFormat()).build();
        return run(video, () -> VideoFrameSource.open(video, decode), detector, outDir, options, listener);
    }

    /**
     * Scores a folder of image frames (png, jpg, bmp, tif or gif, in natural order of the file
     * names, as {@link ImageFolderFrameSource} reads them; e.g. a UCSD clip folder) and writes the
     * same outputs as for a video; the annotated video plays at {@code fps}.
     * {@code options.decode()} is not used: a folder has no container to sample or seek.
     *
     * @param fps      the folder's frame rate, for the timestamps, &gt; 0 (UCSD Ped2: 10)
     * @param listener progress callback, or null for none
     * @throws IOException if the folder is missing or empty, an image cannot be read or differs in
     *                     size from the first, or an output cannot be written
     */
    public static Result runImageFolder(Path dir, double fps, VideoAnomalyDetector detector, Path outDir,
                                        Options options, ProgressListener listener) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(options, "options");
        ImageFolderFrameSource.Options read = ImageFolderFrameSource.Options.of(detector.inputFormat(), fps);
        return run(dir.toString(), () -> ImageFolderFrameSource.open(dir, read), detector, outDir, options, listener);
    }

    /** Opens the scoring pass's frames. */
    @FunctionalInterface
    private interface Opener {
        FrameSource open() throws IOException;
    }

    private static Result run(String video, Opener opener, VideoAnomalyDetector detector, Path outDir,
                              Options options, ProgressListener progress) throws IOException {
        ProgressListener listener = progress != null ? progress : ProgressListener.none();
        Objects.requireNonNull(outDir, "outDir");
        Files.createDirectories(outDir);
        for (String name : OUTPUTS) {
            Path target = outDir.resolve(name);
            if (Files.isDirectory(target)) {
                throw new IOException("expected " + target + " to be a file or absent, found a folder: nothing was "
                        + "scored or written; move it away or choose another output folder");
            }
        }
        List<FrameScore> scores = new ArrayList<>();
        try (FrameSource src = options.concealDropouts() ? DropoutConcealment.wrap(opener.open()) : opener.open()) {
            OptionalLong total = src.frameCount();
            long t = total.orElse(-1);
            listener.onProgress(Stage.SCORING, 0, t);
            detector.score(src, s -> {
                scores.add(s);
                listener.onProgress(Stage.SCORING, scores.size(), t);
            });
        }
        AnomalyReport report = AnomalyReport.of(video, scores, detector.threshold());
        // every output is written into a staging folder first and moved into place only when all
        // were written: a failure (say, while annotating) leaves the folder's earlier outputs as
        // they were instead of a mix of two runs
        // a run killed outright (SIGKILL, power loss) cannot remove its staging folder; the next run
        // into the same folder removes those whose owner is gone, never one a live run still holds
        removeAbandonedStages(outDir);
        Path stage = Files.createTempDirectory(outDir, STAGE_PREFIX);
        // an interrupted run (Ctrl-C, SIGTERM) does not reach this method's finally: without the
        // cleanup on exit it left a 3.6 MB half-written annotated video in the user's folder
        try (AtomicFiles.OnExit cleanup = AtomicFiles.onExit(() -> deleteTree(stage));
             FileChannel lockFile = FileChannel.open(stage.resolve(STAGE_LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
             FileLock held = lockFile.lock()) {
            report.writeCsv(stage.resolve("scores.csv"));
            report.writeJson(stage.resolve("scores.json"));
            LOG.info("{}: {} frames scored, {} anomalous, {} incidents", video, scores.size(),
                    report.anomalousFrameCount(), report.incidents().size());
            Optional<String> codec = Optional.empty();
            if (options.annotatedVideo()) {
                long n = scores.isEmpty() ? -1 : scores.get(scores.size() - 1).frameIndex() + 1;
                listener.onProgress(Stage.ANNOTATING, 0, n);
                AnnotatedVideoWriter.Result r = AnnotatedVideoWriter.write(video, report,
                        stage.resolve("annotated.mp4"), options.maxVideoWidth(),
                        done -> listener.onProgress(Stage.ANNOTATING, done, n));
                codec = Optional.of(r.codec());
            }
            boolean sheet = options.contactSheet() && !scores.isEmpty();
            if (sheet) {
                listener.onProgress(Stage.CONTACT_SHEET, 0, 1);
                ContactSheet.write(video, report, stage.resolve("top-frames.png"), options.topK(), options.tileWidth());
                listener.onProgress(Stage.CONTACT_SHEET, 1, 1);
            }
            Path csv = moveIn(stage, outDir, "scores.csv");
            Path json = moveIn(stage, outDir, "scores.json");
            Optional<Path> annotated = codec.isPresent() ? Optional.of(moveIn(stage, outDir, "annotated.mp4"))
                    : Optional.empty();
            Optional<Path> png = sheet ? Optional.of(moveIn(stage, outDir, "top-frames.png")) : Optional.empty();
            return new Result(report, csv, json, annotated, codec, png);
        } finally {
            deleteTree(stage);
        }
    }

    /** The staging folders' name prefix, inside the output folder. */
    static final String STAGE_PREFIX = ".scoring-";
    /** A file in each staging folder, locked by its run while it lives. */
    static final String STAGE_LOCK = ".lock";

    /**
     * Deletes the staging folders in {@code outDir} that a run left behind when it was killed: those
     * whose lock file can be locked, so no process holds it any more (the operating system releases
     * a dead process's locks). A folder without a lock file is left alone: its run may be starting.
     */
    static void removeAbandonedStages(Path outDir) throws IOException {
        List<Path> stages;
        try (java.util.stream.Stream<Path> s = Files.list(outDir)) {
            stages = s.filter(p -> p.getFileName().toString().startsWith(STAGE_PREFIX) && Files.isDirectory(p))
                    .toList();
        }
        for (Path stage : stages) {
            Path lock = stage.resolve(STAGE_LOCK);
            if (!Files.isRegularFile(lock)) {
                continue;
            }
            boolean abandoned;
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE);
                 FileLock l = ch.tryLock()) {
                abandoned = l != null;
            } catch (java.nio.channels.OverlappingFileLockException e) {
                abandoned = false; // held by a run in this JVM
            } catch (IOException e) {
                LOG.debug("could not check the staging folder {}: {}", stage, e.toString());
                abandoned = false;
            }
            if (abandoned) {
                LOG.info("removing {}, left behind by a scoring run that was killed", stage);
                deleteTree(stage);
            }
        }
    }

    /** The files {@link #run} writes into its output folder. */
    private static final List<String> OUTPUTS = List.of("scores.csv", "scores.json", "annotated.mp4", "top-frames.png");

    private static Path moveIn(Path stage, Path outDir, String name) throws IOException {
        Path target = outDir.resolve(name);
        try {
            Files.move(stage.resolve(name), target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(stage.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("could not remove the staging folder {}: {}", dir, e.toString());
        }
    }
}
