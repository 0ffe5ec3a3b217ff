package io.github.crimeanomaly.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every clip of the surveillance-fight dataset opens and decodes to its end. */
class SurveillanceFightDecodeTest {

    @Test
    void all243ClipsDecodeToTheEnd() throws IOException {
        Path root = SharedData.fightDir();
        List<Path> clips;
        try (Stream<Path> s = Files.walk(root)) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        assertEquals(243, clips.size(), "clips under " + root);
        VideoOptions opts = VideoOptions.builder().size(32, 24).gray().build();
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (Path clip : clips) {
            try (VideoFrameSource src = VideoFrameSource.open(clip, opts)) {
                long n = 0;
                long lastTs = -1;
                for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                    if (f.get().index() != n || f.get().timestampMicros() < lastTs) {
                        problems.add(clip.getFileName() + ": frame " + n + " has index " + f.get().index()
                                + " and timestamp " + f.get().timestampMicros() + " after " + lastTs);
                        break;
                    }
                    lastTs = f.get().timestampMicros();
                    n++;
                }
                long expected = src.info().frameCountEstimate();
                // The header count and the decoded count may differ by a frame or two (edit lists).
                if (n < 10 || (expected > 0 && Math.abs(n - expected) > Math.max(2, expected / 20))) {
                    problems.add(clip.getFileName() + ": decoded " + n + " frames, header says " + expected);
                }
                total += n;
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(total > 243 * 30, "about 2 s per clip, got " + total + " frames in all");
    }
}
