package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowPredictorTest {

    private static final float TOL = 1e-5f;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("hybrid", (UnaryOperator<HybridModel.Builder>) b -> b),
                Arguments.of("bidirectional hybrid", (UnaryOperator<HybridModel.Builder>) b -> b.bidirectional(true)),
                Arguments.of("hybrid with a skip connection", (UnaryOperator<HybridModel.Builder>) b -> b.skipConnection(true)),
                Arguments.of("two-stream hybrid", (UnaryOperator<HybridModel.Builder>) b -> b.twoStream(true)),
                Arguments.of("two-stream bidirectional hybrid with a skip connection and skip dropout",
                        (UnaryOperator<HybridModel.Builder>) b -> b.twoStream(true).skipConnection(true).skipDropout(0.5)
                                .bidirectional(true)),
                Arguments.of("hybrid with attention pooling, skip connection, bidirectional", (UnaryOperator<HybridModel.Builder>) b ->
                        b.skipConnection(true).bidirectional(true).sequencePooling(SequencePooling.ATTENTION)),
                Arguments.of("hybrid with multiple-instance pooling, skip connection, bidirectional", (UnaryOperator<HybridModel.Builder>) b ->
                        b.classification(io.github.crimeanomaly.data.LabelEncoder.ofClasses(java.util.List.of("calm", "event")))
                                .skipConnection(true).bidirectional(true).multipleInstancePooling(1, 2)),
                Arguments.of("lstm only with attention pooling, no pooling or dense layer", (UnaryOperator<HybridModel.Builder>) b ->
                        b.architecture(Architecture.LSTM_ONLY).lstmOnlyPooling(1).dense(0).sequencePooling(SequencePooling.ATTENTION)),
                Arguments.of("lstm only with attention pooling and a dense layer", (UnaryOperator<HybridModel.Builder>) b ->
                        b.architecture(Architecture.LSTM_ONLY).lstmOnlyPooling(1).sequencePooling(SequencePooling.ATTENTION)),
                Arguments.of("hybrid without a dense layer", (UnaryOperator<HybridModel.Builder>) b -> b.dense(0)),
                Arguments.of("cnn only", (UnaryOperator<HybridModel.Builder>) b -> b.architecture(Architecture.CNN_ONLY)),
                Arguments.of("lstm only", (UnaryOperator<HybridModel.Builder>) b -> b.architecture(Architecture.LSTM_ONLY)),
                Arguments.of("lstm only, no pooling or dense layer", (UnaryOperator<HybridModel.Builder>) b ->
                        b.architecture(Architecture.LSTM_ONLY).lstmOnlyPooling(1).dense(0)),
                Arguments.of("regression hybrid", (UnaryOperator<HybridModel.Builder>) b -> b.regression(5)));
    }

    /**
     * Pushing a video frame by frame into two streams (the video and another one) gives, at every
     * frame, what predictSequences gives for the window's frames, the first frame repeated before
     * the start.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyWindowEqualsPredictSequencesOnItsFrames(String name, UnaryOperator<HybridModel.Builder> variant)
            throws Exception {
        try (HybridModel m = variant.apply(ModelTestSupport.tiny(Architecture.HYBRID)).build()) {
            if (m.config().isClassification()) {
                // one short epoch so batch-norm statistics and normalisation are not the identity
                m.trainer().epochs(1).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64,
                        m.config().outputSize(), 5)));
            }
            float[][][] videos = ModelTestSupport.randomClips(2, 9, 64, 21);
            int window = 4;
            float[][][] pairs = new float[videos[0].length][][];
            for (int t = 0; t < pairs.length; t++) {
                pairs[t] = new float[][] {videos[0][t], videos[1][t]};
            }
            try (WindowPredictor w = m.windowPredictor(window, 2); WindowPredictor batched = m.windowPredictor(window, 2)) {
                // in batches: the first of 2 frames (the window filled), then the other 7
                float[][][] slid = new float[pairs.length][][];
                System.arraycopy(batched.slide(java.util.Arrays.copyOfRange(pairs, 0, 2)), 0, slid, 0, 2);
                System.arraycopy(batched.slide(java.util.Arrays.copyOfRange(pairs, 2, pairs.length)), 0, slid, 2,
                        pairs.length - 2);
                assertEquals(0, w.size());
                for (int t = 0; t < videos[0].length; t++) {
                    if (t == 0) {
                        w.fill(videos[0][0], videos[1][0]);
                    } else {
                        w.push(videos[0][t], videos[1][t]);
                    }
                    assertEquals(window, w.size());
                    float[][] got = w.predict();
                    for (int s = 0; s < 2; s++) {
                        assertArrayEquals(got[s], slid[t][s], TOL, name + ", batched, stream " + s + ", frame " + t);
                        float[][] frames = new float[window][];
                        for (int k = 0; k < window; k++) {
                            frames[k] = videos[s][Math.max(0, t - window + 1 + k)];
                        }
                        float[] want = m.predictSequences(new float[][][] {frames})[0];
                        assertArrayEquals(want, got[s], TOL, name + ", stream " + s + ", frame " + t);
                    }
                }
            }
        }
    }

    @Test
    void aWindowThatIsNotFullHoldsWhatWasPushedAndClearEmptiesIt() {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build();
             WindowPredictor w = m.windowPredictor(4, 1)) {
            float[][] clip = ModelTestSupport.randomClips(1, 3, 64, 2)[0];
            w.push(clip[0]);
            w.push(clip[1]);
            assertEquals(2, w.size());
            float[] two = w.predict()[0];
            assertArrayEquals(m.predictSequences(new float[][][] {{clip[0], clip[1]}})[0], two, TOL);
            w.push(clip[2]);
            assertTrue(Math.abs(two[0] - w.predict()[0][0]) > 1e-7 || Math.abs(two[1] - w.predict()[0][1]) > 1e-7,
                    "a third frame must change the LSTM's output");
            w.clear();
            assertEquals(0, w.size());
            IllegalStateException e = assertThrows(IllegalStateException.class, w::predict);
            assertTrue(e.getMessage().contains("the window is empty"), e.getMessage());
        }
    }

    /**
     * Closing a predictor frees its copies without DL4J's close, which forces a full garbage
     * collection each time (a detector opens and closes one per video): closing several leaves
     * the old-generation collectors' counts as they were, and the model and the thread's other
     * predictor still predict as before.
     */
    @Test
    void closingAPredictorForcesNoFullCollectionAndLeavesTheOthersWorking() {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).skipConnection(true).build();
             WindowPredictor kept = m.windowPredictor(3, 1)) {
            float[][] clip = ModelTestSupport.randomClips(1, 3, 64, 4)[0];
            kept.fill(clip[0]);
            kept.push(clip[1]);
            float[] before = kept.predict()[0];
            long full = fullCollections();
            for (int i = 0; i < 4; i++) {
                try (WindowPredictor w = m.windowPredictor(3, 1)) {
                    w.fill(clip[2]);
                    w.predict();
                }
            }
            assertEquals(full, fullCollections(), "closing 4 predictors must force no full collection");
            assertArrayEquals(before, kept.predict()[0], TOL);
            assertArrayEquals(m.predictSequences(new float[][][] {{clip[0], clip[0], clip[1]}})[0], before, TOL);
        }
    }

    /** Collections by the JVM's old-generation (full) collectors so far. */
    private static long fullCollections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            String name = b.getName();
            if (!name.contains("Young") && !name.contains("Scavenge") && !name.equals("Copy")
                    && !name.contains("ParNew") && !name.contains("Concurrent GC") && b.getCollectionCount() > 0) {
                n += b.getCollectionCount();
            }
        }
        return n;
    }

    @Test
    void badFramesAndArgumentsNameWhatWasExpected() {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            assertThrows(IllegalArgumentException.class, () -> m.windowPredictor(0, 1));
            IllegalArgumentException streams = assertThrows(IllegalArgumentException.class, () -> m.windowPredictor(4, 0));
            assertTrue(streams.getMessage().contains("streams 0"), streams.getMessage());
            WindowPredictor w = m.windowPredictor(4, 2);
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> w.push(new float[64]));
            assertTrue(count.getMessage().contains("expected one frame per stream (2), got 1"), count.getMessage());
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> w.push(new float[64], new float[63]));
            assertTrue(size.getMessage().contains("63"), size.getMessage());
            float[][][] badLater = new float[40][][];
            for (int k = 0; k < badLater.length; k++) {
                badLater[k] = new float[][] {new float[64], new float[k == 37 ? 60 : 64]};
            }
            IllegalArgumentException later = assertThrows(IllegalArgumentException.class, () -> w.slide(badLater));
            assertTrue(later.getMessage().contains("position 37, stream 1") && later.getMessage().contains("60 values"),
                    later.getMessage());
            IllegalArgumentException position = assertThrows(IllegalArgumentException.class,
                    () -> w.slide(new float[][][] {{new float[64], new float[64]}, {new float[64]}}));
            assertTrue(position.getMessage().contains("expected one frame per stream (2) at position 1, got 1"),
                    position.getMessage());
            float[] nan = new float[64];
            nan[3] = Float.NaN;
            assertThrows(IllegalArgumentException.class, () -> w.fill(new float[64], nan));
            assertEquals(0, w.size(), "a rejected frame must leave the window as it was");
            w.close();
            w.close();
            assertThrows(IllegalStateException.class, () -> w.push(new float[64], new float[64]));
        }
    }
}
