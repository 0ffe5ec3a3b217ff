package io.github.crimeanomaly.examples;

import io.github.crimeanomaly.detect.DetectorTrainingListener;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** A console progress bar with ETA (stderr) for each training phase. */
public final class ProgressBarListener implements DetectorTrainingListener {

    private ProgressBar bar;

    @Override
    public void onPhaseStart(String phase, long totalSteps) {
        bar = UcsdPed2Benchmark.bar(phase, totalSteps);
    }

    @Override
    public void onStep(String phase) {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void onEpoch(int epoch, double meanLoss) {
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.5f", epoch, meanLoss));
        }
    }

    @Override
    public void onPhaseEnd(String phase) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
