package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.split.Split;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.model.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses the hybrid's clip head on the validation part of the required split only (the test
 * part is never loaded into a model): trains one variant on the train part, keeps the best epoch
 * on validation loss, and prints its validation figures.
 *
 * <p>Usage: {@code HybridSelection <data> <arch> <pooling> <everyFrame>}, e.g.
 * {@code HybridSelection data HYBRID MEAN false}.
 */
public final class HybridSelection {

    private HybridSelection() {
    }

    /** Runs one variant; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Architecture arch = Architecture.valueOf(args[1]);
        FightClassifier.Settings s = FightClassifier.Settings.DEFAULT
                .withPooling(SequencePooling.valueOf(args[2])).withEveryFrame(Boolean.parseBoolean(args[3]));
        System.out.println(validation(FightClips.load(data, s.input(), true), s, arch));
    }

    /** Trains {@code arch} on the split's train part and returns its figures on the validation part. */
    public static String validation(FightClips clips, FightClassifier.Settings s, Architecture arch)
            throws IOException {
        Split split = FightComparison.split(clips, s.seed());
        try (HybridModel m = FightClassifier.build(arch, s, clips.classes())) {
            TrainingReport r = FightClassifier.train(m, s, clips.select(split.train()),
                    clips.select(split.validation()), null);
            ClipEvaluation e = FightClassifier.evaluate(m, clips.select(split.validation()), clips.classes(), "fight");
            return String.format(Locale.ROOT, "%s pooling=%s everyFrame=%s: best epoch %d (val loss %.4f), %.0f s; "
                            + "validation (%d clips) %s", arch, s.pooling(), s.everyFrame(), r.bestEpoch() + 1,
                    r.best().map(x -> x.validationLoss()).orElse(Double.NaN), r.seconds(), split.validation().size(),
                    e.summaryLine());
        }
    }
}
