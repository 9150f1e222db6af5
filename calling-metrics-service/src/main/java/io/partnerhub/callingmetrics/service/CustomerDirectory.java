package io.partnerhub.callingmetrics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.inbox.CustomerEvents;
import io.partnerhub.platform.runtime.inbox.CustomerSnapshot;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Customers as customers-service describes them on {@code partnerhub.customers.v1}: names for the tables, and
 * {@code adminIds}/{@code createdBy} for the partner-admin scope. Applied once per event id and only when newer.
 */
@ApplicationScoped
public class CustomerDirectory {

    static final String CONSUMER = "calling-metrics-service.customers";

    private final CustomerEvents customers;
    private final ObjectMapper json;

    public CustomerDirectory(CustomerEvents customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    /** @return true when the event was applied, false for a duplicate or an event this model does not use */
    @WithTransaction
    public Uni<Boolean> apply(CloudEvent event) {
        return customers.applyOnce(CONSUMER, event, this::store);
    }

    private Uni<Integer> store(CustomerSnapshot customer) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customer (customer_id, partner_org_id, name, admin_ids, created_by, deleted, version)
                        values (?1, ?2, ?3, array(select jsonb_array_elements_text(cast(cast(?4 as text) as jsonb))), ?5, ?6, ?7)
                        on conflict (customer_id) do update
                           set name = excluded.name, admin_ids = excluded.admin_ids, created_by = excluded.created_by,
                               deleted = excluded.deleted, version = excluded.version, updated_at = now()
                         where customer.version < excluded.version and customer.partner_org_id = excluded.partner_org_id
                        """)
                .setParameter(1, customer.customerId())
                .setParameter(2, customer.partnerOrgId())
                .setParameter(3, customer.name())
                .setParameter(4, adminIds(customer))
                .setParameter(5, customer.createdBy())
                .setParameter(6, customer.deleted())
                .setParameter(7, customer.version())
                .executeUpdate());
    }

    private String adminIds(CustomerSnapshot customer) {
        try {
            return json.writeValueAsString(customer.adminIds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin ids not serialisable", e);
        }
    }
}
