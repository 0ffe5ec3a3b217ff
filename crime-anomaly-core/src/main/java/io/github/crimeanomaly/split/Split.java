package io.github.crimeanomaly.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of a splitter: disjoint lists of item indices for train, validation and test that
 * together cover {@code 0..total()-1} exactly once. Each list is in ascending index order
 * (shuffle training batches yourself). Immutable.
 *
 * <pre>{@code
 * Split s = Splits.grouped(sourceVideoOfClip, SplitRatios.DEFAULT, 42L);
 * System.out.println(s);                 // Split[train=170 (70.0%), validation=49 (20.2%), test=24 (9.9%)]
 * List<Clip> train = s.trainOf(clips);
 * }</pre>
 */
public final class Split {

    /** The three parts of a split. */
    public enum Part {
        /** Training data. */
        TRAIN,
        /** Validation data (model selection, early stopping, thresholds). */
        VALIDATION,
        /** Held-out test data. */
        TEST
    }

    private final List<Integer> train;
    private final List<Integer> validation;
    private final List<Integer> test;

    /**
     * A split from index lists; checks that they are disjoint and cover {@code 0..n-1}.
     *
     * @throws IllegalArgumentException if an index is negative, repeated or missing
     */
    public Split(int[] train, int[] validation, int[] test) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        int n = train.length + validation.length + test.length;
        boolean[] seen = new boolean[n];
        mark(seen, train, "train");
        mark(seen, validation, "validation");
        mark(seen, test, "test");
        this.train = sorted(train);
        this.validation = sorted(validation);
        this.test = sorted(test);
    }

    private static void mark(boolean[] seen, int[] idx, String name) {
        for (int i : idx) {
            if (i < 0 || i >= seen.length) {
                throw new IllegalArgumentException(name + " holds index " + i + ", expected [0, " + seen.length + ")");
            }
            if (seen[i]) {
                throw new IllegalArgumentException("index " + i + " appears twice (again in " + name + ")");
            }
            seen[i] = true;
        }
    }

    private static List<Integer> sorted(int[] idx) {
        int[] s = idx.clone();
        Arrays.sort(s);
        List<Integer> out = new ArrayList<>(s.length);
        for (int i : s) {
            out.add(i);
        }
        return List.copyOf(out);
    }

    /** Training indices, ascending. */
    public List<Integer> train() {
        return train;
    }

    /** Validation indices, ascending. */
    public List<Integer> validation() {
        return validation;
    }

    /** Test indices, ascending. */
    public List<Integer> test() {
        return test;
    }

    /** The indices of a part, ascending. */
    public List<Integer> indices(Part part) {
        return switch (part) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    /** The number of training items. */
    public int trainSize() {
        return train.size();
    }

    /** The number of validation items. */
    public int validationSize() {
        return validation.size();
    }

    /** The number of test items. */
    public int testSize() {
        return test.size();
    }

    /** The number of items in a part. */
    public int size(Part part) {
        return indices(part).size();
    }

    /** The number of items split. */
    public int total() {
        return train.size() + validation.size() + test.size();
    }

    /** The items of a part, picked from {@code items} (which must have {@link #total()} elements). */
    public <T> List<T> select(Part part, List<T> items) {
        Objects.requireNonNull(items, "items");
        if (items.size() != total()) {
            throw new IllegalArgumentException("items has " + items.size() + " elements but the split covers "
                    + total());
        }
        List<T> out = new ArrayList<>(size(part));
        for (int i : indices(part)) {
            out.add(items.get(i));
        }
        return out;
    }

    /** The training items of {@code items}. */
    public <T> List<T> trainOf(List<T> items) {
        return select(Part.TRAIN, items);
    }

    /** The validation items of {@code items}. */
    public <T> List<T> validationOf(List<T> items) {
        return select(Part.VALIDATION, items);
    }

    /** The test items of {@code items}. */
    public <T> List<T> testOf(List<T> items) {
        return select(Part.TEST, items);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && train.equals(s.train) && validation.equals(s.validation) && test.equals(s.test);
    }

    @Override
    public int hashCode() {
        return Objects.hash(train, validation, test);
    }

    /** For example {@code Split[train=70 (70.0%), validation=20 (20.0%), test=10 (10.0%)]}. */
    @Override
    public String toString() {
        int n = total();
        return String.format(Locale.ROOT, "Split[train=%d (%.1f%%), validation=%d (%.1f%%), test=%d (%.1f%%)]",
                trainSize(), pct(trainSize(), n), validationSize(), pct(validationSize(), n), testSize(),
                pct(testSize(), n));
    }

    private static double pct(int k, int n) {
        return n == 0 ? 0 : 100.0 * k / n;
    }
}
