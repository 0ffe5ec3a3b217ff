package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.synthetic.SyntheticMotionClips;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class StreamingPredictionTest {

    private static final float TOL = 1e-5f;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void streamingEqualsBatch(Architecture a) throws Exception {
        try (HybridModel m = ModelTestSupport.tiny(a).build()) {
            // One short epoch so batch-norm statistics and normalisation are not the identity.
            m.trainer().epochs(1).batchSize(4)
                    .fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 5)));
            float[][][] clips = ModelTestSupport.randomClips(3, 7, 64, 9);   // longer than training
            float[][][] batch = m.predictFrames(clips);
            float[][] seq = m.predictSequences(clips);
            try (StreamingPredictor p = m.streamingPredictor()) {
                for (int c = 0; c < clips.length; c++) {
                    p.reset();
                    for (int t = 0; t < clips[c].length; t++) {
                        assertArrayEquals(batch[c][t], p.next(clips[c][t]), TOL, a + " clip " + c + " frame " + t);
                    }
                    assertEquals(clips[c].length, p.framesSeen());
                    assertArrayEquals(seq[c], p.sequenceOutput(), TOL, a + " clip " + c);
                }
            }
        }
    }

    @Test
    void recurrentOutputsDependOnPastFramesAndResetForgetsThem() {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build();
             StreamingPredictor p = m.streamingPredictor()) {
            float[][][] clips = ModelTestSupport.randomClips(2, 3, 64, 4);
            float[] fresh = p.next(clips[0][0]);
            p.next(clips[1][0]);
            p.next(clips[1][1]);
            float[] afterHistory = p.next(clips[0][0]);
            assertTrue(maxDiff(fresh, afterHistory) > 1e-6, "the LSTM state must carry history");
            p.reset();
            assertArrayEquals(fresh, p.next(clips[0][0]), 0f);
        }
    }

    @Test
    void acceptsFramesAndRejectsWrongShape() {
        SyntheticMotionClips gen = new SyntheticMotionClips(8, 8, 4);
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).build();
             StreamingPredictor p = m.streamingPredictor()) {
            List<Frame> frames = gen.clipFrames(1, 3);
            float[][] batch = m.predictFrames(frames);
            for (int t = 0; t < frames.size(); t++) {
                assertArrayEquals(batch[t], p.next(frames.get(t)), TOL);
            }
            String msg = assertThrows(IllegalArgumentException.class, () -> p.next(new float[65])).getMessage();
            assertTrue(msg.contains("expected frames of width 8, height 8, 1 channel (64 values), got 65 values"), msg);
            Frame big = new SyntheticMotionClips(8, 9, 1).clipFrames(0, 1).get(0);
            String msg2 = assertThrows(IllegalArgumentException.class, () -> p.next(big)).getMessage();
            assertTrue(msg2.contains("expected frames of width 8, height 8, 1 channel, got width 9, height 8, 1 channel"), msg2);
        }
    }

    @Test
    void bidirectionalModelRefusesStreaming() {
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).bidirectional(true).build()) {
            assertThrows(IllegalStateException.class, m::streamingPredictor);
            assertEquals(4, m.predictFrames(ModelTestSupport.randomClips(1, 4, 64, 1))[0].length);
        }
    }

    @Test
    void closedPredictorAndModelRefuseWork() {
        HybridModel m = ModelTestSupport.tiny(Architecture.CNN_ONLY).build();
        StreamingPredictor p = m.streamingPredictor();
        p.close();
        assertThrows(IllegalStateException.class, () -> p.next(new float[64]));
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predictSequences(ModelTestSupport.randomClips(1, 4, 64, 1)));
    }

    private static float maxDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
