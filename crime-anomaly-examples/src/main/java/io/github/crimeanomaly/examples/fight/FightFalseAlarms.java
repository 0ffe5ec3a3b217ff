package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.datasets.UcsdPedDataset;
import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.detect.Detectors;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.detect.VideoAnomalyDetector;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.model.ModelRuntime;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How often a fight classifier fires on footage from other cameras that shows no fight: every
 * frame of the UCSD Ped2 clips (pedestrians on a campus walkway; the test clips' anomalies are
 * cyclists, skaters and carts, not fights) and of OpenCV's {@code vtest.avi} (a busy pedestrian
 * street), scored as {@code score --model} scores a video. Prints, per part, the frames at or
 * above the model's threshold and the highest score.
 *
 * <p>Then, as {@code crime-anomaly calibrate} would for a Ped2 camera, it sets the threshold that
 * flags {@value #CALIBRATION_FPR} of the Ped2 Train frames ({@link ClassifierDetector#thresholdFor}),
 * never below the model's own, and reports the Test frames flagged at it (other clips of that camera), and how many fight clips
 * of {@code surveillance-fight} have a frame at or above the model's threshold and at the
 * calibrated one (the model's own training clips, so both counts are optimistic; their difference
 * is what the calibration costs in recall).
 *
 * <p>An optional third argument declares the Ped2 folders at another frame rate than their true
 * 10 frames/s. A clip model samples a stream at its training step ({@link
 * io.github.crimeanomaly.classify.ClipInput#strideAt}), so declaring 16 frames/s makes a 16-step model
 * take every 2nd frame, 0.2 s apart instead of 0.1 s: what a 5 frames/s camera would give it. This
 * measures how false alarms depend on the camera's frame rate, on footage the model never saw.
 *
 * <pre>
 * java -cp 'crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar:crime-anomaly-examples/target/lib/*' \
 *     io.github.crimeanomaly.examples.fight.FightFalseAlarms fight.model ../shared/datasets [ped2 fps, default 10]
 * </pre>
 */
public final class FightFalseAlarms {

    /** Share of the Ped2 Train frames the calibrated threshold flags. */
    static final double CALIBRATION_FPR = 0.01;

    /** Ped2 plays at about 10 frames/s; its image folders carry no frame rate. */
    static final double PED2_FPS = 10.0;

    private FightFalseAlarms() {
    }

    /** {@code <model file> <datasets dir (with ucsd-ped2/ and opencv-vtest/)> [ped2 fps]} */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: FightFalseAlarms <model file> <datasets dir> [ped2 fps, default " + PED2_FPS + "]");
            System.exit(2);
        }
        double ped2Fps = args.length == 3 ? Double.parseDouble(args[2]) : PED2_FPS;
        if (!(ped2Fps > 0) || Double.isInfinite(ped2Fps)) {
            System.err.println("ped2 fps must be a finite number > 0, got " + args[2]);
            System.exit(2);
        }
        ModelRuntime.setThreads(1);
        Path datasets = Path.of(args[1]);
        PrintStream out = System.out;
        try (VideoAnomalyDetector d = Detectors.load(Path.of(args[0]))) {
            out.println("model: " + d);
            if (ped2Fps != PED2_FPS) {
                out.printf(Locale.ROOT, "UCSD Ped2 declared at %.1f frames/s (true: %.1f): a clip model picks its "
                        + "stride for the declared rate%n", ped2Fps, PED2_FPS);
            }
            UcsdPedDataset ped2 = UcsdPedDataset.open(datasets.resolve("ucsd-ped2"), "UCSDped2");
            for (String part : List.of("Train", "Test")) {
                Tally t = new Tally();
                for (UcsdPedDataset.Clip c : part.equals("Train") ? ped2.trainClips() : ped2.testClips()) {
                    try (FrameSource s = ImageFolderFrameSource.open(c.dir(), d.inputFormat(), ped2Fps)) {
                        t.add(d.detect(s), d.threshold());
                    }
                }
                out.println(t.line("UCSD Ped2 " + part + " (" + (part.equals("Train") ? ped2.trainClips() : ped2.testClips()).size()
                        + " clips)"));
            }
            Path vtest = datasets.resolve("opencv-vtest/vtest.avi");
            try (FrameSource s = VideoFrameSource.open(vtest, VideoOptions.builder().format(d.inputFormat()).build())) {
                Tally t = new Tally();
                t.add(d.detect(s), d.threshold());
                out.println(t.line("vtest.avi"));
            }
            if (d instanceof ClassifierDetector c) {
                calibrated(c, ped2, ped2Fps, datasets.resolve("surveillance-fight/fight"), out);
            }
        }
    }

    private static void calibrated(ClassifierDetector d, UcsdPedDataset ped2, double ped2Fps, Path fights, PrintStream out)
            throws java.io.IOException {
        List<FrameSource> train = new java.util.ArrayList<>();
        double quantile;
        try {
            for (UcsdPedDataset.Clip c : ped2.trainClips()) {
                train.add(ImageFolderFrameSource.open(c.dir(), d.inputFormat(), ped2Fps));
            }
            quantile = d.thresholdFor(train, CALIBRATION_FPR);
        } finally {
            for (FrameSource s : train) {
                s.close();
            }
        }
        double thr = Math.max(d.threshold(), quantile);   // as calibrate does without --allow-lower
        out.printf(Locale.ROOT, "calibrated on UCSD Ped2 Train: %.0f%% of its frames score %.4f or more; threshold %.4f%n",
                100 * CALIBRATION_FPR, quantile, thr);
        Tally test = new Tally();
        for (UcsdPedDataset.Clip c : ped2.testClips()) {
            try (FrameSource s = ImageFolderFrameSource.open(c.dir(), d.inputFormat(), ped2Fps)) {
                test.add(d.detect(s), thr);
            }
        }
        out.println(test.line("UCSD Ped2 Test at the calibrated threshold"));
        int clips = 0;
        int atModel = 0;
        int atCalibrated = 0;
        List<Path> videos;
        try (var files = java.nio.file.Files.list(fights)) {
            videos = files.filter(f -> f.toString().endsWith(".mp4")).sorted().toList();
        }
        for (Path v : videos) {
            try (FrameSource s = VideoFrameSource.open(v, VideoOptions.builder().format(d.inputFormat()).build())) {
                double max = java.util.Arrays.stream(d.detect(s).scores()).max().orElse(0);
                clips++;
                atModel += max >= d.threshold() ? 1 : 0;
                atCalibrated += max >= thr ? 1 : 0;
            }
        }
        out.printf(Locale.ROOT, "fight clips with a frame at or above the threshold: %d of %d at %.4f, %d at %.4f "
                + "(the model's training clips: optimistic)%n", atModel, clips, d.threshold(), atCalibrated, thr);
    }

    /** Frames, frames flagged and the highest score over one or more reports. */
    static final class Tally {
        long frames;
        long flagged;
        double max = Double.NEGATIVE_INFINITY;

        void add(AnomalyReport r, double threshold) {
            for (FrameScore f : r.frames()) {
                frames++;
                flagged += f.score() >= threshold ? 1 : 0;
                max = Math.max(max, f.score());
            }
        }

        String line(String what) {
            return String.format(Locale.ROOT, "%s: %d frames, %d at or above the threshold (%.2f%%), highest score %.3f",
                    what, frames, flagged, 100.0 * flagged / Math.max(1, frames), max);
        }
    }
}
