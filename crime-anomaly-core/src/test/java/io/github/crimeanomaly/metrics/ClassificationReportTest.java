package io.github.crimeanomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.data.LabelEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    private static final int[] Y_TRUE = {0, 0, 1, 1, 1, 2};
    private static final int[] Y_PRED = {0, 1, 1, 1, 0, 1};

    @Test
    void rowsHoldPerClassValuesAndAverages() {
        ClassificationReport r = ClassificationReport.of(Y_TRUE, Y_PRED, List.of("assault", "theft", "robbery, armed"));
        ClassificationReport.Row theft = r.classes().get(1);
        assertEquals("theft", theft.label());
        assertEquals(0.5, theft.precision(), 1e-15); // 2 of 4 predicted theft
        assertEquals(2 / 3.0, theft.recall(), 1e-15);
        assertEquals(3, theft.support());
        ClassificationReport.Row never = r.classes().get(2);
        assertEquals(0.0, never.precision()); // never predicted: zero_division=0
        assertEquals(0.5, r.accuracy(), 1e-15);
        assertEquals(6, r.support());
        assertEquals((0.5 + 0.5 + 0) / 3, r.macroAvg().precision(), 1e-15);
        assertEquals((0.5 * 2 + 0.5 * 3 + 0) / 6, r.weightedAvg().precision(), 1e-15);
    }

    @Test
    void textTableIsAligned() {
        String text = ClassificationReport.of(Y_TRUE, Y_PRED, LabelEncoder.ofClasses(List.of("a", "bb", "ccc")))
                .toString();
        String[] lines = text.split("\n");
        assertTrue(lines[0].endsWith("precision    recall  f1-score   support"), lines[0]);
        int width = lines[0].length();
        for (String line : lines) {
            if (!line.isEmpty()) {
                assertEquals(width, line.length(), "line '" + line + "' in\n" + text);
            }
        }
        assertTrue(text.contains("    accuracy                        0.5000         6"), text);
        assertTrue(text.contains("   macro avg    0.3333    0.3889    0.3571         6"), text);
    }

    @Test
    void csvHasHeaderClassesAndAveragesWithQuotedLabels() {
        String csv = ClassificationReport.of(Y_TRUE, Y_PRED, List.of("a", "b", "x, y")).toCsv();
        String[] lines = csv.split("\n");
        assertEquals("label,precision,recall,f1,support", lines[0]);
        assertEquals("a,0.5,0.5,0.5,2", lines[1]);
        assertEquals("\"x, y\",0.0,0.0,0.0,1", lines[3]);
        assertEquals("accuracy,,,0.5,6", lines[4]);
        assertTrue(lines[5].startsWith("macro avg,"));
        assertTrue(lines[6].startsWith("weighted avg,"));
        assertEquals(7, lines.length);
    }

    @Test
    void jsonRoundTrips() {
        ClassificationReport r = ClassificationReport.of(Y_TRUE, Y_PRED, List.of("a", "b", "c"));
        String json = r.toJson();
        assertTrue(json.contains("\"macroAvg\""), json);
        assertEquals(r, ClassificationReport.fromJson(json));
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.fromJson("{\"classes\":[]}"));
    }

    @Test
    void rejectsWrongNumberOfNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.of(ConfusionMatrix.of(Y_TRUE, Y_PRED, 3), List.of("a", "b")));
        assertEquals("classNames has 2 names but the confusion matrix has 3 classes", e.getMessage());
        // two rows both named "a" used to be printed
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1}, List.of("a", "a")));
        assertEquals("expected distinct class names, got [a, a]", e.getMessage());
    }
}
