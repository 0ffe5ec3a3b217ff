package io.github.crimeanomaly.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.crimeanomaly.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps string labels (crime categories, "fight"/"noFight", ...) to dense integer codes and back.
 *
 * <p><b>Ordering.</b> {@link #fit(Collection)} sorts the distinct labels in natural
 * {@link String} order (like scikit-learn's {@code LabelEncoder}), so the codes do not depend on
 * the order in which labels were seen: {@code fit(["theft","assault","theft"])} gives
 * {@code assault→0, theft→1}. {@link #ofClasses(List)} keeps the order given, for callers that
 * want a specific order (e.g. {@code normal} first).
 *
 * <p><b>Unknown labels.</b> Encoding a label that was not fitted throws
 * {@link IllegalArgumentException}, unless the encoder was built with
 * {@link #withUnknownClass(String)}: then every unknown label maps to that class, which is
 * always the last code.
 *
 * <p>Instances are immutable and thread-safe; they serialise to and from JSON with
 * {@link #toJson()} and {@link #fromJson(String)}.
 *
 * <pre>{@code
 * LabelEncoder enc = LabelEncoder.fit(List.of("theft", "assault", "theft"));
 * int code = enc.encode("theft");       // 1
 * String label = enc.decode(0);         // "assault"
 * }</pre>
 */
public final class LabelEncoder {

    private final List<String> classes;
    private final String unknownClass;
    private final Map<String, Integer> index;

    private LabelEncoder(List<String> classes, String unknownClass) {
        for (int i = 0; i < classes.size(); i++) {
            checkLabel(classes.get(i), "classes[" + i + "]"); // from JSON too: List.copyOf threw a bare NPE
        }
        this.classes = List.copyOf(classes);
        this.unknownClass = unknownClass;
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < this.classes.size(); i++) {
            if (m.put(this.classes.get(i), i) != null) {
                throw new IllegalArgumentException("classes must be distinct, got duplicate '"
                        + this.classes.get(i) + "'");
            }
        }
        if (unknownClass != null && !unknownClass.equals(this.classes.get(this.classes.size() - 1))) {
            throw new IllegalArgumentException("unknownClass '" + unknownClass
                    + "' must be the last class, got classes " + this.classes);
        }
        this.index = Collections.unmodifiableMap(m);
    }

    /**
     * Fits an encoder on the distinct labels, sorted in natural order.
     *
     * @throws IllegalArgumentException if {@code labels} is empty or holds a null or blank label
     */
    public static LabelEncoder fit(Collection<String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        TreeSet<String> distinct = new TreeSet<>();
        int i = 0;
        for (String l : labels) {
            checkLabel(l, "labels[" + i + "]");
            distinct.add(l);
            i++;
        }
        return new LabelEncoder(new ArrayList<>(distinct), null);
    }

    /** An encoder over exactly these classes, in this order (code i is {@code classes.get(i)}). */
    public static LabelEncoder ofClasses(List<String> classes) {
        Objects.requireNonNull(classes, "classes");
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("classes must not be empty");
        }
        return new LabelEncoder(classes, null); // which checks every class
    }

    /**
     * Returns a copy that maps every label it does not know to {@code unknownClass}, appended as
     * the last class (or kept, if it is already the last one).
     *
     * @throws IllegalArgumentException if {@code unknownClass} is blank, is a class but not the last,
     *                                  or this encoder already has another unknown class
     */
    public LabelEncoder withUnknownClass(String unknownClass) {
        checkLabel(unknownClass, "unknownClass");
        if (this.unknownClass != null && !this.unknownClass.equals(unknownClass)) {
            // the first unknown class used to become an ordinary class without a word
            throw new IllegalArgumentException("this encoder already maps unknown labels to '" + this.unknownClass
                    + "', got another unknown class '" + unknownClass + "'");
        }
        List<String> c = new ArrayList<>(classes);
        if (!c.get(c.size() - 1).equals(unknownClass)) {
            if (c.contains(unknownClass)) {
                throw new IllegalArgumentException("unknownClass '" + unknownClass
                        + "' is already a class but not the last one: " + classes);
            }
            c.add(unknownClass);
        }
        return new LabelEncoder(c, unknownClass);
    }

    private static void checkLabel(String label, String what) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank label, got "
                    + (label == null ? "null" : "'" + label + "'"));
        }
    }

    /**
     * The code of a label.
     *
     * @throws IllegalArgumentException if the label is unknown and no unknown class is configured
     */
    public int encode(String label) {
        Integer code = index.get(label);
        if (code != null) {
            return code;
        }
        if (unknownClass != null) {
            return classes.size() - 1;
        }
        throw new IllegalArgumentException("unknown label '" + label + "': expected one of "
                + classes);
    }

    /** Encodes every label; see {@link #encode(String)}. */
    public int[] encodeAll(List<String> labels) {
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(labels.get(i));
        }
        return out;
    }

    /**
     * The label of a code.
     *
     * @throws IllegalArgumentException if the code is outside {@code [0, numClasses())}
     */
    public String decode(int code) {
        if (code < 0 || code >= classes.size()) {
            throw new IllegalArgumentException("code must be in [0, " + classes.size()
                    + "), got " + code);
        }
        return classes.get(code);
    }

    /** The classes, code i at position i. */
    @JsonProperty("classes")
    public List<String> classes() {
        return classes;
    }

    /** The class unknown labels map to, if configured. */
    @JsonIgnore
    public Optional<String> unknownClass() {
        return Optional.ofNullable(unknownClass);
    }

    @JsonProperty("unknownClass")
    String unknownClassOrNull() {
        return unknownClass;
    }

    /** The number of classes (including the unknown class, if configured). */
    @JsonIgnore
    public int numClasses() {
        return classes.size();
    }

    /** Serialises to JSON. */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise LabelEncoder", e);
        }
    }

    /**
     * Reads an encoder written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or describes an invalid encoder
     */
    public static LabelEncoder fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        try {
            return Json.mapper().readValue(json, LabelEncoder.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a LabelEncoder JSON: " + Json.problem(e), e);
        }
    }

    @JsonCreator
    static LabelEncoder create(@JsonProperty(value = "classes", required = true) List<String> classes,
                               @JsonProperty("unknownClass") String unknownClass) {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("classes must not be empty");
        }
        return new LabelEncoder(classes, unknownClass);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelEncoder e && classes.equals(e.classes)
                && Objects.equals(unknownClass, e.unknownClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, unknownClass);
    }

    @Override
    public String toString() {
        return "LabelEncoder" + classes + (unknownClass == null ? "" : " unknown→'" + unknownClass + "'");
    }
}
