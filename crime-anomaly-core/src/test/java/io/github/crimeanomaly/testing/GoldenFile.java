package io.github.crimeanomaly.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the scikit-learn reference values ({@code metrics-golden.json}) and tracks which keys of
 * each case a test has checked, so a key or case added to the file is never silently ignored.
 * Part of core's test-jar.
 *
 * <p>The path is the system property {@code crimeanomaly.golden}, by default
 * {@code ${crimeanomaly.shared}/reference/metrics-golden.json}. A missing file FAILS the test
 * (it does not skip): a metrics test that silently checks nothing is worse than none.
 */
public final class GoldenFile {

    /** Absolute tolerance for golden comparisons. */
    public static final double TOLERANCE = 1e-9;

    private GoldenFile() {
    }

    /** The path of the golden file (not checked for existence). */
    public static Path path() {
        String explicit = System.getProperty("crimeanomaly.golden");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return SharedData.sharedDir().resolve("reference").resolve("metrics-golden.json");
    }

    /** Reads the golden file, failing the test clearly if it is missing or not JSON. */
    public static JsonNode load() {
        Path p = path();
        if (!Files.isRegularFile(p)) {
            fail("golden metrics file not found: " + p + " (set -Dcrimeanomaly.golden=<file> or "
                    + "-Dcrimeanomaly.shared=<dir holding reference/metrics-golden.json>)");
        }
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
            return fail("golden metrics file " + p + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Wraps one JSON object and remembers which of its keys were read. */
    public static final class Tracked {
        private final JsonNode node;
        private final String where;
        private final Set<String> checked = new LinkedHashSet<>();

        /** Tracks the keys of {@code node}, described as {@code where} in failure messages. */
        public Tracked(JsonNode node, String where) {
            assertTrue(node != null && node.isObject(), where + " must be a JSON object, got " + node);
            this.node = node;
            this.where = where;
        }

        /** Whether the key is present. */
        public boolean has(String key) {
            return node.has(key);
        }

        /** The value of a key that must be present; marks it checked. */
        public JsonNode get(String key) {
            JsonNode v = node.get(key);
            if (v == null) {
                fail(where + ": expected key '" + key + "', found keys " + keys());
            }
            checked.add(key);
            return v;
        }

        /** Marks a key checked without reading it (e.g. a descriptive name). */
        public void markChecked(String key) {
            checked.add(key);
        }

        /** The keys present, sorted. */
        public Set<String> keys() {
            Set<String> ks = new TreeSet<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(ks::add);
            return ks;
        }

        /** Fails if any key present was not checked. */
        public void assertAllChecked() {
            Set<String> unchecked = keys();
            unchecked.removeAll(checked);
            assertTrue(unchecked.isEmpty(), where + ": keys present but not checked by any assertion: "
                    + unchecked + " (a new reference value needs a test)");
        }

        /** A number key as double. */
        public double number(String key) {
            JsonNode v = get(key);
            assertTrue(v.isNumber(), where + "." + key + " must be a number, got " + v);
            return v.doubleValue();
        }

        /** An array key as double[] (null entries fail). */
        public double[] doubles(String key) {
            return GoldenFile.doubles(get(key), where + "." + key);
        }

        /** An array key as int[]. */
        public int[] ints(String key) {
            return GoldenFile.ints(get(key), where + "." + key);
        }

        /** A 2-d array key as int[][]. */
        public int[][] intMatrix(String key) {
            JsonNode v = get(key);
            assertTrue(v.isArray(), where + "." + key + " must be an array");
            int[][] m = new int[v.size()][];
            for (int i = 0; i < m.length; i++) {
                m[i] = GoldenFile.ints(v.get(i), where + "." + key + "[" + i + "]");
            }
            return m;
        }

        @Override
        public String toString() {
            return where;
        }
    }

    /** A JSON array of numbers as double[]. */
    public static double[] doubles(JsonNode v, String where) {
        assertTrue(v != null && v.isArray(), where + " must be an array, got " + v);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            assertTrue(v.get(i).isNumber(), where + "[" + i + "] must be a number, got " + v.get(i));
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    /** A JSON array of integers as int[]. */
    public static int[] ints(JsonNode v, String where) {
        assertTrue(v != null && v.isArray(), where + " must be an array, got " + v);
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            assertTrue(v.get(i).isIntegralNumber(), where + "[" + i + "] must be an integer, got " + v.get(i));
            out[i] = v.get(i).intValue();
        }
        return out;
    }

    /** Asserts two doubles agree to {@link #TOLERANCE}. */
    public static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE, what);
    }

    /** Asserts two arrays have the same length and agree element-wise to {@link #TOLERANCE}. */
    public static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
    }
}
