package io.partnerhub.platform.runtime.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

    /** One event to write: see {@link #publish}. */
    public record Message(String topic, String type, String key, String partnerOrgId, Object data) {
    }

    /** Rows per insert statement in {@link #publishAll} (5 parameters each, well under PostgreSQL's limit). */
    static final int ROWS_PER_STATEMENT = 1000;

    /**
     * Writes many events in the caller's transaction with one statement per thousand events, in list order (the
     * relay publishes them in that order). For bulk work, where one round trip per event would dominate.
     */
    public Uni<List<CloudEvent>> publishAll(List<Message> messages) {
        List<CloudEvent> events = new ArrayList<>(messages.size());
        List<String> payloads = new ArrayList<>(messages.size());
        for (Message message : messages) {
            CloudEvent event = envelope(message.type(), message.key(), message.partnerOrgId(), message.data());
            events.add(event);
            payloads.add(serialise(event));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < messages.size(); from += ROWS_PER_STATEMENT) {
            int start = from;
            int end = Math.min(messages.size(), from + ROWS_PER_STATEMENT);
            chain = chain.chain(() -> Panache.getSession().chain(session -> {
                StringBuilder sql = new StringBuilder("insert into outbox_event (id, topic, message_key, event_type, payload) values ");
                for (int i = start; i < end; i++) {
                    int p = (i - start) * 5;
                    sql.append(i == start ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                            .append(p + 3).append(", ?").append(p + 4).append(", cast(cast(?").append(p + 5).append(" as text) as jsonb))");
                }
                var query = session.createNativeQuery(sql.toString());
                for (int i = start; i < end; i++) {
                    int p = (i - start) * 5;
                    Message message = messages.get(i);
                    query.setParameter(p + 1, UUID.fromString(events.get(i).id()))
                            .setParameter(p + 2, message.topic())
                            .setParameter(p + 3, message.key())
                            .setParameter(p + 4, message.type())
                            .setParameter(p + 5, payloads.get(i));
                }
                return query.executeUpdate();
            }).replaceWithVoid());
        }
        return chain.replaceWith(events);
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
        CloudEvent event = envelope(type, key, partnerOrgId, data);
        String payload = serialise(event);
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

    private CloudEvent envelope(String type, String key, String partnerOrgId, Object data) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, key,
                clock.instant(), "application/json", partnerOrgId, json.valueToTree(data));
    }

    private String serialise(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.type(), e);
        }
    }
}
