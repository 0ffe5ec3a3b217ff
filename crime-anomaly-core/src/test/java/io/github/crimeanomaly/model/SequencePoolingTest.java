package io.github.crimeanomaly.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencePoolingTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreLastForRecurrentAndMeanForCnnOnly() {
        assertEquals(SequencePooling.LAST, ModelTestSupport.tiny(Architecture.HYBRID).config().sequencePooling());
        assertEquals(SequencePooling.LAST, ModelTestSupport.tiny(Architecture.LSTM_ONLY).config().sequencePooling());
        assertEquals(SequencePooling.MEAN, ModelTestSupport.tiny(Architecture.CNN_ONLY).config().sequencePooling());
    }

    @Test
    void rejectsLastPoolingForCnnOnly() {
        String m = assertThrows(IllegalArgumentException.class, () -> ModelTestSupport.tiny(Architecture.CNN_ONLY)
                .sequencePooling(SequencePooling.LAST).config()).getMessage();
        assertTrue(m.contains("sequencePooling must be MEAN for CNN_ONLY"), m);
        assertTrue(m.contains("got LAST"), m);
    }

    @Test
    void configWithoutTheFieldReadsAsTheArchitectureDefault() throws Exception {
        // files saved before sequencePooling existed carry no such field
        for (Architecture a : Architecture.values()) {
            ModelConfig c = ModelTestSupport.tiny(a).config();
            ObjectNode json = Json.mapper().valueToTree(c);
            assertTrue(json.has("sequencePooling"));
            json.remove("sequencePooling");
            ModelConfig old = Json.mapper().treeToValue(json, ModelConfig.class);
            assertEquals(c, old, a.toString());
        }
        ModelConfig mean = ModelTestSupport.tiny(Architecture.HYBRID).sequencePooling(SequencePooling.MEAN).config();
        assertEquals(mean, Json.mapper().readValue(Json.mapper().writeValueAsString(mean), ModelConfig.class));
        assertEquals(SequencePooling.MEAN, mean.withArchitecture(Architecture.HYBRID).sequencePooling());
        assertEquals(SequencePooling.MEAN, mean.withArchitecture(Architecture.CNN_ONLY).sequencePooling());
        assertEquals(SequencePooling.LAST, mean.withArchitecture(Architecture.CNN_ONLY)
                .withArchitecture(Architecture.HYBRID).sequencePooling());
    }

    @Test
    void meanPoolingAveragesEveryFrameInBatchAndStreaming() throws IOException {
        float[][][] clips = ModelTestSupport.randomClips(3, 4, 64, 5);
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).sequencePooling(SequencePooling.MEAN).build()) {
            m.trainer().epochs(2).batchSize(4).fit(SequenceDataset.of(ModelTestSupport.randomLabelled(8, 4, 64, 3, 9)));
            float[][][] frames = m.predictFrames(clips);
            float[][] seq = m.predictSequences(clips);
            for (int i = 0; i < clips.length; i++) {
                float[] mean = new float[3];
                for (float[] f : frames[i]) {
                    for (int j = 0; j < 3; j++) {
                        mean[j] += f[j] / frames[i].length;
                    }
                }
                assertArrayEquals(mean, seq[i], 1e-6f, "clip " + i);
                assertNotEquals(frames[i][3][0], seq[i][0], "the mean, not the last frame, clip " + i);
            }
            try (StreamingPredictor p = m.streamingPredictor()) {
                for (float[] f : clips[0]) {
                    p.next(f);
                }
                assertArrayEquals(seq[0], p.sequenceOutput(), 1e-5f);
            }
            try (HybridModel loaded = ModelTestSupport.assertRoundTrip(m, clips, dir.resolve("mean.model"))) {
                assertEquals(SequencePooling.MEAN, loaded.config().sequencePooling());
                assertArrayEquals(seq[1], loaded.predictSequences(clips)[1], 0f);
            }
        }
    }

    @Test
    void meanPoolingTrainsEveryFrameOnASequenceLabel() throws IOException {
        // The class shows in every frame's brightness; MEAN pooling puts the sequence label on
        // every frame, so even frame 0 (whose LSTM output has seen only itself) learns it.
        List<Sequence> data = new java.util.ArrayList<>();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 24; i++) {
            int c = i % 2;
            float[][] x = new float[4][64];
            for (float[] f : x) {
                for (int j = 0; j < 64; j++) {
                    f[j] = (c == 0 ? 0.2f : 0.7f) + 0.1f * r.nextFloat();
                }
            }
            data.add(Sequence.labelled(x, c));
        }
        float[][][] clips = new float[data.size()][][];
        for (int i = 0; i < clips.length; i++) {
            clips[i] = data.get(i).framesView();
        }
        try (HybridModel m = ModelTestSupport.tiny(Architecture.HYBRID).learningRate(1e-2)
                .sequencePooling(SequencePooling.MEAN).build()) {
            m.trainer().epochs(15).batchSize(8).fit(SequenceDataset.of(data));
            float[][][] out = m.predictFrames(clips);
            for (int t = 0; t < 4; t++) {
                int ok = 0;
                for (int i = 0; i < clips.length; i++) {
                    ok += HybridModel.argmax(out[i][t]) == data.get(i).label() ? 1 : 0;
                }
                assertEquals(clips.length, ok, "frame " + t);
            }
        }
    }
}
