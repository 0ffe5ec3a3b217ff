package io.github.crimeanomaly.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Encodes string labels as one-hot vectors: label with code {@code i} (from its
 * {@link LabelEncoder}) becomes a vector of {@link #numClasses()} zeros with a 1 at {@code i}.
 *
 * <p>Codes, ordering and unknown-label handling are those of the underlying
 * {@link LabelEncoder}: {@link #fit(Collection)} sorts the labels; an unknown label is an
 * {@link IllegalArgumentException} unless the label encoder has an unknown class. Immutable;
 * serialises to JSON.
 *
 * <pre>{@code
 * OneHotEncoder enc = OneHotEncoder.fit(List.of("theft", "assault"));
 * double[] v = enc.encode("theft");     // [0.0, 1.0]
 * String label = enc.decode(v);          // "theft"
 * }</pre>
 */
public final class OneHotEncoder {

    private final LabelEncoder labels;

    private OneHotEncoder(LabelEncoder labels) {
        this.labels = labels;
    }

    /** A one-hot encoder over the classes of a label encoder. */
    public static OneHotEncoder of(LabelEncoder labels) {
        return new OneHotEncoder(Objects.requireNonNull(labels, "labels"));
    }

    /** Fits on the distinct labels, sorted (see {@link LabelEncoder#fit(Collection)}). */
    public static OneHotEncoder fit(Collection<String> labels) {
        return new OneHotEncoder(LabelEncoder.fit(labels));
    }

    /** The label encoder giving each class its position. */
    @JsonProperty("labelEncoder")
    public LabelEncoder labelEncoder() {
        return labels;
    }

    /** The vector length: the number of classes. */
    public int numClasses() {
        return labels.numClasses();
    }

    /** The one-hot vector of a label. */
    public double[] encode(String label) {
        return encodeCode(labels.encode(label));
    }

    /** The one-hot vector of a class code in {@code [0, numClasses())}. */
    public double[] encodeCode(int code) {
        labels.decode(code); // range check with the label encoder's message
        double[] v = new double[numClasses()];
        v[code] = 1.0;
        return v;
    }

    /** One row per label. */
    public double[][] encodeAll(List<String> values) {
        Objects.requireNonNull(values, "values");
        double[][] out = new double[values.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(values.get(i));
        }
        return out;
    }

    /**
     * The label of the largest entry (the first one on ties), so it also decodes probability
     * vectors.
     *
     * @throws IllegalArgumentException if the vector has the wrong length or holds NaN
     */
    public String decode(double[] vector) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != numClasses()) {
            throw new IllegalArgumentException("vector has " + vector.length + " entries, expected "
                    + numClasses() + " (one per class)");
        }
        int best = 0;
        for (int i = 0; i < vector.length; i++) {
            if (Double.isNaN(vector[i])) {
                throw new IllegalArgumentException("vector[" + i + "] is NaN");
            }
            if (vector[i] > vector[best]) {
                best = i;
            }
        }
        return labels.decode(best);
    }

    /** Serialises to JSON. */
    public String toJson() {
        return Matrices.toJson(this, "OneHotEncoder");
    }

    /**
     * Reads an encoder written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is malformed
     */
    public static OneHotEncoder fromJson(String json) {
        return Matrices.fromJson(json, OneHotEncoder.class);
    }

    @JsonCreator
    static OneHotEncoder create(@JsonProperty(value = "labelEncoder", required = true) LabelEncoder labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labelEncoder must not be null");
        }
        return new OneHotEncoder(labels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneHotEncoder e && labels.equals(e.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return "OneHotEncoder" + labels.classes();
    }
}
