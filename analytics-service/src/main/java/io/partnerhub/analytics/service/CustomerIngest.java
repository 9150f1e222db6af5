package io.partnerhub.analytics.service;

import io.partnerhub.analytics.repository.CustomerKey;
import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.inbox.CustomerSnapshot;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Customer events through the platform's {@link CustomerScope} (names, partner-admin scope, deletion), a poll in one
 * transaction. A customer that changed is marked in that transaction and computed again after it commits: whether
 * it is deleted decides whether its lines count.
 */
@ApplicationScoped
public class CustomerIngest {

    static final String CONSUMER = "analytics-service.customers";

    private final CustomerScope customers;
    private final ContributionRecompute recompute;

    public CustomerIngest(CustomerScope customers, ContributionRecompute recompute) {
        this.customers = customers;
        this.recompute = recompute;
    }

    public Uni<Void> apply(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
            List<CustomerKey> changed = new ArrayList<>();
            return Multi.createFrom().iterable(events)
                    .onItem().transformToUniAndConcatenate(event -> customers.apply(CONSUMER, event).chain(applied -> {
                        if (!applied) {
                            return Uni.createFrom().voidItem();
                        }
                        CustomerSnapshot customer = CustomerSnapshot.of(event).orElseThrow();
                        changed.add(new CustomerKey(customer.partnerOrgId(), customer.customerId()));
                        return marked(customer, event.time());
                    }))
                    .collect().last()
                    .replaceWith(changed);
        }).chain(recompute::recompute);
    }

    /** As {@code ReadModelWriter.markDirty} and {@code changed}, in the session's transaction. */
    private static Uni<Void> marked(CustomerSnapshot customer, Instant time) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into dirty_customer (partner_org_id, customer_id) values (?1, ?2)
                                on conflict (partner_org_id, customer_id) do update set marked_at = now()""")
                        .setParameter(1, customer.partnerOrgId())
                        .setParameter(2, customer.customerId())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        insert into partner_state (partner_org_id, data_version, fresh_at) values (?1, 1, ?2)
                                        on conflict (partner_org_id) do update
                                           set data_version = partner_state.data_version + 1,
                                               fresh_at = greatest(partner_state.fresh_at, excluded.fresh_at)""")
                                .setParameter(1, customer.partnerOrgId())
                                .setParameter(2, OffsetDateTime.ofInstant(time == null ? Instant.EPOCH : time, ZoneOffset.UTC))
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
