package io.github.crimeanomaly.video;

import static io.github.crimeanomaly.video.LogCapture.logged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training a clip classifier from a folder of real fight / noFight clips (a few, tiny settings). */
class ClipClassifierTrainingTest {

    @TempDir
    Path tmp;

    /** 4 frame differences at 24x32, 2 epochs of which 1 warms up the CNN: seconds, not minutes. */
    private static final ClipClassifier.Settings TINY = ClipClassifier.Settings.DEFAULT
            .withInput(new ClipInput(4, 24, 32, ClipInput.Mode.MOTION_AND_FLOW, 2.0, true, 2.0))
            .withWarmStart(1).withEpochs(2);

    /** Symbolic links to real clips, one sub-folder per class, no videos.txt (each clip its own source). */
    private Path folder(String name, String... clips) throws IOException {
        Path root = tmp.resolve(name);
        for (String c : clips) {
            Path link = root.resolve(c + ".mp4");
            Files.createDirectories(link.getParent());
            Path target = SharedData.fightDir().resolve(c + ".mp4");
            assertTrue(Files.isRegularFile(target), "no clip " + target);
            Files.createSymbolicLink(link, target.toAbsolutePath());
        }
        return root;
    }

    @Test
    void trainsFromAFolderHoldsOutWholeVideosAndSavesAModelThatScoresVideos() throws IOException {
        Path root = folder("fights", "fight/fi001", "fight/fi050", "fight/fi100", "fight/fi111",
                "noFight/nofi001", "noFight/nofi050", "noFight/nofi100", "noFight/nofi110");
        Path file = tmp.resolve("fight.model");
        try (ClipClassifierTraining.Result r = ClipClassifierTraining.train(root, Architecture.HYBRID, "noFight", TINY,
                0.25, 0.4, null)) {
            assertEquals(List.of("fight", "noFight"), r.data().classes());
            assertEquals(8, r.train().size() + r.validation().size());
            assertEquals(2, r.validation().size(), "a quarter of 8 clips, one of each class");
            assertEquals(Set.of(0, 1), new HashSet<>(r.validation().stream().map(ClipClassifier.Clip::label).toList()));
            Set<String> trainGroups = new HashSet<>(r.train().stream().map(ClipClassifier.Clip::group).toList());
            r.validation().forEach(c -> assertTrue(!trainGroups.contains(c.group()), c.name() + " is on both sides"));
            assertEquals(2, r.report().epochs().size(), "1 CNN warm-up epoch, then 1 hybrid epoch");
            assertEquals(0.4, ClassifierDetector.storedThreshold(r.model()), 0.0);
            // one video file, decoded as the folder's clips were, classified by the trained model
            ClipClassifier.Clip fi050 = r.data().clips().stream().filter(c -> c.name().equals("fi050")).findFirst().orElseThrow();
            float[][] raw = ClipFolder.decodeVideo(root.resolve("fight/fi050.mp4"), TINY.input());
            assertEquals(fi050.raw().length, raw.length);
            for (int t = 0; t < raw.length; t++) {
                assertArrayEquals(fi050.raw()[t], raw[t], 0f, "frame " + t);
            }
            float[] p = ClipInput.of(r.model()).orElseThrow().predict(r.model(), raw);
            assertEquals(1.0, p[0] + p[1], 1e-5);
            r.model().save(file);
        }
        try (VideoAnomalyDetector d = Detectors.load(file)) {
            assertInstanceOf(ClassifierDetector.class, d);
            assertEquals(0.4, d.threshold(), 0.0);
            assertTrue(d.toString().startsWith("ClassifierDetector[HYBRID [fight, noFight], normal 'noFight', input "), d.toString());
        }
    }

    /**
     * A whole long video taken as one clip gets a logged warning that names its length and the
     * limit (vtest.avi lasts 79.5 s; TINY's clips span 2 s, so the limit is 6 s); a clip of the
     * kind the model is made for gets none.
     */
    @Test
    void decodingALongVideoAsOneClipWarns() throws Throwable {
        String vtest = logged(() -> ClipFolder.decodeVideo(SharedData.vtest(), TINY.input()));
        assertTrue(vtest.contains("vtest.avi lasts 79.5 s, more than 6 s: its 5 frames are spread over the whole "
                + "video"), vtest);
        assertTrue(vtest.contains("score the video as a stream"), vtest);
        String clip = logged(() -> ClipFolder.decodeVideo(SharedData.fightDir().resolve("fight/fi001.mp4"), TINY.input()));
        assertFalse(clip.contains("WARN"), clip);
    }

    @Test
    void badFoldersAndSettingsAreOneClearMessage() throws IOException {
        Path root = folder("two", "fight/fi001", "fight/fi050", "noFight/nofi001", "noFight/nofi050");
        String cls = assertThrows(IllegalArgumentException.class,
                () -> ClipClassifierTraining.train(root, Architecture.CNN_ONLY, "normal", TINY, 0, 0.5, null)).getMessage();
        assertTrue(cls.contains("the normal class must be one of [fight, noFight], got 'normal'"), cls);
        String frac = assertThrows(IllegalArgumentException.class,
                () -> ClipClassifierTraining.train(root, Architecture.CNN_ONLY, "noFight", TINY, 0.6, 0.5, null)).getMessage();
        assertTrue(frac.contains("the validation fraction must be in [0, 0.5], got 0.6"), frac);
        Path one = folder("one", "fight/fi001", "fight/fi050");
        String single = assertThrows(IllegalArgumentException.class,
                () -> ClipClassifierTraining.train(one, Architecture.CNN_ONLY, "fight", TINY, 0, 0.5, null)).getMessage();
        assertTrue(single.contains("expected at least 2 class folders, found [fight]"), single);
        assertThrows(NoSuchFileException.class,
                () -> ClipClassifierTraining.train(tmp.resolve("none"), Architecture.CNN_ONLY, "noFight"));
        assertThrows(NoSuchFileException.class, () -> ClipFolder.decodeVideo(tmp.resolve("none.mp4"), TINY.input()));
        ClipFolder decoded = ClipFolder.decode(root, TINY.input(), false, ClipFolder.Progress.NONE);
        String refit = assertThrows(IllegalArgumentException.class, () -> ClipClassifierTraining.train(decoded,
                Architecture.CNN_ONLY, "noFight", TINY, 0, 0.5, true, null)).getMessage();
        assertTrue(refit.contains("a refit needs held-out clips to choose the epochs: expected a validation fraction "
                + "in (0, 0.5], got 0"), refit);
    }
}
