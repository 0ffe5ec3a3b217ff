package io.github.crimeanomaly.model;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Random-access training or validation data: {@link #size()} sequences, each loaded on demand by
 * {@link #get(int)}. A dataset larger than memory is one whose {@code get} reads a file (see
 * {@link #lazy}); the trainer only holds one batch at a time. Random access (rather than a
 * one-pass iterator) lets the trainer shuffle deterministically with its seed.
 *
 * <pre>{@code
 * SequenceDataset inMemory = SequenceDataset.of(sequences);
 * SequenceDataset onDisk = SequenceDataset.lazy(files.size(), i -> readClip(files.get(i)));
 * }</pre>
 */
public interface SequenceDataset {

    /** Number of sequences. */
    int size();

    /**
     * Loads sequence {@code index}.
     *
     * @throws IOException if it cannot be read; the message should name the file
     */
    Sequence get(int index) throws IOException;

    /** Loads one sequence; implemented by disk-backed datasets. */
    @FunctionalInterface
    interface Loader {
        /** Loads sequence {@code index}. */
        Sequence load(int index) throws IOException;
    }

    /** A dataset over sequences already in memory. */
    static SequenceDataset of(List<Sequence> sequences) {
        List<Sequence> copy = List.copyOf(sequences);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one sequence, got 0");
        }
        return new SequenceDataset() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Sequence get(int index) {
                return copy.get(index);
            }
        };
    }

    /** A dataset whose sequences are loaded on demand, e.g. one file per sequence. */
    static SequenceDataset lazy(int size, Loader loader) {
        Objects.requireNonNull(loader, "loader");
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        return new SequenceDataset() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Sequence get(int index) throws IOException {
                Objects.checkIndex(index, size);
                Sequence s = loader.load(index);
                if (s == null) {
                    throw new IOException("loader returned null for sequence " + index);
                }
                return s;
            }
        };
    }
}
