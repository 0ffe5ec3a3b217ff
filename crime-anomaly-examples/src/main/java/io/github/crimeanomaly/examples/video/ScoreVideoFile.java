package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.video.VideoScoring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Scores a video file end to end with {@link VideoScoring} and shows a progress bar with ETA per
 * stage: writes {@code scores.csv}, {@code scores.json}, {@code annotated.mp4} and
 * {@code top-frames.png} into the output folder. Uses the frame-difference stand-in detector;
 * swap in a real {@code VideoAnomalyDetector} for detection.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar \
 *     io.github.crimeanomaly.examples.video.ScoreVideoFile [video] [outDir]
 * </pre>
 */
public final class ScoreVideoFile {

    private ScoreVideoFile() {
    }

    /** Scores the video (default vtest.avi) into the folder (default {@code out/vtest}). */
    public static void main(String[] args) throws IOException {
        Path video = args.length > 0 ? Path.of(args[0]) : VideoExampleSupport.sharedDatasets().resolve("opencv-vtest/vtest.avi");
        Path out = Path.of(args.length > 1 ? args[1] : "out/vtest");
        VideoScoring.Result r = run(video, out, true);
        System.out.println("wrote " + r.scoresCsv() + ", " + r.scoresJson() + ", "
                + r.annotatedVideo().map(Path::toString).orElse("-") + " (" + r.videoCodec().orElse("-") + "), "
                + r.contactSheet().map(Path::toString).orElse("-"));
        for (FrameScore f : r.report().topK(5)) {
            System.out.println(String.format(Locale.ROOT, "frame %d at %.1f s: %.4f", f.frameIndex(),
                    f.timestampSeconds(), f.score()));
        }
    }

    /** Runs {@link VideoScoring} with a console progress bar per stage (when {@code bars}). */
    public static VideoScoring.Result run(Path video, Path outDir, boolean bars) throws IOException {
        ProgressBar[] current = {null};
        VideoScoring.Stage[] stageOf = {null};
        VideoScoring.ProgressListener listener = (stage, done, total) -> {
            if (!bars) {
                return;
            }
            if (stage != stageOf[0]) {
                if (current[0] != null) {
                    current[0].close();
                }
                stageOf[0] = stage;
                current[0] = new ProgressBarBuilder().setTaskName(stage.name().toLowerCase(Locale.ROOT))
                        .setInitialMax(total > 0 ? total : -1).build();
            }
            if (done % 25 == 0 || done == total) {
                current[0].stepTo(done);
            }
        };
        try (FrameDiffStandIn detector = new FrameDiffStandIn(FrameFormat.gray(192, 144), 0.02)) {
            return VideoScoring.run(video.toString(), detector, outDir, VideoScoring.Options.DEFAULTS, listener);
        } finally {
            if (current[0] != null) {
                current[0].close();
            }
        }
    }
}
