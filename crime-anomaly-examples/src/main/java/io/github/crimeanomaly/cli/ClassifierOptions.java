package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.model.Architecture;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Training options shared by {@code train-classifier} and {@code compare} (a picocli mixin). */
final class ClassifierOptions {

    private static final ClipClassifier.Settings D = ClipClassifier.Settings.DEFAULT;

    @Option(names = "--epochs", paramLabel = "<n>", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();

    @Option(names = "--seed", paramLabel = "<n>", description = "Seed for weights, shuffling, augmentation and the split (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--frames", paramLabel = "<n>", description = "Frame differences per clip, from n + 1 frames "
            + "spread evenly over each video (default: " + ClipClassifier.Settings.HYBRID_FRAMES + " for the hybrid, "
            + "16 for cnn and lstm).")
    Integer frames;

    @Option(names = "--size", paramLabel = "<WxH>", description = "Frame size, width x height as video sizes are written (default: ${DEFAULT-VALUE}).")
    String size = D.input().width() + "x" + D.input().height();

    @Option(names = "--input", paramLabel = "<mode>", description = "Channels per frame: APPEARANCE (gray), MOTION "
            + "(frame difference), APPEARANCE_AND_MOTION or MOTION_AND_FLOW (difference and block motion field) "
            + "(default: ${DEFAULT-VALUE}).")
    ClipInput.Mode mode = D.input().mode();

    @Option(names = "--batch-size", paramLabel = "<n>", description = "Clips per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = D.batchSize();

    @Option(names = "--lr", paramLabel = "<rate>", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = D.learningRate();

    // Explicit on/off pairs, not picocli's negatable options: with a default of true, a negatable
    // option's positive form toggles the value to false.
    @Option(names = "--every-frame", description = "Train every frame's output on the clip label "
            + "(deep supervision of the LSTM), not only the last frame's (default: on).")
    boolean everyFrameOn;

    @Option(names = "--no-every-frame", description = "Train only the last frame's output on the clip label.")
    boolean everyFrameOff;

    @Option(names = "--pooling", paramLabel = "<LAST|MEAN|ATTENTION|MULTIPLE_INSTANCE>", description = "Clip output "
            + "of the recurrent models (hybrid, lstm): the last frame's (LAST), the mean over frames, which also trains "
            + "every frame (MEAN), a learned attention-weighted mean over frames (ATTENTION), or multiple-instance "
            + "learning, where a clip is of the class that is not --normal-class when some of its frames show it "
            + "(MULTIPLE_INSTANCE, two classes only); cnn always averages (default: MEAN).")
    io.github.crimeanomaly.model.SequencePooling pooling;

    @Option(names = "--instance-sharpness", paramLabel = "<r>", description = "With --pooling MULTIPLE_INSTANCE: "
            + "the clip's logit is (1/r) log mean exp(r d) over its frames' logits d, r > 0: small r is close to "
            + "their mean, large r to their maximum (default: ${DEFAULT-VALUE}).")
    double instanceSharpness = D.instanceSharpness();

    @Option(names = "--instance-regularization", paramLabel = "<lambda>", description = "With --pooling "
            + "MULTIPLE_INSTANCE: in training, add lambda (sum p + sum (p_t - p_{t-1})^2) over each clip's frame "
            + "probabilities of the event class, sparsity and temporal smoothness as in Sultani et al.'s "
            + "multiple-instance loss; lambda >= 0, 0 = none (default: ${DEFAULT-VALUE}).")
    double instanceRegularization = D.instanceRegularization();

    @Option(names = "--skip", description = "Hybrid only: give the classifier the per-frame CNN features next to "
            + "the LSTM output, a skip connection around the LSTM (default: on).")
    boolean skipOn;

    @Option(names = "--no-skip", description = "Hybrid only: the classifier sees the LSTM output alone.")
    boolean skipOff;

    @Option(names = "--skip-dropout", paramLabel = "<p>", description = "Hybrid only: in training, drop each "
            + "per-frame CNN feature on the skip connection (not the LSTM's input) with probability p, in [0, 1); "
            + "0 = off (default: ${DEFAULT-VALUE}).")
    double skipDropout = D.skipDropout();

    @Option(names = "--two-stream", description = "Hybrid only: its LSTM also sees each frame average-pooled 4x4 "
            + "and projected, the LSTM-only model's input, next to the CNN features (default: off).")
    boolean twoStreamOn;

    @Option(names = "--no-two-stream", description = "Hybrid only: its LSTM sees the CNN features alone.")
    boolean twoStreamOff;

    @Option(names = "--warm-start-head", description = "Hybrid only: the warm start also copies the CNN-only "
            + "model's classifier onto the skip connection, with zero weights on the LSTM's output, so the hybrid "
            + "starts from exactly the CNN-only model's predictions (needs --warm-start > 0, the skip connection and "
            + "mean pooling; default: off).")
    boolean warmStartHeadOn;

    @Option(names = "--no-warm-start-head", description = "Hybrid only: the warm start copies the CNN alone; the "
            + "classifier starts from its random initialisation.")
    boolean warmStartHeadOff;

    @Option(names = "--average-epochs", paramLabel = "<k>", description = "Keep the mean of the weights of the k "
            + "epochs with the lowest validation loss, not the best epoch's alone (checkpoint averaging; the hybrid: "
            + "in its hybrid stage); 1 = the best epoch (default: ${DEFAULT-VALUE}).")
    int averageEpochs = D.averageBestEpochs();

    @Option(names = "--lstm-units", paramLabel = "<n>", description = "LSTM units of the recurrent models (hybrid, lstm) "
            + "(default: ${DEFAULT-VALUE}).")
    int lstmUnits = D.lstmUnits();

    @Option(names = "--bidirectional", description = "Bidirectional LSTM in the recurrent models (hybrid, lstm); "
            + "such a model classifies whole clips only, not frame by frame (default: on).")
    boolean bidirectionalOn;

    @Option(names = "--no-bidirectional", description = "Forward-only LSTM in the recurrent models (hybrid, lstm).")
    boolean bidirectionalOff;

    @Option(names = "--warm-start", paramLabel = "<n>", description = "Hybrid only: spend the first n of the "
            + "epochs on a CNN-only model and start the hybrid from its CNN (two-stage training); 0 = off, else "
            + "1 to epochs - 1 (default: ${DEFAULT-VALUE}).")
    int warmStart = D.warmStart();

    @Option(names = "--mirror-average", description = "Classify each clip as the mean of the model's output on it "
            + "and on its left-right mirror image (test-time augmentation, twice the inference cost; stored in the "
            + "model) (default: on).")
    boolean mirrorOn;

    @Option(names = "--no-mirror-average", description = "Classify each clip from one forward pass.")
    boolean mirrorOff;

    @Option(names = "--no-augment", description = "Train without augmentation (flip, shift, brightness, contrast, "
            + "sensor noise, temporal jitter).")
    boolean noAugment;

    @Option(names = "--noise-floor", paramLabel = "<k>", description = "Subtract k times each frame pair's sensor-noise "
            + "estimate from its frame difference, in training and prediction (stored in the model); 0 = off "
            + "(default: ${DEFAULT-VALUE}).")
    double noiseFloor = D.input().noiseFloor();

    @Option(names = "--augment-noise", paramLabel = "<sigma>", description = "In training, add sensor noise to half "
            + "the clips, independent per pixel and frame, with a sigma drawn uniformly up to this (0 = off, at most "
            + "0.5) (default: ${DEFAULT-VALUE}).")
    double augmentNoise = D.augmentation().noise();

    @Option(names = "--temporal-jitter", description = "In training, draw each clip half a sampling step later with "
            + "probability 1/2 (decodes twice the frames; prediction unchanged) (default: off).")
    boolean jitterOn;

    @Option(names = "--no-temporal-jitter", description = "Train on each clip's evenly spread frames only.")
    boolean jitterOff;

    /**
     * Refuses a hybrid-only option that turns something on, given on a command line that trains no
     * hybrid: it used to be ignored without a word ({@code --arch lstm --warm-start 3}). Turning one
     * off ({@code --warm-start 0}, {@code --no-skip}) is what such a model does anyway, and passes.
     *
     * @param parsed     the command's parse result
     * @param trainsWhat what the command trains, for the message ("--arch lstm")
     */
    void refuseHybridOnly(picocli.CommandLine.ParseResult parsed, String trainsWhat) {
        java.util.Map<String, Boolean> turnsOn = new java.util.LinkedHashMap<>();
        turnsOn.put("--skip", true);
        turnsOn.put("--skip-dropout", skipDropout != 0);
        turnsOn.put("--two-stream", true);
        turnsOn.put("--warm-start", warmStart != 0);
        turnsOn.put("--warm-start-head", true);
        turnsOn.forEach((name, on) -> {
            if (on && parsed.hasMatchedOption(name)) {
                throw Cli.badOption(name + " is for the hybrid only, and " + trainsWhat + " trains none");
            }
        });
    }

    /**
     * The settings for {@code arch}; IllegalArgumentException naming the option on a bad value.
     * The frames per clip default to the architecture's ({@link ClipClassifier.Settings#defaults});
     * for CNN-only and LSTM-only the warm start, a hybrid-only setting, is off and not checked, so
     * {@code --arch cnn --epochs 3} works without {@code --warm-start 0}.
     */
    ClipClassifier.Settings settings(Architecture arch) {
        boolean hybrid = arch == Architecture.HYBRID;
        int warmStart = hybrid ? this.warmStart : 0;
        int frames = this.frames != null ? this.frames : ClipClassifier.Settings.defaults(arch).input().frames();
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int h;
        int w;
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            w = Integer.parseInt(wh[0].trim());
            h = Integer.parseInt(wh[1].trim());
        } catch (NumberFormatException e) {
            throw Cli.badOption("--size must be WIDTHxHEIGHT like 96x64, got '" + size + "'");
        }
        if (epochs < 1) { // before the warm start, whose default (5) would otherwise be blamed
            throw Cli.badOption("--epochs must be >= 1, got " + epochs);
        }
        if (warmStart != 0 && (warmStart < 1 || warmStart >= epochs)) {
            throw Cli.badOption("--warm-start must be 0 (off) or from 1 to --epochs - 1 = " + (epochs - 1)
                    + ", got " + warmStart + (warmStart == D.warmStart() ? " (the default; with " + epochs
                    + " epochs pass --warm-start 0 or a smaller n)" : ""));
        }
        if (!(noiseFloor >= 0) || Double.isInfinite(noiseFloor)) {
            throw Cli.badOption("--noise-floor must be finite and >= 0, got " + noiseFloor);
        }
        ClipInput in;
        try {
            in = new ClipInput(frames, h, w, mode, D.input().clipSeconds(),
                    choose("--mirror-average", mirrorOn, mirrorOff, D.input().mirrorAverage()), noiseFloor);
        } catch (IllegalArgumentException e) {
            throw asOption(e);
        }
        boolean skip = choose("--skip", skipOn, skipOff, D.skip());
        if (averageEpochs < 1) {
            throw Cli.badOption("--average-epochs must be >= 1 (1 = the best epoch alone), got "
                    + averageEpochs);
        }
        if (!(skipDropout >= 0 && skipDropout < 1)) {
            throw Cli.badOption("--skip-dropout must be in [0, 1), got " + skipDropout);
        }
        if (skipDropout > 0 && !skip) {
            throw Cli.badOption("--skip-dropout " + skipDropout + " needs the skip connection, "
                    + "but --no-skip was given");
        }
        boolean warmStartHead = hybrid
                && choose("--warm-start-head", warmStartHeadOn, warmStartHeadOff, D.warmStartHead());
        if (warmStartHead && warmStart == 0) {
            throw Cli.badOption("--warm-start-head needs a warm start (--warm-start n > 0), got "
                    + "--warm-start 0");
        }
        if (warmStartHead && !skip) {
            throw Cli.badOption("--warm-start-head needs the skip connection (the copied classifier "
                    + "reads the CNN features on it), but --no-skip was given");
        }
        io.github.crimeanomaly.model.SequencePooling pooling = this.pooling != null ? this.pooling
                : ClipClassifier.Settings.defaults(arch).pooling();
        if (warmStartHead && pooling != io.github.crimeanomaly.model.SequencePooling.MEAN) {
            throw Cli.badOption("--warm-start-head needs --pooling MEAN (the CNN-only model averages "
                    + "its frames), got --pooling " + pooling + (this.pooling == null ? " (the hybrid's default)" : ""));
        }
        boolean bidirectional = choose("--bidirectional", bidirectionalOn, bidirectionalOff, D.bidirectional());
        boolean everyFrame = choose("--every-frame", everyFrameOn, everyFrameOff, D.everyFrame());
        try {
            return build(in, hybrid, skip, warmStart, warmStartHead, bidirectional, everyFrame, pooling);
        } catch (IllegalArgumentException e) {
            throw asOption(e);
        }
    }

    private ClipClassifier.Settings build(ClipInput in, boolean hybrid, boolean skip, int warmStart,
                                          boolean warmStartHead, boolean bidirectional, boolean everyFrame,
                                          io.github.crimeanomaly.model.SequencePooling pooling) {
        return ClipClassifier.Settings.builder().input(in).epochs(epochs).batchSize(batchSize)
                .learningRate(learningRate).augmentation(augmentation()).seed(seed).everyFrame(everyFrame)
                .pooling(pooling).lstmUnits(lstmUnits).bidirectional(bidirectional).skip(skip).warmStart(warmStart)
                .temporalJitter(jitter(choose("--temporal-jitter", jitterOn, jitterOff, D.temporalJitter())))
                .skipDropout(hybrid ? skipDropout : 0).averageBestEpochs(averageEpochs)
                .twoStream(hybrid && choose("--two-stream", twoStreamOn, twoStreamOff, D.twoStream()))
                .warmStartHead(warmStartHead).instanceSharpness(instanceSharpness)
                .instanceRegularization(instanceRegularization).build();
    }

    /** The library's names for these settings, and the options that set them. */
    private static final String[][] OPTION_NAMES = {
            {"batchSize", "--batch-size"}, {"learningRate", "--lr"}, {"lstmUnits", "--lstm-units"},
            {"epochs", "--epochs"}, {"frames", "--frames"}, {"height", "--size height"}, {"width", "--size width"},
            {"warmStart", "--warm-start"}, {"averageBestEpochs", "--average-epochs"}, {"noiseFloor", "--noise-floor"},
            {"skipDropout", "--skip-dropout"}, {"instanceSharpness", "--instance-sharpness"},
            {"instanceRegularization", "--instance-regularization"},
    };

    /**
     * The library's refusal of a setting, reworded with the option's name ("batchSize must be >= 1"
     * becomes "--batch-size must be >= 1"): the user typed the option, not the Java name.
     */
    static Cli.OptionException asOption(IllegalArgumentException e) {
        if (e instanceof Cli.OptionException o) {
            return o;
        }
        String msg = String.valueOf(e.getMessage());
        for (String[] n : OPTION_NAMES) {
            msg = msg.replaceAll("(^|; )" + n[0] + "(?= )", "$1" + java.util.regex.Matcher.quoteReplacement(n[1]));
        }
        return new Cli.OptionException(msg); // the message says it all; the cause would repeat it
    }

    private ClipAugmentation augmentation() {
        if (!(augmentNoise >= 0 && augmentNoise <= 0.5)) {
            throw Cli.badOption("--augment-noise must be in [0, 0.5], got " + augmentNoise);
        }
        if (noAugment) {
            if (augmentNoise > 0 && augmentNoise != D.augmentation().noise()) {
                throw Cli.badOption("--no-augment and --augment-noise " + augmentNoise
                        + " contradict each other");
            }
            return ClipAugmentation.NONE;
        }
        return D.augmentation().withNoise(augmentNoise);
    }

    private boolean jitter(boolean chosen) {
        if (noAugment && jitterOn) {
            throw Cli.badOption("--no-augment and --temporal-jitter contradict each other");
        }
        return chosen && !noAugment;
    }

    private static boolean choose(String option, boolean on, boolean off, boolean dflt) {
        if (on && off) {
            throw Cli.badOption(option + " and --no-" + option.substring(2) + " contradict each other");
        }
        return on || (!off && dflt);
    }
}
