package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crime-anomaly calibrate --model fight.model --normal quiet-day.mp4 --out fight-cam3.model}:
 * sets a clip classifier's threshold for one camera from normal footage of it
 * ({@link ClassifierDetector#thresholdFor}; by default never below the model's own threshold) and
 * writes a copy of the model with that threshold; the input model is never modified.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Set a clip classifier's alarm threshold for a camera from normal footage of it.",
                "Scores every frame of the normal videos as score --model does and stores the threshold that "
                        + "flags the given share of them in a copy of the model (--out); the input model is not changed."})
public final class CalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<file>", description = "A model saved by train-classifier.")
    Path modelFile;

    @Option(names = "--normal", required = true, arity = "1..*", paramLabel = "<file|url>",
            description = "One or more videos of the camera with nothing to alarm on.")
    List<String> normal;

    @Option(names = "--fpr", defaultValue = "0.01", paramLabel = "<rate>",
            description = "Share of the normal frames allowed at or above the threshold, in [0, 0.5] "
                    + "(default: ${DEFAULT-VALUE}).")
    double fpr;

    @Option(names = "--allow-lower", description = "Let the threshold fall below the model's own when the normal "
            + "footage scores low (more alarms there); by default calibration only ever raises it.")
    boolean allowLower;

    @Option(names = "--conceal-dropouts", description = "Hide transmission dropouts in the normal videos before "
            + "scoring them, as score --conceal-dropouts does: use it here if you score the camera with it.")
    boolean concealDropouts;

    @Option(names = "--out", required = true, paramLabel = "<file>", description = "Where to write the calibrated model "
            + "(not the input model's path).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (!(fpr >= 0 && fpr <= 0.5)) {
            throw new IllegalArgumentException("--fpr must be in [0, 0.5], got " + fpr);
        }
        if (Files.exists(out) && Files.exists(modelFile) && Files.isSameFile(out, modelFile)) {
            throw new IllegalArgumentException("--out must not be the input model (" + modelFile
                    + "): write the calibrated copy elsewhere");
        }
        HybridModel model = HybridModel.load(modelFile);
        ClassifierDetector detector;
        try {
            detector = ClassifierDetector.of(model);
        } catch (IllegalArgumentException e) {
            model.close();
            throw new IllegalArgumentException(modelFile + ": expected a clip classifier saved by train-classifier; "
                    + e.getMessage(), e);
        }
        List<FrameSource> sources = new ArrayList<>();
        try (ClassifierDetector d = detector) {
            for (String v : normal) {
                FrameSource src = VideoFrameSource.open(v, VideoOptions.builder().format(d.inputFormat()).build());
                sources.add(concealDropouts ? DropoutConcealment.wrap(src) : src);
            }
            double before = d.threshold();
            double quantile = d.thresholdFor(sources, fpr);
            double after = allowLower ? quantile : Math.max(before, quantile);
            ClassifierDetector.storeIn(model, d.normalClass(), after);
            model.save(out);
            o.printf(Locale.ROOT, "calibrated on %d normal video%s: %.2f%% of their frames score %.4f or more; "
                            + "threshold %.4f -> %.4f%s%n", normal.size(), normal.size() == 1 ? "" : "s", 100 * fpr,
                    quantile, before, after, after > quantile ? " (kept: --allow-lower to go below the model's own)" : "");
            o.println("model=" + out);
        } finally {
            for (FrameSource s : sources) {
                s.close();
            }
        }
        return 0;
    }
}
