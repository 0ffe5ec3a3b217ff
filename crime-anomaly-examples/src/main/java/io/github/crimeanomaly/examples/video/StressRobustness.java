package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.transform.FrameTransform;
import io.github.crimeanomaly.frame.transform.FrameTransforms;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a detector's scores move when the video is degraded: scores a video clean and under each
 * stress transform (noise, occlusion, motion blur, darkening, and all together) and prints the
 * mean score and the share of frames at or above the threshold. With the frame-difference
 * stand-in, per-frame noise and moving occlusions raise the scores (they look like motion) while
 * blur and darkening lower them: exactly the false-alarm and missed-detection risks a real
 * detector should be checked for.
 *
 * <pre>
 * java -cp crime-anomaly-examples/target/crime-anomaly-examples-0.1.0-SNAPSHOT.jar \
 *     io.github.crimeanomaly.examples.video.StressRobustness [video] [seed]
 * </pre>
 */
public final class StressRobustness {

    /**
     * Scores under one condition.
     *
     * @param condition     the transform's description
     * @param frames        frames scored
     * @param meanScore     mean score
     * @param fractionAbove share of frames at or above the threshold
     */
    public record Row(String condition, int frames, double meanScore, double fractionAbove) {
    }

    private StressRobustness() {
    }

    /** Runs on vtest.avi (or the given video) and prints a table. */
    public static void main(String[] args) throws IOException {
        Path video = args.length > 0 ? Path.of(args[0]) : VideoExampleSupport.sharedDatasets().resolve("opencv-vtest/vtest.avi");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        System.out.println("video=" + video + " seed=" + seed);
        for (Row r : run(video, seed)) {
            System.out.println(String.format(Locale.ROOT, "%-60s frames=%d mean_score=%.5f above_threshold=%.3f",
                    r.condition(), r.frames(), r.meanScore(), r.fractionAbove()));
        }
    }

    /** The conditions: clean, then each transform, then all of them composed. */
    public static Map<String, FrameTransform> conditions(long seed) {
        Map<String, FrameTransform> m = new LinkedHashMap<>();
        m.put("clean", FrameTransform.identity());
        m.put("gaussianNoise sigma=0.05", FrameTransforms.gaussianNoise(0.05, seed));
        m.put("occlusion 10% (1 patch, moves every frame)", FrameTransforms.occlusion(0.10, 1, seed));
        m.put("motionBlur 9 px at 0 deg", FrameTransforms.motionBlur(9, 0));
        m.put("brightness -0.3", FrameTransforms.brightness(-0.3));
        m.put("all four", FrameTransforms.gaussianNoise(0.05, seed).andThen(FrameTransforms.occlusion(0.10, 1, seed))
                .andThen(FrameTransforms.motionBlur(9, 0)).andThen(FrameTransforms.brightness(-0.3)));
        return m;
    }

    /** Scores the video under every condition. */
    public static List<Row> run(Path video, long seed) throws IOException {
        VideoOptions opts = VideoOptions.builder().format(FrameFormat.gray(192, 144)).build();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, FrameTransform> c : conditions(seed).entrySet()) {
            try (FrameDiffStandIn det = new FrameDiffStandIn(opts.formatFor(0, 0), 0.01);
                 FrameSource src = c.getValue().applyTo(VideoFrameSource.open(video, opts))) {
                AnomalyReport r = det.detect(src);
                double mean = java.util.Arrays.stream(r.scores()).average().orElse(0);
                rows.add(new Row(c.getKey(), r.frames().size(), mean,
                        r.anomalousFrameCount() / (double) Math.max(1, r.frames().size())));
            }
        }
        return rows;
    }
}
