package io.partnerhub.platform.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for tests and demo data, written by Jackson rather than assembled from strings: {@link #object()} and
 * {@link #array()} for trees (insertion order kept, {@code null} values allowed), {@link #write} for maps, lists and
 * records, {@link #read} to embed JSON text written elsewhere. Only JSON that is malformed on purpose is written by hand.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code text} as a tree (for JSON written elsewhere that a test puts into a larger document). */
    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    /** {@code value} (a tree, map, list, record or plain value) as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value.getClass().getName(), e);
        }
    }
}
