package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainingTest {

    private static final SequenceDataset DATA = SequenceDataset.of(ModelTestSupport.randomLabelled(12, 4, 64, 3, 5));

    @Test
    void sameSeedSameDataGivesIdenticalWeightsAndPredictions() throws IOException {
        float[][][] clips = ModelTestSupport.randomClips(2, 4, 64, 3);
        float[] p1;
        float[] p2;
        float[][] s1;
        float[][] s2;
        String fp1;
        String fp2;
        try (HybridModel a = ModelTestSupport.tiny(Architecture.HYBRID).build();
             HybridModel b = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            fp1 = a.trainer().epochs(2).batchSize(4).fit(DATA).datasetFingerprint();
            fp2 = b.trainer().epochs(2).batchSize(4).fit(DATA).datasetFingerprint();
            p1 = a.network().params().toFloatVector();
            p2 = b.network().params().toFloatVector();
            s1 = a.predictSequences(clips);
            s2 = b.predictSequences(clips);
        }
        assertArrayEquals(p1, p2, 0f);
        assertArrayEquals(s1[0], s2[0], 0f);
        assertArrayEquals(s1[1], s2[1], 0f);
        assertEquals(fp1, fp2);
        try (HybridModel c = ModelTestSupport.tiny(Architecture.HYBRID).seed(12).build()) {
            c.trainer().epochs(2).batchSize(4).fit(DATA);
            assertFalse(java.util.Arrays.equals(p1, c.network().params().toFloatVector()), "another seed, other weights");
        }
    }

    @Test
    void regressionHeadLearnsPerFrameTargets() throws IOException {
        // Synthetic prediction task: the target of each frame is its mean brightness (2 values).
        float[][][] clips = ModelTestSupport.randomClips(24, 4, 64, 8);
        List<Sequence> data = new ArrayList<>();
        for (float[][] clip : clips) {
            float[][] t = new float[clip.length][2];
            for (int s = 0; s < clip.length; s++) {
                float m = 0;
                for (float v : clip[s]) {
                    m += v;
                }
                t[s][0] = m / clip[s].length;
                t[s][1] = 1 - t[s][0];
            }
            data.add(Sequence.withFrameTargets(clip, t));
        }
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).regression(2).learningRate(1e-2).build()) {
            TrainingReport r = m.trainer().epochs(6).batchSize(6).validation(SequenceDataset.of(data)).fit(SequenceDataset.of(data));
            double[] losses = r.trainLosses();
            assertTrue(losses[losses.length - 1] < losses[0] / 2, java.util.Arrays.toString(losses));
            assertTrue(r.validationLosses()[r.bestEpoch()] < 0.02, r.toJson());
            assertTrue(Double.isNaN(r.validationAccuracies()[0]));
            float[][] out = m.predictFrames(new float[][][] {clips[0]})[0];
            assertEquals(2, out[0].length);
        }
    }

    @Test
    void earlyStoppingStopsAndRestoresBestWeights() throws IOException {
        // Validation labels are random: the validation loss stops improving quickly.
        SequenceDataset val = SequenceDataset.of(ModelTestSupport.randomLabelled(6, 4, 64, 3, 99));
        try (HybridModel m = ModelTestSupport.tiny(Architecture.CNN_ONLY).learningRate(3e-2).build()) {
            TrainingReport r = m.trainer().epochs(30).batchSize(4).validation(val)
                    .earlyStopping(EarlyStopping.of(TrainingMetric.VALIDATION_LOSS, 2)).fit(DATA);
            assertTrue(r.stoppedEarly(), r.toJson());
            assertEquals(r.bestEpoch() + 3, r.epochs().size(), r.toJson());
            assertTrue(r.restoredBestWeights());
            double bestLoss = r.epochs().get(r.bestEpoch()).validationLoss();
            for (EpochResult e : r.epochs()) {
                assertTrue(e.validationLoss() >= bestLoss);
            }
        }
    }

    @Test
    void learningRateScheduleIsApplied() throws IOException {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.LSTM_ONLY).learningRate(0.01).build()) {
            TrainingReport r = m.trainer().epochs(3).batchSize(6)
                    .learningRateSchedule(LearningRateSchedule.step(1, 0.5)).fit(DATA);
            assertEquals(0.01, r.epochs().get(0).learningRate(), 1e-12);
            assertEquals(0.005, r.epochs().get(1).learningRate(), 1e-12);
            assertEquals(0.0025, r.epochs().get(2).learningRate(), 1e-12);
        }
        assertEquals(0.5, LearningRateSchedule.cosine(10, 0).rate(1, 5), 1e-12);
        assertEquals(0.1, LearningRateSchedule.cosine(10, 0.1).rate(1, 10), 1e-12);
    }

    @Test
    void classWeightsChangeTheLossAndAreValidated() throws IOException {
        float[] base;
        float[] weighted;
        try (HybridModel a = ModelTestSupport.tiny(Architecture.HYBRID).build();
             HybridModel b = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            base = new float[] {(float) a.trainer().epochs(1).fit(DATA).trainLosses()[0]};
            weighted = new float[] {(float) b.trainer().epochs(1).classWeights(5f, 5f, 5f).fit(DATA).trainLosses()[0]};
            assertThrows(IllegalArgumentException.class, () -> b.trainer().classWeights(1f, 2f));
            assertThrows(IllegalArgumentException.class, () -> b.trainer().classWeights(1f, 0f, 1f));
        }
        assertNotEquals(base[0], weighted[0]);
        assertTrue(weighted[0] > 3 * base[0], base[0] + " vs " + weighted[0]);
    }

    @Test
    void rejectsBadSequencesBeforeTrainingNamingTheIndex() {
        List<Sequence> bad = new ArrayList<>(ModelTestSupport.randomLabelled(3, 4, 64, 3, 1));
        bad.add(Sequence.labelled(ModelTestSupport.randomClips(1, 5, 64, 2)[0], 1));
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> m.trainer().fit(SequenceDataset.of(bad))).getMessage();
            assertTrue(msg.contains("expected sequences of 4 frames, got 5 (training sequence 3)"), msg);
            List<Sequence> badLabel = List.of(Sequence.labelled(ModelTestSupport.randomClips(1, 4, 64, 2)[0], 7));
            String msg2 = assertThrows(IllegalArgumentException.class,
                    () -> m.trainer().fit(SequenceDataset.of(badLabel))).getMessage();
            assertTrue(msg2.contains("label must be in [0, 3), got 7 (training sequence 0)"), msg2);
            assertThrows(IllegalStateException.class, () -> m.trainer()
                    .earlyStopping(EarlyStopping.of(TrainingMetric.VALIDATION_ACCURACY, 2)).fit(DATA));
        }
    }

    @Test
    void lazyDatasetStreamsAndListenersSeeEveryBatch() throws IOException {
        List<Sequence> seqs = ModelTestSupport.randomLabelled(10, 4, 64, 3, 5);
        AtomicInteger loads = new AtomicInteger();
        SequenceDataset lazy = SequenceDataset.lazy(seqs.size(), i -> {
            loads.incrementAndGet();
            return seqs.get(i);
        });
        List<String> events = new ArrayList<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            TrainingReport r = m.trainer().epochs(2).batchSize(4)
                    .listener(new TrainingListener() {
                        @Override
                        public void onTrainingStart(TrainingPlan plan) {
                            events.add("start " + plan.batchesPerEpoch());
                        }

                        @Override
                        public void onBatch(BatchProgress p) {
                            events.add("batch " + p.epoch() + "." + p.batch());
                        }

                        @Override
                        public void onEpoch(EpochResult e) {
                            events.add("epoch " + e.epoch());
                        }

                        @Override
                        public void onTrainingEnd(TrainingReport rep) {
                            events.add("end");
                        }
                    })
                    .listener(new ConsoleProgressListener(new PrintStream(console, true, StandardCharsets.UTF_8)))
                    .listener(new LoggingTrainingListener())
                    .fit(lazy);
            assertEquals(2, r.epochs().size());
        }
        assertEquals(List.of("start 3", "batch 0.0", "batch 0.1", "batch 0.2", "epoch 0",
                "batch 1.0", "batch 1.1", "batch 1.2", "epoch 1", "end"), events);
        assertEquals(30, loads.get(), "one checking pass plus one load per sequence per epoch");
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 2/2") && out.contains("ETA") && out.contains("training done"), out);
    }

    @Test
    void checkpointAveragingKeepsTheMeanOfTheBestEpochsWeights() throws IOException {
        // random validation labels: the validation loss goes up and down, so the k best epochs are not the last k
        SequenceDataset val = SequenceDataset.of(ModelTestSupport.randomLabelled(6, 4, 64, 3, 99));
        try (HybridModel m = ModelTestSupport.tiny(Architecture.CNN_ONLY).learningRate(3e-2).build()) {
            List<float[]> perEpoch = new ArrayList<>();
            TrainingReport r = m.trainer().epochs(6).batchSize(4).validation(val).averageBestEpochs(3)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpoch(EpochResult e) {
                            perEpoch.add(m.network().params().toFloatVector());
                        }
                    }).fit(DATA);
            double[] losses = r.validationLosses();
            List<Integer> byLoss = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
            byLoss.sort((a, b) -> Double.compare(losses[a], losses[b]));
            List<Integer> expected = byLoss.subList(0, 3).stream().sorted().toList();
            assertEquals(expected, r.averagedEpochs(), r.toJson());
            assertEquals(byLoss.get(0), r.bestEpoch(), "the best epoch is still the single best");
            assertTrue(r.restoredBestWeights());
            float[] kept = m.network().params().toFloatVector();
            for (int i = 0; i < kept.length; i++) {
                float mean = 0;
                for (int e : expected) {
                    mean += perEpoch.get(e)[i];
                }
                assertEquals(mean / 3, kept[i], 1e-5f, "parameter " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (HybridModel m = ModelTestSupport.tiny(Architecture.CNN_ONLY).build()) {
                m.trainer().averageBestEpochs(0);
            }
        });
    }

    @Test
    void withoutAveragingTheBestEpochsWeightsAreKeptExactly() throws IOException {
        SequenceDataset val = SequenceDataset.of(ModelTestSupport.randomLabelled(6, 4, 64, 3, 99));
        try (HybridModel m = ModelTestSupport.tiny(Architecture.CNN_ONLY).learningRate(3e-2).build()) {
            List<float[]> perEpoch = new ArrayList<>();
            TrainingReport r = m.trainer().epochs(5).batchSize(4).validation(val)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpoch(EpochResult e) {
                            perEpoch.add(m.network().params().toFloatVector());
                        }
                    }).fit(DATA);
            assertEquals(List.of(), r.averagedEpochs());
            assertArrayEquals(perEpoch.get(r.bestEpoch()), m.network().params().toFloatVector(), 0f);
        }
    }

    @Test
    void collectingGarbageEachEpochChangesNoWeight() throws IOException {
        List<Sequence> data = ModelTestSupport.randomLabelled(12, 4, 64, 3, 8);
        AtomicInteger epochs = new AtomicInteger();
        try (HybridModel plain = ModelTestSupport.tiny(Architecture.HYBRID).build();
             HybridModel collected = ModelTestSupport.tiny(Architecture.HYBRID).build()) {
            plain.trainer().epochs(3).batchSize(4).collectGarbageEachEpoch(false).fit(SequenceDataset.of(data));
            collected.trainer().epochs(3).batchSize(4).collectGarbageEachEpoch(true).listener(new TrainingListener() {
                @Override
                public void onEpoch(EpochResult r) {
                    epochs.incrementAndGet();
                }
            }).fit(SequenceDataset.of(data));
            assertEquals(3, epochs.get());
            assertArrayEquals(plain.network().params().toFloatVector(), collected.network().params().toFloatVector());
        }
    }
}
