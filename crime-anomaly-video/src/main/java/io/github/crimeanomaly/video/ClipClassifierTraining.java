package io.github.crimeanomaly.video;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.TrainingListener;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.split.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Trains a clip classifier straight from a folder of labelled videos, as
 * {@code crime-anomaly train-classifier} does: one sub-folder of videos per class (e.g.
 * {@code fight/} and {@code noFight/}), the {@link ClipClassifier} recipe, and by default 20% of
 * the clips held out, whole source videos from {@code videos.txt} and each class in its share, to
 * keep the epoch with the lowest validation loss. The trained model stores its preprocessing, its
 * normal class and its threshold, so {@code Detectors.load} scores videos with it and
 * {@link io.github.crimeanomaly.classify.ClipInput#predict} classifies clips.
 *
 * <pre>{@code
 * try (ClipClassifierTraining.Result r = ClipClassifierTraining.train(Path.of("fights"), Architecture.HYBRID, "noFight")) {
 *     r.model().save(Path.of("fight.model"));
 * }
 * }</pre>
 */
public final class ClipClassifierTraining {

    /** Clips held out for the best epoch by default. */
    public static final double DEFAULT_VALIDATION = 0.2;

    private ClipClassifierTraining() {
    }

    /**
     * A trained classifier and how it was trained. Closing it closes the model.
     *
     * @param model      the trained model, with its clip input, normal class and threshold stored
     * @param report     the training report (both stages with a CNN warm start); with a refit, the
     *                   report of the training that chose the epochs (the refit keeps its last epoch)
     * @param data       the decoded clips
     * @param train      the clips trained on before the refit, if any (the model itself, after a
     *                   refit, trained on these and {@code validation} together)
     * @param validation the clips held out for the best epoch (empty with a validation fraction of 0)
     */
    public record Result(HybridModel model, TrainingReport report, ClipFolder data,
                         List<ClipClassifier.Clip> train, List<ClipClassifier.Clip> validation) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Trains {@code arch} on the videos under {@code root} with the default recipe
     * ({@link ClipClassifier.Settings#defaults(Architecture)}), 20% of the clips held out for the best epoch and
     * threshold 0.5, without progress output.
     *
     * @param normalClass the class folder that is not an anomaly (e.g. "noFight")
     * @throws IOException if the folder cannot be read or a video cannot be decoded
     */
    public static Result train(Path root, Architecture arch, String normalClass) throws IOException {
        return train(root, arch, normalClass, ClipClassifier.Settings.defaults(arch), DEFAULT_VALIDATION, 0.5, null);
    }

    /**
     * Decodes the videos under {@code root} and trains as {@link #train(ClipFolder, Architecture,
     * String, ClipClassifier.Settings, double, double, TrainingListener)} does.
     *
     * @throws IOException if the folder cannot be read or a video cannot be decoded
     */
    public static Result train(Path root, Architecture arch, String normalClass, ClipClassifier.Settings settings,
                               double validationFraction, double threshold, TrainingListener listener)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        check(validationFraction, threshold);
        ClipFolder data = ClipFolder.decode(root, settings.input(), settings.temporalJitter(), ClipFolder.Progress.NONE);
        return train(data, arch, normalClass, settings, validationFraction, threshold, listener);
    }

    /**
     * Trains {@code arch} on decoded clips.
     *
     * @param normalClass        the class that is not an anomaly; a frame's anomaly score is
     *                           {@code 1 - p(normalClass)} of the clip ending at it
     * @param validationFraction share of the clips (whole source videos) held out to keep the best
     *                           epoch, in [0, 0.5]; 0 trains on every clip and keeps the last epoch
     * @param threshold          the stored decision threshold on the anomaly score, in [0, 1]
     * @param listener           training progress, or null
     * @throws IllegalArgumentException if there are fewer than 2 classes, {@code normalClass} is not
     *                                  one of them, a fraction or threshold is out of range, or there
     *                                  are too few source videos to hold any out
     * @throws IOException              never for in-memory clips (the trainer's contract)
     */
    public static Result train(ClipFolder data, Architecture arch, String normalClass, ClipClassifier.Settings settings,
                               double validationFraction, double threshold, TrainingListener listener)
            throws IOException {
        return train(data, arch, normalClass, settings, validationFraction, threshold, false, listener);
    }

    /**
     * As {@link #train(ClipFolder, Architecture, String, ClipClassifier.Settings, double, double,
     * TrainingListener)}; with {@code refit}, once the held-out clips have chosen the epochs, a fresh
     * model is trained on every clip for those epochs and returned instead
     * ({@link ClipClassifier#refit}): no clip is left out of the final model, at up to about twice the
     * training time.
     *
     * @throws IllegalArgumentException as there, and if {@code refit} with a validation fraction of 0
     *                                  (nothing chooses the epochs)
     */
    public static Result train(ClipFolder data, Architecture arch, String normalClass, ClipClassifier.Settings settings,
                               double validationFraction, double threshold, boolean refit, TrainingListener listener)
            throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(normalClass, "normalClass");
        Objects.requireNonNull(settings, "settings");
        check(validationFraction, threshold);
        if (refit && validationFraction == 0) {
            throw new IllegalArgumentException("a refit needs held-out clips to choose the epochs: expected a "
                    + "validation fraction in (0, 0.5], got 0");
        }
        if (data.classes().size() < 2) {
            throw new IllegalArgumentException("expected at least 2 class folders, found " + data.classes());
        }
        if (!data.classes().contains(normalClass)) {
            throw new IllegalArgumentException("the normal class must be one of " + data.classes() + ", got '"
                    + normalClass + "'");
        }
        List<ClipClassifier.Clip> train = data.clips();
        List<ClipClassifier.Clip> validation = List.of();
        if (validationFraction > 0) {
            Split split;
            try {
                split = data.holdOut(IntStream.range(0, data.clips().size()).boxed().toList(), validationFraction,
                        settings.seed());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot hold out " + validationFraction + " of " + data.clips().size()
                        + " clips by source video for the best epoch (" + e.getMessage()
                        + "); use a validation fraction of 0 to train on every clip", e);
            }
            train = data.select(split.train());
            validation = data.select(split.validation());
        }
        HybridModel model = ClipClassifier.build(arch, settings, data.classes(), normalClass);
        TrainingReport report;
        try {
            report = ClipClassifier.train(model, settings, train, validation, listener);
            if (!refit) {
                ClassifierDetector.storeIn(model, normalClass, threshold);
                return new Result(model, report, data, train, validation);
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        model.close();
        HybridModel refitted = ClipClassifier.refit(arch, settings, data.classes(), normalClass, data.clips(), report, listener);
        try {
            ClassifierDetector.storeIn(refitted, normalClass, threshold);
            return new Result(refitted, report, data, train, validation);
        } catch (RuntimeException e) {
            refitted.close();
            throw e;
        }
    }

    private static void check(double validationFraction, double threshold) {
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 0.5], got " + validationFraction);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold must be in [0, 1], got " + threshold);
        }
    }
}
