package io.github.crimeanomaly.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs training through SLF4J (logger {@code io.github.crimeanomaly.model.training}): the plan
 * and every epoch at INFO, every batch at DEBUG.
 */
public final class LoggingTrainingListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.crimeanomaly.model.training");

    /** Creates the listener. */
    public LoggingTrainingListener() {
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        LOG.info("training {} on {} sequences ({} validation): {} epochs x {} batches", plan.architecture(),
                plan.trainSequences(), plan.validationSequences(), plan.epochs(), plan.batchesPerEpoch());
    }

    @Override
    public void onBatch(BatchProgress p) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("epoch {} batch {}/{}: loss {}", p.epoch() + 1, p.batch() + 1, p.batchesPerEpoch(), p.loss());
        }
    }

    @Override
    public void onEpoch(EpochResult r) {
        LOG.info("epoch {}: lr {} loss {} val_loss {} val_acc {} ({} s)", r.epoch() + 1, r.learningRate(),
                r.trainLoss(), r.validationLoss(), r.validationAccuracy(), String.format("%.1f", r.seconds()));
    }

    @Override
    public void onTrainingEnd(TrainingReport report) {
        LOG.info("training done in {} s: {} epochs, best epoch {} on {}{}{}", String.format("%.1f", report.seconds()),
                report.epochs().size(), report.bestEpoch() + 1, report.monitored(),
                report.stoppedEarly() ? ", stopped early" : "", report.restoredBestWeights() ? ", best weights restored" : "");
    }
}
