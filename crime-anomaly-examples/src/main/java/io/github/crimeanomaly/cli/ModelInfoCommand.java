package io.github.crimeanomaly.cli;

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
 * kind) and prints its configuration, provenance, metadata keys and layer summary.
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Verify a saved model file and print its configuration, provenance and layers.")
public final class ModelInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by HybridModel.save.")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (HybridModel m = HybridModel.load(file)) {
            ModelConfig c = m.config();
            out.printf("%s: %s model, verified%n", file, c.architecture());
            out.printf("input: %s frames, sequences of %d%n", c.frameFormat(), c.sequenceLength());
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
            out.print(m.summary());
            out.flush();
        }
        return 0;
    }
}
