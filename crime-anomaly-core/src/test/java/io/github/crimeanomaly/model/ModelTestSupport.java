package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.crimeanomaly.data.LabelEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared helpers for model tests (published in the core test-jar). */
public final class ModelTestSupport {

    private ModelTestSupport() {
    }

    /** A tiny model on 8x8 gray frames, sequences of 4, for fast tests. */
    public static HybridModel.Builder tiny(Architecture a) {
        return HybridModel.builder()
                .inputShape(8, 8, 1).sequenceLength(4)
                .cnnBlock(new CnnBlock(4, 3, 1, 2, true, 0.1))
                .dense(8).lstm(6)
                .lstmOnlyPooling(2)
                .classification(LabelEncoder.ofClasses(List.of("a", "b", "c")))
                .seed(11)
                .architecture(a);
    }

    /** Synthetic random clips {@code [n][frames][size]} in [0, 1]. */
    /**
     * A synthetic clip of 6 dim frames of 64 values (0.1 to 0.4); with {@code bright}, one of them,
     * at a random place, is bright (0.6 to 0.9).
     */
    public static float[][] dimClip(java.util.Random r, boolean bright) {
        float[][] clip = new float[6][64];
        int at = bright ? r.nextInt(6) : -1;
        for (int t = 0; t < clip.length; t++) {
            for (int j = 0; j < 64; j++) {
                clip[t][j] = (t == at ? 0.6f : 0.1f) + 0.3f * r.nextFloat();
            }
        }
        return clip;
    }

    public static float[][][] randomClips(int n, int frames, int size, long seed) {
        Random r = new Random(seed);
        float[][][] c = new float[n][frames][size];
        for (float[][] clip : c) {
            for (float[] f : clip) {
                for (int i = 0; i < size; i++) {
                    f[i] = r.nextFloat();
                }
            }
        }
        return c;
    }

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * What {@code work} printed to standard output. The pooling layers used to be SameDiff layers,
     * and DL4J M2.1's SameDiff prints a line for every operation it differentiates.
     */
    public static String printedWhile(Work work) throws Exception {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(stdout);
        }
        return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Synthetic random sequences labelled with random classes in [0, k). */
    public static List<Sequence> randomLabelled(int n, int frames, int size, int k, long seed) {
        float[][][] c = randomClips(n, frames, size, seed);
        Random r = new Random(seed + 1);
        List<Sequence> out = new ArrayList<>();
        for (float[][] clip : c) {
            out.add(Sequence.labelled(clip, r.nextInt(k)));
        }
        return out;
    }

    /**
     * Trains {@code model} for one short epoch on synthetic clips (the weights must move), saves
     * and reloads it, and checks that the reloaded model's streaming predictor gives, frame by
     * frame, exactly what its batch prediction gives.
     *
     * @return the reloaded model's configuration
     */
    public static ModelConfig assertTrainsSavesLoadsAndStreams(HybridModel model, Path file) throws IOException {
        float[] before = model.network().params().toFloatVector();
        model.trainer().epochs(1).batchSize(4).fit(SequenceDataset.of(randomLabelled(8, 4, 64, 3, 5)));
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(before, model.network().params().toFloatVector()),
                "training moved no weight");
        float[][][] clips = randomClips(3, 6, 64, 9);
        try (HybridModel loaded = assertRoundTrip(model, clips, file)) {
            float[][][] batch = loaded.predictFrames(clips);
            try (StreamingPredictor p = loaded.streamingPredictor()) {
                for (int c = 0; c < clips.length; c++) {
                    p.reset();
                    for (int t = 0; t < clips[c].length; t++) {
                        assertArrayEquals(batch[c][t], p.next(clips[c][t]), 1e-5f, "clip " + c + " frame " + t);
                    }
                }
            }
            return loaded.config();
        }
    }

    /** Saves, loads, and asserts the loaded model predicts exactly the same numbers. Returns the loaded model. */
    public static HybridModel assertRoundTrip(HybridModel model, float[][][] clips, Path file) throws IOException {
        model.save(file);
        HybridModel loaded = HybridModel.load(file);
        assertEquals(model.config(), loaded.config());
        assertEquals(model.normalization(), loaded.normalization());
        float[][][] a = model.predictFrames(clips);
        float[][][] b = loaded.predictFrames(clips);
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < a[i].length; t++) {
                assertArrayEquals(a[i][t], b[i][t], 0f, "clip " + i + " frame " + t);
            }
        }
        return loaded;
    }
}
