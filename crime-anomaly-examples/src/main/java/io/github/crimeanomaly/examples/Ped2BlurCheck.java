package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.FrameTransforms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What motion blur does to motion-speed scores, on training data only: calibrates a motion-speed
 * detector on the clean Ped2 Train clips 1-12 (settings as {@code evaluate-ucsd --settings}, empty
 * for the defaults) and prints, for each held-out normal clip Train013-016, the median, 90th
 * percentile and largest score, sharp and blurred 9 px horizontally (the robustness table's blur).
 * No test clip is read.
 *
 * <pre>
 * java -cp … io.github.crimeanomaly.examples.Ped2BlurCheck ../shared/datasets/ucsd-ped2 [motion=0.01]
 * </pre>
 */
public final class Ped2BlurCheck {

    private Ped2BlurCheck() {
    }

    /** Arguments: the ucsd-ped2 folder, then optionally motion-speed settings ({@code key=value:…}). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Ped2BlurCheck <ucsd-ped2 folder> [motion-speed settings]");
            System.exit(2);
        }
        UcsdPedDataset ds = UcsdPedDataset.open(Path.of(args[0]), "UCSDped2");
        List<UcsdPedDataset.Clip> clips = ds.trainClips();
        if (clips.size() < 16) {
            throw new IllegalArgumentException("expected the 16 Ped2 Train clips, found " + clips.size());
        }
        List<FrameSource> fit = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fit.add(clips.get(i).open(UcsdPed2Benchmark.FORMAT));
        }
        String settings = args.length > 1 ? args[1] : "";
        try (MotionSpeedDetector d = UcsdPed2Benchmark.motionSpeedCalibrator(settings).fit(fit)) {
            System.out.printf(Locale.ROOT, "motion-speed (%s) calibrated on Train001-012: threshold %.3f%n",
                    settings.isEmpty() ? "defaults" : settings, d.threshold());
            for (int i = 12; i < 16; i++) {
                for (int blur : new int[] {0, 9}) {
                    FrameTransform t = blur == 0 ? FrameTransform.identity() : FrameTransforms.motionBlur(blur, 0);
                    List<Double> s = new ArrayList<>();
                    try (FrameSource src = t.applyTo(clips.get(i).open(d.inputFormat()))) {
                        d.score(src, f -> s.add(f.score()));
                    }
                    Collections.sort(s);
                    System.out.printf(Locale.ROOT, "%s blur %d px: median %.3f, p90 %.3f, max %.3f%n",
                            clips.get(i).name(), blur, s.get(s.size() / 2), s.get((int) (s.size() * 0.9)),
                            s.get(s.size() - 1));
                }
            }
        }
    }
}
