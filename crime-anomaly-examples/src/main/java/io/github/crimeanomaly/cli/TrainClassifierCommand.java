package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.examples.fight.FightClassifier;
import io.github.crimeanomaly.examples.fight.FightClips;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.ConsoleProgressListener;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.TrainingReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crime-anomaly train-classifier --data <class folders> --arch hybrid|cnn|lstm --out <model>}:
 * trains a clip classifier on every clip of a class-folder dataset (no split: use {@code compare}
 * for held-out figures) and saves it with its preprocessing, normal class and threshold.
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Train a clip classifier (hybrid, CNN-only or LSTM-only) on class folders of videos.",
                "Trains on every clip of a folder with one sub-folder of videos per class (e.g. fight/, noFight/) "
                + "and saves the model.",
                "The model file stores how clips are preprocessed, so evaluate-classifier works on any folder."})
public final class TrainClassifierCommand implements Callable<Integer> {

    /** The architectures by their command-line names. */
    enum Arch {
        hybrid(Architecture.HYBRID), cnn(Architecture.CNN_ONLY), lstm(Architecture.LSTM_ONLY);

        final Architecture architecture;

        Arch(Architecture a) {
            this.architecture = a;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "Folder with one sub-folder of videos per class.")
    Path data;

    @Option(names = "--arch", defaultValue = "hybrid", paramLabel = "<arch>", description = "hybrid, cnn or lstm (default: ${DEFAULT-VALUE}).")
    Arch arch;

    @Option(names = "--out", required = true, paramLabel = "<file>", description = "Model file to write (written atomically).")
    Path out;

    @Option(names = "--normal-class", defaultValue = "noFight", paramLabel = "<class>",
            description = "The class that is not an anomaly (default: ${DEFAULT-VALUE}).")
    String normalClass;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "<p>",
            description = "Fight probability at and above which a clip or frame is flagged, stored in the model; "
                    + "training uses every clip, so none is left to choose it on (compare chooses one on its "
                    + "validation part) (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Mixin
    ClassifierOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
        }
        FightClassifier.Settings s = options.settings();
        FightClips clips = FightClips.load(data, s.input(), s.temporalJitter(), true);
        if (clips.classes().size() < 2) {
            throw new IllegalArgumentException("expected at least 2 class folders in " + data + ", found " + clips.classes());
        }
        if (!clips.classes().contains(normalClass)) {
            throw new IllegalArgumentException("--normal-class must be one of " + clips.classes() + ", got '"
                    + normalClass + "'");
        }
        o.printf(Locale.ROOT, "data=%s clips=%d classes=%s input=%s%n", data, clips.clips().size(), clips.classes(),
                s.input());
        o.flush();
        try (HybridModel model = FightClassifier.build(arch.architecture, s, clips.classes())) {
            TrainingReport r = FightClassifier.train(model, s, clips.clips(), List.of(),
                    ConsoleProgressListener.toStderr());
            ClassifierDetector.storeIn(model, normalClass, threshold);
            model.save(out);
            o.printf(Locale.ROOT, "trained %s: %d epochs in %.1f s, final train loss %.4f%n", arch.architecture,
                    r.epochs().size(), r.seconds(), r.epochs().get(r.epochs().size() - 1).trainLoss());
            o.println("model=" + out);
        }
        return 0;
    }
}
