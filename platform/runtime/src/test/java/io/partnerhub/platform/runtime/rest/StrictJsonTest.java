package io.partnerhub.platform.runtime.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    enum Kind { PARTNER, CUSTOMER }

    record Body(String name, int quantity, Kind kind, Boolean flag) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void readsWellTypedValues() throws JsonProcessingException {
        assertEquals(new Body("Acme", 3, Kind.PARTNER, true),
                mapper.readValue("{\"name\":\"Acme\",\"quantity\":3,\"kind\":\"PARTNER\",\"flag\":true}", Body.class));
    }

    @Test
    void refusesANumberOrBooleanForText() {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"name\":42}", Body.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"name\":4.2}", Body.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"name\":true}", Body.class));
    }

    @Test
    void refusesQuotedNumbersFractionsAndOrdinals() {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"quantity\":\"3\"}", Body.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"quantity\":3.5}", Body.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"kind\":0}", Body.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"flag\":\"true\"}", Body.class));
    }

    @Test
    void refusesAnythingAfterTheDocument() {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"name\":\"Acme\"} {}", Body.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"name\":\"Acme\"}x", Body.class));
    }
}
