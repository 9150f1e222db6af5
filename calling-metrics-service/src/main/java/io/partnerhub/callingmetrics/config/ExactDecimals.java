package io.partnerhub.callingmetrics.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON numbers with a fraction are read into trees as the decimals they are written as, not through a double: a call
 * record from the topic (its CloudEvent is read as a tree) has its MOS, loss, jitter and latency checked against the
 * poor-call thresholds exactly, as a request body's records are (those are read token by token, as decimals).
 */
@Singleton
public class ExactDecimals implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
