package io.github.crimeanomaly.detect;

import io.github.crimeanomaly.detect.internal.Calibration;
import io.github.crimeanomaly.detect.internal.CellNormalizer;
import io.github.crimeanomaly.detect.internal.CellScorer;
import io.github.crimeanomaly.detect.internal.CellStatistics;
import io.github.crimeanomaly.detect.internal.ScoringPipeline;
import io.github.crimeanomaly.detect.internal.WorkingFrames;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the detectors without a learned model share ({@link FrameDifferenceDetector},
 * {@link MotionSpeedDetector}): a cell scorer, per-cell normal statistics, a threshold, and the
 * streaming pipeline; calibration on normal video and the saved file
 * ({@link CalibratedCellFile}).
 */
abstract class CalibratedCellDetector implements VideoAnomalyDetector {

    private static final Logger LOG = LoggerFactory.getLogger(CalibratedCellDetector.class);

    /**
     * The settings both calibrators share: cell grid, downsampling, cell normalisation and floor,
     * scoring and the false-positive rate of the threshold.
     *
     * @param <S> the calibrator, returned by every setter
     */
    abstract static class CellSettings<S extends CellSettings<S>> {
        int scale = 1;
        int cellSize = 16;
        int cellStride = 8;
        ScoringOptions scoring;
        CellNormalization cellNormalization = CellNormalization.QUANTILE;
        double scaleFloor;
        double falsePositiveRate = 0.01;

        CellSettings(double defaultSigma, double defaultScaleFloor) {
            this.scoring = ScoringOptions.defaults().withSmoothingSigma(defaultSigma);
            this.scaleFloor = defaultScaleFloor;
        }

        @SuppressWarnings("unchecked")
        private S self() {
            return (S) this;
        }

        /** Integer downsampling of the input before scoring; default 1. */
        public S scale(int s) {
            this.scale = s;
            return self();
        }

        /** Cell side in working pixels; default 16. */
        public S cellSize(int s) {
            this.cellSize = s;
            return self();
        }

        /** Step between cells in working pixels; default 8. */
        public S cellStride(int s) {
            this.cellStride = s;
            return self();
        }

        /** Score post-processing; default the detector's {@code DEFAULT_SMOOTHING_SIGMA}, no per-video normalisation. */
        public S scoring(ScoringOptions o) {
            this.scoring = Objects.requireNonNull(o, "scoring");
            return self();
        }

        /** Floor of the cell scales as a fraction of the busy cells' scale; default the detector's {@code DEFAULT_SCALE_FLOOR}. */
        public S scaleFloor(double v) {
            this.scaleFloor = v;
            return self();
        }

        /** Cell normalisation; default {@link CellNormalization#QUANTILE}. */
        public S cellNormalization(CellNormalization v) {
            this.cellNormalization = Objects.requireNonNull(v, "cellNormalization");
            return self();
        }

        /** Target false-positive rate on normal frames for the threshold; default 0.01. */
        public S falsePositiveRate(double r) {
            this.falsePositiveRate = r;
            return self();
        }
    }

    /** The outcome of {@link #calibrate}. */
    record Calibrated(CellNormalizer normalizer, double threshold) {
    }

    private final String type;
    private final Object config;
    private final FrameFormat inputFormat;
    private final ScoringOptions scoring;
    private final CellNormalizer normalizer;
    private final double threshold;
    private final ScoringPipeline pipeline;
    private boolean closed;

    /**
     * @param type     detector type stored in the saved file
     * @param config   the subclass's configuration record (saved as JSON)
     * @param frames   working frames of the pipeline
     * @param scorer   the cell scorer
     * @param scoring  post-processing of the frame scores
     * @throws IllegalArgumentException if the statistics do not have one entry per cell
     */
    CalibratedCellDetector(String type, Object config, WorkingFrames frames, CellScorer scorer, ScoringOptions scoring,
                           CellNormalizer normalizer, double threshold) {
        if (normalizer.cells() != scorer.grid().cells()) {
            throw new IllegalArgumentException("expected " + scorer.grid().cells() + " cell statistics, got "
                    + normalizer.cells());
        }
        this.type = type;
        this.config = config;
        this.inputFormat = frames.input();
        this.scoring = scoring;
        this.normalizer = normalizer;
        this.threshold = threshold;
        this.pipeline = new ScoringPipeline(frames, scorer);
    }

    /**
     * Reads every normal source to its end (closing it), collects the per-cell statistics and sets
     * the threshold at the {@code 1 - falsePositiveRate} quantile of the normal frame scores.
     *
     * @throws IllegalArgumentException if there are no sources
     */
    static Calibrated calibrate(String type, List<? extends FrameSource> normal, WorkingFrames frames,
                                CellScorer scorer, CellNormalization method, double scaleFloor,
                                ScoringOptions scoring, double falsePositiveRate) throws IOException {
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("need at least one normal source to calibrate, got none");
        }
        ScoringPipeline p = new ScoringPipeline(frames, scorer);
        CellStatistics stats = new CellStatistics(scorer.grid().cells());
        List<float[][]> raw = new ArrayList<>();
        for (FrameSource s : normal) {
            List<float[]> clip = new ArrayList<>();
            try (s) {
                p.raw(s, (f, cells) -> {
                    stats.add(cells);
                    clip.add(cells.clone());
                });
            }
            raw.add(clip.toArray(new float[0][]));
        }
        CellNormalizer norm = stats.toNormalizer(method, scaleFloor);
        double thr = Calibration.quantile(Calibration.frameScores(raw, norm, scoring), 1 - falsePositiveRate);
        LOG.info("{} detector calibrated on {} frames of {} source{}: threshold {}", type, stats.count(),
                normal.size(), normal.size() == 1 ? "" : "s", thr);
        return new Calibrated(norm, thr);
    }

    @Override
    public void score(FrameSource source, Consumer<FrameScore> sink) throws IOException {
        if (closed) {
            throw new IllegalStateException("this " + getClass().getSimpleName() + " is closed");
        }
        pipeline.score(source, normalizer, scoring, sink);
    }

    @Override
    public FrameFormat inputFormat() {
        return inputFormat;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    /** The detector's kind, input format and threshold. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[input (" + inputFormat() + "), threshold " + threshold() + "]";
    }

    @Override
    public void close() {
        // no native memory; closed all the same, so that every detector behaves alike after close()
        closed = true;
    }

    /**
     * Saves to a single verified file, atomically: the configuration, the per-cell statistics and
     * the threshold (see {@link NormalOnlyDetector#save} for the container format). On any
     * failure the target is untouched. An existing file is replaced only if this library saved it;
     * any other file is refused with a {@link java.nio.file.FileAlreadyExistsException} and left as
     * it was.
     */
    public void save(Path file) throws IOException {
        save(file, threshold);
    }

    /** {@link #save} with another threshold ({@link Detectors#saveWithThreshold}); this detector keeps its own. */
    void save(Path file, double threshold) throws IOException {
        CalibratedCellFile.save(file, type, config, normalizer, threshold);
    }
}
