package io.partnerhub.subscriptions.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Native queries here answer one JSON text (json_agg of camelCase columns): one round trip, exact types, and no
 * guessing how the reactive driver maps a column.
 */
@ApplicationScoped
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> List<T> list(String json, Class<T> type) {
        if (json == null) {
            return List.of();
        }
        JavaType listType = mapper.getTypeFactory().constructCollectionType(List.class, type);
        try {
            return mapper.readValue(json, listType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable query answer", e);
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON", e);
        }
    }
}
