package io.github.crimeanomaly.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {

    @Test
    void fitSortsDistinctLabelsIndependentOfOrder() {
        LabelEncoder a = LabelEncoder.fit(List.of("theft", "assault", "theft", "battery"));
        LabelEncoder b = LabelEncoder.fit(List.of("battery", "theft", "assault"));
        assertEquals(List.of("assault", "battery", "theft"), a.classes());
        assertEquals(a, b);
        assertEquals(2, a.encode("theft"));
        assertEquals("assault", a.decode(0));
        assertArrayEquals(new int[] {2, 0, 2}, a.encodeAll(List.of("theft", "assault", "theft")));
    }

    @Test
    void ofClassesKeepsOrderAndRejectsDuplicates() {
        LabelEncoder e = LabelEncoder.ofClasses(List.of("normal", "anomaly"));
        assertEquals(0, e.encode("normal"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> LabelEncoder.ofClasses(List.of("a", "b", "a")));
        assertEquals("classes must be distinct, got duplicate 'a'", ex.getMessage());
    }

    @Test
    void unknownLabelsFailOrMapToTheUnknownClass() {
        LabelEncoder e = LabelEncoder.fit(List.of("a", "b"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.encode("z"));
        assertEquals("unknown label 'z': expected one of [a, b]", ex.getMessage());
        LabelEncoder u = e.withUnknownClass("other");
        assertEquals(2, u.encode("z"));
        assertEquals(2, u.encode("other"));
        assertEquals(3, u.numClasses());
        assertEquals(u, u.withUnknownClass("other"));
        // a second unknown class used to turn the first into an ordinary class
        assertEquals("this encoder already maps unknown labels to 'other', got another unknown class 'misc'",
                assertThrows(IllegalArgumentException.class, () -> u.withUnknownClass("misc")).getMessage());
    }

    @Test
    void rejectsBlankLabelsAndBadCodes() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> LabelEncoder.fit(Arrays.asList("a", null)));
        assertEquals("labels[1] must be a non-blank label, got null", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.fit(List.of()));
        ex = assertThrows(IllegalArgumentException.class, () -> LabelEncoder.fit(List.of("a")).decode(1));
        assertEquals("code must be in [0, 1), got 1", ex.getMessage());
    }

    @Test
    void jsonRoundTripsWithAndWithoutUnknownClass() {
        LabelEncoder e = LabelEncoder.fit(List.of("b", "a"));
        assertEquals(e, LabelEncoder.fromJson(e.toJson()));
        LabelEncoder u = e.withUnknownClass("?");
        LabelEncoder back = LabelEncoder.fromJson(u.toJson());
        assertEquals(u, back);
        assertEquals(2, back.encode("never seen"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> LabelEncoder.fromJson("{\"classes\":[\"a\"],\"bogus\":1}"));
        assertTrue(ex.getMessage().startsWith("not a LabelEncoder JSON"), ex.getMessage());
        // a null class used to read "... problem: `java.lang.NullPointerException`"
        ex = assertThrows(IllegalArgumentException.class, () -> LabelEncoder.fromJson("{\"classes\":[\"a\",null]}"));
        assertEquals("not a LabelEncoder JSON: classes[1] must be a non-blank label, got null", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> LabelEncoder.fromJson(null));
        assertEquals("json must not be null", ex.getMessage());
    }
}
