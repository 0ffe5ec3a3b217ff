package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.classify.ClipClassifier;
import io.github.crimeanomaly.model.Architecture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shared classifier options reach the settings (parsing only, nothing is trained). */
class ClassifierOptionsTest {

    private static ClipClassifier.Settings parse(String... args) {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs(args);
        return c.options.settings(Architecture.HYBRID);
    }

    @Test
    void defaultsAreTheRecipesDefaults() {
        ClipClassifier.Settings s = parse("--data", "x");
        ClipClassifier.Settings d = ClipClassifier.Settings.defaults(Architecture.HYBRID);
        assertEquals(d.skip(), s.skip());
        assertEquals(d.lstmUnits(), s.lstmUnits());
        assertEquals(d.bidirectional(), s.bidirectional());
        assertEquals(d.pooling(), s.pooling());
        assertEquals(d.everyFrame(), s.everyFrame());
        assertEquals(d.warmStart(), s.warmStart());
        assertEquals(d.input(), s.input());
    }

    @Test
    void eachModelGetsItsArchitecturesFramesUnlessFramesIsGiven() {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x");
        assertEquals(ClipClassifier.Settings.HYBRID_FRAMES, c.options.settings(Architecture.HYBRID).input().frames());
        assertEquals(16, ClipClassifier.Settings.HYBRID_FRAMES, "back to 16 by the held-out-videos rule");
        assertEquals(16, c.options.settings(Architecture.CNN_ONLY).input().frames());
        assertEquals(16, c.options.settings(Architecture.LSTM_ONLY).input().frames());
        assertEquals(ClipClassifier.Settings.DEFAULT.withWarmStart(0), c.options.settings(Architecture.CNN_ONLY),
                "the baselines' defaults are the recipe's DEFAULT (without the hybrid's warm start)");
        CompareCommand given = new CompareCommand();
        new CommandLine(given).parseArgs("--data", "x", "--frames", "8");
        assertEquals(8, given.options.settings(Architecture.HYBRID).input().frames());
        assertEquals(8, given.options.settings(Architecture.CNN_ONLY).input().frames());
    }

    @Test
    void theInputIsTheDifferenceAndMotionFieldByDefaultAndTheDifferenceAloneOnRequest() {
        assertEquals(ClipInput.Mode.MOTION_AND_FLOW, parse("--data", "x").input().mode());
        assertEquals(ClipInput.Mode.MOTION, parse("--data", "x", "--input", "MOTION").input().mode());
    }

    @Test
    void mirrorAverageIsOnByDefaultAndCanBeTurnedOff() {
        assertTrue(ClipClassifier.Settings.DEFAULT.input().mirrorAverage());
        assertTrue(parse("--data", "x", "--mirror-average").input().mirrorAverage());
        assertFalse(parse("--data", "x", "--no-mirror-average").input().mirrorAverage());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--mirror-average", "--no-mirror-average"));
        assertTrue(e.getMessage().contains("--mirror-average and --no-mirror-average contradict each other"),
                e.getMessage());
    }

    @Test
    void temporalJitterFollowsItsOptionsAndNoAugmentTurnsItOff() {
        assertEquals(ClipClassifier.Settings.DEFAULT.temporalJitter(), parse("--data", "x").temporalJitter());
        assertTrue(parse("--data", "x", "--temporal-jitter").temporalJitter());
        assertFalse(parse("--data", "x", "--no-temporal-jitter").temporalJitter());
        assertFalse(parse("--data", "x", "--no-augment").temporalJitter());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--no-augment", "--temporal-jitter"));
        assertEquals("--no-augment and --temporal-jitter contradict each other", e.getMessage());
    }

    @Test
    void augmentNoiseReachesTheAugmentationAndIsChecked() {
        assertEquals(ClipClassifier.Settings.DEFAULT.augmentation(), parse("--data", "x").augmentation());
        assertEquals(ClipClassifier.Settings.DEFAULT.augmentation().withNoise(0.02),
                parse("--data", "x", "--augment-noise", "0.02").augmentation());
        assertEquals(io.github.crimeanomaly.classify.ClipAugmentation.NONE, parse("--data", "x", "--no-augment").augmentation());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--augment-noise", "0.7"));
        assertEquals("--augment-noise must be in [0, 0.5], got 0.7", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--no-augment", "--augment-noise", "0.02"));
        assertEquals("--no-augment and --augment-noise 0.02 contradict each other", e.getMessage());
    }

    @Test
    void noiseFloorReachesTheInputAndIsChecked() {
        assertEquals(ClipClassifier.Settings.DEFAULT.input().noiseFloor(), parse("--data", "x").input().noiseFloor());
        assertEquals(2.0, parse("--data", "x", "--noise-floor", "2").input().noiseFloor());
        assertEquals(2.0, parse("--data", "x", "--noise-floor", "2", "--frames", "8").input().noiseFloor());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--noise-floor", "-1"));
        assertEquals("--noise-floor must be finite and >= 0, got -1.0", e.getMessage());
    }

    @Test
    void lastEpochTrainingNeedsTheHalfThreshold() throws Exception {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--training", "LAST_EPOCH", "--threshold", "VALIDATION_F1");
        assertEquals(io.github.crimeanomaly.examples.fight.FightComparison.Training.LAST_EPOCH, c.training);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                c::call);
        assertEquals("--training LAST_EPOCH leaves no validation part to set a threshold on: expected --threshold "
                + "HALF, got VALIDATION_F1", e.getMessage());
    }

    @Test
    void aLastEpochTrainingHasNoBestEpochsToAverage() {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--training", "LAST_EPOCH", "--average-epochs", "3");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                c::call);
        assertEquals("--training LAST_EPOCH keeps a last epoch, so there are no best epochs to average: expected "
                + "--average-epochs 1 with it, got 3", e.getMessage());
    }

    @Test
    void warmStartReachesTheSettingsAndIsChecked() {
        assertEquals(5, parse("--data", "x", "--warm-start", "5").warmStart());
        assertEquals(0, parse("--data", "x", "--warm-start", "0").warmStart());
        assertEquals(2, parse("--data", "x", "--epochs", "3", "--warm-start", "2").warmStart());
        IllegalArgumentException all = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--epochs", "4", "--warm-start", "4"));
        assertEquals("--warm-start must be 0 (off) or from 1 to --epochs - 1 = 3, got 4", all.getMessage());
        IllegalArgumentException negative = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--warm-start", "-2"));
        assertTrue(negative.getMessage().endsWith("got -2"), negative.getMessage());
    }

    @Test
    void withoutAHybridTheWarmStartIsOffAndUnchecked() {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--epochs", "3");
        assertEquals(0, c.options.settings(Architecture.CNN_ONLY).warmStart());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> c.options.settings(Architecture.HYBRID));
        assertTrue(e.getMessage().startsWith("--warm-start must be 0 (off)"), e.getMessage());
    }

    @Test
    void everyFrameOnStaysOnAndOffTurnsItOff() {
        // a picocli negatable option with default true would turn --every-frame into false
        assertTrue(parse("--data", "x", "--every-frame").everyFrame());
        assertFalse(parse("--data", "x", "--no-every-frame").everyFrame());
    }

    @Test
    void recurrentAndSkipOptionsReachTheSettings() {
        ClipClassifier.Settings on = parse("--data", "x", "--skip", "--lstm-units", "16", "--bidirectional");
        assertTrue(on.skip());
        assertEquals(16, on.lstmUnits());
        assertTrue(on.bidirectional());
        ClipClassifier.Settings off = parse("--data", "x", "--no-skip", "--no-bidirectional");
        assertFalse(off.skip());
        assertFalse(off.bidirectional());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--skip", "--no-skip"));
        assertTrue(e.getMessage().contains("--skip and --no-skip contradict each other"), e.getMessage());
    }

    @Test
    void skipDropoutReachesTheHybridOnlyAndIsChecked() {
        assertEquals(ClipClassifier.Settings.DEFAULT.skipDropout(), parse("--data", "x").skipDropout());
        assertEquals(0.5, parse("--data", "x", "--skip-dropout", "0.5").skipDropout());
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--skip-dropout", "0.5");
        assertEquals(0.0, c.options.settings(Architecture.CNN_ONLY).skipDropout());
        assertEquals(0.0, c.options.settings(Architecture.LSTM_ONLY).skipDropout());
        IllegalArgumentException range = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--skip-dropout", "1"));
        assertEquals("--skip-dropout must be in [0, 1), got 1.0", range.getMessage());
        IllegalArgumentException noSkip = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--skip-dropout", "0.3", "--no-skip"));
        assertEquals("--skip-dropout 0.3 needs the skip connection, but --no-skip was given", noSkip.getMessage());
    }

    @Test
    void theHybridAndTheLstmAverageTheirFramesByDefault() {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x");
        assertEquals(io.github.crimeanomaly.model.SequencePooling.MEAN, c.options.settings(Architecture.HYBRID).pooling(),
                "the default again since candidate T was reverted");
        assertEquals(4.0, c.options.settings(Architecture.HYBRID).instanceSharpness());
        assertEquals(io.github.crimeanomaly.model.SequencePooling.MEAN, c.options.settings(Architecture.LSTM_ONLY).pooling());
        CompareCommand given = new CompareCommand();
        new CommandLine(given).parseArgs("--data", "x", "--pooling", "LAST");
        assertEquals(io.github.crimeanomaly.model.SequencePooling.LAST, given.options.settings(Architecture.HYBRID).pooling());
        assertEquals(io.github.crimeanomaly.model.SequencePooling.LAST, given.options.settings(Architecture.LSTM_ONLY).pooling());
    }

    @Test
    void multipleInstancePoolingAndItsSharpnessReachTheSettingsAndAreChecked() {
        ClipClassifier.Settings s = parse("--data", "x", "--pooling", "MULTIPLE_INSTANCE", "--instance-sharpness", "4");
        assertEquals(io.github.crimeanomaly.model.SequencePooling.MULTIPLE_INSTANCE, s.pooling());
        assertEquals(4.0, s.instanceSharpness());
        assertEquals(ClipClassifier.Settings.DEFAULT_INSTANCE_SHARPNESS, parse("--data", "x").instanceSharpness());
        for (String bad : new String[] {"0", "-1", "NaN", "Infinity"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> parse("--data", "x", "--pooling", "MULTIPLE_INSTANCE", "--instance-sharpness", bad));
            assertEquals("--instance-sharpness must be > 0 and finite, got " + Double.parseDouble(bad), e.getMessage());
        }
        assertEquals(0.1, parse("--data", "x", "--instance-regularization", "0.1").instanceRegularization());
        assertEquals(0.0, parse("--data", "x").instanceRegularization());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--instance-regularization", "-1"));
        assertEquals("--instance-regularization must be >= 0 and finite, got -1.0", e.getMessage());
    }

    @Test
    void averageEpochsReachesEveryModelAndIsChecked() {
        assertEquals(1, parse("--data", "x").averageBestEpochs());
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--average-epochs", "3");
        assertEquals(3, c.options.settings(Architecture.HYBRID).averageBestEpochs());
        assertEquals(3, c.options.settings(Architecture.CNN_ONLY).averageBestEpochs());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--average-epochs", "0"));
        assertEquals("--average-epochs must be >= 1 (1 = the best epoch alone), got 0", e.getMessage());
    }

    @Test
    void twoStreamReachesTheHybridOnlyAndContradictionsAreRefused() {
        assertEquals(ClipClassifier.Settings.DEFAULT.twoStream(), parse("--data", "x").twoStream());
        assertTrue(parse("--data", "x", "--two-stream").twoStream());
        assertFalse(parse("--data", "x", "--no-two-stream").twoStream());
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--two-stream");
        assertTrue(c.options.settings(Architecture.HYBRID).twoStream());
        assertFalse(c.options.settings(Architecture.CNN_ONLY).twoStream());
        assertFalse(c.options.settings(Architecture.LSTM_ONLY).twoStream());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--two-stream", "--no-two-stream"));
        assertTrue(e.getMessage().contains("--two-stream and --no-two-stream contradict each other"), e.getMessage());
    }

    @Test
    void warmStartHeadReachesTheHybridOnlyAndNeedsWhatItCopiesInto() {
        assertFalse(parse("--data", "x").warmStartHead());
        assertTrue(parse("--data", "x", "--warm-start-head", "--pooling", "MEAN").warmStartHead());
        assertTrue(parse("--data", "x", "--warm-start-head").warmStartHead(), "MEAN is the hybrid's default");
        assertFalse(parse("--data", "x", "--no-warm-start-head").warmStartHead());
        assertEquals("--warm-start-head needs --pooling MEAN (the CNN-only model averages its frames), got --pooling "
                        + "MULTIPLE_INSTANCE",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> parse("--data", "x", "--warm-start-head", "--pooling", "MULTIPLE_INSTANCE")).getMessage());
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--data", "x", "--warm-start-head", "--pooling", "MEAN");
        assertFalse(c.options.settings(Architecture.CNN_ONLY).warmStartHead());
        assertFalse(c.options.settings(Architecture.LSTM_ONLY).warmStartHead());
        assertEquals("--warm-start-head needs a warm start (--warm-start n > 0), got --warm-start 0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> parse("--data", "x", "--warm-start-head", "--warm-start", "0")).getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--warm-start-head", "--no-skip")).getMessage()
                .contains("--warm-start-head needs the skip connection"));
        assertEquals("--warm-start-head needs --pooling MEAN (the CNN-only model averages its frames), got --pooling LAST",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> parse("--data", "x", "--warm-start-head", "--pooling", "LAST")).getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("--data", "x", "--warm-start-head", "--no-warm-start-head")).getMessage()
                .contains("contradict each other"));
    }
}
