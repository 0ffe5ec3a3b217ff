package io.github.crimeanomaly.detect;

/**
 * How per-frame scores are post-processed, the same for every detector of this package.
 *
 * <ul>
 *   <li>{@code smoothingSigma}: standard deviation, in frames, of a centred Gaussian moving
 *       average over the frame scores (0 = none). Default {@value #DEFAULT_SMOOTHING_SIGMA}
 *       frames: chosen on held-out normal UCSD Ped2 training clips with synthetic anomalies of 40
 *       frames (see {@code Ped2HyperparameterSelection} in the examples), where sigma 1.5 beat 0, 3
 *       and 5 for the CNN+LSTM detector once the cell scales were floored (the frame-difference
 *       detector's own default is 3, which won there). Scores are then emitted
 *       {@code ceil(3 * sigma)} frames late (the look-ahead), still in bounded memory; at the ends
 *       of a video the kernel is renormalised over the frames there are.</li>
 *   <li>{@code perVideoNormalization}: subtract the running mean and divide by the running
 *       standard deviation of the scores seen so far in the same video (causal, constant memory).
 *       Default <b>off</b>: it makes scores of different videos incomparable, and a video that is
 *       anomalous from its first frame to its last normalises its anomaly away. Only for
 *       single-video ranking where the scene differs from the training scene.</li>
 * </ul>
 *
 * @param smoothingSigma        Gaussian smoothing sigma in frames, &gt;= 0 and &lt;= 50
 * @param perVideoNormalization whether to normalise scores by the video's own running statistics
 */
public record ScoringOptions(double smoothingSigma, boolean perVideoNormalization) {

    /** Default smoothing: {@value} frames. */
    public static final double DEFAULT_SMOOTHING_SIGMA = 1.5;

    /** Validates the fields. */
    public ScoringOptions {
        if (!(smoothingSigma >= 0 && smoothingSigma <= 50)) {
            throw new IllegalArgumentException("smoothingSigma must be in [0, 50] frames, got " + smoothingSigma);
        }
    }

    /** The defaults: smoothing sigma {@value #DEFAULT_SMOOTHING_SIGMA} frames, no per-video normalisation. */
    public static ScoringOptions defaults() {
        return new ScoringOptions(DEFAULT_SMOOTHING_SIGMA, false);
    }

    /** No smoothing and no normalisation: the raw per-frame score. */
    public static ScoringOptions raw() {
        return new ScoringOptions(0, false);
    }

    /** A copy with another smoothing sigma. */
    public ScoringOptions withSmoothingSigma(double sigma) {
        return new ScoringOptions(sigma, perVideoNormalization);
    }

    /** A copy with per-video normalisation on or off. */
    public ScoringOptions withPerVideoNormalization(boolean on) {
        return new ScoringOptions(smoothingSigma, on);
    }

    /** Frames of look-ahead the smoothing needs: {@code ceil(3 * sigma)}. */
    public int smoothingRadius() {
        return (int) Math.ceil(3 * smoothingSigma);
    }
}
