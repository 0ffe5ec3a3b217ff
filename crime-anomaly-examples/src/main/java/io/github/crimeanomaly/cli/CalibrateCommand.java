package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.ForwardingFrameSource;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import io.github.crimeanomaly.video.internal.FrameImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crime-anomaly calibrate --model fight.model --normal quiet-day.mp4 --out fight-cam3.model}:
 * sets a saved detector's alarm threshold for one camera from normal footage of it
 * ({@link Detectors#thresholdFor}; by default never below the detector's own threshold) and
 * writes a copy with that threshold ({@link Detectors#saveWithThreshold}); the input file is never
 * modified. Any saved detector: a clip classifier from {@code train-classifier}, or a detector
 * trained on normal video ({@code evaluate-ucsd --out}); the footage may be videos, streams or
 * folders of image frames ({@code --fps}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Set a saved detector's alarm threshold for a camera from normal footage of it.",
                "Scores every frame of the normal footage as score --model does and stores the threshold that "
                        + "flags the given share of them in a copy of the detector (--out); the input file is not "
                        + "changed. Works for clip classifiers (train-classifier) and for detectors trained on "
                        + "normal video (evaluate-ucsd --out)."})
public final class CalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<file>",
            description = "A saved detector: a model from train-classifier or a detector from evaluate-ucsd --out.")
    Path modelFile;

    @Option(names = "--normal", required = true, arity = "1..*", paramLabel = "<file|url|folder>",
            description = "One or more videos, streams or folders of image frames of the camera with nothing to "
                    + "alarm on; busy hours, weather and night included.")
    List<String> normal;

    @Option(names = "--fps", paramLabel = "<f>",
            description = "Frame rate of the folders of image frames among --normal (default "
                    + ImageFolderFrameSource.DEFAULT_FPS + "; UCSD Ped2: 10). Videos carry their own.")
    Double fps;

    @Option(names = "--seconds", paramLabel = "<s>",
            description = "Use only the first <s> seconds of each normal source. A live stream (a URL such as "
                    + "rtsp://) never ends: it needs this (default for a stream: 600).")
    Double seconds;

    @Option(names = "--fpr", defaultValue = "0.01", paramLabel = "<rate>",
            description = "Share of the normal frames allowed at or above the threshold, in [0, 0.5] "
                    + "(default: ${DEFAULT-VALUE}).")
    double fpr;

    @Option(names = "--allow-lower", description = "Let the threshold fall below the detector's own when the normal "
            + "footage scores low (more alarms there); by default calibration only ever raises it.")
    boolean allowLower;

    @Option(names = "--conceal-dropouts", description = "Hide transmission dropouts in the normal footage before "
            + "scoring it, as score --conceal-dropouts does: use it here if you score the camera with it.")
    boolean concealDropouts;

    @Mixin
    DamagedVideoOptions damaged;

    @Option(names = "--out", required = true, paramLabel = "<file>", description = "Where to write the calibrated copy "
            + "(not the input file's path).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists (atomically: on any failure it is "
            + "untouched). Without it an existing --out is an error, so that no file of yours is replaced by mistake.")
    boolean overwrite;

    /** Seconds of a live stream used when {@code --seconds} is not given. */
    static final double STREAM_SECONDS = 600;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (!(fpr >= 0 && fpr <= 0.5)) {
            throw Cli.badOption("--fpr must be in [0, 0.5], got " + fpr);
        }
        Cli.checkFolderFps(fps);
        if (Files.exists(out) && Files.exists(modelFile) && Files.isSameFile(out, modelFile)) {
            throw Cli.badOption("--out must not be the input model (" + modelFile
                    + "): write the calibrated copy elsewhere");
        }
        if (seconds != null && (!(seconds > 0) || seconds.isInfinite())) {
            throw Cli.badOption("--seconds must be finite and > 0, got " + seconds);
        }
        Cli.checkOutputFile("--out", out, overwrite);
        if (fps != null && normal.stream().noneMatch(FrameImages::isImageFolder)) {
            throw Cli.badOption("--fps is for folders of image frames; none of --normal is one "
                    + "(a video carries its own frame rate)");
        }
        List<FrameSource> sources = new ArrayList<>();
        try (VideoAnomalyDetector d = Detectors.load(modelFile)) {
            for (String v : normal) {
                boolean stream = v.contains("://") && !v.startsWith("file:");
                Double limit = seconds != null ? seconds : stream ? Double.valueOf(STREAM_SECONDS) : null;
                FrameSource src;
                if (FrameImages.isImageFolder(v)) {
                    double rate = fps != null ? fps : ImageFolderFrameSource.DEFAULT_FPS;
                    src = ImageFolderFrameSource.open(Path.of(v), d.inputFormat(), rate);
                    if (limit != null) {
                        src = FrameSources.limit(src, Math.max(1, Math.round(limit * rate)));
                    }
                } else {
                    VideoOptions.Builder b = damaged.applyTo(VideoOptions.builder().format(d.inputFormat()));
                    if (limit != null) {
                        b.rangeSeconds(0, limit);
                    }
                    src = VideoFrameSource.open(v, b.build());
                }
                sources.add(new Counted(concealDropouts ? DropoutConcealment.wrap(src) : src));
            }
            double before = d.threshold();
            double quantile = Detectors.thresholdFor(d, sources, fpr);
            double after = allowLower ? quantile : Math.max(before, quantile);
            Cli.save(out, overwrite, file -> Detectors.saveWithThreshold(d, after, file));
            String what = normal.size() == 1 ? "normal video" : "normal videos";
            long frames = sources.stream().mapToLong(c -> ((Counted) c).frames).sum();
            o.printf(Locale.ROOT, "calibrated on %d %s (%d frames): %.2f%% of their frames score %.4f or more; "
                            + "threshold %.4f -> %.4f%s%n", normal.size(), what, frames, 100 * fpr,
                    quantile, before, after, after > quantile ? " (kept: --allow-lower to go below the model's own)" : "");
            o.println("model=" + out);
        } finally {
            for (FrameSource s : sources) {
                s.close();
            }
        }
        return 0;
    }

    /** A source that counts the frames read from it. */
    private static final class Counted extends ForwardingFrameSource {
        private long frames;

        Counted(FrameSource in) {
            super(in);
        }

        @Override
        public Optional<Frame> next() throws IOException {
            Optional<Frame> f = super.next();
            frames += f.isPresent() ? 1 : 0;
            return f;
        }
    }
}
