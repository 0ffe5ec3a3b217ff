package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.examples.UcsdPed2Benchmark;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code crime-anomaly evaluate-ucsd}: the UCSD Ped2 benchmark (train on Train or load a model,
 * score every Test frame, print frame AUC pooled, mean per-clip AUC, EER and top frames, write
 * per-clip score plots).
 */
@Command(name = "evaluate-ucsd",
        mixinStandardHelpOptions = true,
        description = {"Trains an anomaly detector on the normal UCSD Ped2 Train clips (or loads one) and "
                + "evaluates it on every Test frame: frame-level ROC AUC pooled over all test frames, "
                + "mean per-clip AUC, EER, top frames per clip; score-curve PNGs per clip with --out.",
                "The last line is 'frame AUC (pooled): 0.xxxx'."})
public final class EvaluateUcsdCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "<dir>",
            description = "folder containing UCSDped2 (with Train/, Test/ and Test/UCSDped2.m), or UCSDped2 itself")
    Path dataset;

    @Option(names = "--model", paramLabel = "<file>",
            description = "a saved detector of any kind to evaluate instead of training one (the file says which kind)")
    Path model;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "folder for the trained detector and the per-clip score plots")
    Path out;

    @Option(names = "--detector", defaultValue = "motion-prediction", paramLabel = "<kind>",
            description = "detector to train: motion-prediction (default: the CNN+LSTM predicting each frame's motion "
                    + "from its appearance, first on the training-only selection proxy; about 5 minutes on 2 cores), "
                    + "motion-speed (block-matching speed per cell, seconds), normal-only (patch CNN+LSTM) or frame-difference")
    String detector;

    @Option(names = "--settings", defaultValue = "", paramLabel = "<key=value:...>",
            description = "training settings of motion-speed or motion-prediction, key=value joined by ':' (empty: "
                    + "the defaults), e.g. objective=PREDICT_NEXT for motion-prediction; see "
                    + "UcsdPed2Benchmark.motionSpeedCalibrator and motionPredictionTrainer for the keys")
    String settings;

    @Override
    public Integer call() throws Exception {
        if (model != null && spec.commandLine().getParseResult().hasMatchedOption("--detector")) {
            // it used to be ignored without a word
            throw Cli.badOption("--detector names a kind to train; the saved detector " + model
                    + " (--model) says its own kind: give one of the two");
        }
        UcsdPed2Benchmark.Kind kind = switch (detector) {
            case "normal-only" -> UcsdPed2Benchmark.Kind.NORMAL_ONLY;
            case "frame-difference" -> UcsdPed2Benchmark.Kind.FRAME_DIFFERENCE;
            case "motion-speed" -> UcsdPed2Benchmark.Kind.MOTION_SPEED;
            case "motion-prediction" -> UcsdPed2Benchmark.Kind.MOTION_PREDICTION;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--detector must be normal-only, motion-prediction, frame-difference or motion-speed, got '"
                            + detector + "'");
        };
        UcsdPed2Benchmark.Options options;
        try {
            options = new UcsdPed2Benchmark.Options(dataset, Optional.ofNullable(model), Optional.ofNullable(out),
                    kind, settings);
            // every key and value now, ranges included, not after the dataset is read
            if (kind == UcsdPed2Benchmark.Kind.MOTION_SPEED) {
                UcsdPed2Benchmark.motionSpeedCalibrator(settings).config(UcsdPed2Benchmark.FORMAT);
            } else if (kind == UcsdPed2Benchmark.Kind.MOTION_PREDICTION) {
                UcsdPed2Benchmark.motionPredictionTrainer(settings).config(UcsdPed2Benchmark.FORMAT);
            }
        } catch (IllegalArgumentException e) {
            throw Cli.badOption("--settings '" + settings + "': " + e.getMessage());
        }
        if (out != null) {
            Cli.checkOutputFolder("--out", out);
        }
        UcsdPed2Benchmark.run(options, System.out);
        return 0;
    }
}
