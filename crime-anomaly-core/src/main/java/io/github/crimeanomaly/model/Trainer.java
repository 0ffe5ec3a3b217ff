package io.github.crimeanomaly.model;

import io.github.crimeanomaly.model.internal.ModelArchive;
import io.github.crimeanomaly.model.internal.Nd4jRuntime;
import io.github.crimeanomaly.model.internal.NetworkFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link HybridModel}. Get one from {@link HybridModel#trainer()}, set the options, call
 * {@link #fit(SequenceDataset)}. Defaults: 10 epochs, batch size 8, shuffling on, normalisation
 * fitted on the training data, keep-best-weights on, no early stopping, constant learning rate,
 * no class weights.
 *
 * <p><b>Data.</b> Every training sequence must have the model's sequence length and frame size
 * and a target matching the head (a class code, per-frame class codes, a target vector or
 * per-frame target vectors). A first pass over the data checks every sequence (so a bad one
 * fails before any training, naming its index), fits the per-channel normalisation, counts the
 * classes and computes the dataset fingerprint; then each epoch loads one batch at a time, so
 * data larger than memory can be trained on through {@link SequenceDataset#lazy}.
 *
 * <p><b>Targets over time.</b> A per-sequence target trains the last frame's output for the
 * recurrent architectures (the LSTM has seen the whole sequence there), and every frame's output
 * for CNN_ONLY (each frame alone must predict the clip's class). Per-frame targets train every
 * frame.
 *
 * <p><b>Determinism.</b> Shuffling uses the model's seed and ND4J's generator is re-seeded from
 * it at the start: the same seed and data on the same machine give the same weights.
 *
 * <p>A trainer is configuration plus {@code fit}; it is not thread-safe. Each batch update holds
 * the model's lock, so predictions from other threads during training see the weights between
 * two updates (but a training run is not atomic: they may see a model halfway through training).
 */
public final class Trainer {

    private final HybridModel model;
    private int epochs = 10;
    private int batchSize = 8;
    private SequenceDataset validation;
    private EarlyStopping earlyStopping;
    private boolean keepBestWeights = true;
    private int averageBestEpochs = 1;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private float[] classWeights;
    private boolean balancedClassWeights;
    private boolean shuffle = true;
    private boolean fitNormalization = true;
    private boolean freezeFrameLayers;
    private boolean collectGarbageEachEpoch = true;
    private final List<TrainingListener> listeners = new ArrayList<>();

    Trainer(HybridModel model) {
        this.model = model;
    }

    /** Number of epochs, &gt;= 1. */
    public Trainer epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + n);
        }
        this.epochs = n;
        return this;
    }

    /** Sequences per batch, &gt;= 1. */
    public Trainer batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /** A validation set, scored after every epoch. */
    public Trainer validation(SequenceDataset data) {
        this.validation = Objects.requireNonNull(data, "validation");
        return this;
    }

    /** Stop when a metric stops improving. */
    public Trainer earlyStopping(EarlyStopping es) {
        this.earlyStopping = Objects.requireNonNull(es, "earlyStopping");
        return this;
    }

    /**
     * Whether to restore, at the end, the weights of the epoch with the best monitored metric
     * (the early-stopping metric if set, else the validation loss with a validation set, else
     * the training loss). Default true.
     */
    public Trainer keepBestWeights(boolean on) {
        this.keepBestWeights = on;
        return this;
    }

    /**
     * Checkpoint averaging: with {@link #keepBestWeights keep-best-weights} on, the weights kept at
     * the end are the mean of the weights of the {@code k} epochs with the best monitored metric
     * (batch-norm statistics included, averaged like the rest), not the best epoch's alone. This
     * smooths the choice of one epoch on a small validation set. 1 (the default) keeps the best
     * epoch's weights exactly; when fewer than {@code k} epochs have a value, those are averaged.
     * The report's {@link TrainingReport#bestEpoch()} stays the single best epoch and
     * {@link TrainingReport#averagedEpochs()} lists the averaged ones.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Trainer averageBestEpochs(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("averageBestEpochs must be >= 1 (1 = the best epoch alone), got " + k);
        }
        this.averageBestEpochs = k;
        return this;
    }

    /** The learning-rate schedule (default constant). */
    public Trainer learningRateSchedule(LearningRateSchedule s) {
        this.schedule = Objects.requireNonNull(s, "learningRateSchedule");
        return this;
    }

    /**
     * A weight per class code, multiplying that class's loss: for imbalanced data. Length must
     * equal the number of classes; weights must be finite and &gt; 0.
     */
    public Trainer classWeights(float... weights) {
        Objects.requireNonNull(weights, "classWeights");
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || !Float.isFinite(weights[i])) {
                throw new IllegalArgumentException("classWeights[" + i + "] must be finite and > 0, got " + weights[i]);
            }
        }
        int k = model.config().outputSize();
        if (!model.config().isClassification() || weights.length != k) {
            throw new IllegalArgumentException("classWeights needs a classification head and one weight per class ("
                    + (model.config().isClassification() ? k : "no classes") + "), got " + weights.length);
        }
        this.classWeights = weights.clone();
        this.balancedClassWeights = false;
        return this;
    }

    /** Class weights {@code n / (k * count[c])} computed from the training data (inverse frequency). */
    public Trainer balancedClassWeights() {
        if (!model.config().isClassification()) {
            throw new IllegalArgumentException("balancedClassWeights needs a classification head, got "
                    + model.config().head());
        }
        this.balancedClassWeights = true;
        this.classWeights = null;
        return this;
    }

    /** Whether to shuffle the training order every epoch (seeded). Default true. */
    public Trainer shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /**
     * Whether to fit the per-channel input normalisation on the training data (default true);
     * if false, the model's current normalisation is kept.
     */
    public Trainer fitNormalization(boolean on) {
        this.fitNormalization = on;
        return this;
    }

    /**
     * Whether the per-frame layers (the CNN blocks and the dense projection, or LSTM_ONLY's
     * projection) are frozen: every parameter they hold, batch normalisation's running mean and
     * variance included, is put back after each update, so only the recurrent layers and the head
     * learn. Default false. For a network whose CNN was copied from a trained one
     * ({@link HybridModel#copyCnnFrom}): the CNN then acts as a fixed feature extractor.
     */
    public Trainer freezeFrameLayers(boolean on) {
        this.freezeFrameLayers = on;
        return this;
    }

    /**
     * Whether to ask the JVM for a garbage collection after every epoch (default true). ND4J frees
     * the native memory behind an array only when the JVM collects its Java object, so while the
     * heap has room a long training's resident memory grows far beyond what it uses: a 16x16-map
     * hybrid at {@code -Xmx1g} went from 0.95 to 3.2 GB over 100 epochs without it and stayed at
     * 0.44 GB with it. Collection changes no number; one per epoch costs milliseconds against an
     * epoch's seconds. Turn it off where a pause of the whole JVM matters more than memory.
     */
    public Trainer collectGarbageEachEpoch(boolean on) {
        this.collectGarbageEachEpoch = on;
        return this;
    }

    /** Adds a listener. */
    public Trainer listener(TrainingListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /**
     * Trains the model in place and returns the report.
     *
     * @throws IOException              if a sequence cannot be loaded
     * @throws IllegalArgumentException if a sequence does not fit the model (the message names
     *                                  its index, and what was expected vs found)
     */
    public TrainingReport fit(SequenceDataset train) throws IOException {
        Objects.requireNonNull(train, "train");
        ModelConfig cfg = model.config();
        TrainingMetric monitored = earlyStopping != null ? earlyStopping.metric()
                : validation != null ? TrainingMetric.VALIDATION_LOSS : TrainingMetric.TRAIN_LOSS;
        if (monitored.needsValidation() && validation == null) {
            throw new IllegalStateException("early stopping on " + monitored + " needs a validation set: call validation(...)");
        }
        if (monitored == TrainingMetric.VALIDATION_ACCURACY && !cfg.isClassification()) {
            throw new IllegalStateException("VALIDATION_ACCURACY needs a classification head, got " + cfg.head());
        }
        long t0 = System.nanoTime();
        Scan scan = scan(train, "training", true);
        if (validation != null) {
            scan(validation, "validation", false);
        }
        if (fitNormalization) {
            model.setNormalization(scan.normalization());
        }
        float[] weights = classWeights;
        if (balancedClassWeights) {
            weights = scan.balancedWeights();
        }

        io.github.crimeanomaly.model.internal.Network net = model.network();
        int n = train.size();
        int batches = (n + batchSize - 1) / batchSize;
        TrainingPlan plan = new TrainingPlan(epochs, batches, n, validation == null ? 0 : validation.size(),
                cfg.architecture());
        listeners.forEach(l -> l.onTrainingStart(plan));

        Nd4jRuntime.seed(cfg.seed());
        Random rng = new Random(cfg.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<EpochResult> results = new ArrayList<>();
        List<Map<String, INDArray>> frozen = freezeFrameLayers ? NetworkFactory.copyFrameParams(cfg, net) : null;
        double best = Double.NaN;
        int bestEpoch = -1;
        INDArray bestParams = null;
        // checkpoint averaging (k > 1): the k best epochs so far, best first
        List<Checkpoint> top = new ArrayList<>();
        int sinceImprovement = 0;
        boolean stoppedEarly = false;
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                long e0 = System.nanoTime();
                double lr = schedule.rate(cfg.learningRate(), epoch);
                net.setLearningRate(lr);
                if (shuffle) {
                    for (int i = n - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int tmp = order[i];
                        order[i] = order[j];
                        order[j] = tmp;
                    }
                }
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * batchSize;
                    int to = Math.min(n, from + batchSize);
                    List<Sequence> batch = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        batch.add(train.get(order[i]));
                    }
                    // The batch's arrays are left to the garbage collector: the network may still
                    // reference its last input after fit().
                    DataSet ds = toDataSet(batch, weights);
                    double loss;
                    synchronized (net) {
                        net.fit(ds);
                        loss = net.score();
                        if (frozen != null) {
                            NetworkFactory.assignFrameParams(cfg, net, frozen);
                        }
                    }
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException("training diverged: loss " + loss + " at epoch " + epoch
                                + ", batch " + b + "; lower the learning rate (now " + lr + ")");
                    }
                    lossSum += loss;
                    BatchProgress p = new BatchProgress(epoch, epochs, b, batches, loss, batch.size());
                    listeners.forEach(l -> l.onBatch(p));
                }
                double[] val = validation == null ? new double[] {Double.NaN, Double.NaN} : evaluate(validation);
                EpochResult r = new EpochResult(epoch, lr, lossSum / batches, val[0], val[1],
                        (System.nanoTime() - e0) / 1e9);
                results.add(r);
                listeners.forEach(l -> l.onEpoch(r));
                if (collectGarbageEachEpoch) {
                    System.gc();
                }
                double v = monitored.of(r);
                if (keepBestWeights && averageBestEpochs > 1 && !Double.isNaN(v)) {
                    keep(top, epoch, v, monitored, net);
                }
                double minDelta = earlyStopping == null ? 0 : earlyStopping.minDelta();
                if (monitored.improves(v, best, minDelta)) {
                    best = v;
                    bestEpoch = epoch;
                    sinceImprovement = 0;
                    if (keepBestWeights && averageBestEpochs == 1) {   // with averaging, top holds them
                        if (bestParams != null) {
                            bestParams.close();
                        }
                        bestParams = net.params().dup();
                    }
                } else {
                    sinceImprovement++;
                    if (earlyStopping != null && sinceImprovement >= earlyStopping.patience()) {
                        stoppedEarly = epoch < epochs - 1;
                        break;
                    }
                }
            }
            boolean restored = false;
            List<Integer> averaged = List.of();
            if (!top.isEmpty()) {
                INDArray mean = top.get(0).params().dup();
                for (int i = 1; i < top.size(); i++) {
                    mean.addi(top.get(i).params());
                }
                mean.divi(top.size());
                synchronized (net) {
                    net.setParams(mean);
                }
                mean.close();
                restored = true;
                averaged = top.stream().map(Checkpoint::epoch).sorted().toList();
            } else if (keepBestWeights && bestParams != null && bestEpoch != results.size() - 1) {
                synchronized (net) {
                    net.setParams(bestParams);
                }
                restored = true;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            TrainingReport report = new TrainingReport(results, monitored, bestEpoch, restored, stoppedEarly,
                    seconds, scan.fingerprint(), averaged);
            model.setProvenance(new Provenance(Instant.now().toString(), seconds, results.size(), n, scan.fingerprint()));
            listeners.forEach(l -> l.onTrainingEnd(report));
            return report;
        } finally {
            if (frozen != null) {
                frozen.forEach(m -> m.values().forEach(INDArray::close));
            }
            if (bestParams != null) {
                bestParams.close();
            }
            top.forEach(c -> c.params().close());
        }
    }

    /** One epoch's weights, kept for checkpoint averaging. */
    private record Checkpoint(int epoch, double value, INDArray params) {
    }

    /**
     * Adds {@code epoch} with its {@code value} and the weights {@code net} has now to {@code top}
     * if it is among the {@link #averageBestEpochs} best, dropping (and closing) the one it displaces.
     */
    private void keep(List<Checkpoint> top, int epoch, double value, TrainingMetric m,
                      io.github.crimeanomaly.model.internal.Network net) {
        int at = 0;
        while (at < top.size() && !m.improves(value, top.get(at).value(), 0)) {
            at++;
        }
        if (at >= averageBestEpochs) {
            return;
        }
        INDArray params;
        synchronized (net) {
            params = net.params().dup();
        }
        top.add(at, new Checkpoint(epoch, value, params));
        if (top.size() > averageBestEpochs) {
            top.remove(top.size() - 1).params().close();
        }
    }

    /** Validation loss and accuracy (NaN accuracy for regression). */
    private double[] evaluate(SequenceDataset data) throws IOException {
        ModelConfig cfg = model.config();
        boolean cls = cfg.isClassification();
        double lossSum = 0;
        long points = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            List<Sequence> batch = new ArrayList<>();
            float[][][] clips = new float[to - from][][];
            for (int i = from; i < to; i++) {
                Sequence s = data.get(i);
                batch.add(s);
                clips[i - from] = s.framesView();
            }
            float[][][] out = model.predictFrames(clips);
            for (int b = 0; b < batch.size(); b++) {
                Sequence s = batch.get(b);
                if (cls) {
                    if (s.label() >= 0) {
                        float[] p = model.pool(out[b]);
                        lossSum += -Math.log(Math.max(p[s.label()], 1e-7f));
                        correct += HybridModel.argmax(p) == s.label() ? 1 : 0;
                        points++;
                    } else {
                        int[] fl = s.frameLabelsView();
                        for (int t = 0; t < fl.length; t++) {
                            lossSum += -Math.log(Math.max(out[b][t][fl[t]], 1e-7f));
                            correct += HybridModel.argmax(out[b][t]) == fl[t] ? 1 : 0;
                            points++;
                        }
                    }
                } else {
                    if (s.targetView() != null) {
                        lossSum += mse(model.pool(out[b]), s.targetView());
                        points++;
                    } else {
                        float[][] ft = s.frameTargetsView();
                        for (int t = 0; t < ft.length; t++) {
                            lossSum += mse(out[b][t], ft[t]);
                            points++;
                        }
                    }
                }
            }
        }
        return new double[] {lossSum / points, cls ? correct / (double) points : Double.NaN};
    }

    private static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s / a.length;
    }

    private DataSet toDataSet(List<Sequence> batch, float[] weights) {
        ModelConfig cfg = model.config();
        int mb = batch.size();
        int t = cfg.sequenceLength();
        int fs = cfg.frameSize();
        int k = cfg.outputSize();
        boolean lastOnly = cfg.sequencePooling() == SequencePooling.LAST;
        float[] x = new float[mb * t * fs];
        float[] y = new float[mb * k * t];
        float[] mask = new float[mb * t];
        Normalization norm = model.normalization();
        for (int b = 0; b < mb; b++) {
            Sequence s = batch.get(b);
            float[][] frames = s.framesView();
            for (int step = 0; step < t; step++) {
                norm.apply(frames[step], x, (b * t + step) * fs);
            }
            for (int step = 0; step < t; step++) {
                boolean seqTarget = s.label() >= 0 || s.targetView() != null;
                if (seqTarget && lastOnly && step != t - 1) {
                    continue;
                }
                float w = 1f;
                if (s.label() >= 0 || s.frameLabelsView() != null) {
                    int c = s.label() >= 0 ? s.label() : s.frameLabelsView()[step];
                    y[(b * k + c) * t + step] = 1f;
                    if (weights != null) {
                        w = weights[c];
                    }
                } else {
                    float[] target = s.targetView() != null ? s.targetView() : s.frameTargetsView()[step];
                    for (int j = 0; j < k; j++) {
                        y[(b * k + j) * t + step] = target[j];
                    }
                }
                mask[b * t + step] = w;
            }
        }
        INDArray features;
        try (INDArray f = Nd4j.create(x, new long[] {mb, t, fs}, 'c')) {
            features = f.permute(0, 2, 1).dup('c');
        }
        INDArray labels = Nd4j.create(y, new long[] {mb, k, t}, 'c');
        INDArray labelsMask = Nd4j.create(mask, new long[] {mb, t}, 'c');
        return new DataSet(features, labels, null, labelsMask);
    }

    private record Scan(double[] mean, double[] std, long[] classCounts, String fingerprint) {
        Normalization normalization() {
            double[] s = std.clone();
            for (int c = 0; c < s.length; c++) {
                if (!(s[c] > 1e-6)) {
                    s[c] = 1;
                }
            }
            return Normalization.perChannel(mean, s);
        }

        float[] balancedWeights() {
            long total = Arrays.stream(classCounts).sum();
            float[] w = new float[classCounts.length];
            for (int c = 0; c < w.length; c++) {
                if (classCounts[c] == 0) {
                    w[c] = 1f;
                } else {
                    w[c] = (float) (total / (double) (classCounts.length * classCounts[c]));
                }
            }
            return w;
        }
    }

    /** Checks every sequence; for training data also computes statistics and the fingerprint. */
    private Scan scan(SequenceDataset data, String what, boolean stats) throws IOException {
        ModelConfig cfg = model.config();
        int ch = cfg.channels();
        int plane = cfg.height() * cfg.width();
        double[] sum = new double[ch];
        double[] sumSq = new double[ch];
        long[] counts = new long[cfg.isClassification() ? cfg.outputSize() : 0];
        MessageDigest all = ModelArchive.sha256();
        ByteBuffer bb = ByteBuffer.allocate(4 * Math.max(cfg.frameSize(), cfg.outputSize()) + 64);
        long values = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            String where = what + " sequence " + i;
            if (s.length() != cfg.sequenceLength()) {
                throw new IllegalArgumentException("expected sequences of " + cfg.sequenceLength() + " frames, got "
                        + s.length() + " (" + where + ")");
            }
            if (s.frameSize() != cfg.frameSize()) {
                throw new IllegalArgumentException("expected frames of " + cfg.frameFormat() + " (" + cfg.frameSize()
                        + " values), got " + s.frameSize() + " values (" + where + ")");
            }
            checkTarget(s, cfg, where);
            if (!stats) {
                continue;
            }
            if (s.label() >= 0) {
                counts[s.label()]++;
            } else if (s.frameLabelsView() != null) {
                for (int c : s.frameLabelsView()) {
                    counts[c]++;
                }
            }
            for (float[] f : s.framesView()) {
                for (int c = 0; c < ch; c++) {
                    double a = 0;
                    double q = 0;
                    for (int j = c * plane, e = j + plane; j < e; j++) {
                        a += f[j];
                        q += (double) f[j] * f[j];
                    }
                    sum[c] += a;
                    sumSq[c] += q;
                }
                values += plane;
                hash(all, bb, f);
            }
            bb.clear();
            bb.putInt(s.label());
            all.update(bb.array(), 0, bb.position());
            if (s.frameLabelsView() != null) {
                for (int c : s.frameLabelsView()) {
                    bb.clear();
                    bb.putInt(c);
                    all.update(bb.array(), 0, 4);
                }
            }
            if (s.targetView() != null) {
                hash(all, bb, s.targetView());
            }
            if (s.frameTargetsView() != null) {
                for (float[] ft : s.frameTargetsView()) {
                    hash(all, bb, ft);
                }
            }
        }
        double[] mean = new double[ch];
        double[] std = new double[ch];
        for (int c = 0; c < ch && values > 0; c++) {
            mean[c] = sum[c] / values;
            std[c] = Math.sqrt(Math.max(0, sumSq[c] / values - mean[c] * mean[c]));
        }
        return new Scan(mean, std, counts, HexFormat.of().formatHex(all.digest()));
    }

    private static void hash(MessageDigest md, ByteBuffer bb, float[] v) {
        bb.clear();
        bb.asFloatBuffer().put(v);
        md.update(bb.array(), 0, 4 * v.length);
    }

    private static void checkTarget(Sequence s, ModelConfig cfg, String where) {
        int k = cfg.outputSize();
        if (cfg.isClassification()) {
            if (s.label() >= 0) {
                if (s.label() >= k) {
                    throw new IllegalArgumentException("label must be in [0, " + k + "), got " + s.label() + " (" + where + ")");
                }
            } else if (s.frameLabelsView() != null) {
                for (int t = 0; t < s.length(); t++) {
                    if (s.frameLabelsView()[t] >= k) {
                        throw new IllegalArgumentException("frame label must be in [0, " + k + "), got "
                                + s.frameLabelsView()[t] + " at frame " + t + " (" + where + ")");
                    }
                }
            } else {
                throw new IllegalArgumentException("a classification head needs a class label or per-frame labels, got "
                        + s + " (" + where + ")");
            }
        } else {
            int len = s.targetView() != null ? s.targetView().length
                    : s.frameTargetsView() != null ? s.frameTargetsView()[0].length : -1;
            if (len < 0) {
                throw new IllegalArgumentException("a regression head needs a target vector or per-frame targets, got "
                        + s + " (" + where + ")");
            }
            if (len != k) {
                throw new IllegalArgumentException("expected target vectors of " + k + " values, got " + len
                        + " (" + where + ")");
            }
        }
    }
}
