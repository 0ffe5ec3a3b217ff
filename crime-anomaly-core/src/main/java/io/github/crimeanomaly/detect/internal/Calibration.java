package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.detect.ScoringOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Threshold calibration on normal data: the frame scores of the normal clips (after the same
 * post-processing as at detection time), and the {@code 1 - falsePositiveRate} quantile of them.
 */
public final class Calibration {

    private Calibration() {
    }

    /**
     * Final frame scores of clips whose raw cell scores are held in memory.
     *
     * @param rawPerClip per clip, per frame, the raw cell scores
     */
    public static double[] frameScores(List<float[][]> rawPerClip, CellNormalizer normalizer, ScoringOptions options) {
        List<Double> all = new ArrayList<>();
        for (float[][] clip : rawPerClip) {
            ScoreSmoother sm = new ScoreSmoother(options.smoothingSigma(), f -> all.add(f.score()));
            double n = 0;
            double mean = 0;
            double m2 = 0;
            for (int t = 0; t < clip.length; t++) {
                double s = normalizer.frameScore(clip[t]);
                if (options.perVideoNormalization()) {
                    n++;
                    double d = s - mean;
                    mean += d / n;
                    m2 += d * (s - mean);
                    double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
                    s = sd > 1e-9 ? (s - mean) / sd : 0;
                }
                sm.accept(t, 0, s);
            }
            sm.finish();
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The {@code q}-quantile (linear interpolation) of {@code values}. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("need at least one value for a quantile");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
