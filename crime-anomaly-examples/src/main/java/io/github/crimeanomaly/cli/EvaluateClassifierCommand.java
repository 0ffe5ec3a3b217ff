package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.examples.fight.ClipEvaluation;
import io.github.crimeanomaly.examples.fight.FightClips;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import io.github.crimeanomaly.video.ClipEntry;
import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.video.VideoFolderDataset;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crime-anomaly evaluate-classifier --model <file> --data <class folders>}: scores every
 * clip with a saved clip classifier (preprocessed as stored in the model) and prints the confusion
 * matrix and the figures; the last line is {@code accuracy=0.xxxx f1=0.xxxx auc=0.xxxx}.
 */
@Command(name = "evaluate-classifier", mixinStandardHelpOptions = true,
        description = {"Evaluate a saved clip classifier on class folders of videos.",
                "Prints the confusion matrix, accuracy, precision, recall, F1, false-positive rate, MSE and ROC AUC;",
                "the last line is accuracy=0.xxxx f1=0.xxxx auc=0.xxxx."})
public final class EvaluateClassifierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<file>", description = "A model saved by train-classifier.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "<dir>", description = "Folder with one sub-folder of videos per class.")
    Path data;

    @Option(names = "--positive-class", paramLabel = "<class>",
            description = "The positive class for precision, recall, F1, FPR and AUC (default: the model's class "
                    + "other than its normal class, e.g. fight).")
    String positiveClass;

    @Option(names = "--class-map", paramLabel = "<folder>=<class>",
            description = {"Read a class folder as one of the model's classes, for datasets named otherwise, e.g. "
                    + "--class-map NonFight=noFight (repeatable).",
                    "A folder named like a model class, ignoring case (Fight for fight), needs no entry."})
    List<String> classMapEntries = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Map<String, String> classMap = classMap(classMapEntries);
        try (HybridModel model = HybridModel.load(modelFile)) {
            ClipInput in;
            try { // a forged clip input used to be reported without the file it came from
                in = ClipInput.of(model).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(ModelFormatException.Reason.INVALID_CONTENT,
                        modelFile + ": its '" + ClipInput.METADATA_KEY + "' metadata: " + e.getMessage(), e);
            }
            if (in == null) {
                throw new IllegalArgumentException(modelFile + " has no '" + ClipInput.METADATA_KEY
                        + "' metadata: it was not saved by train-classifier");
            }
            List<String> modelClasses = model.labels().orElseThrow(() -> new IllegalArgumentException(
                    modelFile + " is not a classifier")).classes();
            try { // what score and model-info refuse is refused here too, before minutes of decoding
                ClassifierDetector.storedNormalClass(model);
                ClassifierDetector.storedThreshold(model);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(ModelFormatException.Reason.INVALID_CONTENT,
                        modelFile + ": " + e.getMessage(), e);
            }
            String positive = positiveClass != null ? positiveClass : defaultPositive(model, modelClasses);
            if (!modelClasses.contains(positive)) {
                throw new IllegalArgumentException("--positive-class '" + positive + "' is not one of the model's "
                        + "classes " + modelClasses);
            }
            // Before decoding, which takes minutes on a large folder.
            List<String> folders = VideoFolderDataset.open(data, VideoFolderDataset.Options.builder().build()).classes();
            Map<String, String> classOf = modelClassOfFolder(folders, modelClasses, classMap, data);
            ClipFolder clips = FightClips.load(data, in, true);
            List<String> clipClasses = clips.classes().stream().map(classOf::get).toList();
            warnAboutLongClips(in);
            if (!clipClasses.contains(positive) || clipClasses.stream().allMatch(positive::equals)) {
                List<Path> skipped;
                try (var dirs = java.nio.file.Files.list(data)) {
                    // a class folder without videos is left out of the dataset: name it, it is the likely cause
                    skipped = dirs.filter(java.nio.file.Files::isDirectory)
                            .filter(d -> !folders.contains(d.getFileName().toString())).sorted().toList();
                }
                spec.commandLine().getErr().printf(Locale.ROOT, "warning: every clip of %s stands for %s%s, so recall, "
                                + "the false-positive rate and ROC AUC are undefined (printed as 0 or NaN); evaluate on "
                                + "clips of both the positive class '%s' and another%n", data,
                        clipClasses.stream().distinct().map(c -> "'" + c + "'").toList(),
                        skipped.isEmpty() ? "" : " (no videos in " + skipped.stream().map(Path::toString)
                                .collect(java.util.stream.Collectors.joining(", ")) + ")", positive);
                spec.commandLine().getErr().flush();
            }
            ClipEvaluation e = ClipEvaluation.evaluate(model, clips.clips(), clipClasses, positive);
            String negative = modelClasses.stream().filter(c -> !c.equals(positive)).findFirst().orElse("other");
            o.println("model=" + modelFile + " architecture=" + model.architecture() + " input=" + in);
            o.println("data=" + data + " threshold=" + e.threshold() + " positive=" + positive);
            o.print(e.confusionText(negative));
            o.print(e.metricsText());
            o.println(e.summaryLine());
        }
        return 0;
    }

    /** The binary model's class other than its stored normal class, else {@code fight} if it has one. */
    private String defaultPositive(HybridModel model, List<String> modelClasses) {
        Optional<String> normal = ClassifierDetector.storedNormalClass(model);
        if (normal.isPresent() && modelClasses.size() == 2 && modelClasses.contains(normal.get())) {
            return modelClasses.get(modelClasses.get(0).equals(normal.get()) ? 1 : 0);
        }
        if (modelClasses.contains("fight")) {
            return "fight";
        }
        throw new IllegalArgumentException("say which class is positive with --positive-class: " + modelFile
                + " has classes " + modelClasses + (normal.map(n -> " and normal class '" + n + "'").orElse(
                " and no stored normal class")));
    }

    /**
     * The {@code --class-map} entries as a map from folder to class; refuses an entry without
     * {@code =} and a folder given two classes (picocli's own map option kept the last silently).
     */
    static Map<String, String> classMap(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw Cli.badOption("--class-map expects <folder>=<class> like NonFight=noFight, got '" + e + "'");
            }
            String folder = e.substring(0, eq);
            String cls = e.substring(eq + 1);
            String before = map.putIfAbsent(folder, cls);
            if (before != null && !before.equals(cls)) {
                throw Cli.badOption("--class-map gives the folder '" + folder + "' two classes, '" + before + "' and '"
                        + cls + "': expected one");
            }
        }
        return map;
    }

    /**
     * The model class each class folder stands for: the {@code --class-map} entry, else the class
     * of the same name, else the one class of the same name ignoring case.
     *
     * @throws IllegalArgumentException naming the folder, the model's classes and the option to
     *                                  use, if a folder stands for no class or a map entry is wrong
     */
    static Map<String, String> modelClassOfFolder(List<String> folders, List<String> modelClasses,
                                                  Map<String, String> explicit, Path data) {
        for (Map.Entry<String, String> m : explicit.entrySet()) {
            if (!folders.contains(m.getKey())) {
                throw new IllegalArgumentException("--class-map " + m.getKey() + "=" + m.getValue() + ": " + data
                        + " has no class folder '" + m.getKey() + "' (it has " + folders + ")");
            }
            if (!modelClasses.contains(m.getValue())) {
                throw new IllegalArgumentException("--class-map " + m.getKey() + "=" + m.getValue() + ": '"
                        + m.getValue() + "' is not one of the model's classes " + modelClasses);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : folders) {
            String c = explicit.get(f);
            if (c == null && modelClasses.contains(f)) {
                c = f;
            }
            if (c == null) {
                List<String> same = modelClasses.stream().filter(m -> m.equalsIgnoreCase(f)).toList();
                c = same.size() == 1 ? same.get(0) : null;
            }
            if (c == null) {
                throw new IllegalArgumentException("class folder '" + f + "' in " + data + " is not one of the model's "
                        + "classes " + modelClasses + "; if it holds one of them, say which with --class-map " + f
                        + "=<class>");
            }
            out.put(f, c);
        }
        return out;
    }

    /**
     * Warns on stderr about clips much longer than the model's clip length: their frames are spread
     * over the whole clip, so the motion between them is not what the model was trained on.
     */
    private void warnAboutLongClips(ClipInput in) throws IOException {
        double limit = in.longestClipSeconds();
        List<String> longOnes = new ArrayList<>();
        double longest = 0;
        for (ClipEntry entry : VideoFolderDataset.open(data, VideoFolderDataset.Options.builder().build()).entries()) {
            VideoInfo info = VideoFrameSource.probe(entry.path());
            if (info.durationSeconds() > limit) {
                longOnes.add(entry.path().getFileName().toString());
                longest = Math.max(longest, info.durationSeconds());
            }
        }
        if (!longOnes.isEmpty()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: %d clip%s last%s longer than %.0f s (longest %.1f s; "
                            + "%s): the model spreads its %d frames over each whole clip, as over the %.0f s clips it was "
                            + "made for, so its scores on them are unreliable; cut them into clips of about %.0f s, or "
                            + "score them as streams with 'score --model'%n", longOnes.size(),
                    longOnes.size() == 1 ? "" : "s", longOnes.size() == 1 ? "s" : "", limit, longest,
                    String.join(", ", longOnes.subList(0, Math.min(5, longOnes.size())))
                            + (longOnes.size() > 5 ? ", …" : ""),
                    in.rawFrames(), in.clipSeconds(), in.clipSeconds());
            spec.commandLine().getErr().flush();
        }
    }
}
