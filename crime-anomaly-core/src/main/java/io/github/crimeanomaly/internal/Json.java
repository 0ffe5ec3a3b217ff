package io.github.crimeanomaly.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper the library uses for its own JSON (encoders, manifests, reports).
 * Internal: not part of the API.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }

    /** Returns the shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * One line saying what was wrong with a JSON document, for an error message: the check that
     * failed, if a record's constructor refused a value ("cell size must be in [2, 120] …, got 0"),
     * else Jackson's own message without its second line (the parser's source and offset).
     */
    public static String problem(Throwable e) {
        if (e instanceof com.fasterxml.jackson.databind.RuntimeJsonMappingException && e.getCause() != null) {
            e = e.getCause(); // MappingIterator wraps the parser's exception, whose message has no location
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException c
                && c.getMessage() != null) {
            return c.getMessage();
        }
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
