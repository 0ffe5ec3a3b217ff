package io.github.crimeanomaly.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.crimeanomaly.model.CnnBlock;
import org.junit.jupiter.api.Test;

/** Errors read from a saved file's JSON are worded in one line, without Jackson's internals. */
class JsonTest {

    @Test
    void aValueTheRecordRefusesIsReportedAsTheRecordsOwnCheck() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.mapper().readValue(
                "{\"filters\": 0, \"kernel\": 3, \"stride\": 1, \"poolSize\": 2, \"batchNorm\": false, \"dropout\": 0}",
                CnnBlock.class));
        assertTrue(e.getMessage().contains("\n"), "Jackson's own message has the parser's location on a second line");
        assertEquals("invalid CnnBlock: filters must be >= 1, got 0", Json.problem(e));
    }

    @Test
    void brokenJsonIsOneLineWithoutTheParsersLocation() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> Json.mapper().readTree("{\"threshold\": NaN}"));
        String p = Json.problem(e);
        assertTrue(p.startsWith("Non-standard token 'NaN'") && !p.contains("\n") && !p.contains("[Source"), p);
    }
}
