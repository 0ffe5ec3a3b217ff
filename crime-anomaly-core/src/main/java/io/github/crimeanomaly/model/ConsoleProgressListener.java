package io.github.crimeanomaly.model;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A text progress bar for training on a {@link PrintStream} (usually {@code System.err}): one
 * line per epoch, redrawn in place with {@code \r}, showing batches done, the running loss, the
 * last validation metric and the ETA for the whole run. Redraws at most every 200 ms.
 *
 * <pre>{@code
 * model.trainer().listener(ConsoleProgressListener.toStderr()).fit(train);
 * // epoch 3/20 [#########...........]  45% loss 0.4312 val_loss 0.5120 val_acc 0.812 ETA 0:01:23
 * }</pre>
 */
public final class ConsoleProgressListener implements TrainingListener {

    private static final int WIDTH = 24;
    private final PrintStream out;
    private long start;
    private long lastDraw;
    private long batchesDone;
    private long totalBatches;
    private double runningLoss = Double.NaN;
    private String lastValidation = "";

    /** Draws on {@code out}. */
    public ConsoleProgressListener(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Draws on {@code System.err}. */
    public static ConsoleProgressListener toStderr() {
        return new ConsoleProgressListener(System.err);
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        start = System.nanoTime();
        batchesDone = 0;
        totalBatches = (long) plan.epochs() * plan.batchesPerEpoch();
        out.printf(Locale.ROOT, "training %s on %d sequences (%d validation), %d epochs x %d batches%n",
                plan.architecture(), plan.trainSequences(), plan.validationSequences(), plan.epochs(),
                plan.batchesPerEpoch());
    }

    @Override
    public void onBatch(BatchProgress p) {
        batchesDone++;
        runningLoss = Double.isNaN(runningLoss) || p.batch() == 0 ? p.loss() : 0.9 * runningLoss + 0.1 * p.loss();
        long now = System.nanoTime();
        if (now - lastDraw > 200_000_000L || p.batch() == p.batchesPerEpoch() - 1) {
            lastDraw = now;
            draw(p.epoch(), p.epochs(), (p.batch() + 1) / (double) p.batchesPerEpoch(), now);
        }
    }

    @Override
    public void onEpoch(EpochResult r) {
        StringBuilder v = new StringBuilder();
        if (!Double.isNaN(r.validationLoss())) {
            v.append(String.format(Locale.ROOT, " val_loss %.4f", r.validationLoss()));
        }
        if (!Double.isNaN(r.validationAccuracy())) {
            v.append(String.format(Locale.ROOT, " val_acc %.3f", r.validationAccuracy()));
        }
        lastValidation = v.toString();
        out.printf(Locale.ROOT, "\repoch %d done: loss %.4f%s (%.1f s)%s%n", r.epoch() + 1, r.trainLoss(),
                lastValidation, r.seconds(), " ".repeat(20));
        out.flush();
    }

    @Override
    public void onTrainingEnd(TrainingReport report) {
        out.printf(Locale.ROOT, "training done in %s: %d epochs%s, best epoch %d on %s%s%n",
                duration(report.seconds()), report.epochs().size(), report.stoppedEarly() ? " (stopped early)" : "",
                report.bestEpoch() + 1, report.monitored(), report.restoredBestWeights() ? " (weights restored)" : "");
        out.flush();
    }

    private void draw(int epoch, int epochs, double fraction, long now) {
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (now - start) / 1e9;
        String eta = batchesDone == 0 ? "?" : duration(elapsed / batchesDone * (totalBatches - batchesDone));
        out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %3d%% loss %.4f%s ETA %s ", epoch + 1, epochs,
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100), runningLoss,
                lastValidation, eta);
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
