package io.partnerhub.callingmetrics.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Customers as customers-service describes them on {@code partnerhub.customers.v1}: names for the tables, and
 * {@code adminIds}/{@code createdBy} for the partner-admin scope. Applied once per event id and only when newer.
 */
@ApplicationScoped
public class CustomerDirectory {

    static final String CONSUMER = "calling-metrics-service.customers";

    private final ProcessedEvents processed;

    public CustomerDirectory(ProcessedEvents processed) {
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
        JsonNode adminIds = customer.path("adminIds");
        String admins = adminIds.isArray() ? adminIds.toString() : "[]";
        long version = event.data().path("version").asLong(0);
        return processed.once(CONSUMER, event.id(), () -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customer (customer_id, partner_org_id, name, admin_ids, created_by, deleted, version)
                        values (?1, ?2, ?3, array(select jsonb_array_elements_text(cast(cast(?4 as text) as jsonb))), ?5, ?6, ?7)
                        on conflict (customer_id) do update
                           set name = excluded.name, admin_ids = excluded.admin_ids, created_by = excluded.created_by,
                               deleted = excluded.deleted, version = excluded.version, updated_at = now()
                         where customer.version < excluded.version and customer.partner_org_id = excluded.partner_org_id
                        """)
                .setParameter(1, customerId)
                .setParameter(2, event.partnerorgid())
                .setParameter(3, customer.path("name").asText())
                .setParameter(4, admins)
                .setParameter(5, customer.hasNonNull("createdBy") ? customer.get("createdBy").asText() : null)
                .setParameter(6, customer.path("deleted").asBoolean(false))
                .setParameter(7, version)
                .executeUpdate()));
    }
}
