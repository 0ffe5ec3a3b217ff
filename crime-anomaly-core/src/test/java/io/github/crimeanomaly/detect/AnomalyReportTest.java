package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.crimeanomaly.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyReportTest {

    private static AnomalyReport report(double threshold, double... scores) {
        List<FrameScore> fs = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            fs.add(FrameScore.of(i, i * 100_000L, scores[i]));
        }
        return AnomalyReport.of("synthetic", fs, threshold);
    }

    @Test
    void topMomentsArePeaksOfSeparateEventsWhateverTheThreshold() {
        // synthetic: an event peaking at frame 3 (0.9), a weaker one at frame 10 (0.7), a third at 16 (0.6)
        AnomalyReport r = report(2.0, 0.1, 0.5, 0.8, 0.9, 0.85, 0.3, 0.1, 0.1, 0.2, 0.6, 0.7, 0.65, 0.1, 0.1, 0.3,
                0.5, 0.6, 0.2);
        assertEquals(List.of(3L, 4L, 2L), r.topK(3).stream().map(FrameScore::frameIndex).toList(), "one event fills topK");
        assertEquals(List.of(3L, 10L, 16L), r.topMoments(3, 4).stream().map(FrameScore::frameIndex).toList());
        assertEquals(List.of(3L, 10L, 16L), r.topMoments(10, 5).stream().map(FrameScore::frameIndex).toList(),
                "fewer than k when the video is too short for them");
        assertEquals(r.topK(4), r.topMoments(4, 1), "a gap of 1 frame suppresses nothing");
        assertTrue(r.incidents().isEmpty(), "nothing crosses the threshold, yet the moments are ranked");
        assertEquals(List.of(), r.topMoments(0, 3));
        String bad = assertThrows(IllegalArgumentException.class, () -> r.topMoments(3, 0)).getMessage();
        assertTrue(bad.contains("minGapFrames 0"), bad);
    }

    @Test
    void ranksByScoreThenStreamOrder() {
        AnomalyReport r = report(0.5, 0.1, 0.9, 0.3, 0.9, 0.2);
        List<Long> order = r.ranked().stream().map(FrameScore::frameIndex).toList();
        assertEquals(List.of(1L, 3L, 2L, 4L, 0L), order);
        assertEquals(List.of(1L, 3L), r.topK(2).stream().map(FrameScore::frameIndex).toList());
        assertEquals(5, r.topK(100).size());
        assertThrows(IllegalArgumentException.class, () -> r.topK(-1));
    }

    @Test
    void incidentsAreRunsAtOrAboveThresholdWithPeaks() {
        AnomalyReport r = report(0.5, 0.1, 0.5, 0.7, 0.6, 0.2, 0.8, 0.9);
        List<Incident> inc = r.incidents();
        assertEquals(2, inc.size());
        assertEquals(new Incident(1, 3, 100_000, 300_000, 2, 0.7), inc.get(0));
        assertEquals(new Incident(5, 6, 500_000, 600_000, 6, 0.9), inc.get(1));
        assertEquals(5, r.anomalousFrameCount());
    }

    @Test
    void trackerMatchesReportOnRandomStreams() {
        java.util.Random rnd = new java.util.Random(1);
        for (int trial = 0; trial < 50; trial++) {
            double[] s = rnd.doubles(200).toArray();
            AnomalyReport r = report(0.7, s);
            IncidentTracker t = new IncidentTracker(0.7);
            List<Incident> streamed = new ArrayList<>();
            List<Long> starts = new ArrayList<>();
            r.frames().forEach(f -> {
                boolean wasOpen = t.inIncident();
                t.accept(f).ifPresent(streamed::add);
                if (!wasOpen && t.inIncident()) {
                    starts.add(f.frameIndex());
                }
            });
            t.finish().ifPresent(streamed::add);
            assertEquals(r.incidents(), streamed);
            assertEquals(r.incidents().stream().map(Incident::startFrame).toList(), starts);
            assertTrue(!t.inIncident(), "finish closes the open incident");
            long covered = streamed.stream().mapToLong(Incident::frameCount).sum();
            assertEquals(r.anomalousFrameCount(), covered);
        }
    }

    @Test
    void trackerRejectsFramesOutOfOrderAtOnceAndTakesANewStreamAfterFinish() {
        IncidentTracker t = new IncidentTracker(0.5);
        t.accept(FrameScore.of(5, 500_000, 0.9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.accept(FrameScore.of(3, 300_000, 0.9)));
        assertEquals("expected frames in stream order, got frame 3 after frame 5 (call finish() at the end of a "
                + "stream before the next)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.accept(FrameScore.of(5, 500_000, 0.9)), "fed twice");
        assertTrue(t.inIncident(), "the rejected frames changed nothing");
        assertEquals(Optional.of(new Incident(5, 6, 500_000, 600_000, 6, 0.95)),
                t.accept(FrameScore.of(6, 600_000, 0.95)).or(t::finish));
        assertEquals(Optional.empty(), t.accept(FrameScore.of(0, 0, 0.1)), "a new stream starts at frame 0");
    }

    @Test
    void rejectsUnorderedFramesAndBadValues() {
        List<FrameScore> fs = List.of(FrameScore.of(2, 0, 0.1), FrameScore.of(1, 0, 0.2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnomalyReport.of("clip", fs, 0.5));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameScore.of(0, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FrameScore(0, 0, 0.1, Map.of("fight", 1.2)));
        assertThrows(IllegalArgumentException.class, () -> report(Double.POSITIVE_INFINITY, 0.1));
    }

    @Test
    void exportsCsvWithRanksAndClassColumns() throws IOException {
        List<FrameScore> fs = List.of(
                new FrameScore(0, 0, 0.2, Map.of("fight", 0.2, "noFight", 0.8)),
                new FrameScore(1, 40_000, 0.95, Map.of("fight", 0.95, "noFight", 0.05)));
        AnomalyReport r = AnomalyReport.of("clip.mp4", fs, 0.5);
        StringWriter w = new StringWriter();
        r.toCsv(w);
        String[] lines = w.toString().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("frame,timestamp_s,score,anomalous,rank,p_"), lines[0]);
        assertEquals("1,0.040000,0.95,1,1", lines[2].substring(0, "1,0.040000,0.95,1,1".length()));
        assertEquals(java.util.Optional.of("fight"), fs.get(1).topClass());
    }

    @Test
    void writesJsonAtomicallyAndItParsesBack(@TempDir Path dir) throws IOException {
        AnomalyReport r = report(0.5, 0.1, 0.6, 0.7, 0.2);
        Path out = dir.resolve("sub/report.json");
        r.writeJson(out);
        JsonNode n = Json.mapper().readTree(Files.readString(out));
        assertEquals(4, n.get("frameCount").asInt());
        assertEquals(2, n.get("frames").get(2).get("frameIndex").asInt());
        assertEquals(1, n.get("incidents").size());
        assertEquals(2, n.get("top").get(0).get("frameIndex").asInt());
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void frameRateComesFromTheFirstAndLastScoresIndicesAndTimestamps() {
        List<FrameScore> every = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            every.add(FrameScore.of(i, i * 100_000L, 0.1));
        }
        assertEquals(10.0, AnomalyReport.of("v", every, 0.5).frameRate().orElseThrow(), 1e-9);
        // every third frame of a 25 fps video scored: still 25 frames per second
        List<FrameScore> sampled = List.of(FrameScore.of(0, 0, 0.1), FrameScore.of(3, 120_000L, 0.2),
                FrameScore.of(6, 240_000L, 0.3));
        assertEquals(25.0, AnomalyReport.of("v", sampled, 0.5).frameRate().orElseThrow(), 1e-9);
        assertTrue(AnomalyReport.of("v", List.of(FrameScore.of(0, 0, 0.1)), 0.5).frameRate().isEmpty(), "one frame");
        assertTrue(AnomalyReport.of("v", List.of(FrameScore.of(0, 0, 0.1), FrameScore.of(1, 0, 0.1)), 0.5)
                .frameRate().isEmpty(), "no time between them");
    }
}
