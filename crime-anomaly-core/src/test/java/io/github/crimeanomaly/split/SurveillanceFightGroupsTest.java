package io.github.crimeanomaly.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Group-aware splitting on the real Surveillance Camera Fight clips: clips cut from one source
 * video (videos.txt) must never straddle parts. The videos.txt parsing here is test-only.
 */
class SurveillanceFightGroupsTest {

    @Test
    void noSourceVideoStraddlesPartsAndBothLabelsAppearEverywhere() throws IOException {
        Path dir = SharedData.dataset("surveillance-fight");
        Map<String, String> sourceOf = new HashMap<>();
        String url = null;
        for (String line : Files.readAllLines(dir.resolve("videos.txt"))) {
            String t = line.strip();
            if (t.startsWith("http")) {
                url = t;
            } else if (t.contains(":") && url != null) {
                sourceOf.put(t.substring(0, t.indexOf(':')).strip(), url);
            }
        }
        List<String> clips = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String label : List.of("fight", "noFight")) {
            try (Stream<Path> files = Files.list(dir.resolve(label))) {
                files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".mp4")).sorted().forEach(f -> {
                    String clip = f.substring(0, f.length() - 4);
                    clips.add(clip);
                    labels.add(label);
                    groups.add(sourceOf.getOrDefault(clip, "own:" + clip)); // unlisted: its own group
                });
            }
        }
        assertEquals(243, clips.size(), "clips in datasets/surveillance-fight (see its README)");
        for (long seed = 0; seed < 20; seed++) {
            Split s = Splits.stratifiedGrouped(groups, labels, SplitRatios.DEFAULT, seed);
            Map<String, Split.Part> partOf = new HashMap<>();
            for (Split.Part p : Split.Part.values()) {
                int fights = 0;
                for (int i : s.indices(p)) {
                    Split.Part prev = partOf.put(groups.get(i), p);
                    assertTrue(prev == null || prev == p, "source " + groups.get(i) + " straddles " + prev + "/" + p);
                    fights += labels.get(i).equals("fight") ? 1 : 0;
                }
                assertTrue(fights > 0 && fights < s.size(p), "seed " + seed + ": " + p + " needs both labels, "
                        + fights + " fights of " + s.size(p));
                assertTrue(Math.abs(s.size(p) - SplitRatios.DEFAULT.of(p) * clips.size()) < 0.05 * clips.size(),
                        "seed " + seed + ": " + s);
            }
        }
    }
}
