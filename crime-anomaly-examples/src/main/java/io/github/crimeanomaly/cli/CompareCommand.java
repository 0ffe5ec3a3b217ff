package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.examples.fight.FightClips;
import io.github.crimeanomaly.examples.fight.FightComparison;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.ConsoleProgressListener;
import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.video.VideoFolderDataset;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crime-anomaly compare --data <class folders> [--out <dir>]}: the papers' table, hybrid
 * CNN+LSTM vs CNN-only vs LSTM-only on a group-aware stratified 70/20/10 split (see
 * {@link FightComparison}); prints Markdown and the confusion matrices, writes Markdown, CSV and a
 * bar chart PNG.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare the hybrid CNN+LSTM with its CNN-only and LSTM-only baselines.",
                "On a class-folder dataset: a 70/20/10 split by source video (videos.txt), stratified; same budget "
                + "and seed, each model with its default input (" + ClipClassifier.Settings.HYBRID_FRAMES
                + " frame differences per clip for the hybrid, 16 for the baselines, unless --frames is given); best "
                + "epoch chosen on validation (see --training); figures on the test part.",
                "Writes comparison.md, comparison.csv, predictions.csv (each test clip's truth and every model's "
                        + "probability and decision), confusion.txt and comparison.png to --out; with --folds, "
                        + "cv-predictions.csv (every clip, scored by the fold model that never saw its source video); "
                        + "with --cv-only, comparison.md and cv-predictions.csv only."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "Folder with one sub-folder of videos per class.")
    Path data;

    @Option(names = "--out", defaultValue = "compare-out", paramLabel = "<dir>", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--folds", defaultValue = "0", paramLabel = "<k>",
            description = "Also run a grouped k-fold cross-validation of every model (k >= 3; 0 = none; default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--cv-only", description = "With --folds: run only the cross-validation, not the 70/20/10 split.")
    boolean cvOnly;

    @Option(names = "--models", split = ",", paramLabel = "<arch>",
            description = "Which models to compare, comma-separated: hybrid, cnn, lstm (default: all three).")
    java.util.List<TrainClassifierCommand.Arch> models = java.util.List.of(TrainClassifierCommand.Arch.values());

    @Option(names = "--threshold", paramLabel = "<rule>",
            description = "Each model's decision threshold: VALIDATION_F1 (the one with the best F1 on the validation "
                    + "part, 0.5 kept when it is among the best) or HALF (0.5) (default: ${DEFAULT-VALUE}).")
    FightComparison.ThresholdRule threshold = FightComparison.DEFAULT_RULE;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "<n>",
            description = "Train every model n times on the same split with training seeds seed, seed+1, ... and "
                    + "also print the mean and standard deviation of the test figures (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--training", paramLabel = "<mode>",
            description = "How each model is trained on a split: VALIDATION_PART (on the train part, best epoch on the "
                    + "validation part), LAST_EPOCH (train and validation parts together, last epoch, threshold 0.5: "
                    + "as train-classifier --validation 0) or HELD_OUT_VIDEOS (train and validation parts merged, 20%% "
                    + "of their source videos held out for the best epoch: as train-classifier by default) or REFIT "
                    + "(as HELD_OUT_VIDEOS, then a fresh model trained on the train and validation parts together for "
                    + "the epochs kept, threshold 0.5: as train-classifier --refit) (default: ${DEFAULT-VALUE}).")
    FightComparison.Training training = FightComparison.Training.VALIDATION_PART;

    @Mixin
    ClassifierOptions options;

    @Override
    public Integer call() throws Exception {
        if (folds != 0 && folds < 3) {
            throw Cli.badOption("--folds must be 0 or >= 3, got " + folds);
        }
        if (repeats < 1) {
            throw Cli.badOption("--repeats must be >= 1, got " + repeats);
        }
        if ((training == FightComparison.Training.LAST_EPOCH || training == FightComparison.Training.REFIT)
                && threshold != FightComparison.ThresholdRule.HALF) {
            throw Cli.badOption("--training " + training + " leaves no validation part to set a "
                    + "threshold on: expected --threshold HALF, got " + threshold);
        }
        if (cvOnly && folds == 0) {
            throw Cli.badOption("--cv-only needs --folds k (k >= 3)");
        }
        if (!models.contains(TrainClassifierCommand.Arch.hybrid)) {
            options.refuseHybridOnly(spec.commandLine().getParseResult(), "--models "
                    + String.join(",", models.stream().map(Enum::name).toList()));
        }
        Cli.checkOutputFolder("--out", out);
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        // Each model with its own settings (the hybrid's default input is denser); the clips are
        // decoded once per distinct input.
        Map<Architecture, ClipClassifier.Settings> settings = new LinkedHashMap<>();
        for (TrainClassifierCommand.Arch a : models) {
            ClipClassifier.Settings s = options.settings(a.architecture);
            if ((training == FightComparison.Training.LAST_EPOCH || training == FightComparison.Training.REFIT)
                    && s.averageBestEpochs() > 1) {
                throw Cli.badOption("--training " + training + " keeps a last epoch, so there are no "
                        + "best epochs to average: expected --average-epochs 1 with it, got " + s.averageBestEpochs());
            }
            settings.put(a.architecture, s);
        }
        // Before decoding, which takes minutes.
        VideoFolderDataset listing = VideoFolderDataset.open(data, VideoFolderDataset.Options.builder().build());
        List<String> folders = listing.classes();
        if (!folders.contains("fight") || folders.size() != 2) {
            throw new IllegalArgumentException("expected two class folders, one named 'fight', in " + data + ", found "
                    + folders);
        }
        long groups = listing.entries().stream().map(io.github.crimeanomaly.video.ClipEntry::group).distinct().count();
        if (folds > groups) {
            // each fold holds whole source videos: more folds than videos leaves some empty, which
            // used to fail only after the split's training, with "yTrue must not be empty"
            throw Cli.badOption("--folds " + folds + " needs at least " + folds + " source videos (folds hold whole "
                    + "videos, by videos.txt), but " + data + " has " + groups + ": expected --folds from 3 to "
                    + groups + (groups < 3 ? " (or 0, no cross-validation)" : ""));
        }
        FightClips.Cache decoded = new FightClips.Cache(data, true);
        FightComparison.Result r = null;
        ClipFolder clips = null;
        for (Map.Entry<Architecture, ClipClassifier.Settings> e : settings.entrySet()) {
            ClipClassifier.Settings s = e.getValue();
            long td = System.nanoTime();
            boolean fresh = !decoded.has(s);
            clips = decoded.get(s);
            o.printf(Locale.ROOT, "%s: data=%s clips=%d %s, input=%s, epochs=%d, seed=%d, every frame=%s, "
                            + "pooling=%s, LSTM %d%s%s, hybrid skip connection=%s, hybrid CNN warm start=%s, threshold=%s, "
                            + "temporal jitter=%s, training=%s%s%n", e.getKey(), data, clips.clips().size(),
                    fresh ? String.format(Locale.ROOT, "decoded in %.0f s", (System.nanoTime() - td) / 1e9)
                            : "(decoded above)", s.input(), s.epochs(), s.seed(), s.everyFrame(), pooling(e.getKey(), s),
                    s.lstmUnits(), s.bidirectional() ? " bidirectional" : "",
                    s.twoStream() ? " (two streams: CNN features and pooled frames)" : "",
                    s.skip() && s.skipDropout() > 0 ? "true (dropout " + s.skipDropout() + ")" : s.skip(),
                    s.warmStart() == 0 ? "off" : s.warmStart() + " epochs"
                            + (s.warmStartHead() ? " (CNN and classifier copied)" : ""), threshold, s.temporalJitter(), training,
                    s.averageBestEpochs() > 1 ? ", weights averaged over the " + s.averageBestEpochs() + " best epochs" : "");
            o.flush();
            PrintStream log = System.err;
            FightComparison.Result one = FightComparison.run(clips, s, List.of(e.getKey()), folds, !cvOnly, threshold,
                    repeats, training, ConsoleProgressListener::toStderr, log);
            r = r == null ? one : r.merge(one);
        }
        List<io.github.crimeanomaly.split.Split> foldSplits = folds >= 3
                ? FightComparison.groupedFolds(clips, folds, settings.values().iterator().next().seed()) : List.of();
        FightComparison.write(r, clips, foldSplits, out);
        o.println();
        o.print(FightComparison.markdown(r));
        o.println();
        o.print(FightComparison.confusionMatrices(r, clips));
        o.print(FightComparison.csv(r));
        o.printf(Locale.ROOT, "wrote %s (comparison.md%s%s)%n", out,
                cvOnly ? "" : ", comparison.csv, predictions.csv, confusion.txt, comparison.png",
                folds >= 3 ? ", cv-predictions.csv" : "");
        o.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** The pooling {@code arch} trains with: CNN-only always averages; multiple-instance pooling with its sharpness. */
    private static String pooling(Architecture arch, ClipClassifier.Settings s) {
        if (arch == Architecture.CNN_ONLY) {
            return io.github.crimeanomaly.model.SequencePooling.MEAN.name();
        }
        return s.pooling() == io.github.crimeanomaly.model.SequencePooling.MULTIPLE_INSTANCE
                ? s.pooling() + " (sharpness " + s.instanceSharpness()
                        + (s.instanceRegularization() > 0 ? ", regularization " + s.instanceRegularization() : "") + ")"
                : s.pooling().name();
    }
}
