package io.github.crimeanomaly.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.detect.internal.Calibration;
import io.github.crimeanomaly.detect.internal.CellGrid;
import io.github.crimeanomaly.detect.internal.CellNormalizer;
import io.github.crimeanomaly.detect.internal.CellStatistics;
import io.github.crimeanomaly.detect.internal.MotionMapScorer;
import io.github.crimeanomaly.detect.internal.MotionSpeedScorer;
import io.github.crimeanomaly.detect.internal.ScoreSmoother;
import io.github.crimeanomaly.detect.internal.ScoringPipeline;
import io.github.crimeanomaly.detect.internal.WorkingFrames;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.frame.FrameSources;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.model.BatchProgress;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.EpochResult;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.ModelFormatException;
import io.github.crimeanomaly.model.Sequence;
import io.github.crimeanomaly.model.SequenceDataset;
import io.github.crimeanomaly.model.WindowPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A normal-only detector in which a hybrid CNN+LSTM learns what motion normal video has and scores
 * each frame by how badly it predicted that frame's motion.
 *
 * <p>By default ({@link Objective#APPEARANCE}) the network predicts a frame's motion map from the
 * appearance of the last {@code steps} frames alone (gray, reduced 2x, each frame standardised),
 * so it learns which motion goes with normal-looking content where it is, and can never expect a
 * cyclist's speed from having seen it. Alternatively ({@link Objective#PREDICT_NEXT}) it predicts
 * the next motion map from the last {@code steps} maps.
 *
 * <p>Each frame becomes a <b>motion map</b> of speeds, as in {@link MotionSpeedDetector}: by default
 * one value per cell (16x16 working pixels, stride 8), the trimmed mean of the block-matching
 * speeds of its four 8x8 blocks over {@code gap} frames; optionally one value per block, with a
 * second, motion-energy channel (mean absolute frame difference). Each value is divided by its
 * 99th percentile on the normal video (perspective: far cells move fewer pixels). A
 * {@link HybridModel} sees the maps of the last {@code steps} frames (a CNN per map, an LSTM over
 * time) and predicts the next map; a cell's error is its motion beyond the prediction (positive
 * part, squared, summed over the channels), and the frame's raw score is the mean of the
 * {@code topBlocks} worst cells (default 9), optionally smoothed ({@link ScoringOptions}). One
 * badly matched block adds little; a cyclist or cart (fast, unlike anything in the normal video)
 * is badly predicted over several cells. Optionally ({@link Objective#PSEUDO_ANOMALY}) the same
 * network is instead trained to flag, per cell, motion 2-3 times too fast, made from the normal
 * video by skipping frames, and a frame's score is its {@code topBlocks} highest flags.
 *
 * <p>Scoring streams: memory is bounded by the window and a batch of {@value #BATCH} frames,
 * whatever the video length. The threshold is the {@code 1 - falsePositiveRate} quantile of the
 * scores of the normal training video. Saved as a {@link HybridModel} file whose metadata holds
 * the detector's configuration, per-cell scales and threshold; {@link Detectors#load} reads it.
 *
 * <pre>{@code
 * try (MotionPredictionDetector d = MotionPredictionDetector.trainer().fit(normalSources)) {
 *     d.save(Path.of("ped2.detector"));
 *     AnomalyReport r = d.detect(testSource);
 * }
 * }</pre>
 *
 * Holds native memory: close it. Not thread-safe.
 */
public final class MotionPredictionDetector implements VideoAnomalyDetector {

    private static final Logger LOG = LoggerFactory.getLogger(MotionPredictionDetector.class);
    /** Metadata key, in the saved model, of this detector's configuration and calibration. */
    public static final String METADATA_KEY = "motionPredictionDetector";
    /**
     * Format version of the metadata entry; files with a newer one are refused. 2 added
     * {@link Config#predictionClamp()}, {@link Config#clampWindow()} and the scales' ceiling;
     * version 1 files load with {@link PredictionClamp#NONE} and no window clamp, their behaviour
     * then. 3 added {@link Config#objective()}; version 1 and 2 files load with
     * {@link Objective#PREDICT_NEXT}, the only objective then. 4 added {@link Config#noiseFactor()};
     * earlier files load with 0, the fixed motion threshold they were trained with. 5 added
     * {@link Objective#APPEARANCE} and {@link Config#appearanceScale()}; earlier files load with
     * scale 2, unused by their objectives. 6 added {@link Config#predictionWeight()}; earlier
     * files load with 1, the full prediction they were calibrated with.
     */
    static final int METADATA_VERSION = 6;
    /** Frames scored per network call. */
    static final int BATCH = 32;
    /**
     * Default smoothing sigma, in frames: none. With the default trimmed-mean cell maps, 0 beat 1.5,
     * 3 and 5 (mean pooled AUC 0.933 vs 0.917, 0.885, 0.858) on the training-only proxy
     * ({@code Ped2HyperparameterSelection --proxy=speed-up --nuisance=true}, four folds of held-out
     * Train clips).
     */
    public static final double DEFAULT_SMOOTHING_SIGMA = 0.0;

    /**
     * How high the predicted motion may go when it is compared with the observed motion: the
     * detector should never "explain" motion faster than anything in the normal video by having
     * predicted it (once a cyclist has been in view for a few frames, the network, seeing fast
     * motion in its window, predicts fast motion next).
     */
    public enum PredictionClamp {
        /** The network's prediction as is. */
        NONE,
        /**
         * Each cell's prediction at most 1, in the map's units: the cell's 99th percentile on the
         * normal training video (or the scale floor, where that is higher).
         */
        P99,
        /** Each cell's prediction at most the largest value the cell took on the normal training maps. */
        MAX
    }

    /**
     * What the network is trained to output, and so how a frame is scored.
     */
    public enum Objective {
        /**
         * Predict the next motion map from the last {@code steps}; a frame's score is the mean of the
         * {@code topBlocks} largest positive squared residuals (its motion beyond the prediction).
         * The default before {@link #APPEARANCE}, and the only objective of files saved before version 3.
         */
        PREDICT_NEXT,
        /**
         * Output, per cell, how anomalous the motion in the window ending at the frame is, learned
         * from normal video and <b>pseudo-anomalies</b> made from it by skipping frames (after Astrid
         * et al., "Learning not to reconstruct anomalies", BMVC 2021): a clip with every 2nd or 3rd
         * frame kept moves 2-3 times as fast as normal. Each training window of {@code steps} normal
         * maps (stride {@code steps / 2}) has target 0 everywhere; with it goes one pseudo-anomalous
         * window (random generator seeded with {@link Trainer#seed}): k uniform in {2, 3}, a random
         * window of the clip's k-skipped maps (the same map pipeline on every k-th frame, normalised
         * with the normal scales), a vertical band of cells of random width (uniform, 25% to 50% of
         * the map's width) and position whose cells replace the normal ones at every step; its target
         * is 1 in the band's cells that move in the last skipped map (&gt; 0.25, in the map's units)
         * and 0 elsewhere (all 0 if none moves). Same network, size, epochs, batch, learning rate
         * and seed as {@link #PREDICT_NEXT}; only the last step is trained (MSE). A frame's raw score
         * is the mean of the {@code topBlocks} largest per-cell outputs for the window ending at it
         * (the first map repeated before the start of the video, as for {@link #PREDICT_NEXT});
         * calibration and smoothing as for {@link #PREDICT_NEXT}. Not combinable with residual
         * scaling or a prediction clamp (there is no prediction).
         *
         * <p>Every setting above was fixed before any evaluation, with no tuning and no proxy
         * selection (the Ped2 proxy {@code --proxy=speed-up} makes its anomalies the same way, so it
         * would be circular). The single evaluation on the Ped2 odd test clips, everything else
         * default: see {@link Trainer#objective}.
         */
        PSEUDO_ANOMALY,
        /**
         * Predict each frame's motion map from <b>appearance</b> alone (after the appearance-motion
         * correspondence of Nguyen and Meunier, ICCV 2019): the CNN sees the gray working frame
         * area-averaged by {@link Config#appearanceScale()}, each frame standardised to zero mean and
         * unit deviation over its pixels (so a global change of brightness or contrast changes
         * nothing), and the LSTM runs over the last {@code steps} such frames ending with the
         * frame itself (the first frame repeated before the start of the video); the network
         * predicts the frame's own motion map. Since the network never sees motion maps, it cannot
         * learn to expect fast motion from having seen it: it learns what motion normal-looking
         * content has where it is, and a frame scores, as with {@link #PREDICT_NEXT}, the mean of
         * the {@code topBlocks} largest positive squared residuals (its motion beyond what its
         * appearance predicts). Same network, size, epochs, batch, learning rate and seed as
         * {@link #PREDICT_NEXT}; every step of a training window is trained (MSE). Not combinable
         * with {@link Config#clampWindow()} (the window holds no motion).
         */
        APPEARANCE
    }

    /**
     * Settings, stored with the detector.
     *
     * @param inputFormat       frame format of the sources (gray)
     * @param scale             integer downsampling of the input (1 = none)
     * @param blockSize         block side in working pixels (even)
     * @param gap               frames between the two frames compared by block matching (&gt;= 1)
     * @param searchRadius      largest block displacement searched, in working pixels
     * @param motionThreshold   mean absolute block difference above which a block is searched
     * @param energy            whether the map has the motion-energy channel besides speed
     * @param cellAggregation   null for a map of block speeds; else a map of cell speeds (cells of two
     *                          blocks' side, stride one block), each aggregating its four blocks this way
     * @param steps             time steps the LSTM sees (maps before the next one, or frames up to and
     *                          including the frame with {@link Objective#APPEARANCE})
     * @param topBlocks         the frame score averages this many worst-predicted blocks (&gt;= 1)
     * @param residualScaling   whether each block's error is divided by its 99th percentile on the
     *                          normal training video before the worst blocks are picked
     * @param epochs            training epochs
     * @param batchSize         training minibatch size
     * @param learningRate      Adam learning rate
     * @param scaleFloor        block scales are floored at this fraction of the 90th percentile of the
     *                          scales over blocks (0 = no floor)
     * @param scoring           post-processing of the frame scores
     * @param falsePositiveRate fraction of normal training frames allowed above the threshold, in (0, 0.5]
     * @param seed              seed of the weights and the shuffling
     * @param predictionClamp   cap of the prediction before it is compared with the observed map (null:
     *                          {@link PredictionClamp#NONE}, the behaviour of files saved before it existed)
     * @param clampWindow       whether the maps the network sees (its window, in training and scoring) are
     *                          capped at the same ceiling as the prediction; needs a prediction clamp
     * @param objective         what the network learns and how frames are scored (null:
     *                          {@link Objective#PREDICT_NEXT}, the behaviour of files saved before it existed)
     * @param noiseFactor       k of the noise-adaptive motion threshold {@code max(motionThreshold, k * sigma)}
     *                          of the block matching (0 = fixed threshold, the behaviour of files saved
     *                          before it existed; see {@link MotionSpeedDetector#DEFAULT_NOISE_FACTOR})
     * @param appearanceScale   area-averaging factor of the working frame into the network's input with
     *                          {@link Objective#APPEARANCE} (&gt;= 1; stored, unused by the other objectives)
     * @param predictionWeight  weight of the prediction in a cell's residual, {@code max(0, observed -
     *                          predictionWeight * predicted)}, in [0, 1]: 1 (the default) subtracts the
     *                          whole prediction, 0 none of it (each cell's normalised speed); unused by
     *                          {@link Objective#PSEUDO_ANOMALY}
     */
    public record Config(FrameFormat inputFormat, int scale, int blockSize, int gap, int searchRadius,
                         double motionThreshold, boolean energy, BlockAggregation cellAggregation, int steps, int topBlocks, boolean residualScaling, int epochs, int batchSize, double learningRate,
                         double scaleFloor, ScoringOptions scoring, double falsePositiveRate, long seed,
                         PredictionClamp predictionClamp, boolean clampWindow, Objective objective,
                         double noiseFactor, int appearanceScale, double predictionWeight) {

        /** Validates every field, naming it and the value found. */
        public Config {
            Objects.requireNonNull(inputFormat, "inputFormat");
            Objects.requireNonNull(scoring, "scoring");
            predictionClamp = predictionClamp == null ? PredictionClamp.NONE : predictionClamp;
            if (clampWindow && predictionClamp == PredictionClamp.NONE) {
                throw new IllegalArgumentException("clampWindow needs a predictionClamp, got NONE");
            }
            objective = objective == null ? Objective.PREDICT_NEXT : objective;
            if (objective == Objective.PSEUDO_ANOMALY && (predictionClamp != PredictionClamp.NONE || residualScaling)) {
                throw new IllegalArgumentException("objective PSEUDO_ANOMALY has no prediction: it takes neither a "
                        + "predictionClamp nor residualScaling, got " + predictionClamp + " and " + residualScaling);
            }
            if (objective == Objective.APPEARANCE && clampWindow) {
                throw new IllegalArgumentException("objective APPEARANCE has no motion in its window: it takes no "
                        + "clampWindow, got true");
            }
            if (inputFormat.channels() != 1) {
                throw new IllegalArgumentException("expected a gray input format, got " + inputFormat);
            }
            positive("appearanceScale", appearanceScale);
            if (!(predictionWeight >= 0 && predictionWeight <= 1)) {
                throw new IllegalArgumentException("predictionWeight must be in [0, 1], got " + predictionWeight);
            }
            WorkingFrames wf = new WorkingFrames(inputFormat, scale);
            if (wf.width() / appearanceScale < 4 || wf.height() / appearanceScale < 4) {
                throw new IllegalArgumentException("appearanceScale must leave at least 4x4 pixels of the working frame (width "
                        + wf.width() + ", height " + wf.height() + "), got " + appearanceScale);
            }
            if (blockSize < 2 || blockSize % 2 != 0) {
                throw new IllegalArgumentException("blockSize must be even and >= 2, got " + blockSize);
            }
            positive("steps", steps);
            positive("topBlocks", topBlocks);
            positive("epochs", epochs);
            positive("batchSize", batchSize);
            if (!(learningRate > 0 && learningRate < 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
            }
            if (!(scaleFloor >= 0 && scaleFloor <= 1)) {
                throw new IllegalArgumentException("scaleFloor must be in [0, 1], got " + scaleFloor);
            }
            if (!(falsePositiveRate > 0 && falsePositiveRate <= 0.5)) {
                throw new IllegalArgumentException("falsePositiveRate must be in (0, 0.5], got " + falsePositiveRate);
            }
            mapScorer(inputFormat, scale, blockSize, gap, searchRadius, motionThreshold, energy, cellAggregation,
                    noiseFactor);
        }

        private static void positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + v);
            }
        }

        private static MotionMapScorer mapScorer(FrameFormat f, int scale, int block, int gap, int radius,
                                                 double motion, boolean energy, BlockAggregation agg, double noiseFactor) {
            WorkingFrames w = new WorkingFrames(f, scale);
            CellGrid grid = new CellGrid(w.width(), w.height(), 2 * block, block);
            return new MotionMapScorer(new MotionSpeedScorer(grid, gap, radius, motion, 1.0, false,
                    q -> agg == null ? 0 : agg.of(q[0], q[1], q[2], q[3]), noiseFactor), energy, agg != null);
        }

        MotionMapScorer mapScorer() {
            return mapScorer(inputFormat, scale, blockSize, gap, searchRadius, motionThreshold, energy, cellAggregation,
                    noiseFactor);
        }

        WorkingFrames workingFrames() {
            return new WorkingFrames(inputFormat, scale);
        }

        /** Rows of the appearance input ({@link Objective#APPEARANCE}). */
        int appearanceRows() {
            return inputFormat.height() / scale / appearanceScale;
        }

        /** Columns of the appearance input ({@link Objective#APPEARANCE}). */
        int appearanceCols() {
            return inputFormat.width() / scale / appearanceScale;
        }
    }

    /** Collects the settings and trains on normal video. */
    public static final class Trainer {
        private int scale = 1;
        private int blockSize = 8;
        private int gap = MotionSpeedDetector.DEFAULT_GAP;
        private int searchRadius = MotionSpeedDetector.DEFAULT_SEARCH_RADIUS;
        private double motionThreshold = MotionSpeedDetector.DEFAULT_MOTION_THRESHOLD;
        private double noiseFactor = MotionSpeedDetector.DEFAULT_NOISE_FACTOR;
        private boolean energy;
        private BlockAggregation cellAggregation = BlockAggregation.TRIMMED_MEAN;
        private int steps = 8;
        private int topBlocks = 9;
        private boolean residualScaling;
        private int epochs = 20;
        private int batchSize = 16;
        private double learningRate = 1e-3;
        private double scaleFloor = 0.35;
        private ScoringOptions scoring = ScoringOptions.defaults().withSmoothingSigma(DEFAULT_SMOOTHING_SIGMA);
        private double falsePositiveRate = 0.01;
        private long seed = 42;
        private PredictionClamp predictionClamp = PredictionClamp.NONE;
        private boolean clampWindow;
        private Objective objective = Objective.APPEARANCE;
        private int appearanceScale = 2;
        private double predictionWeight = 1;
        private DetectorTrainingListener listener = DetectorTrainingListener.NONE;

        private Trainer() {
        }

        /** Integer downsampling of the input; default 1. */
        public Trainer scale(int v) {
            scale = v;
            return this;
        }

        /** Block side in working pixels (even); default 8. */
        public Trainer blockSize(int v) {
            blockSize = v;
            return this;
        }

        /** Frames between the two frames compared by block matching; default {@value MotionSpeedDetector#DEFAULT_GAP}. */
        public Trainer gap(int v) {
            gap = v;
            return this;
        }

        /** Largest displacement searched; default {@value MotionSpeedDetector#DEFAULT_SEARCH_RADIUS}. */
        public Trainer searchRadius(int v) {
            searchRadius = v;
            return this;
        }

        /** Mean absolute block difference above which a block is searched; default {@value MotionSpeedDetector#DEFAULT_MOTION_THRESHOLD}. */
        public Trainer motionThreshold(double v) {
            motionThreshold = v;
            return this;
        }

        /**
         * How far the block matching's motion threshold rises with the video's noise (see
         * {@link MotionSpeedDetector.Calibrator#noiseFactor}); 0 keeps the fixed threshold; default
         * {@value MotionSpeedDetector#DEFAULT_NOISE_FACTOR}.
         */
        public Trainer noiseFactor(double v) {
            noiseFactor = v;
            return this;
        }

        /**
         * Whether the motion map has the energy channel (mean absolute frame difference) besides
         * speed; default false. Energy tells big objects from small ones but, unlike speed, grows
         * with contrast and lighting: on the training-only proxy of {@code Ped2HyperparameterSelection}
         * ({@code --proxy=speed-up --nuisance=true}, four folds) block maps of speed alone scored
         * 0.895 and speed with energy 0.886 (mean pooled AUC, each at its best sigma). Needs
         * {@code cellAggregation(null)}.
         */
        public Trainer energy(boolean on) {
            energy = on;
            return this;
        }

        /**
         * Null for maps of block speeds; else maps of cell speeds, each cell (two blocks' side,
         * stride one block) aggregating its four blocks this way, as in {@link MotionSpeedDetector}.
         * Needs {@code energy(false)}. Default {@link BlockAggregation#TRIMMED_MEAN}: on the
         * training-only proxy ({@code Ped2HyperparameterSelection --proxy=speed-up --nuisance=true},
         * four folds) it scored 0.933, vs MEAN 0.888, MAX 0.885 and block maps 0.895 (mean pooled
         * AUC, each at its best sigma).
         */
        public Trainer cellAggregation(BlockAggregation a) {
            cellAggregation = a;
            return this;
        }

        /**
         * Time steps the LSTM sees (maps or, with {@link Objective#APPEARANCE}, frames); default 8 (with
         * the appearance objective, 4 steps scored 0.9421 vs 0.9436 on the training-only proxy).
         */
        public Trainer steps(int v) {
            steps = v;
            return this;
        }

        /**
         * How many worst-predicted cells (or blocks) the frame score averages; default 9. On the
         * training-only proxy ({@code Ped2HyperparameterSelection --proxy=speed-up --nuisance=true},
         * four folds, trimmed-mean cell maps, no smoothing) 9 scored 0.936, vs 1: 0.923, 4: 0.933,
         * 16: 0.935 (mean pooled AUC).
         */
        public Trainer topBlocks(int v) {
            topBlocks = v;
            return this;
        }

        /**
         * Whether each block's prediction error is divided by its own 99th percentile on the normal
         * training video (floored like the input scales) before the worst blocks are picked, so
         * that busy paths, where motion is harder to predict, do not dominate; default false (on the
         * training-only proxy it scored 0.885 vs 0.895 without, mean pooled AUC at the best sigma).
         */
        public Trainer residualScaling(boolean on) {
            residualScaling = on;
            return this;
        }

        /**
         * Training epochs; default 20 (on the training-only proxy, four folds, top 9 cells, no
         * smoothing, 40 epochs scored 0.934 vs 0.936 with {@link Objective#PREDICT_NEXT}, and 0.9425
         * vs 0.9436 with {@link Objective#APPEARANCE}, mean pooled AUC).
         */
        public Trainer epochs(int v) {
            epochs = v;
            return this;
        }

        /** Training minibatch size; default 16. */
        public Trainer batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Adam learning rate; default 1e-3. */
        public Trainer learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Floor of the block scales as a fraction of the busy blocks' scale; default 0.35. */
        public Trainer scaleFloor(double v) {
            scaleFloor = v;
            return this;
        }

        /** Score post-processing; default smoothing sigma {@value MotionPredictionDetector#DEFAULT_SMOOTHING_SIGMA}, no per-video normalisation. */
        public Trainer scoring(ScoringOptions v) {
            scoring = Objects.requireNonNull(v, "scoring");
            return this;
        }

        /** Target false-positive rate on the normal training frames; default 0.01. */
        public Trainer falsePositiveRate(double v) {
            falsePositiveRate = v;
            return this;
        }

        /** Seed of the weights and the shuffling; default 42. */
        public Trainer seed(long v) {
            seed = v;
            return this;
        }

        /**
         * Cap of the predicted map, per cell, before it is compared with the observed one, so that
         * motion beyond what the normal video shows always counts, however much of it the network
         * saw in its window and predicted; the threshold is calibrated with the same cap. Default
         * {@link PredictionClamp#NONE}: on the training-only proxy
         * ({@code Ped2HyperparameterSelection --proxy=speed-up --nuisance=true}, four folds, top 9
         * cells, no smoothing) P99 scored 0.937 and MAX 0.936 vs 0.936 without (mean pooled AUC),
         * short of the 0.005 gain set beforehand to change the default.
         */
        public Trainer predictionClamp(PredictionClamp v) {
            predictionClamp = Objects.requireNonNull(v, "predictionClamp");
            return this;
        }

        /**
         * Whether the maps the network sees before predicting (training and scoring) are capped at
         * the ceiling of {@link #predictionClamp}, so that its context never holds motion beyond
         * the normal range; the targets are not capped. Needs a prediction clamp; default false: on
         * the same proxy P99 with the window capped scored 0.939 (0.938 with 40 epochs) and MAX
         * with the window capped 0.938, vs 0.936 without any clamp, short of the 0.005 gain set
         * beforehand to change the default.
         */
        public Trainer clampWindow(boolean on) {
            clampWindow = on;
            return this;
        }

        /**
         * What the network learns and how frames are scored; default {@link Objective#APPEARANCE}:
         * on the training-only proxy ({@code Ped2HyperparameterSelection --proxy=speed-up
         * --nuisance=true}, four folds, everything else default) it scored 0.9436 (0.9423 with
         * {@code appearanceScale(4)}) vs 0.9355 for {@link Objective#PREDICT_NEXT} (mean pooled AUC),
         * past the 0.005 gain fixed beforehand; its one run on the Ped2 odd test clips then gave
         * pooled frame AUC 0.943 (PREDICT_NEXT: 0.893; seeds 42-46: 0.942 &plusmn; 0.003). {@link Objective#PREDICT_NEXT} was the
         * default before; files saved then keep it.
         * {@link Objective#PSEUDO_ANOMALY} (frame-skipping pseudo-anomalies, settings fixed a priori,
         * see there) was evaluated once on the Ped2 odd test clips, everything else default:
         * pooled frame AUC 0.890 (PREDICT_NEXT: 0.893), mean per-clip AUC 0.781 (0.859), pooled
         * EER 0.177 (0.187), 97 s of training on one thread ({@code crime-anomaly evaluate-ucsd
         * --dataset ../shared/datasets/ucsd-ped2 --detector motion-prediction --settings
         * objective=PSEUDO_ANOMALY}, {@code OMP_NUM_THREADS=1 -Dcrimeanomaly.threads=1}). It does not
         * reach 0.90 and is not the default. It ranks the cyclists and cart of Test005 and Test007
         * well (clip AUC 0.984, 0.909) but not Test001 (0.745) or Test003 (0.485), where normal
         * frames score as high as the anomalous ones.
         */
        public Trainer objective(Objective v) {
            objective = Objects.requireNonNull(v, "objective");
            return this;
        }

        /**
         * Area-averaging factor of the working frame into the network's input with
         * {@link Objective#APPEARANCE}; default 2 (90x60 for 180x120 video; on the training-only proxy
         * 0.9436 vs 0.9423 for 4, which trains about 3 times faster). Unused by the other objectives.
         */
        public Trainer appearanceScale(int v) {
            appearanceScale = v;
            return this;
        }

        /**
         * Weight of the prediction in a cell's residual, {@code max(0, observed - w * predicted)}, in
         * [0, 1]; default 1. Below 1 the network's expectation explains away less of a cell's motion;
         * 0 scores each cell's normalised speed. The residual scales and the threshold are
         * calibrated with the same weight.
         */
        public Trainer predictionWeight(double v) {
            predictionWeight = v;
            return this;
        }

        /** Progress listener; default none. */
        public Trainer listener(DetectorTrainingListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /**
         * The configuration that {@link #fit} would use for sources of {@code format}, without reading
         * any video: every setting is checked here, so bad settings can be reported before a long read.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public Config config(FrameFormat format) {
            Objects.requireNonNull(format, "format");
            return new Config(format, scale, blockSize, gap, searchRadius, motionThreshold,
                    energy, cellAggregation, steps, topBlocks, residualScaling, epochs, batchSize, learningRate, scaleFloor, scoring,
                    falsePositiveRate, seed, predictionClamp, clampWindow, objective, noiseFactor, appearanceScale,
                    predictionWeight);
        }

        /**
         * Trains on normal video: reads every source to its end and closes it (every source, also if it fails). The training set is
         * held in memory: each frame's motion map and, with {@link Objective#APPEARANCE}, its reduced
         * frame (about 22 KB per frame at the default 90x60 for 180x120 video).
         *
         * @throws IllegalArgumentException if there are no sources, their formats differ, or no
         *                                  source is long enough for one training sequence
         * @throws IOException              if a source cannot be read
         */
        public MotionPredictionDetector fit(List<? extends FrameSource> normal) throws IOException {
            // the sources not reached yet are closed too if it fails, as on success
            return io.github.crimeanomaly.detect.internal.FitSources.closingAllOnFailure(normal, this::fitSources);
        }

        private MotionPredictionDetector fitSources(List<? extends FrameSource> normal) throws IOException {
            Objects.requireNonNull(normal, "normal");
            if (normal.isEmpty()) {
                throw new IllegalArgumentException("need at least one normal source to train on, got none");
            }
            Config cfg = config(normal.get(0).format());
            boolean pseudo = objective == Objective.PSEUDO_ANOMALY;
            boolean appearance = objective == Objective.APPEARANCE;
            Appearance looks = appearance ? new Appearance(cfg) : null;
            // APPEARANCE: per clip, the network input of each frame
            List<float[][]> inputs = new ArrayList<>();
            MotionMapScorer maps = cfg.mapScorer();
            ScoringPipeline pipeline = new ScoringPipeline(cfg.workingFrames(), maps);
            int blocks = maps.blocks();
            CellStatistics speedStats = new CellStatistics(blocks);
            CellStatistics energyStats = new CellStatistics(blocks);
            List<float[][]> raw = new ArrayList<>();
            // PSEUDO_ANOMALY: per clip, the raw maps of its frames skipped by 2 and by 3 (index k - 2)
            List<float[][][]> rawSkipped = new ArrayList<>();
            listener.onPhaseStart("loading", normal.size());
            for (FrameSource s : normal) {
                List<float[]> clip = new ArrayList<>();
                List<Frame> frames = new ArrayList<>();
                List<float[]> clipInputs = new ArrayList<>();
                try (s) {
                    pipeline.raw(s, (f, m) -> {
                        float[] copy = m.clone();
                        speedStats.add(java.util.Arrays.copyOfRange(copy, 0, blocks));
                        if (energy) {
                            energyStats.add(java.util.Arrays.copyOfRange(copy, blocks, 2 * blocks));
                        }
                        clip.add(copy);
                        if (pseudo) {
                            frames.add(f); // immutable
                        }
                        if (appearance) {
                            clipInputs.add(looks.of(f));
                        }
                    });
                }
                raw.add(clip.toArray(new float[0][]));
                inputs.add(clipInputs.toArray(new float[0][]));
                if (pseudo) {
                    float[][][] sk = new float[SKIPS.length][][];
                    for (int i = 0; i < SKIPS.length; i++) {
                        sk[i] = skippedMaps(pipeline, frames, SKIPS[i], s.description());
                    }
                    rawSkipped.add(sk);
                }
                listener.onStep("loading");
            }
            listener.onPhaseEnd("loading");
            BlockScales scales = new BlockScales(
                    speedStats.toNormalizer(CellNormalization.QUANTILE, scaleFloor).std(),
                    energy ? energyStats.toNormalizer(CellNormalization.QUANTILE, scaleFloor).std() : new float[0],
                    new float[0], null);
            List<float[][]> norm = new ArrayList<>();
            float[] max = new float[maps.outputs()];
            for (float[][] clip : raw) {
                float[][] n = scales.applyAll(clip);
                for (float[] map : n) {
                    for (int i = 0; i < max.length; i++) {
                        max[i] = Math.max(max[i], map[i]);
                    }
                }
                norm.add(n);
            }
            float[] ceiling = switch (predictionClamp) {
                case NONE -> new float[0];
                case P99 -> filled(maps.outputs(), 1f);
                case MAX -> max;
            };
            scales = new BlockScales(scales.speed(), scales.energy(), scales.residual(), ceiling);
            List<Sequence> seqs = new ArrayList<>();
            int stride = Math.max(1, steps / 2);
            if (pseudo) {
                java.util.Random rng = new java.util.Random(seed);
                for (int c = 0; c < norm.size(); c++) {
                    float[][][] sk = new float[SKIPS.length][][];
                    for (int i = 0; i < SKIPS.length; i++) {
                        sk[i] = scales.applyAll(rawSkipped.get(c)[i]);
                    }
                    seqs.addAll(pseudoAnomalyWindows(norm.get(c), sk, steps, stride, maps.rows(), maps.cols(), rng));
                }
            } else if (appearance) {
                for (int c = 0; c < norm.size(); c++) {
                    float[][] clip = norm.get(c);
                    float[][] in = inputs.get(c);
                    // every step's target is its own frame's map
                    for (int s = 0; s + steps <= clip.length; s += stride) {
                        seqs.add(Sequence.withFrameTargets(java.util.Arrays.copyOfRange(in, s, s + steps),
                                java.util.Arrays.copyOfRange(clip, s, s + steps)));
                    }
                }
            } else {
                for (float[][] clip : norm) {
                    float[][] seen = clip;
                    if (clampWindow) {
                        seen = new float[clip.length][];
                        for (int t = 0; t < clip.length; t++) {
                            seen[t] = capped(clip[t], ceiling);
                        }
                    }
                    for (int s = 0; s + steps < clip.length; s += stride) {
                        seqs.add(Sequence.withFrameTargets(java.util.Arrays.copyOfRange(seen, s, s + steps),
                                java.util.Arrays.copyOfRange(clip, s + 1, s + steps + 1)));
                    }
                }
            }
            if (seqs.isEmpty()) {
                throw new IllegalArgumentException("need a normal source of at least "
                        + (pseudo || appearance ? steps : steps + 1)
                        + " frames to train on, got sources of at most "
                        + raw.stream().mapToInt(c -> c.length).max().orElse(0) + " frames");
            }
            HybridModel model = HybridModel.builder()
                    // APPEARANCE: the reduced gray frame; else the map's channels stacked as one gray
                    // image, speed above energy: the layout of the map vector, and HybridModel takes
                    // gray or RGB frames
                    .inputShape(appearance ? cfg.appearanceRows() : maps.channels() * maps.rows(),
                            appearance ? cfg.appearanceCols() : maps.cols(), 1)
                    .sequenceLength(steps)
                    .cnnBlock(new CnnBlock(16, 3, 2, 1, false, 0))
                    .cnnBlock(new CnnBlock(32, 3, 2, 1, false, 0))
                    .dense(64)
                    .lstm(64)
                    .regression(maps.outputs())
                    .learningRate(learningRate)
                    .seed(seed)
                    .build();
            try {
                int batches = (seqs.size() + batchSize - 1) / batchSize;
                listener.onPhaseStart("training", (long) batches * epochs);
                model.trainer().epochs(epochs).batchSize(batchSize).fitNormalization(false)
                        .listener(new io.github.crimeanomaly.model.TrainingListener() {
                            @Override
                            public void onBatch(BatchProgress p) {
                                listener.onStep("training");
                            }

                            @Override
                            public void onEpoch(EpochResult r) {
                                listener.onEpoch(r.epoch(), r.trainLoss());
                            }
                        })
                        .fit(SequenceDataset.of(seqs));
                listener.onPhaseEnd("training");
                MotionPredictionDetector d = new MotionPredictionDetector(cfg, model, scales, Double.NaN);
                listener.onPhaseStart("calibrating", (residualScaling ? 2L : 1L) * norm.size());
                if (residualScaling) {
                    CellStatistics residuals = new CellStatistics(blocks);
                    d.residualSink = residuals::add;
                    for (int c = 0; c < norm.size(); c++) {
                        d.scoreMaps(appearance ? inputs.get(c) : norm.get(c), norm.get(c), new ArrayList<>());
                        listener.onStep("calibrating");
                    }
                    d.residualSink = null;
                    d.scales = new BlockScales(scales.speed(), scales.energy(),
                            residuals.toNormalizer(CellNormalization.QUANTILE, scaleFloor).std(), scales.ceiling());
                }
                List<Double> all = new ArrayList<>();
                for (int c = 0; c < norm.size(); c++) {
                    d.scoreMaps(appearance ? inputs.get(c) : norm.get(c), norm.get(c), all);
                    listener.onStep("calibrating");
                }
                listener.onPhaseEnd("calibrating");
                double thr = Calibration.quantile(all.stream().mapToDouble(Double::doubleValue).toArray(),
                        1 - falsePositiveRate);
                LOG.info("motion-prediction detector trained on {} sequences of {} sources: threshold {}",
                        seqs.size(), normal.size(), thr);
                d.threshold = thr;
                d.store();
                return d;
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
        }
    }

    /**
     * The network input of {@link Objective#APPEARANCE}: a frame's gray working frame area-averaged
     * by {@link Config#appearanceScale()} (the right and bottom remainders dropped), then
     * standardised over its pixels (all 0 for a uniform frame). Reuses its buffers: one per stream.
     */
    static final class Appearance {
        /** The input frame reduced by both factors at once (the same pixels as in two steps). */
        private final WorkingFrames frames;
        private final float[] src;

        Appearance(Config c) {
            frames = new WorkingFrames(c.inputFormat(), c.scale() * c.appearanceScale());
            src = new float[c.inputFormat().size()];
        }

        /** The input for {@code frame} (a new array of rows x cols values). */
        float[] of(Frame frame) {
            float[] out = new float[frames.width() * frames.height()];
            frames.convert(frame, src, out);
            double sum = 0;
            for (float v : out) {
                sum += v;
            }
            double mean = sum / out.length;
            double ss = 0;
            for (float v : out) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / out.length);
            float inv = sd > 1e-6 ? (float) (1 / sd) : 0f;
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] - mean) * inv;
            }
            return out;
        }
    }

    /** The frame skips of the pseudo-anomalies of {@link Objective#PSEUDO_ANOMALY}. */
    static final int[] SKIPS = {2, 3};
    /** Band width bounds, as fractions of the map's width, of the pseudo-anomalies. */
    static final double BAND_MIN = 0.25;
    static final double BAND_MAX = 0.5;
    /** A band cell is a pseudo-anomaly (target 1) if its skipped speed is above this, in map units. */
    static final float MOVING = 0.25f;

    /** Raw maps of every {@code k}-th of {@code frames}, starting with the first, through {@code pipeline}. */
    private static float[][] skippedMaps(ScoringPipeline pipeline, List<Frame> frames, int k, String what)
            throws IOException {
        List<Frame> kept = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += k) {
            kept.add(frames.get(i));
        }
        List<float[]> out = new ArrayList<>();
        if (kept.isEmpty()) {
            return new float[0][];
        }
        try (FrameSource src = FrameSources.of(what + " (every " + k + ". frame)", kept, Double.NaN)) {
            pipeline.raw(src, (f, m) -> out.add(m.clone()));
        }
        return out.toArray(new float[0][]);
    }

    /**
     * The training windows of {@link Objective#PSEUDO_ANOMALY} for one clip: each window of
     * {@code steps} normal maps (start every {@code stride}) with an all-zero target, each followed
     * by one pseudo-anomalous window (see {@link Objective#PSEUDO_ANOMALY}). Maps are
     * {@code channels x rows x cols} vectors; the band spans every channel, the target is the same
     * in every channel.
     *
     * @param normal  the clip's normalised maps
     * @param skipped the normalised maps of the clip skipped by each of {@link #SKIPS}
     */
    static List<Sequence> pseudoAnomalyWindows(float[][] normal, float[][][] skipped, int steps, int stride,
                                               int rows, int cols, java.util.Random rng) {
        List<Sequence> out = new ArrayList<>();
        if (normal.length < steps) {
            return out;
        }
        int n = rows * cols;
        int outputs = normal[0].length;
        int channels = outputs / n;
        int minWidth = Math.max(1, (int) Math.ceil(BAND_MIN * cols));
        int maxWidth = Math.max(minWidth, (int) Math.floor(BAND_MAX * cols));
        for (int s = 0; s + steps <= normal.length; s += stride) {
            float[][] window = java.util.Arrays.copyOfRange(normal, s, s + steps);
            out.add(Sequence.withTarget(window, new float[outputs]));
            int k = rng.nextInt(SKIPS.length);
            float[][] sk = skipped[k];
            if (sk.length < steps) {
                continue; // too short a clip once skipped: no pseudo-anomaly from it
            }
            int from = rng.nextInt(sk.length - steps + 1);
            int width = minWidth + rng.nextInt(maxWidth - minWidth + 1);
            int x0 = rng.nextInt(cols - width + 1);
            float[][] in = new float[steps][];
            for (int t = 0; t < steps; t++) {
                in[t] = window[t].clone();
                for (int ch = 0; ch < channels; ch++) {
                    for (int r = 0; r < rows; r++) {
                        int base = ch * n + r * cols;
                        System.arraycopy(sk[from + t], base + x0, in[t], base + x0, width);
                    }
                }
            }
            float[] last = sk[from + steps - 1];
            float[] target = new float[outputs];
            for (int r = 0; r < rows; r++) {
                for (int x = x0; x < x0 + width; x++) {
                    if (last[r * cols + x] > MOVING) {
                        for (int ch = 0; ch < channels; ch++) {
                            target[ch * n + r * cols + x] = 1f;
                        }
                    }
                }
            }
            out.add(Sequence.withTarget(in, target));
        }
        return out;
    }

    /** {@code map} with each value at most its ceiling (a copy). */
    private static float[] capped(float[] map, float[] ceiling) {
        float[] out = new float[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = Math.min(map[i], ceiling[i]);
        }
        return out;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * Per-block scales (99th percentiles on normal video, floored) of the input channels and of the
     * prediction error, and the cap of each predicted value ({@link Config#predictionClamp()});
     * energy, residual and ceiling empty if not used.
     */
    record BlockScales(float[] speed, float[] energy, float[] residual, float[] ceiling) {

        BlockScales {
            Objects.requireNonNull(speed, "speed");
            energy = energy == null ? new float[0] : energy;
            residual = residual == null ? new float[0] : residual;
            ceiling = ceiling == null ? new float[0] : ceiling;
        }

        /** {@link #apply} to each of {@code raw} (new arrays). */
        float[][] applyAll(float[][] raw) {
            float[][] out = new float[raw.length][];
            for (int t = 0; t < raw.length; t++) {
                out[t] = apply(raw[t]);
            }
            return out;
        }

        float[] apply(float[] raw) {
            int n = speed.length;
            float[] out = new float[n + energy.length];
            for (int b = 0; b < n; b++) {
                out[b] = raw[b] / speed[b];
            }
            for (int b = 0; b < energy.length; b++) {
                out[n + b] = raw[n + b] / energy[b];
            }
            return out;
        }
    }

    private final Config config;
    private final HybridModel model;
    private BlockScales scales;
    private double threshold;
    /** Receives each frame's block errors during calibration; null otherwise. */
    private Consumer<float[]> residualSink;
    private final MotionMapScorer maps;
    private final ScoringPipeline pipeline;
    private boolean closed;

    private MotionPredictionDetector(Config config, HybridModel model, BlockScales scales, double threshold) {
        this.config = config;
        this.model = model;
        this.scales = scales;
        this.threshold = threshold;
        this.maps = config.mapScorer();
        this.pipeline = new ScoringPipeline(config.workingFrames(), maps);
        if (scales.speed().length != maps.blocks()
                || scales.energy().length != (config.energy() ? maps.blocks() : 0)
                || (scales.residual().length != 0 && scales.residual().length != maps.blocks())
                // while training, the residual scales come after the network (threshold still NaN)
                || (!Double.isNaN(threshold) && config.residualScaling() != (scales.residual().length != 0))
                || scales.ceiling().length != (config.predictionClamp() == PredictionClamp.NONE ? 0 : maps.outputs())) {
            throw new IllegalArgumentException("expected " + maps.blocks() + " speed, "
                    + (config.energy() ? maps.blocks() : 0) + " energy, "
                    + (config.residualScaling() ? maps.blocks() : 0) + " residual scales and "
                    + (config.predictionClamp() == PredictionClamp.NONE ? 0 : maps.outputs()) + " ceilings, got "
                    + scales.speed().length + ", " + scales.energy().length + ", " + scales.residual().length
                    + " and " + scales.ceiling().length);
        }
        if (model.config().head().outputSize() != maps.outputs()) {
            throw new IllegalArgumentException("expected a model predicting " + maps.outputs()
                    + " values, got one predicting " + model.config().head().outputSize());
        }
    }

    /**
     * A trainer with the defaults (the {@link Objective#APPEARANCE} objective on frames reduced 2x,
     * trimmed-mean speed maps of 16x16 cells, 8 steps, top 9 cells, 20 epochs, 1% false positives).
     */
    public static Trainer trainer() {
        return new Trainer();
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** Number of network parameters. */
    public long parameterCount() {
        return model.summary().parameters();
    }

    @Override
    public void score(FrameSource source, Consumer<FrameScore> sink) throws IOException {
        checkOpen();
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        ScoreSmoother smoother = new ScoreSmoother(config.scoring().smoothingSigma(), sink);
        Appearance looks = config.objective() == Objective.APPEARANCE ? new Appearance(config) : null;
        try (Window w = new Window()) {
            pipeline.raw(source, (frame, m) -> {
                float[] map = scales.apply(m);
                w.add(frame.index(), frame.timestampMicros(), looks == null ? map : looks.of(frame), map, smoother);
            });
            w.flush(smoother);
        }
        smoother.finish();
    }

    /**
     * Scores one clip held in memory (calibration): the network inputs of its frames (their
     * normalised maps, or with {@link Objective#APPEARANCE} their appearance) and their normalised
     * maps; appends the smoothed scores.
     */
    private void scoreMaps(float[][] inputs, float[][] clip, List<Double> out) {
        ScoreSmoother smoother = new ScoreSmoother(config.scoring().smoothingSigma(), f -> out.add(f.score()));
        try (Window w = new Window()) {
            for (int t = 0; t < clip.length; t++) {
                w.add(t, 0, inputs[t], clip[t], smoother);
            }
            w.flush(smoother);
        }
        smoother.finish();
    }

    /**
     * The last {@code steps} maps and a batch of frames waiting for the network. A frame's input is
     * the {@code steps} maps before it (the first map repeated at the start of the video); its
     * target is its own map. With {@link Objective#PSEUDO_ANOMALY} the input is the {@code steps}
     * maps ending with its own (the first map repeated likewise), and there is no target. With
     * {@link Objective#APPEARANCE} the input is the {@code steps} appearance frames ending with its
     * own (likewise), and the target its own map. Each input
     * goes through the CNN once ({@link WindowPredictor}); the LSTM runs on a batch of windows.
     */
    private final class Window implements AutoCloseable {
        private final WindowPredictor net = model.windowPredictor(config.steps(), 1);
        /** Whether a frame's output is that of the window ending at it (else: the window before it). */
        private final boolean ending = config.objective() != Objective.PREDICT_NEXT;
        /** The output for the window ending at the last map pushed. */
        private float[] last;
        private final float[][][] context = new float[BATCH][][];
        private final float[][] targets = new float[BATCH][];
        private final long[] index = new long[BATCH];
        private final long[] ts = new long[BATCH];
        private int pending;

        /** Adds a frame: its network input ({@code map} itself but with {@link Objective#APPEARANCE}) and its map. */
        void add(long frameIndex, long timestampMicros, float[] input, float[] map, ScoreSmoother smoother) {
            float[] seen = config.clampWindow() ? capped(input, scales.ceiling()) : input;
            context[pending] = new float[][] {seen};
            targets[pending] = map;
            index[pending] = frameIndex;
            ts[pending] = timestampMicros;
            pending++;
            if (pending == BATCH) {
                flush(smoother);
            }
        }

        void flush(ScoreSmoother smoother) {
            if (pending == 0) {
                return;
            }
            // the first window is the first map repeated: before and at the first frame
            float[][][] out = net.slide(java.util.Arrays.copyOf(context, pending));
            for (int i = 0; i < pending; i++) {
                // PREDICT_NEXT: the window before the frame; the others: the window ending at it
                float[] o = ending ? out[i][0] : i > 0 ? out[i - 1][0] : last != null ? last : out[0][0];
                smoother.accept(index[i], ts[i], frameScore(o, targets[i]));
            }
            last = out[pending - 1][0];
            pending = 0;
        }

        @Override
        public void close() {
            net.close();
        }
    }

    /**
     * The mean, over the {@code topBlocks} worst blocks, of the block's positive prediction error
     * (more motion than predicted, the prediction capped at the ceiling if any) squared and summed
     * over the channels.
     */
    private double frameScore(float[] predicted, float[] actual) {
        int n = maps.blocks();
        float weight = (float) config.predictionWeight();
        float[] err = new float[n];
        if (config.objective() == Objective.PSEUDO_ANOMALY) {
            // the network's per-cell anomaly output, averaged over the channels (one by default)
            int channels = predicted.length / n;
            for (int i = 0; i < predicted.length; i++) {
                err[i % n] += predicted[i] / channels;
            }
            return topMean(err);
        }
        float[] ceiling = scales.ceiling();
        for (int i = 0; i < actual.length; i++) {
            float p = ceiling.length == 0 ? predicted[i] : Math.min(predicted[i], ceiling[i]);
            float d = Math.max(0f, actual[i] - weight * p);
            err[i % n] += d * d;
        }
        if (residualSink != null) {
            residualSink.accept(err.clone());
        }
        float[] r = scales.residual();
        for (int b = 0; b < r.length; b++) {
            err[b] /= r[b];
        }
        return topMean(err);
    }

    /** The mean of the {@code topBlocks} largest values (sorts {@code v}). */
    private double topMean(float[] v) {
        int n = v.length;
        float[] err = v;
        java.util.Arrays.sort(err);
        int k = Math.min(config.topBlocks(), n);
        double sum = 0;
        for (int i = n - k; i < n; i++) {
            sum += err[i];
        }
        return sum / k;
    }

    @Override
    public FrameFormat inputFormat() {
        return config.inputFormat();
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
        return "MotionPredictionDetector[input (" + inputFormat() + "), threshold " + threshold() + "]";
    }

    @Override
    public void close() {
        closed = true;
        model.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this MotionPredictionDetector is closed");
        }
    }

    /** Writes the configuration, block scales and threshold into the model's metadata. */
    private void store() {
        model.putMetadata(METADATA_KEY, metadata(threshold));
    }

    private ObjectNode metadata(double threshold) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("version", METADATA_VERSION);
        n.set("config", Json.mapper().valueToTree(config));
        n.set("scales", Json.mapper().valueToTree(scales));
        n.put("threshold", threshold);
        return n;
    }

    /**
     * Saves to a single verified file, atomically (the {@link HybridModel} format, with this
     * detector's settings and calibration in its metadata). On any failure the target is untouched.
     * An existing file is replaced only if this library saved it; any other file is refused with a
     * {@link java.nio.file.FileAlreadyExistsException} and left as it was.
     */
    public void save(Path file) throws IOException {
        checkOpen();
        model.save(file);
    }

    /** {@link #save} with another threshold ({@link Detectors#saveWithThreshold}); this detector keeps its own. */
    void save(Path file, double threshold) throws IOException {
        checkOpen();
        JsonNode own = model.metadata().get(METADATA_KEY);
        model.putMetadata(METADATA_KEY, metadata(threshold));
        try {
            model.save(file);
        } finally {
            model.putMetadata(METADATA_KEY, own);
        }
    }

    /**
     * Loads a detector saved by {@link #save}.
     *
     * @throws ModelFormatException if the file is not a valid model file, or a model without this
     *                              detector's metadata, or with metadata of a newer version
     * @throws IOException          if it cannot be read
     */
    public static MotionPredictionDetector load(Path file) throws IOException {
        HybridModel m = HybridModel.load(file);
        try {
            return of(m, file);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Whether a loaded model carries this detector's metadata. */
    static boolean isIn(HybridModel m) {
        return m.metadata().containsKey(METADATA_KEY);
    }

    /** The detector stored in a loaded model; takes ownership of the model. */
    static MotionPredictionDetector of(HybridModel m, Path file) throws IOException {
        JsonNode n = m.metadata().get(METADATA_KEY);
        if (n == null) {
            throw new ModelFormatException(ModelFormatException.Reason.INVALID_CONTENT, file
                    + ": expected a motion-prediction detector, got a model without '" + METADATA_KEY + "' metadata");
        }
        int version = n.path("version").asInt(-1);
        if (version > METADATA_VERSION) {
            throw new ModelFormatException(ModelFormatException.Reason.NEWER_FORMAT, file
                    + ": motion-prediction metadata version " + version + ", this library reads up to "
                    + METADATA_VERSION + ": upgrade crime-anomaly");
        }
        try {
            JsonNode c = n.get("config");
            if (c instanceof ObjectNode o && !o.has("clampWindow")) {
                // version 1: no clamp (a missing predictionClamp reads as NONE)
                c = o.deepCopy().put("clampWindow", false);
            }
            if (c instanceof ObjectNode o && !o.has("noiseFactor")) {
                // versions 1-3: the fixed motion threshold
                c = o.deepCopy().put("noiseFactor", 0.0);
            }
            if (c instanceof ObjectNode o && !o.has("appearanceScale")) {
                // versions 1-4: no appearance objective; the setting is unused
                c = o.deepCopy().put("appearanceScale", 2);
            }
            if (c instanceof ObjectNode o && !o.has("predictionWeight")) {
                // versions 1-5: the whole prediction
                c = o.deepCopy().put("predictionWeight", 1.0);
            }
            Config cfg = Json.mapper().treeToValue(c, Config.class);
            BlockScales sc = Json.mapper().treeToValue(n.get("scales"), BlockScales.class);
            double thr = n.path("threshold").asDouble(Double.NaN);
            if (cfg == null || sc == null || !Double.isFinite(thr)) {
                throw new IllegalArgumentException("config, scales and a finite threshold are required");
            }
            return new MotionPredictionDetector(cfg, m, sc, thr);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ModelFormatException(ModelFormatException.Reason.INVALID_CONTENT, file
                    + ": invalid motion-prediction metadata: " + Json.problem(e), e);
        }
    }
}
