package io.github.crimeanomaly.examples.fight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.video.ClipFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FightClipsTest {

    @Test
    void theCacheDecodesOncePerDistinctInput(@TempDir Path tmp) throws Exception {
        Path data = FightTestData.link(tmp.resolve("d"), "fight/fi001", "noFight/nofi001");
        ClipClassifier.Settings four = ClipClassifier.Settings.DEFAULT
                .withInput(new ClipInput(4, 16, 16, ClipInput.Mode.MOTION, 2.0));
        ClipClassifier.Settings eight = four.withInput(four.input().withFrames(8));
        FightClips.Cache cache = new FightClips.Cache(data, false);
        assertFalse(cache.has(four));
        ClipFolder a = cache.get(four);
        assertTrue(cache.has(four));
        assertSame(a, cache.get(four.withWarmStart(0)), "other settings, same input: decoded once");
        assertFalse(cache.has(eight));
        ClipFolder b = cache.get(eight);
        assertNotSame(a, b);
        assertEquals(4 + 1, a.clips().get(0).raw().length);
        assertEquals(8 + 1, b.clips().get(0).raw().length);
    }
}
