package io.github.crimeanomaly.detect;

import io.github.crimeanomaly.datasets.SyntheticWalkway;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import java.util.ArrayList;
import java.util.List;

/** Synthetic scenes shared by the detector tests. */
final class DetectorTestSupport {

    static final FrameFormat FORMAT = FrameFormat.gray(64, 48);

    private DetectorTestSupport() {
    }

    static List<FrameSource> normalClips(int n, int frames) {
        List<FrameSource> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SyntheticWalkway.generate(FORMAT, frames, 4, -1, -1, 100 + i).source("normal " + i));
        }
        return out;
    }

    /** A clip with the fast object in frames [20, 35). */
    static SyntheticWalkway.Clip anomalousClip() {
        return SyntheticWalkway.generate(FORMAT, 50, 4, 20, 35, 999);
    }

    /** Mean score over the labelled frames minus mean over the others, in units of the others' std. */
    static double separation(double[] s, boolean[] labels) {
        double ma = 0;
        double mn = 0;
        int na = 0;
        int nn = 0;
        for (int i = 0; i < s.length; i++) {
            if (labels[i]) {
                ma += s[i];
                na++;
            } else {
                mn += s[i];
                nn++;
            }
        }
        ma /= na;
        mn /= nn;
        double v = 0;
        for (int i = 0; i < s.length; i++) {
            if (!labels[i]) {
                v += (s[i] - mn) * (s[i] - mn);
            }
        }
        return (ma - mn) / Math.sqrt(v / (nn - 1) + 1e-12);
    }
}
