package io.partnerhub.analytics.service;

import io.partnerhub.platform.runtime.inbox.CustomerEvents;
import io.partnerhub.platform.runtime.inbox.CustomerSnapshot;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Applies customer events to the {@code customer} read model: once per event id, and only when the event's
 * version is newer than what is stored (so replays and out-of-order arrival change nothing wrongly).
 */
@ApplicationScoped
public class CustomerReadModel {

    static final String CONSUMER = "analytics-service.customers";

    private final CustomerEvents customers;

    public CustomerReadModel(CustomerEvents customers) {
        this.customers = customers;
    }

    /** @return true when the event was applied, false for a duplicate or an event this model does not use */
    @WithTransaction
    public Uni<Boolean> apply(CloudEvent event) {
        return customers.applyOnce(CONSUMER, event, this::store);
    }

    private Uni<Integer> store(CustomerSnapshot customer) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customer (customer_id, partner_org_id, name, deleted, version, event_time)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (customer_id) do update
                           set name = excluded.name, deleted = excluded.deleted, version = excluded.version,
                               event_time = excluded.event_time, updated_at = now()
                         where customer.version < excluded.version and customer.partner_org_id = excluded.partner_org_id
                        """)
                .setParameter(1, customer.customerId())
                .setParameter(2, customer.partnerOrgId())
                .setParameter(3, customer.name())
                .setParameter(4, customer.deleted())
                .setParameter(5, customer.version())
                .setParameter(6, customer.time() == null ? null : OffsetDateTime.ofInstant(customer.time(), ZoneOffset.UTC))
                .executeUpdate());
    }
}
