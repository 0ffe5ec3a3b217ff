package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.metrics.ConfusionMatrix;
import io.github.crimeanomaly.metrics.Metrics;
import io.github.crimeanomaly.model.HybridModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A classifier's figures on a set of clips, with {@code positiveClass} (e.g. {@code fight}) as
 * class 1: accuracy, precision, recall, F1, false-positive rate, the mean squared error of the
 * predicted probability against the 0/1 truth, and ROC AUC (NaN when the clips hold one class
 * only).
 *
 * @param truth         1 where the clip is of the positive class, else 0
 * @param scores        predicted probability of the positive class per clip
 * @param threshold     scores at or above it are predicted positive
 * @param positiveClass the positive class name
 * @param confusion     {@code [[TN, FP], [FN, TP]]}
 */
public record ClipEvaluation(int[] truth, double[] scores, double threshold, String positiveClass,
                             ConfusionMatrix confusion, double accuracy, double precision, double recall, double f1,
                             double falsePositiveRate, double mse, double auc) {

    /** Computes the figures. */
    public static ClipEvaluation of(int[] truth, double[] scores, double threshold, String positiveClass) {
        int[] pred = Metrics.predict(scores, threshold);
        ConfusionMatrix cm = ConfusionMatrix.of(truth, pred, 2);
        boolean both = cm.support(0) > 0 && cm.support(1) > 0;
        return new ClipEvaluation(truth.clone(), scores.clone(), threshold, positiveClass, cm,
                cm.accuracy(), cm.precision(1), cm.recall(1), cm.f1(1), cm.falsePositiveRate(1),
                Metrics.mse(truth, scores), both ? Metrics.rocAuc(truth, scores) : Double.NaN);
    }

    /** The truth per clip (a copy). */
    @Override
    public int[] truth() {
        return truth.clone();
    }

    /** The positive-class probability per clip (a copy). */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Number of clips. */
    public int size() {
        return truth.length;
    }

    /** The confusion matrix with class names: rows true, columns predicted. */
    public String confusionText(String negativeClass) {
        int w = Math.max(8, Math.max(negativeClass.length(), positiveClass.length()) + 1);
        String f = "%-" + (w + 6) + "s%" + w + "s%" + w + "s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, f, "true \\ predicted", negativeClass, positiveClass));
        sb.append(String.format(Locale.ROOT, f, negativeClass, cm(0, 0), cm(0, 1)));
        sb.append(String.format(Locale.ROOT, f, positiveClass, cm(1, 0), cm(1, 1)));
        return sb.toString();
    }

    private String cm(int t, int p) {
        return Integer.toString(confusion.count(t, p));
    }

    /** All figures, one {@code name=value} per line. */
    public String metricsText() {
        return String.format(Locale.ROOT, "clips=%d%naccuracy=%.4f%nprecision=%.4f%nrecall=%.4f%nf1=%.4f%n"
                        + "false_positive_rate=%.4f%nmse=%.4f%nroc_auc=%.4f%n", size(), accuracy, precision, recall, f1,
                falsePositiveRate, mse, auc);
    }

    /** The summary line {@code accuracy=0.xxxx f1=0.xxxx auc=0.xxxx}. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "accuracy=%.4f f1=%.4f auc=%.4f", accuracy, f1, auc);
    }

    /**
     * Scores {@code clips} with a trained model: the probability of {@code positiveClass} per
     * clip, predicted positive at and above the model's stored threshold (0.5 if none).
     *
     * @param clipClasses the class names the clips' labels index into
     * @throws IllegalArgumentException if the model has no clip input, or does not know a class
     */
    public static ClipEvaluation evaluate(HybridModel model, List<ClipClassifier.Clip> clips, List<String> clipClasses,
                                          String positiveClass) {
        ClipInput in = ClipInput.of(model).orElseThrow(() -> new IllegalArgumentException(
                "the model has no '" + ClipInput.METADATA_KEY + "' metadata: it was not trained as a clip classifier"));
        LabelEncoder enc = model.labels().orElseThrow(() -> new IllegalArgumentException(
                "expected a classification model, got " + model.config().head()));
        if (!enc.classes().contains(positiveClass)) {
            throw new IllegalArgumentException("positive class '" + positiveClass + "' is not one of the model's classes "
                    + enc.classes());
        }
        int pos = enc.encode(positiveClass);
        double threshold = ClassifierDetector.storedThreshold(model);
        List<float[][]> raw = new ArrayList<>(clips.size());
        int[] truth = new int[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            raw.add(clips.get(i).raw());
            truth[i] = clipClasses.get(clips.get(i).label()).equals(positiveClass) ? 1 : 0;
        }
        float[][] p = in.predict(model, raw);
        double[] score = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            score[i] = p[i][pos];
        }
        return ClipEvaluation.of(truth, score, threshold, positiveClass);
    }
}
