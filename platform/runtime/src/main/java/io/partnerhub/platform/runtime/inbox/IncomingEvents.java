package io.partnerhub.platform.runtime.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.problem.Unavailable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads CloudEvents (structured mode) from Kafka record values, and holds the one retry policy of every consumer
 * ({@link #withRetries}): what can heal is tried again with exponential back-off, what cannot goes to the consumer's
 * dead-letter topic at once. Configuration (defaults in brackets):
 * <ul>
 *   <li>{@code partnerhub.inbox.retry.attempts} [5]: retries after the first attempt;</li>
 *   <li>{@code partnerhub.inbox.retry.initial-back-off} [200ms]: the wait before the first retry, doubled (with
 *       jitter) before each next one;</li>
 *   <li>{@code partnerhub.inbox.retry.max-back-off} [5s]: the longest wait between two attempts.</li>
 * </ul>
 */
@ApplicationScoped
public class IncomingEvents {

    private final ObjectMapper json;
    private final int attempts;
    private final Duration initialBackOff;
    private final Duration maxBackOff;

    public IncomingEvents(ObjectMapper json,
                          @ConfigProperty(name = "partnerhub.inbox.retry.attempts", defaultValue = "5") int attempts,
                          @ConfigProperty(name = "partnerhub.inbox.retry.initial-back-off", defaultValue = "200ms") Duration initialBackOff,
                          @ConfigProperty(name = "partnerhub.inbox.retry.max-back-off", defaultValue = "5s") Duration maxBackOff) {
        this.json = json;
        this.attempts = attempts;
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
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
     * Applies an event (or a poll of them), retrying with back-off what can heal — a database or broker hiccup: each
     * attempt calls {@code work} again, so it is a new transaction. A permanent failure is not retried: an
     * {@link InvalidEventException} (the payload cannot be read or applied) or a {@link ProblemException} (the content
     * is refused); the failure that remains goes to the consumer's dead-letter topic. A lost or refused database
     * connection ({@link Unavailable}) is retried until the database is back.
     */
    public <T> Uni<T> withRetries(Supplier<Uni<? extends T>> work) {
        Uni<T> once = Uni.createFrom().deferred(work);
        if (attempts < 1) {
            return once;
        }
        // the database is down or restarting (connection refused or cut): not the event's fault, so it waits for the
        // database, however long, rather than going to the dead-letter topic; the partition waits with it
        Uni<T> throughOutages = once.onFailure(Unavailable::is).retry().withBackOff(initialBackOff, maxBackOff).indefinitely();
        return throughOutages.onFailure(IncomingEvents::canHeal)
                .retry().withBackOff(initialBackOff, maxBackOff).atMost(attempts);
    }

    /** A failure worth another attempt: neither an unreadable event nor a refused one. */
    public static boolean canHeal(Throwable failure) {
        return !(failure instanceof InvalidEventException) && !(failure instanceof ProblemException);
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
