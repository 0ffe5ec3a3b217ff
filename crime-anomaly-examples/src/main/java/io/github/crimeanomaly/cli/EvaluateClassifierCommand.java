package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.examples.fight.ClipEvaluation;
import io.github.crimeanomaly.examples.fight.FightClassifier;
import io.github.crimeanomaly.examples.fight.FightClips;
import io.github.crimeanomaly.model.HybridModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--positive-class", defaultValue = "fight", paramLabel = "<class>",
            description = "The positive class for precision, recall, F1, FPR and AUC (default: ${DEFAULT-VALUE}).")
    String positiveClass;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        try (HybridModel model = HybridModel.load(modelFile)) {
            ClipInput in = ClipInput.of(model).orElseThrow(() -> new IllegalArgumentException(modelFile
                    + " has no '" + ClipInput.METADATA_KEY + "' metadata: it was not saved by train-classifier"));
            List<String> modelClasses = model.labels().orElseThrow(() -> new IllegalArgumentException(
                    modelFile + " is not a classifier")).classes();
            FightClips clips = FightClips.load(data, in, true);
            for (String c : clips.classes()) {
                if (!modelClasses.contains(c)) {
                    throw new IllegalArgumentException("class folder '" + c + "' in " + data
                            + " is not one of the model's classes " + modelClasses);
                }
            }
            ClipEvaluation e = FightClassifier.evaluate(model, clips.clips(), clips.classes(), positiveClass);
            String negative = modelClasses.stream().filter(c -> !c.equals(positiveClass)).findFirst().orElse("other");
            o.println("model=" + modelFile + " architecture=" + model.architecture() + " input=" + in);
            o.println("data=" + data + " threshold=" + e.threshold() + " positive=" + positiveClass);
            o.print(e.confusionText(negative));
            o.print(e.metricsText());
            o.println(e.summaryLine());
        }
        return 0;
    }
}
