package io.partnerhub.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Applies customer events to the {@code customer} read model: once per event id, and only when the event's
 * version is newer than what is stored (so replays and out-of-order arrival change nothing wrongly).
 */
@ApplicationScoped
public class CustomerReadModel {

    static final String CONSUMER = "analytics-service.customers";

    private final ProcessedEvents processed;

    public CustomerReadModel(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** @return true when the event was applied, false for a duplicate or an event this model does not use */
    @WithTransaction
    public Uni<Boolean> apply(CloudEvent event) {
        JsonNode customer = event.data() == null ? null : event.data().get("customer");
        if (!event.type().startsWith("partnerhub.customer.") || customer == null || !customer.hasNonNull("customerId")) {
            return Uni.createFrom().item(false);
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(customer.get("customerId").asText());
        } catch (IllegalArgumentException e) {
            throw new IncomingEvents.InvalidEventException("customerId is not a UUID");
        }
        long version = event.data().path("version").asLong(0);
        return processed.once(CONSUMER, event.id(), () -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customer (customer_id, partner_org_id, name, deleted, version, event_time)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (customer_id) do update
                           set name = excluded.name, deleted = excluded.deleted, version = excluded.version,
                               event_time = excluded.event_time, updated_at = now()
                         where customer.version < excluded.version and customer.partner_org_id = excluded.partner_org_id
                        """)
                .setParameter(1, customerId)
                .setParameter(2, event.partnerorgid())
                .setParameter(3, customer.path("name").asText())
                .setParameter(4, customer.path("deleted").asBoolean(false))
                .setParameter(5, version)
                .setParameter(6, event.time() == null ? null : OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC))
                .executeUpdate()));
    }
}
