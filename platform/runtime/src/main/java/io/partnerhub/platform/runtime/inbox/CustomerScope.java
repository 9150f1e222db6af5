package io.partnerhub.platform.runtime.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The partner-admin scope (docs/product-rules.md, Roles) in a service that does not own customers: who may see a customer, as
 * customers-service last described it on {@code partnerhub.customers.v1}, kept in the service's own table
 * <pre>
 * customer (customer_id uuid primary key, partner_org_id text not null, name text not null, admin_ids text[] not null,
 *           created_by text, deleted boolean not null, version bigint not null, updated_at timestamptz not null default now())
 * </pre>
 * A partner-admin sees a customer of their partner that is known here, not deleted, and assigned to them or created
 * by them; a customer not known yet is nobody's. Full and read-only admins and machine clients are not limited by it.
 */
@ApplicationScoped
public class CustomerScope {

    private final CustomerEvents customers;
    private final IncomingEvents incoming;
    private final ObjectMapper json;

    public CustomerScope(CustomerEvents customers, IncomingEvents incoming, ObjectMapper json) {
        this.customers = customers;
        this.incoming = incoming;
        this.json = json;
    }

    /**
     * A consumer's whole handling of one record of {@code partnerhub.customers.v1}: read it and {@link #apply} it,
     * under the platform's retry policy ({@link IncomingEvents#withRetries}); a record that cannot be read fails at
     * once (to the consumer's dead-letter topic).
     */
    public Uni<Void> consume(String consumer, String value) {
        return incoming.withRetries(() -> apply(consumer, incoming.parse(value))).replaceWithVoid();
    }

    /**
     * Stores the customer an event describes, once per event id ({@code consumer} names the reader in the processed
     * events) and only when its version is newer, in a transaction (the caller's, if it has one).
     *
     * @return true when the event was applied, false for a duplicate or an event without a customer
     */
    @WithTransaction
    public Uni<Boolean> apply(String consumer, CloudEvent event) {
        return customers.applyOnce(consumer, event, this::store);
    }

    /** Fails with 404 naming {@code what} when the actor is a partner-admin who does not see the customer (needs a session). */
    public Uni<Void> requireVisible(Actor actor, UUID customerId, String what) {
        if (!actor.assignedOnly()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from customer c where c.customer_id = ?1 and " + seenBy("c", "?2", "?3"), Long.class)
                .setParameter(1, customerId)
                .setParameter(2, actor.partnerOrgId())
                .setParameter(3, actor.subject())
                .getSingleResult())
                .invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.notFound(what);
                    }
                })
                .replaceWithVoid();
    }

    /** The admin whose customers a query is limited to: the actor's subject for a partner-admin, otherwise null. */
    public static String assignedTo(Actor actor) {
        return actor.assignedOnly() ? actor.subject() : null;
    }

    /**
     * SQL condition: the customer in {@code customerIdColumn} is known, of the partner in {@code partnerParam}, not
     * deleted, and assigned to or created by the admin in {@code adminParam} (parameters as the query writes them).
     */
    public static String visibleTo(String customerIdColumn, String partnerParam, String adminParam) {
        return "exists (select 1 from customer c where c.customer_id = " + customerIdColumn + " and "
                + seenBy("c", partnerParam, adminParam) + ")";
    }

    private static String seenBy(String alias, String partnerParam, String adminParam) {
        return alias + ".partner_org_id = " + partnerParam + " and not " + alias + ".deleted and (" + alias + ".created_by = "
                + adminParam + " or " + adminParam + " = any(" + alias + ".admin_ids))";
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
