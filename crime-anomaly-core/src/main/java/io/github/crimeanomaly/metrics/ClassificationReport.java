package io.github.crimeanomaly.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Per-class precision, recall, F1 and support, with accuracy and macro / weighted averages, like
 * scikit-learn's {@code classification_report}. Prints as an aligned text table
 * ({@link #toString()}, {@link #format(int)}), exports to JSON ({@link #toJson()}, readable back
 * with {@link #fromJson(String)}) and CSV ({@link #toCsv()}). Immutable.
 *
 * <pre>{@code
 * ClassificationReport r = ClassificationReport.of(yTrue, yPred, List.of("noFight", "fight"));
 * System.out.println(r);
 * Files.writeString(out, r.toCsv());
 * }</pre>
 */
public final class ClassificationReport {

    /**
     * One row of the report.
     *
     * @param label the class name, or {@code "macro avg"} / {@code "weighted avg"}
     * @param precision precision (0 if nothing was predicted as the class)
     * @param recall recall (0 if the class has no true members)
     * @param f1 F1 (0 if precision and recall are both 0)
     * @param support the number of true members
     */
    public record Row(@JsonProperty("label") String label, @JsonProperty("precision") double precision,
                      @JsonProperty("recall") double recall, @JsonProperty("f1") double f1,
                      @JsonProperty("support") long support) {
        /** Validates the row. */
        public Row {
            Objects.requireNonNull(label, "label");
            if (support < 0) {
                throw new IllegalArgumentException("support must be >= 0, got " + support);
            }
        }
    }

    private final List<Row> classes;
    private final double accuracy;
    private final Row macroAvg;
    private final Row weightedAvg;

    private ClassificationReport(List<Row> classes, double accuracy, Row macroAvg, Row weightedAvg) {
        this.classes = List.copyOf(classes);
        this.accuracy = accuracy;
        this.macroAvg = macroAvg;
        this.weightedAvg = weightedAvg;
    }

    /**
     * The report for classes {@code 0..classNames.size()-1}.
     *
     * @throws IllegalArgumentException on empty or mismatched arrays or a class out of range
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred, List<String> classNames) {
        Objects.requireNonNull(classNames, "classNames");
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, classNames.size());
        return of(cm, classNames);
    }

    /** The report for the classes of a label encoder (code i is named {@code encoder.decode(i)}). */
    public static ClassificationReport of(int[] yTrue, int[] yPred, LabelEncoder encoder) {
        Objects.requireNonNull(encoder, "encoder");
        return of(yTrue, yPred, encoder.classes());
    }

    /** The report of a confusion matrix, class i named {@code classNames.get(i)}. */
    public static ClassificationReport of(ConfusionMatrix cm, List<String> classNames) {
        Objects.requireNonNull(cm, "cm");
        Objects.requireNonNull(classNames, "classNames");
        if (classNames.size() != cm.numClasses()) {
            throw new IllegalArgumentException("classNames has " + classNames.size()
                    + " names but the confusion matrix has " + cm.numClasses() + " classes");
        }
        if (new java.util.HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("expected distinct class names, got " + classNames);
        }
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < cm.numClasses(); c++) {
            rows.add(new Row(classNames.get(c), cm.precision(c), cm.recall(c), cm.f1(c), cm.support(c)));
        }
        return new ClassificationReport(rows, cm.accuracy(),
                new Row("macro avg", cm.precision(Average.MACRO), cm.recall(Average.MACRO),
                        cm.f1(Average.MACRO), cm.total()),
                new Row("weighted avg", cm.precision(Average.WEIGHTED), cm.recall(Average.WEIGHTED),
                        cm.f1(Average.WEIGHTED), cm.total()));
    }

    /** One row per class, in class order. */
    @JsonProperty("classes")
    public List<Row> classes() {
        return classes;
    }

    /** The fraction of samples predicted correctly. */
    @JsonProperty("accuracy")
    public double accuracy() {
        return accuracy;
    }

    /** Unweighted means over classes. */
    @JsonProperty("macroAvg")
    public Row macroAvg() {
        return macroAvg;
    }

    /** Support-weighted means over classes. */
    @JsonProperty("weightedAvg")
    public Row weightedAvg() {
        return weightedAvg;
    }

    /** The number of samples. */
    public long support() {
        return macroAvg.support();
    }

    /** The report as an aligned text table with 4 decimals. */
    @Override
    public String toString() {
        return format(4);
    }

    /** The report as an aligned text table with the given number of decimals (0 to 16). */
    public String format(int digits) {
        if (digits < 0 || digits > 16) {
            throw new IllegalArgumentException("digits must be in [0, 16], got " + digits);
        }
        int nameWidth = "weighted avg".length();
        for (Row r : classes) {
            nameWidth = Math.max(nameWidth, r.label().length());
        }
        int w = Math.max(9, digits + 3);
        String num = "%" + w + "." + digits + "f";
        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat(nameWidth))
                .append(String.format(Locale.ROOT, " %" + w + "s %" + w + "s %" + w + "s %" + w + "s",
                        "precision", "recall", "f1-score", "support"))
                .append("\n\n");
        for (Row r : classes) {
            appendRow(sb, r, nameWidth, num, w);
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%" + nameWidth + "s %" + w + "s %" + w + "s " + num + " %" + w
                + "d%n", "accuracy", "", "", accuracy, support()).replace(System.lineSeparator(), "\n"));
        appendRow(sb, macroAvg, nameWidth, num, w);
        appendRow(sb, weightedAvg, nameWidth, num, w);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, Row r, int nameWidth, String num, int w) {
        sb.append(String.format(Locale.ROOT, "%" + nameWidth + "s " + num + " " + num + " " + num + " %" + w + "d",
                r.label(), r.precision(), r.recall(), r.f1(), r.support())).append('\n');
    }

    /** The report as JSON: {@code classes}, {@code accuracy}, {@code macroAvg}, {@code weightedAvg}. */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise ClassificationReport", e);
        }
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is malformed
     */
    public static ClassificationReport fromJson(String json) {
        try {
            return Json.mapper().readValue(json, ClassificationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a ClassificationReport JSON: "
                    + io.github.crimeanomaly.internal.Json.problem(e), e);
        }
    }

    @JsonCreator
    static ClassificationReport create(@JsonProperty(value = "classes", required = true) List<Row> classes,
                                       @JsonProperty(value = "accuracy", required = true) double accuracy,
                                       @JsonProperty(value = "macroAvg", required = true) Row macroAvg,
                                       @JsonProperty(value = "weightedAvg", required = true) Row weightedAvg) {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("classes must not be empty");
        }
        return new ClassificationReport(classes, accuracy, macroAvg, weightedAvg);
    }

    /**
     * The report as CSV with header {@code label,precision,recall,f1,support}: one line per class,
     * then {@code accuracy} (its value in the {@code f1} column, as in the text table),
     * {@code macro avg} and {@code weighted avg}. Full double precision; labels quoted when needed.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("label,precision,recall,f1,support\n");
        for (Row r : classes) {
            csvRow(sb, r);
        }
        sb.append("accuracy,,,").append(accuracy).append(',').append(support()).append('\n');
        csvRow(sb, macroAvg);
        csvRow(sb, weightedAvg);
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, Row r) {
        sb.append(csvField(r.label())).append(',').append(r.precision()).append(',').append(r.recall())
                .append(',').append(r.f1()).append(',').append(r.support()).append('\n');
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationReport r && classes.equals(r.classes)
                && Double.compare(accuracy, r.accuracy) == 0 && macroAvg.equals(r.macroAvg)
                && weightedAvg.equals(r.weightedAvg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, accuracy, macroAvg, weightedAvg);
    }
}
