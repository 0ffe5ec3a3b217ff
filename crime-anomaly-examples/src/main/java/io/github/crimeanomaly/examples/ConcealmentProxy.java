package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.MotionSpeedDetector;
import io.github.crimeanomaly.frame.DropoutConcealment;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.FrameTransforms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training-only check of the dropout concealment: how many <b>normal</b> frames a motion-speed
 * detector still flags under flickering dropouts when every clip is seen through a
 * {@link DropoutConcealment}. The detector is calibrated (defaults) on the clean Ped2 Train clips
 * outside {@code [from, to]}; the held-out Train clips {@code from..to} are scored clean and with a
 * flickering dropout of 10% of the frame (a black patch in a new place every frame, the
 * robustness table's condition), clip i with seed {@code seedBase + i}. Every frame of these clips
 * is normal, so each flagged frame is a false alarm the concealment left. No test clip is read.
 *
 * <pre>
 * java -cp … io.github.crimeanomaly.examples.ConcealmentProxy ../shared/datasets/ucsd-ped2 1 4 60
 * </pre>
 */
public final class ConcealmentProxy {

    private ConcealmentProxy() {
    }

    /**
     * Returns {@code [frames, flagged clean, flagged under flicker, concealed pixels under flicker]}.
     *
     * @param from first held-out Train clip, 1-based
     * @param to   last held-out Train clip, 1-based, inclusive
     */
    public static long[] run(Path dataset, int from, int to, long seedBase) throws IOException {
        UcsdPedDataset ds = UcsdPedDataset.open(dataset, "UCSDped2");
        List<UcsdPedDataset.Clip> clips = ds.trainClips();
        if (from < 1 || to > clips.size() || from > to) {
            throw new IllegalArgumentException("expected 1 <= from <= to <= " + clips.size() + ", got " + from + ".." + to);
        }
        List<FrameSource> train = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (i + 1 < from || i + 1 > to) {
                train.add(DropoutConcealment.wrap(clips.get(i).open(UcsdPed2Benchmark.FORMAT)));
            }
        }
        long[] r = new long[4];
        try (MotionSpeedDetector d = MotionSpeedDetector.calibrator().fit(train)) {
            for (int i = from - 1; i < to; i++) {
                for (boolean flicker : new boolean[] {false, true}) {
                    FrameTransform t = flicker ? FrameTransforms.occlusion(0.10, 1, seedBase + i + 1 - from)
                            : FrameTransform.identity();
                    long[] flagged = new long[1];
                    long[] frames = new long[1];
                    try (DropoutConcealment src = DropoutConcealment.wrap(t.applyTo(clips.get(i).open(d.inputFormat())))) {
                        d.score(src, f -> {
                            frames[0]++;
                            if (f.score() >= d.threshold()) {
                                flagged[0]++;
                            }
                        });
                        if (flicker) {
                            r[2] += flagged[0];
                            r[3] += src.concealedPixels();
                        } else {
                            r[0] += frames[0];
                            r[1] += flagged[0];
                        }
                    }
                }
            }
        }
        return r;
    }

    /** Arguments: dataset folder, first and last held-out Train clip (1-based), flicker seed base. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ConcealmentProxy <ucsd-ped2 folder> <from> <to> <seedBase>");
            System.exit(2);
        }
        long[] r = run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
        System.out.printf(Locale.ROOT, "held-out Train %s..%s, %d normal frames: flagged clean %d, flagged with "
                + "flickering dropout %d (concealed pixels %d)%n", args[1], args[2], r[0], r[1], r[2], r[3]);
    }
}
