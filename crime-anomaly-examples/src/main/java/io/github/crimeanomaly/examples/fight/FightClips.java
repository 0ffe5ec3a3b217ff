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
}
