package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import io.github.crimeanomaly.model.SequencePooling;
import io.github.crimeanomaly.model.TrainingReport;
import io.github.crimeanomaly.split.Split;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the hybrid's settings without the test part of the required split (its clips are never
 * given to a model): either on the validation part (train on the train part, keep the best epoch
 * on validation loss, report the validation figures), or by a grouped k-fold cross-validation
 * inside the train and validation parts only (each inner fold held out once, the next one used
 * for the best epoch, the rest for training; see {@link FightComparison#groupedFolds}).
 *
 * <p>Usage: {@code HybridSelection <data> <val|cvK> <arch> [key=value ...]} with keys
 * {@code pooling} (LAST|MEAN), {@code everyFrame}, {@code lstm} (units), {@code bi}
 * (bidirectional), {@code skip}, {@code skipDropout} (hybrid: dropout on the skip path), {@code stream} (hybrid: the LSTM also sees the pooled frames, {@link ClipClassifier.Settings#twoStream()}), {@code warmHead} (hybrid: the warm start also copies the CNN-only classifier, {@link ClipClassifier.Settings#warmStartHead()}), {@code sharpness} and {@code reg} (with multiple-instance pooling: the smooth maximum's sharpness and the frames' sparsity and smoothness weight, {@link ClipClassifier.Settings#instanceRegularization()}), {@code average} (checkpoint averaging over that many best epochs), {@code dropout}, {@code l2}, {@code epochs}, {@code warm} (CNN warm-start epochs of
 * the budget, {@link ClipClassifier.Settings#warmStart()}), {@code freeze} (the warm-started CNN frozen,
 * {@link ClipClassifier.Settings#freezeCnn()}), {@code mirror} (mirror averaging at
 * prediction, {@link ClipInput#mirrorAverage()}), {@code jitter}
 * (temporal jitter in training, {@link ClipClassifier.Settings#temporalJitter()}), {@code frames}
 * (frame differences per clip, {@link ClipInput#frames()}), {@code size} (square frame side in
 * pixels), {@code floor} (noise floor of the frame differences, {@link ClipInput#noiseFloor()}),
 * {@code noise} (largest sensor-noise sigma of the training augmentation,
 * {@link io.github.crimeanomaly.classify.ClipAugmentation#noise()}), {@code mode} (the input channels,
 * {@link ClipInput.Mode}), and, with {@code cvK} only,
 * {@code ensemble} (a seed ensemble of that many networks per fold,
 * {@link #innerEnsembleCrossValidation}); e.g.
 * {@code HybridSelection data cv4 HYBRID skip=true pooling=MEAN} or {@code HybridSelection data cv4 HYBRID warm=10}.
 * The changes apply to the architecture's defaults ({@link ClipClassifier.Settings#defaults}): 16
 * frame differences per clip for all three ({@code frames=32} gives candidate K's hybrid, since
 * reverted).
 */
public final class HybridSelection {

    private HybridSelection() {
    }

    /** Runs one variant; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        String mode = args[1];
        Architecture arch = Architecture.valueOf(args[2]);
        List<String> changes = new ArrayList<>(List.of(args).subList(3, args.length));
        int ensemble = 1;
        for (java.util.Iterator<String> it = changes.iterator(); it.hasNext(); ) {
            String kv = it.next();
            if (kv.startsWith("ensemble=")) {
                ensemble = Integer.parseInt(kv.substring("ensemble=".length()));
                it.remove();
            }
        }
        ClipClassifier.Settings s = settings(ClipClassifier.Settings.defaults(arch), changes);
        ClipFolder clips = FightClips.load(data, s.input(), s.temporalJitter(), true);
        if (mode.equals("val")) {
            System.out.println(validation(clips, s, arch));
        } else if (mode.startsWith("cv") && ensemble > 1) {
            System.out.println(innerEnsembleCrossValidation(clips, s, arch, Integer.parseInt(mode.substring(2)),
                    ensemble, System.err));
        } else if (mode.startsWith("cv")) {
            System.out.println(innerCrossValidation(clips, s, arch, Integer.parseInt(mode.substring(2)), System.err));
        } else {
            throw new IllegalArgumentException("mode must be val or cvK (e.g. cv4), got " + mode);
        }
    }

    /**
     * {@code base} with the {@code key=value} changes of the class comment applied; {@code epochs},
     * {@code warm} and {@code freeze} are applied together, last, so that e.g. {@code epochs=3 warm=0}
     * works with a base whose warm start is 3 or more (a frozen CNN is dropped with the warm start
     * unless {@code freeze=true} is given).
     */
    public static ClipClassifier.Settings settings(ClipClassifier.Settings base, List<String> changes) {
        ClipClassifier.Settings s = base;
        Integer epochs = null;
        Integer warm = null;
        Boolean freeze = null;
        Boolean warmHead = null;
        for (String kv : changes) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got '" + kv + "'");
            }
            String k = kv.substring(0, eq);
            String v = kv.substring(eq + 1);
            if (k.equals("epochs")) {
                epochs = Integer.parseInt(v);
                continue;
            }
            if (k.equals("warm")) {
                warm = Integer.parseInt(v);
                continue;
            }
            if (k.equals("freeze")) {
                freeze = Boolean.parseBoolean(v);
                continue;
            }
            if (k.equals("warmHead")) {
                warmHead = Boolean.parseBoolean(v);
                continue;
            }
            s = switch (k) {
                case "pooling" -> s.withPooling(SequencePooling.valueOf(v));
                case "everyFrame" -> s.withEveryFrame(Boolean.parseBoolean(v));
                case "lstm" -> s.withLstm(Integer.parseInt(v), s.bidirectional());
                case "bi" -> s.withLstm(s.lstmUnits(), Boolean.parseBoolean(v));
                case "skip" -> s.withSkip(Boolean.parseBoolean(v));
                case "skipDropout" -> s.withSkipDropout(Double.parseDouble(v));
                case "stream" -> s.withTwoStream(Boolean.parseBoolean(v));
                case "sharpness" -> s.toBuilder().instanceSharpness(Double.parseDouble(v)).build();
                case "reg" -> s.toBuilder().instanceRegularization(Double.parseDouble(v)).build();
                case "average" -> s.withAverageBestEpochs(Integer.parseInt(v));
                case "dropout" -> s.withDropout(Double.parseDouble(v));
                case "l2" -> s.withL2(Double.parseDouble(v));
                case "mirror" -> s.withInput(s.input().withMirrorAverage(Boolean.parseBoolean(v)));
                case "jitter" -> s.withTemporalJitter(Boolean.parseBoolean(v));
                case "noise" -> s.withAugmentation(s.augmentation().withNoise(Double.parseDouble(v)));
                case "frames" -> s.withInput(new ClipInput(Integer.parseInt(v), s.input().height(), s.input().width(),
                        s.input().mode(), s.input().clipSeconds(), s.input().mirrorAverage(), s.input().noiseFloor()));
                case "size" -> s.withInput(new ClipInput(s.input().frames(), Integer.parseInt(v), Integer.parseInt(v),
                        s.input().mode(), s.input().clipSeconds(), s.input().mirrorAverage(), s.input().noiseFloor()));
                case "floor" -> s.withInput(s.input().withNoiseFloor(Double.parseDouble(v)));
                case "mode" -> s.withInput(new ClipInput(s.input().frames(), s.input().height(), s.input().width(),
                        ClipInput.Mode.valueOf(v), s.input().clipSeconds(), s.input().mirrorAverage(),
                        s.input().noiseFloor()));
                default -> throw new IllegalArgumentException("unknown setting '" + k + "' in '" + kv + "'");
            };
        }
        if (epochs != null || warm != null || freeze != null) {
            s = s.withFreezeCnn(false).withWarmStart(0).withEpochs(epochs != null ? epochs : s.epochs())
                    .withWarmStart(warm != null ? warm : base.warmStart());
            s = s.withFreezeCnn(freeze != null ? freeze : base.freezeCnn() && s.warmStart() > 0);
        }
        if (warmHead != null) {
            s = s.withWarmStartHead(warmHead);
        }
        return s;
    }

    private static String describe(ClipClassifier.Settings s, Architecture arch) {
        String d = String.format(Locale.ROOT,
                "%s frames=%d size=%dx%d%s pooling=%s everyFrame=%s lstm=%d bi=%s skip=%s dropout=%.2f l2=%.0e mirror=%s jitter=%s",
                arch, s.input().frames(), s.input().width(), s.input().height(),
                s.input().mode() == ClipInput.Mode.MOTION ? "" : " mode=" + s.input().mode(), arch == Architecture.CNN_ONLY ? SequencePooling.MEAN : s.pooling(), s.everyFrame(), s.lstmUnits(),
                s.bidirectional(), s.skip(), s.dropout(), s.l2(), s.input().mirrorAverage(), s.temporalJitter());
        if (s.averageBestEpochs() > 1) {
            d += " average=" + s.averageBestEpochs();
        }
        if (arch == Architecture.HYBRID && s.twoStream()) {
            d += " stream=true";
        }
        if (arch != Architecture.CNN_ONLY && s.pooling() == SequencePooling.MULTIPLE_INSTANCE) {
            d += " sharpness=" + s.instanceSharpness();
            if (s.instanceRegularization() > 0) {
                d += " reg=" + s.instanceRegularization();
            }
        }
        if (arch == Architecture.HYBRID && s.warmStartHead()) {
            d += " warmHead=true";
        }
        if (arch == Architecture.HYBRID && s.skipDropout() > 0) {
            d += String.format(Locale.ROOT, " skipDropout=%.2f", s.skipDropout());
        }
        return arch == Architecture.HYBRID && s.warmStart() > 0
                ? d + " warm=" + s.warmStart() + (s.freezeCnn() ? " freeze=true" : "") : d;
    }

    /** Trains {@code arch} on the split's train part and returns its figures on the validation part. */
    public static String validation(ClipFolder clips, ClipClassifier.Settings s, Architecture arch)
            throws IOException {
        Split split = FightComparison.split(clips, s.seed());
        try (HybridModel m = ClipClassifier.build(arch, s, clips.classes(), FightClips.normalClass(clips))) {
            TrainingReport r = ClipClassifier.train(m, s, clips.select(split.train()),
                    clips.select(split.validation()), null);
            ClipEvaluation e = ClipEvaluation.evaluate(m, clips.select(split.validation()), clips.classes(), "fight");
            return String.format(Locale.ROOT, "%s: best epoch %d (val loss %.4f), %.0f s; validation (%d clips) %s",
                    describe(s, arch), r.bestEpoch() + 1, r.best().map(x -> x.validationLoss()).orElse(Double.NaN),
                    r.seconds(), split.validation().size(), e.summaryLine());
        }
    }

    /**
     * The clips of the required split's train and validation parts only, with their class names:
     * what an inner cross-validation may use.
     */
    public static ClipFolder trainAndValidation(ClipFolder clips, long seed) {
        Split split = FightComparison.split(clips, seed);
        List<Integer> keep = new ArrayList<>(split.train());
        keep.addAll(split.validation());
        keep.sort(Integer::compare);
        return new ClipFolder(clips.classes(), clips.select(keep));
    }

    /**
     * Grouped {@code k}-fold cross-validation of {@code arch} inside the train and validation
     * parts of the required split (the test part is dropped first); returns the mean accuracy,
     * F1 and AUC over the inner folds, and the figures pooled over every held-out clip.
     */
    public static String innerCrossValidation(ClipFolder clips, ClipClassifier.Settings s, Architecture arch, int k,
                                              PrintStream log) throws IOException {
        if (k < 3) {
            throw new IllegalArgumentException("k must be >= 3, got " + k);
        }
        ClipFolder inner = trainAndValidation(clips, s.seed());
        List<Split> folds = FightComparison.groupedFolds(inner, k, s.seed());
        List<FightComparison.Row> rows = new ArrayList<>();
        List<int[]> truths = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            FightComparison.Row r = FightComparison.trainAndTest(inner, s, arch, folds.get(f),
                    FightComparison.ThresholdRule.VALIDATION_F1, null, log);
            rows.add(r);
            truths.add(r.test().truth());
            scores.add(r.test().scores());
        }
        double[] m = FightComparison.means(rows);
        ClipEvaluation pooled = ClipEvaluation.of(concat(truths), concatD(scores), 0.5, "fight");
        return String.format(Locale.ROOT, "%s: inner %d-fold CV on %d train+validation clips: at 0.5 mean "
                        + "accuracy=%.4f f1=%.4f auc=%.4f; at the validation-F1 threshold mean accuracy=%.4f f1=%.4f "
                        + "(thresholds %s); pooled at 0.5 %s", describe(s, arch), k, inner.clips().size(),
                m[3], m[4], m[2], m[0], m[1],
                rows.stream().map(r -> String.format(Locale.ROOT, "%.3f", r.threshold())).toList(),
                pooled.summaryLine());
    }

    /**
     * The inner cross-validation of {@link #innerCrossValidation} for a seed ensemble: in each fold
     * {@code members} networks are trained exactly as one (seeds {@code s.seed() + j}, folds from
     * {@code s.seed()}), and a clip's probability is the mean of theirs. Returns, at 0.5, the mean
     * accuracy, F1 and AUC over the folds of the ensemble, of member 0 alone (the single network)
     * and of each member on average, then each member's mean F1 (seed by seed: how much the
     * training seed alone moves the figure a selection rule reads).
     */
    public static String innerEnsembleCrossValidation(ClipFolder clips, ClipClassifier.Settings s, Architecture arch,
                                                      int k, int members, PrintStream log) throws IOException {
        if (k < 3 || members < 2) {
            throw new IllegalArgumentException("k must be >= 3 and members >= 2, got " + k + " and " + members);
        }
        ClipFolder inner = trainAndValidation(clips, s.seed());
        List<Split> folds = FightComparison.groupedFolds(inner, k, s.seed());
        double[] ens = new double[3];
        double[] first = new double[3];
        double[] each = new double[3];
        double[] memberF1 = new double[members];
        for (Split fold : folds) {
            double[] mean = null;
            int[] truth = null;
            for (int j = 0; j < members; j++) {
                FightComparison.Row r = FightComparison.trainAndTest(inner, s.withSeed(s.seed() + j), arch, fold,
                        FightComparison.ThresholdRule.HALF, null, log);
                ClipEvaluation e = r.testAtHalf();
                add(each, e, 1.0 / members);
                memberF1[j] += e.f1() / k;
                if (j == 0) {
                    add(first, e, 1.0);
                    mean = new double[e.size()];
                    truth = e.truth();
                }
                double[] sc = e.scores();
                for (int i = 0; i < sc.length; i++) {
                    mean[i] += sc[i] / members;
                }
            }
            ClipEvaluation e = ClipEvaluation.of(truth, mean, 0.5, "fight");
            log.printf(Locale.ROOT, "%s fold ensemble of %d: %s%n", arch, members, e.summaryLine());
            add(ens, e, 1.0);
        }
        return String.format(Locale.ROOT, "%s: inner %d-fold CV on %d train+validation clips, at 0.5 mean over folds: "
                        + "ensemble of %d accuracy=%.4f f1=%.4f auc=%.4f; member 0 (one network) accuracy=%.4f f1=%.4f "
                        + "auc=%.4f; average member accuracy=%.4f f1=%.4f auc=%.4f; f1 by member (seeds %d-%d) %s",
                describe(s, arch), k, inner.clips().size(), members, ens[0] / k, ens[1] / k, ens[2] / k,
                first[0] / k, first[1] / k, first[2] / k, each[0] / k, each[1] / k, each[2] / k, s.seed(),
                s.seed() + members - 1, java.util.Arrays.stream(memberF1)
                        .mapToObj(f -> String.format(Locale.ROOT, "%.4f", f))
                        .collect(java.util.stream.Collectors.joining(" ")));
    }

    private static void add(double[] acc, ClipEvaluation e, double w) {
        acc[0] += w * e.accuracy();
        acc[1] += w * e.f1();
        acc[2] += w * e.auc();
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    private static double[] concatD(List<double[]> parts) {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
