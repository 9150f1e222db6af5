package io.partnerhub.platform.runtime.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes an event into the outbox table in the caller's transaction (the current reactive session), so the
 * event exists exactly when the change it describes is committed. {@link OutboxRelay} publishes it. With tracing on,
 * the envelope carries the current span's W3C trace context ({@code traceparent}, {@code tracestate}: the CloudEvents
 * distributed-tracing extension), which the relay continues.
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
        TraceContext trace = TraceContext.current();
        for (Message message : messages) {
            CloudEvent event = envelope(message.type(), message.key(), message.partnerOrgId(), message.data(), trace);
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
     * As {@link #publishAll(List)}, in the transaction of a Vert.x SQL connection instead of the reactive Hibernate
     * session (for services that write in bulk with the SQL client directly): one statement, whatever the count.
     */
    public Uni<List<CloudEvent>> publishAll(SqlClient transaction, List<Message> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = messages.size();
        List<CloudEvent> events = new ArrayList<>(n);
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        TraceContext trace = TraceContext.current();
        for (int i = 0; i < n; i++) {
            Message message = messages.get(i);
            CloudEvent event = envelope(message.type(), message.key(), message.partnerOrgId(), message.data(), trace);
            events.add(event);
            ids[i] = UUID.fromString(event.id());
            topics[i] = message.topic();
            keys[i] = message.key();
            types[i] = message.type();
            payloads[i] = serialise(event);
        }
        return transaction.preparedQuery("""
                        insert into outbox_event (id, topic, message_key, event_type, payload)
                        select id, topic, message_key, event_type, cast(payload as jsonb)
                          from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality
                               as e(id, topic, message_key, event_type, payload, n)
                         order by n
                        """)
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(topics).addArrayOfString(keys)
                        .addArrayOfString(types).addArrayOfString(payloads))
                .replaceWith(events);
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
        CloudEvent event = envelope(type, key, partnerOrgId, data, TraceContext.current());
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

    private CloudEvent envelope(String type, String key, String partnerOrgId, Object data, TraceContext trace) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, key,
                clock.instant(), "application/json", partnerOrgId, json.valueToTree(data), trace.traceparent(), trace.tracestate());
    }

    private String serialise(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.type(), e);
        }
    }
}
