package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RocMetricsTest {

    @Test
    void aucOfTheScikitLearnDocExample() {
        // sklearn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        double auc = RocMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        assertEquals(0.75, auc, 1e-12);
    }

    @Test
    void aucCountsTiesHalf() {
        // pairs (pos, neg): (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.1) = 1, (0.9 vs both) = 2 -> 3.5 / 4
        double auc = RocMetrics.auc(new double[] {0.5, 0.1, 0.5, 0.9}, new boolean[] {false, false, true, true});
        assertEquals(0.875, auc, 1e-12);
    }

    @Test
    void eerOfPerfectAndOfAHandCheckedCase() {
        assertEquals(0.0, RocMetrics.eer(new double[] {0.1, 0.2, 0.8, 0.9},
                new boolean[] {false, false, true, true}), 1e-12);
        // scores 1..4, labels n p n p: ROC points (fpr, fnr): thr 4 (0, .5); thr 3 (.5, .5) -> EER 0.5
        assertEquals(0.5, RocMetrics.eer(new double[] {1, 2, 3, 4},
                new boolean[] {false, true, false, true}), 1e-12);
        // scores 1..6, labels n n p n p p: from the top (fpr, fnr) = (0, 2/3), (0, 1/3), (1/3, 1/3) -> 1/3
        assertEquals(1.0 / 3, RocMetrics.eer(new double[] {1, 2, 3, 4, 5, 6},
                new boolean[] {false, false, true, false, true, true}), 1e-12);
    }

    @Test
    void rejectsSingleClass() {
        assertThrows(IllegalArgumentException.class,
                () -> RocMetrics.auc(new double[] {1, 2}, new boolean[] {true, true}));
    }
}
