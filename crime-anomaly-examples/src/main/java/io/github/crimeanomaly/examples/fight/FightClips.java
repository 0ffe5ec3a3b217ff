package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.video.ClipFolder;
import java.io.IOException;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Decodes a class-folder dataset ({@link ClipFolder#decode}) with an optional progress bar on
 * {@code System.err}.
 */
public final class FightClips {

    private FightClips() {
    }

    /**
     * The class that is not {@code fight} (the normal one, {@code noFight} in the surveillance-fight
     * dataset), or null if there is none.
     */
    public static String normalClass(ClipFolder clips) {
        return clips.classes().stream().filter(c -> !c.equals("fight")).findFirst().orElse(null);
    }

    /** Decodes every video under {@code root} (one sub-folder per class) without shifted views. */
    public static ClipFolder load(Path root, ClipInput input, boolean progress) throws IOException {
        return load(root, input, false, progress);
    }

    /**
     * Decodes every video under {@code root}; with {@code shiftedViews}, every clip also gets its
     * shifted view (for temporal jitter).
     *
     * @throws IOException if the folder has no class folders or a video cannot be decoded
     */
    public static ClipFolder load(Path root, ClipInput input, boolean shiftedViews, boolean progress)
            throws IOException {
        if (!progress) {
            return ClipFolder.decode(root, input, shiftedViews, ClipFolder.Progress.NONE);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("decoding").setUnit(" clips", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            return ClipFolder.decode(root, input, shiftedViews, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
    }

    /**
     * Decodes {@code root} once per distinct input (and shifted-views setting): models compared
     * with different inputs (the hybrid's is denser) share a decoding where theirs agree.
     */
    public static final class Cache {
        private final Path root;
        private final boolean progress;
        private final java.util.Map<String, ClipFolder> decoded = new java.util.HashMap<>();

        /** A cache over {@code root}, decoding with a progress bar if {@code progress}. */
        public Cache(Path root, boolean progress) {
            this.root = root;
            this.progress = progress;
        }

        /** Whether {@code s}'s clips are decoded already. */
        public boolean has(io.github.crimeanomaly.classify.ClipClassifier.Settings s) {
            return decoded.containsKey(key(s));
        }

        /** The clips for {@code s}'s input, decoded now if needed. */
        public ClipFolder get(io.github.crimeanomaly.classify.ClipClassifier.Settings s) throws IOException {
            String k = key(s);
            ClipFolder c = decoded.get(k);
            if (c == null) {
                c = load(root, s.input(), s.temporalJitter(), progress);
                decoded.put(k, c);
            }
            return c;
        }

        private static String key(io.github.crimeanomaly.classify.ClipClassifier.Settings s) {
            return s.input() + " shifted=" + s.temporalJitter();
        }
    }
}
