package io.partnerhub.platform.runtime.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes an event into the outbox table in the caller's transaction (the current reactive session), so the
 * event exists exactly when the change it describes is committed. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final Clock clock;
    private final String source;

    public Outbox(ObjectMapper json, Clock clock, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.json = json;
        this.clock = clock;
        this.source = "/" + application;
    }

    /**
     * @param topic        Kafka topic
     * @param type         CloudEvent type, e.g. {@code partnerhub.customer.created}
     * @param key          record key and CloudEvent subject: the customer id (or the aggregate's own id)
     * @param partnerOrgId the tenant
     * @param data         the event data, serialised as JSON
     * @return the envelope as written
     */
    public Uni<CloudEvent> publish(String topic, String type, String key, String partnerOrgId, Object data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, key,
                clock.instant(), "application/json", partnerOrgId, json.valueToTree(data));
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serialisable: " + type, e));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into outbox_event (id, topic, message_key, event_type, payload) values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb))")
                .setParameter(1, UUID.fromString(event.id()))
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, type)
                .setParameter(5, payload)
                .executeUpdate())
                .replaceWith(event);
    }
}
