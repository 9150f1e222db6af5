package io.partnerhub.platform.runtime.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads CloudEvents (structured mode) from Kafka record values. */
@ApplicationScoped
public class IncomingEvents {

    private final ObjectMapper json;

    public IncomingEvents(ObjectMapper json) {
        this.json = json;
    }

    /** @throws InvalidEventException when the value is not a usable CloudEvent (it goes to the dead-letter topic) */
    public CloudEvent parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("empty message");
        }
        CloudEvent event;
        try {
            event = json.readValue(value, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a CloudEvent in JSON");
        }
        if (event == null || event.id() == null || event.type() == null || event.partnerorgid() == null
                || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new InvalidEventException("CloudEvent without id, type, specversion 1.0 or partnerorgid");
        }
        return event;
    }

    /**
     * Applies an event, retrying with back-off what can heal (a database or broker hiccup: each attempt is a new
     * transaction); an invalid event fails at once and goes to the dead-letter topic.
     */
    public static <T> io.smallrye.mutiny.Uni<T> withRetries(java.util.function.Supplier<io.smallrye.mutiny.Uni<? extends T>> work) {
        return io.smallrye.mutiny.Uni.createFrom().<T>deferred(work)
                .onFailure(e -> !(e instanceof InvalidEventException)
                        && !(e instanceof io.partnerhub.platform.runtime.problem.ProblemException))
                .retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5)).atMost(5);
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("data of " + event.type() + " does not have the expected shape");
        }
    }

    public static class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message, null, false, false);
        }
    }
}
