package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.Incident;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.examples.plot.ScoreCurvePlot;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoInfo;
import io.github.crimeanomaly.video.VideoOptions;
import io.github.crimeanomaly.video.VideoScoring;
import io.github.crimeanomaly.video.internal.FrameImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crime-anomaly score --video <file|url|folder> [--model <file>] [--out <dir>]}: scores every
 * frame of a video (or a folder of image frames), prints the most anomalous frames first and
 * writes the ranked scores (CSV, JSON), an annotated video, a contact sheet of the top frames and a
 * score-curve plot.
 *
 * <p>Without {@code --model}, a frame-difference detector is calibrated on the video itself (the
 * whole file, or the first {@code --calibrate-seconds}), so scores say how unusual each moment is
 * for this video and about 1% of frames end up above the threshold: a quick look at an unlabelled
 * video, not a trained detector.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score every frame of a video and print the frames ranked, most anomalous first.",
                "Writes scores.csv, scores.json, annotated.mp4, top-frames.png and score-curve.png to --out.",
                "Without --model, a frame-difference detector is calibrated on the video itself",
                "(whole file, or its first --calibrate-seconds), so scores rank moments unusual for this video."})
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--video", required = true, paramLabel = "<file|url|folder>",
            description = "Video file (mp4, avi, mkv, mov, ...), stream URL (rtsp://, http://), or a folder of "
                    + "image frames (png, jpg, bmp, tif, gif; natural order of the names, e.g. a UCSD Test001 folder).")
    String video;

    @Option(names = "--fps", paramLabel = "<f>",
            description = "Frame rate of an image folder, for timestamps and the annotated video "
                    + "(default " + ImageFolderFrameSource.DEFAULT_FPS + "; UCSD Ped2: 10). Videos carry their own.")
    Double fps;

    @Option(names = "--model", paramLabel = "<file>",
            description = "A saved detector (evaluate-ucsd --out, a detector's save()) or a classifier from train-classifier.")
    Path model;

    @Option(names = "--out", defaultValue = "crime-anomaly-out", paramLabel = "<dir>",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--top", defaultValue = "10", paramLabel = "<k>",
            description = "How many ranked frames to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--calibrate-seconds", defaultValue = "0", paramLabel = "<s>",
            description = "Without --model: calibrate on the first <s> seconds only, assumed normal "
                    + "(default 0: the whole file; streams use their first 30 s).")
    double calibrateSeconds;

    @Option(names = "--width", defaultValue = "192", paramLabel = "<px>",
            description = "Without --model: working width in pixels; height keeps the aspect (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--conceal-dropouts",
            description = {"Hide transmission dropouts (a flat patch of one value where the previous frame had none)",
                "before scoring, showing the previous frame there instead: otherwise a patch that jumps every",
                "frame reads as fast motion. The outputs still show the frames as decoded."})
    boolean concealDropouts;

    @Mixin
    DamagedVideoOptions damaged;

    @Option(names = "--no-video", description = "Do not write the annotated video (faster).")
    boolean noVideo;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "<seconds>",
            description = "Connect and read timeout for network streams (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String bad = validate();
        if (bad != null) {
            throw Cli.badOption(bad);
        }
        if (model != null) {
            for (String name : new String[] {"--width", "--calibrate-seconds"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    // it used to be ignored without a word
                    throw Cli.badOption(name + " is for the detector score calibrates on the video without --model; "
                            + "the saved detector " + model + " has its own input and threshold");
                }
            }
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        VideoOptions decode = damaged.applyTo(VideoOptions.builder().connectTimeout(timeout)
                .readTimeout(timeout)).build();
        boolean folder = FrameImages.isImageFolder(video);
        if (fps != null && !folder) {
            throw Cli.badOption("--fps is for a folder of image frames; " + video
                    + " is not a folder (a video carries its own frame rate)");
        }
        Cli.checkOutputFolder("--out", out);
        if (Files.isDirectory(out.resolve("score-curve.png"))) {
            throw new IllegalArgumentException("--out " + out + ": expected score-curve.png there to be a file or "
                    + "absent, found a folder");
        }
        double folderFps = fps != null ? fps : ImageFolderFrameSource.DEFAULT_FPS;
        try (VideoAnomalyDetector detector = model != null ? Detectors.load(model)
                : calibrateOnStart(decode, folder, folderFps, err)) {
            VideoScoring.Options options = noVideo
                    ? VideoScoring.Options.DEFAULTS.withoutAnnotatedVideo() : VideoScoring.Options.DEFAULTS;
            options = new VideoScoring.Options(decode, options.annotatedVideo(), options.contactSheet(),
                    options.topK(), options.tileWidth(), options.maxVideoWidth(), concealDropouts);
            VideoScoring.Result r;
            long start = System.nanoTime();
            try (Bars bars = new Bars()) {
                r = folder ? VideoScoring.runImageFolder(Path.of(video), folderFps, detector, out, options, bars)
                        : VideoScoring.run(video, detector, out, options, bars);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Path curve = out.resolve("score-curve.png");
            ScoreCurvePlot.builder("Anomaly score per frame: " + video.substring(video.lastIndexOf('/') + 1))
                    .series("anomaly score", r.report().scores()).threshold(r.report().threshold())
                    .axes("frame", "score").build().writePng(curve);
            print(o, r, seconds);
            o.println("wrote " + curve);
            if (model != null) {
                warnIfMostlyFlagged(r.report(), err);
            }
        }
        return 0;
    }

    /** Above this share of frames flagged by a saved detector, {@code score} warns. */
    static final double MOSTLY_FLAGGED = 0.5;

    /**
     * Warns when a saved detector flags more than {@link #MOSTLY_FLAGGED} of the frames: its threshold
     * was set for a small share of normal frames, so on mostly normal footage that means another
     * camera (a detector's per-cell scales and threshold belong to the camera it was trained on).
     */
    private static void warnIfMostlyFlagged(AnomalyReport report, PrintWriter err) {
        int n = report.frames().size();
        long flagged = report.anomalousFrameCount();
        if (n > 0 && flagged > MOSTLY_FLAGGED * n) {
            err.printf(Locale.ROOT, "warning: %d of %d frames (%.0f%%) are at or above the detector's threshold "
                    + "%.4f. If this footage is mostly normal, the detector was trained or calibrated on another "
                    + "camera, or on quieter footage: train it on normal footage of this camera, or set its "
                    + "threshold from such footage (crime-anomaly calibrate).%n", flagged, n, 100.0 * flagged / n,
                    report.threshold());
            err.flush();
        }
    }

    private String validate() {
        if (top < 1) {
            return "--top must be >= 1, got " + top;
        }
        if (!(calibrateSeconds >= 0)) {
            return "--calibrate-seconds must be >= 0, got " + calibrateSeconds;
        }
        if (width < 16) {
            return "--width must be >= 16, got " + width;
        }
        if (!(timeoutSeconds > 0)) {
            return "--timeout must be > 0 seconds, got " + timeoutSeconds;
        }
        Cli.checkFolderFps(fps);
        return null;
    }

    private VideoAnomalyDetector calibrateOnStart(VideoOptions decode, boolean folder, double folderFps,
                                                  PrintWriter err) throws IOException {
        FrameImages.Size info = folder ? FrameImages.probe(video) : sizeOf(VideoFrameSource.probe(video, decode));
        int height = Math.max(16, (int) Math.round(width * (double) info.height() / info.width() / 2) * 2);
        FrameFormat fmt = FrameFormat.gray(width, height);
        boolean stream = video.contains("://") && !video.startsWith("file:");
        double seconds = calibrateSeconds > 0 ? calibrateSeconds : stream ? 30 : 0;
        err.printf(Locale.ROOT, "no --model: calibrating a frame-difference detector on %s at %dx%d gray%n",
                seconds > 0 ? String.format(Locale.ROOT, "the first %.1f s", seconds)
                        : folder ? "the whole folder" : "the whole video", width, height);
        FrameSource calibration;
        if (folder) {
            calibration = ImageFolderFrameSource.open(Path.of(video), fmt, folderFps);
            if (seconds > 0) {
                calibration = FrameSources.limit(calibration, Math.max(1, Math.round(seconds * folderFps)));
            }
        } else {
            VideoOptions.Builder calib = decode.toBuilder().format(fmt);
            if (seconds > 0) {
                calib.rangeSeconds(0, seconds);
            }
            calibration = VideoFrameSource.open(video, calib.build());
        }
        return FrameDifferenceDetector.calibrator()
                .fit(List.of(concealDropouts ? DropoutConcealment.wrap(calibration) : calibration));
    }

    private static FrameImages.Size sizeOf(VideoInfo info) {
        return new FrameImages.Size(info.width(), info.height(), info.fps());
    }

    /** How far apart, in seconds, the printed top moments are. */
    static final double MOMENT_GAP_SECONDS = 2.0;

    /** {@link #MOMENT_GAP_SECONDS} in frames, from the report's mean frame interval (1 if unknown). */
    static long momentGapFrames(AnomalyReport report) {
        return Math.max(1, Math.round(MOMENT_GAP_SECONDS * report.frameRate().orElse(0)));
    }

    /** The summary, ranked frames, top moments and incidents of a run that took {@code seconds}. */
    private void print(PrintWriter o, VideoScoring.Result r, double seconds) {
        AnomalyReport report = r.report();
        o.printf(Locale.ROOT, "scored %d frames of %s in %.1f s (%.0f frames/s, decoding and outputs included); "
                        + "threshold %.4f; %d frames at or above it in %d incidents%n",
                report.frames().size(), video, seconds, report.frames().size() / Math.max(seconds, 1e-9),
                report.threshold(), report.anomalousFrameCount(), report.incidents().size());
        o.println("rank  frame   time(s)     score  class");
        int rank = 1;
        for (FrameScore f : report.topK(top)) {
            o.printf(Locale.ROOT, "%4d  %5d  %8.2f  %8.4f  %s%s%n", rank++, f.frameIndex(), f.timestampSeconds(),
                    f.score(), f.topClass().orElse("-"), f.score() >= report.threshold() ? "  *" : "");
        }
        List<FrameScore> moments = report.topMoments(5, momentGapFrames(report));
        o.println("top moments (peaks at least " + MOMENT_GAP_SECONDS + " s apart): " + moments.stream()
                .map(f -> String.format(Locale.ROOT, "%.2f s (frame %d, %.4f)", f.timestampSeconds(), f.frameIndex(),
                        f.score()))
                .collect(java.util.stream.Collectors.joining(", ")));
        for (Incident i : report.incidents().stream().limit(5).toList()) {
            o.printf(Locale.ROOT, "incident: frames %d-%d (%.2f-%.2f s), peak %.4f at frame %d%n", i.startFrame(),
                    i.endFrame(), i.startMicros() / 1e6, i.endMicros() / 1e6, i.peakScore(), i.peakFrame());
        }
        o.println("wrote " + r.scoresCsv());
        o.println("wrote " + r.scoresJson());
        r.annotatedVideo().ifPresent(p -> o.println("wrote " + p + r.videoCodec().map(c -> " (" + c + ")").orElse("")));
        r.contactSheet().ifPresent(p -> o.println("wrote " + p));
    }

    /** One progress bar per stage, on stderr. */
    private static final class Bars implements VideoScoring.ProgressListener, AutoCloseable {
        private VideoScoring.Stage stage;
        private ProgressBar bar;

        @Override
        public void onProgress(VideoScoring.Stage s, long done, long total) {
            if (s != stage) {
                close();
                stage = s;
                bar = new ProgressBarBuilder().setTaskName(s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
            }
            bar.stepTo(done);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
