package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.FrameDifferenceDetector;
import io.github.crimeanomaly.detect.MotionPredictionDetector;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.detect.NormalOnlyDetector;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.detect.internal.DetectorFile;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelConfig;
import io.github.crimeanomaly.model.Provenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code crime-anomaly model-info model.zip}: verifies a saved model (checksum, format version,
 * kind) and prints its configuration, provenance, metadata keys and layer summary. A saved
 * detector (from {@code evaluate-ucsd --out}, {@code train-classifier} or {@code calibrate}) also gets
 * a {@code detector:} line with its kind, input and alarm threshold, and its settings; a detector
 * without a network (motion speed, frame difference) gets those lines alone.
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = {"Verify a saved model or detector file and print its configuration, provenance and layers.",
                "For a saved detector, also its kind, input, alarm threshold and settings."})
public final class ModelInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model or detector file (HybridModel.save, "
            + "a detector's save, train-classifier, evaluate-ucsd --out, calibrate).")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!HybridModel.KIND.equals(DetectorFile.peekManifest(file).path("kind").asText())) {
            // a detector file without a network of the HybridModel kind
            try (VideoAnomalyDetector d = Detectors.load(file)) {
                out.printf("%s: detector, verified%n", file);
                printDetector(d, out);
            }
            out.flush();
            return 0;
        }
        try (HybridModel m = HybridModel.load(file)) {
            ModelConfig c = m.config();
            out.printf("%s: %s model, verified%n", file, c.architecture());
            out.printf("input: frames of %s; sequences of %d%n", c.frameFormat(), c.sequenceLength());
            out.printf("head: %s%n", m.labels().map(l -> "classification over " + l.classes())
                    .orElse("regression of " + c.outputSize() + " values"));
            out.printf("optimiser: %s, learning rate %s, L2 %s, seed %d%n", c.updater(), c.learningRate(), c.l2(), c.seed());
            out.printf("normalisation: %s%n", m.normalization());
            if (m.provenance().isPresent()) {
                Provenance p = m.provenance().get();
                out.printf("trained: %s, %d epochs on %d sequences in %.1f s, dataset sha256 %s%n", p.trainedAt(),
                        p.epochs(), p.sequences(), p.trainingSeconds(), p.datasetFingerprint());
            } else {
                out.println("trained: no (untrained weights)");
            }
            out.printf("metadata: %s%n", m.metadata().keySet());
            if (m.metadata().containsKey(MotionPredictionDetector.METADATA_KEY)
                    || m.metadata().containsKey(ClassifierDetector.METADATA_KEY)) {  // Detectors.load checks it, naming the file
                try (VideoAnomalyDetector d = Detectors.load(file)) {
                    printDetector(d, out);
                }
            }
            out.print(m.summary());
            out.flush();
        }
        return 0;
    }

    /** The detector's kind, input and threshold, and its settings where it has them. */
    private static void printDetector(VideoAnomalyDetector d, PrintWriter out) {
        out.printf("detector: %s%n", d);
        Object settings = d instanceof MotionPredictionDetector mp ? mp.config()
                : d instanceof MotionSpeedDetector ms ? ms.config()
                : d instanceof FrameDifferenceDetector fd ? fd.config()
                : d instanceof NormalOnlyDetector no ? no.config() : null;
        if (settings != null) {
            out.printf("settings: %s%n", settings);
        }
    }
}
