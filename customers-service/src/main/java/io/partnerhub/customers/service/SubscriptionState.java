package io.partnerhub.customers.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.customers.Customer;
import io.partnerhub.customers.ManagedBy;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.customers.repository.CustomerStatuses;
import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.partnerhub.platform.runtime.inbox.EventFields.date;
import static io.partnerhub.platform.runtime.inbox.EventFields.optionalDate;
import static io.partnerhub.platform.runtime.inbox.EventFields.text;
import static io.partnerhub.platform.runtime.inbox.EventFields.uuid;

/**
 * Keeps the per-customer summary of subscription state (for statuses and filters) from
 * {@code partnerhub.subscriptions.v1}: once per event id, and per subscription only newer versions.
 */
@ApplicationScoped
public class SubscriptionState {

    static final String CONSUMER = "customers-service.subscriptions";

    private final ProcessedEvents processed;
    private final CustomerEvents events;
    private final Clock clock;

    public SubscriptionState(ProcessedEvents processed, CustomerEvents events, Clock clock) {
        this.processed = processed;
        this.events = events;
        this.clock = clock;
    }

    /** @return true when the event changed something or was recorded; false for a duplicate */
    @WithTransaction
    public Uni<Boolean> apply(CloudEvent event) {
        String type = event.type();
        JsonNode data = event.data();
        if (data == null) {
            return Uni.createFrom().item(false);
        }
        if (type.startsWith("partnerhub.subscription.") || type.startsWith("partnerhub.trial.")) {
            return processed.once(CONSUMER, event.id(), () -> subscription(event.partnerorgid(), data));
        }
        if (type.equals("partnerhub.license.usage-recorded")) {
            return processed.once(CONSUMER, event.id(), () -> usage(event, data));
        }
        if (type.equals("partnerhub.order.received")) {
            return processed.once(CONSUMER, event.id(), () -> orderedCustomer(event.partnerorgid(), data.path("order")));
        }
        return Uni.createFrom().item(false);
    }

    private Uni<Void> subscription(String partner, JsonNode data) {
        JsonNode s = data.path("subscription");
        String subscriptionId = text(s, "subscriptionId");
        UUID customerId = uuid(s, "customerId");
        long version = data.path("version").asLong(0);
        // the customer it belonged to before this event: its statuses change too when the subscription moves
        Uni<UUID> before = Panache.getSession().chain(session -> session.createNativeQuery(
                        "select customer_id from subscription_summary where partner_org_id = ?1 and subscription_id = ?2")
                .setParameter(1, partner).setParameter(2, subscriptionId).getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0) == null ? null : UUID.fromString(rows.get(0).toString()));
        return before.chain(previous -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into subscription_summary (partner_org_id, subscription_id, customer_id, type, status, start_date,
                                                          end_date, auto_renew, version)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        on conflict (partner_org_id, subscription_id) do update
                           set customer_id = excluded.customer_id, type = excluded.type, status = excluded.status,
                               start_date = excluded.start_date, end_date = excluded.end_date,
                               auto_renew = excluded.auto_renew, version = excluded.version
                         where subscription_summary.version < excluded.version""")
                        .setParameter(1, partner)
                        .setParameter(2, subscriptionId)
                        .setParameter(3, customerId)
                        .setParameter(4, text(s, "type"))
                        .setParameter(5, text(s, "status"))
                        .setParameter(6, optionalDate(s, "startDate"))
                        .setParameter(7, optionalDate(s, "endDate"))
                        .setParameter(8, s.path("autoRenew").asBoolean(false))
                        .setParameter(9, version)
                        .executeUpdate()
                .chain(applied -> applied == 0 ? Uni.createFrom().voidItem() : replaceLines(partner, subscriptionId, s.path("lines"))
                        .chain(() -> CustomerStatuses.refreshSubscription(session, partner, subscriptionId))
                        .chain(() -> previous == null || previous.equals(customerId) ? Uni.createFrom().voidItem()
                                : CustomerStatuses.refresh(session, previous)))));
    }

    private Uni<Void> replaceLines(String partner, String subscriptionId, JsonNode lines) {
        Uni<Void> chain = Panache.getSession().chain(session -> session
                .createNativeQuery("delete from subscription_line where partner_org_id = ?1 and subscription_id = ?2")
                .setParameter(1, partner).setParameter(2, subscriptionId).executeUpdate()).replaceWithVoid();
        for (JsonNode line : lines) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                            insert into subscription_line (partner_org_id, subscription_id, product, sku, purchased)
                            values (?1, ?2, ?3, ?4, ?5)
                            on conflict (partner_org_id, subscription_id, product)
                            do update set purchased = subscription_line.purchased + excluded.purchased""")
                    .setParameter(1, partner)
                    .setParameter(2, subscriptionId)
                    .setParameter(3, text(line, "product"))
                    .setParameter(4, line.path("sku").isNull() ? null : line.path("sku").asText(null))
                    .setParameter(5, line.path("purchased").asLong(0))
                    .executeUpdate()).replaceWithVoid());
        }
        return chain;
    }

    /** Dated license values; a date already stored keeps the later write (event time, then event id). */
    private Uni<Void> usage(CloudEvent event, JsonNode data) {
        String subscriptionId = text(data, "subscriptionId");
        OffsetDateTime recordedAt = (event.time() == null ? Instant.EPOCH : event.time()).atOffset(ZoneOffset.UTC);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JsonNode snapshot : data.path("snapshots")) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                            insert into license_snapshot (partner_org_id, subscription_id, product, day, assigned, used, recorded_at, event_id)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                            on conflict (partner_org_id, subscription_id, product, day)
                            do update set assigned = excluded.assigned, used = excluded.used, recorded_at = excluded.recorded_at,
                                          event_id = excluded.event_id
                             where (license_snapshot.recorded_at, license_snapshot.event_id) < (excluded.recorded_at, excluded.event_id)""")
                    .setParameter(1, event.partnerorgid())
                    .setParameter(2, subscriptionId)
                    .setParameter(3, text(snapshot, "product"))
                    .setParameter(4, date(snapshot, "date"))
                    .setParameter(5, snapshot.path("assigned").asLong(0))
                    .setParameter(6, snapshot.path("used").asLong(0))
                    .setParameter(7, recordedAt)
                    .setParameter(8, event.id())
                    .executeUpdate()).replaceWithVoid());
        }
        return chain.chain(() -> Panache.getSession().chain(session ->
                CustomerStatuses.refreshSubscription(session, event.partnerorgid(), subscriptionId)));
    }

    /**
     * An order for a customer customers-service does not know yet (new in CCW, named by external id): create it
     * under the id subscriptions-service chose, once.
     */
    private Uni<Void> orderedCustomer(String partner, JsonNode order) {
        JsonNode described = order.path("customer");
        if (!order.hasNonNull("customerId") || !described.hasNonNull("name")) {
            return Uni.createFrom().voidItem();
        }
        UUID customerId = uuid(order, "customerId");
        return Customer.<Customer>findById(customerId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            String externalId = described.hasNonNull("externalId") ? described.get("externalId").asText() : null;
            Uni<Long> clash = externalId == null ? Uni.createFrom().item(0L)
                    : Customer.count("partnerOrgId = ?1 and externalId = ?2 and deleted = false", partner, externalId);
            return clash.chain(count -> {
                if (count > 0) {
                    return Uni.createFrom().voidItem();
                }
                Customer customer = new Customer();
                customer.id = customerId;
                customer.partnerOrgId = partner;
                customer.name = described.get("name").asText();
                customer.externalId = externalId;
                customer.managedBy = "EXTERNAL".equals(described.path("managedBy").asText()) ? ManagedBy.EXTERNAL : ManagedBy.PARTNER;
                customer.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                customer.createdBy = "order-integrator";
                customer.version = 1;
                return customer.persist().chain(() -> Panache.getSession().chain(s -> s.flush()))
                        .chain(() -> Panache.getSession().chain(s -> CustomerStatuses.refresh(s, customerId)))
                        .chain(() -> events.customerChanged(CustomerEvents.CREATED, customer, List.of(), List.of()));
            });
        });
    }
}
