package io.github.crimeanomaly.detect;

import io.github.crimeanomaly.detect.internal.CellGrid;
import io.github.crimeanomaly.detect.internal.CellNormalizer;
import io.github.crimeanomaly.detect.internal.FrameDifferenceScorer;
import io.github.crimeanomaly.detect.internal.WorkingFrames;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The frame-difference baseline: a cell's raw score is the mean absolute difference between the
 * frame and the previous one over that cell; each cell is normalised by its own statistics on
 * normal video ({@link CellNormalization}, default: divided by its 99th percentile), and the frame score is the maximum over cells (then smoothed, see
 * {@link ScoringOptions}). No learning beyond those statistics and the threshold: a sanity check
 * and a fast default.
 *
 * <pre>{@code
 * FrameDifferenceDetector d = FrameDifferenceDetector.calibrator().fit(normalSources);
 * AnomalyReport r = d.detect(video);
 * }</pre>
 */
public final class FrameDifferenceDetector extends CalibratedCellDetector {

    static final String TYPE = "frame-difference";
    /** Default smoothing sigma of this detector (chosen on held-out training clips, as the others). */
    public static final double DEFAULT_SMOOTHING_SIGMA = 3.0;
    /** Default {@code scaleFloor}. */
    public static final double DEFAULT_SCALE_FLOOR = 0.35;

    /**
     * Configuration.
     *
     * @param inputFormat       frame format of the sources
     * @param scale             integer downsampling of the input before differencing (&gt;= 1)
     * @param cellSize          cell side in working pixels
     * @param cellStride        step between cells in working pixels
     * @param cellNormalization how cells are normalised by their normal statistics
     * @param scaleFloor            cell scales are floored at this fraction of the 90th percentile of
     *                              the scales over cells (0 = no floor)
     * @param scoring           post-processing of the frame scores
     * @param falsePositiveRate fraction of normal calibration frames allowed above the threshold, in (0, 0.5]
     */
    public record Config(FrameFormat inputFormat, int scale, int cellSize, int cellStride,
                         CellNormalization cellNormalization, double scaleFloor, ScoringOptions scoring, double falsePositiveRate) {

        /** Validates the fields. */
        public Config {
            Objects.requireNonNull(inputFormat, "inputFormat");
            Objects.requireNonNull(scoring, "scoring");
            Objects.requireNonNull(cellNormalization, "cellNormalization");
            if (!(scaleFloor >= 0 && scaleFloor <= 1)) {
                throw new IllegalArgumentException("scaleFloor must be in [0, 1], got " + scaleFloor);
            }
            new CellGrid(new WorkingFrames(inputFormat, scale).width(), new WorkingFrames(inputFormat, scale).height(),
                    cellSize, cellStride);
            if (!(falsePositiveRate > 0 && falsePositiveRate <= 0.5)) {
                throw new IllegalArgumentException("falsePositiveRate must be in (0, 0.5], got " + falsePositiveRate);
            }
        }

        CellGrid grid() {
            WorkingFrames w = new WorkingFrames(inputFormat, scale);
            return new CellGrid(w.width(), w.height(), cellSize, cellStride);
        }
    }

    /** Collects the settings and calibrates on normal video. */
    public static final class Calibrator extends CellSettings<Calibrator> {

        private Calibrator() {
            super(DEFAULT_SMOOTHING_SIGMA, DEFAULT_SCALE_FLOOR);
        }

        /**
         * Calibrates on normal video: reads every source to its end and closes it; if it fails, it closes every source.
         *
         * @throws IllegalArgumentException if there are no sources, or their formats differ
         * @throws IOException              if a source cannot be read
         */
        public FrameDifferenceDetector fit(List<? extends FrameSource> normal) throws IOException {
            // the sources not reached yet are closed too if it fails, as on success
            return io.github.crimeanomaly.detect.internal.FitSources.closingAllOnFailure(normal, this::fitSources);
        }

        /**
         * The configuration that {@link #fit} would use for sources of {@code format}, without reading
         * any video: every setting is checked here, so bad settings can be reported before a long read.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public Config config(FrameFormat format) {
            Objects.requireNonNull(format, "format");
            return new Config(format, scale, cellSize, cellStride, cellNormalization, scaleFloor, scoring, falsePositiveRate);
        }

        private FrameDifferenceDetector fitSources(List<? extends FrameSource> normal) throws IOException {
            if (normal.isEmpty()) {
                throw new IllegalArgumentException("need at least one normal source to calibrate, got none");
            }
            Config cfg = config(normal.get(0).format());
            Calibrated c = calibrate(TYPE, normal, new WorkingFrames(cfg.inputFormat(), scale),
                    new FrameDifferenceScorer(cfg.grid()), cellNormalization, scaleFloor, scoring, falsePositiveRate);
            return new FrameDifferenceDetector(cfg, c.normalizer(), c.threshold());
        }
    }

    private final Config config;

    private FrameDifferenceDetector(Config config, CellNormalizer normalizer, double threshold) {
        super(TYPE, config, new WorkingFrames(config.inputFormat(), config.scale()), new FrameDifferenceScorer(config.grid()),
                config.scoring(), normalizer, threshold);
        this.config = config;
    }

    /** A calibrator with the defaults (16x16 cells, stride 8, no downsampling, 1% false positives). */
    public static Calibrator calibrator() {
        return new Calibrator();
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /**
     * Loads a detector saved by {@link #save}.
     *
     * @throws DetectorFormatException if the file is not a valid frame-difference detector file
     */
    public static FrameDifferenceDetector load(Path file) throws IOException {
        return CalibratedCellFile.load(file, TYPE, Config.class, FrameDifferenceDetector::new);
    }

}
