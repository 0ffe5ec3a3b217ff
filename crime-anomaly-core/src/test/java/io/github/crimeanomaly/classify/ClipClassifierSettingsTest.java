package io.github.crimeanomaly.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.SequencePooling;
import org.junit.jupiter.api.Test;

/** {@link ClipClassifier.Settings}: the builder, the copies, and validation. */
class ClipClassifierSettingsTest {

    private static final ClipClassifier.Settings D = ClipClassifier.Settings.DEFAULT;

    @Test
    void theBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
        assertEquals(D, ClipClassifier.Settings.builder().build());
        ClipClassifier.Settings s = ClipClassifier.Settings.builder().epochs(7).seed(3).lstmUnits(16)
                .pooling(SequencePooling.ATTENTION).skipDropout(0.25).averageBestEpochs(2).build();
        assertEquals(7, s.epochs());
        assertEquals(3, s.seed());
        assertEquals(16, s.lstmUnits());
        assertEquals(SequencePooling.ATTENTION, s.pooling());
        assertEquals(0.25, s.skipDropout());
        assertEquals(2, s.averageBestEpochs());
        assertEquals(D.input(), s.input());
        assertEquals(D.warmStart(), s.warmStart());
        assertEquals(D.l2(), s.l2());
        ClipClassifier.Settings hybrid = ClipClassifier.Settings.defaults(Architecture.HYBRID);
        assertEquals(hybrid, hybrid.toBuilder().build());
        assertEquals(SequencePooling.MEAN, hybrid.pooling(), "the hybrid's default again: T was reverted");
        assertEquals(D, hybrid, "the hybrid's defaults are DEFAULT: 16 steps, mean pooling, its warm start");
        assertEquals(4.0, hybrid.instanceSharpness());
        assertEquals(D.withWarmStart(0), ClipClassifier.Settings.defaults(Architecture.LSTM_ONLY),
                "LSTM-only keeps MEAN, and has no CNN to warm-start");
        // the hybrid's warm start of 5 epochs used to block a short budget for CNN-only
        assertEquals(3, ClipClassifier.Settings.defaults(Architecture.CNN_ONLY).withEpochs(3).epochs());
        assertEquals(0, ClipClassifier.Settings.defaults(Architecture.CNN_ONLY).warmStart());
    }

    @Test
    void eachCopyChangesItsOwnComponentOnly() {
        assertEquals(D.toBuilder().epochs(30).build(), D.withEpochs(30));
        assertEquals(D.toBuilder().lstmUnits(8).bidirectional(false).build(), D.withLstm(8, false));
        assertEquals(D.toBuilder().warmStart(0).build(), D.withWarmStart(0));
        assertEquals(D.toBuilder().skipDropout(0.5).build(), D.withSkipDropout(0.5));
        assertEquals(D.toBuilder().averageBestEpochs(3).build(), D.withAverageBestEpochs(3));
        assertEquals(D.toBuilder().freezeCnn(true).build(), D.withFreezeCnn(true));
        assertNotEquals(D, D.withSeed(43));
        assertEquals(D, D.withSeed(43).withSeed(D.seed()));
    }

    @Test
    void dependentFieldsCanBeSetInAnyOrderAndBuildNamesEveryBadOne() {
        // the default warm start (5) needs more than 5 epochs: set both, in either order
        assertEquals(2, D.toBuilder().epochs(3).warmStart(2).build().warmStart());
        assertEquals(2, D.toBuilder().warmStart(2).epochs(3).build().warmStart());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> D.toBuilder().epochs(0).skipDropout(1.0).averageBestEpochs(0).build());
        assertTrue(e.getMessage().contains("epochs must be >= 1, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("skipDropout must be in [0, 1), got 1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("averageBestEpochs must be >= 1 (1 = the best epoch alone), got 0"),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> D.toBuilder().input(null).build());
        // shortening the budget alone trips over the default warm start: the message says what to set
        String shorter = assertThrows(IllegalArgumentException.class, () -> D.toBuilder().epochs(4).build())
                .getMessage();
        assertTrue(shorter.contains("warmStart must be 0 (off) or in [1, epochs - 1] = [1, 3] (the hybrid needs at "
                + "least one epoch of the budget), got 5; with fewer epochs, lower the CNN warm start too, e.g. "
                + "toBuilder().epochs(4).warmStart(1).build()"), shorter);
        assertEquals(1, D.toBuilder().epochs(4).warmStart(1).build().warmStart(), "the suggestion builds");
    }

    @Test
    void multipleInstancePoolingNeedsTheNormalClassAndBuildsTheOtherAsTheInstanceClass() {
        ClipClassifier.Settings s = D.withMultipleInstance(3);
        assertEquals(SequencePooling.MULTIPLE_INSTANCE, s.pooling());
        assertEquals(3.0, s.instanceSharpness());
        assertEquals(D.toBuilder().pooling(SequencePooling.MULTIPLE_INSTANCE).instanceSharpness(3).build(), s);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> D.toBuilder().instanceSharpness(0).build())
                .getMessage().contains("instanceSharpness must be > 0 and finite, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> D.toBuilder().instanceRegularization(-1).build())
                .getMessage().contains("instanceRegularization must be >= 0 and finite, got -1.0"));
        assertEquals(0.0, D.instanceRegularization(), "none by default");
        try (io.github.crimeanomaly.model.HybridModel m = ClipClassifier.build(Architecture.HYBRID,
                s.toBuilder().instanceRegularization(0.1).build(), java.util.List.of("fight", "noFight"), "noFight")) {
            assertEquals(0.1, m.config().instanceRegularization());
        }
        java.util.List<String> classes = java.util.List.of("fight", "noFight");
        String none = assertThrows(IllegalArgumentException.class,
                () -> ClipClassifier.build(Architecture.HYBRID, s, classes)).getMessage();
        assertTrue(none.contains("MULTIPLE_INSTANCE pooling needs two classes and which of them is normal")
                && none.contains("got none (use build(arch, settings, classes, normalClass))"), none);
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> ClipClassifier.build(Architecture.HYBRID, s, classes, "calm")).getMessage();
        assertTrue(unknown.contains("expected a normal class among [fight, noFight], got 'calm'"), unknown);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClipClassifier.build(Architecture.LSTM_ONLY, s,
                java.util.List.of("a", "b", "c"), "a")).getMessage().contains("needs two classes"));
        for (String normal : classes) {
            try (io.github.crimeanomaly.model.HybridModel m = ClipClassifier.build(Architecture.HYBRID, s, classes, normal)) {
                assertEquals(normal.equals("noFight") ? 0 : 1, m.config().instanceClass(), normal);
                assertEquals(3.0, m.config().instanceSharpness());
            }
        }
        // CNN_ONLY always averages its frames, and needs no normal class
        try (io.github.crimeanomaly.model.HybridModel m = ClipClassifier.build(Architecture.CNN_ONLY, s, classes)) {
            assertEquals(SequencePooling.MEAN, m.config().sequencePooling());
        }
    }
}
