package io.partnerhub.analytics.service;

import io.partnerhub.analytics.repository.CustomerKey;
import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.inbox.CustomerSnapshot;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    private final ObjectMapper json;

    public CustomerIngest(CustomerScope customers, ContributionRecompute recompute, ObjectMapper json) {
        this.customers = customers;
        this.recompute = recompute;
        this.json = json;
    }

    public Uni<Void> apply(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
            Map<CustomerKey, Instant> changed = new TreeMap<>(CustomerKey.ORDER);
            return Multi.createFrom().iterable(events)
                    .onItem().transformToUniAndConcatenate(event -> customers.apply(CONSUMER, event).invoke(applied -> {
                        if (applied) {
                            CustomerSnapshot customer = CustomerSnapshot.of(event).orElseThrow();
                            Instant time = event.time() == null ? Instant.EPOCH : event.time();
                            changed.merge(new CustomerKey(customer.partnerOrgId(), customer.customerId()), time,
                                    (a, b) -> a.isAfter(b) ? a : b);
                        }
                    }))
                    .collect().last()
                    .chain(() -> marked(changed))
                    .replaceWith(() -> List.copyOf(changed.keySet()));
        }).chain(recompute::recompute);
    }

    /**
     * As {@code ReadModelWriter.markDirty} and {@code changed}, in the session's transaction: once per poll, keys in
     * lock order, each partner's state once.
     */
    private Uni<Void> marked(Map<CustomerKey, Instant> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode keys = json.createArrayNode();
        Map<String, Instant> partners = new TreeMap<>();
        changed.forEach((key, time) -> {
            keys.addObject().put("p", key.partnerOrgId()).put("c", key.customerId().toString());
            partners.merge(key.partnerOrgId(), time, (a, b) -> a.isAfter(b) ? a : b);
        });
        ArrayNode states = json.createArrayNode();
        partners.forEach((partner, time) -> states.addObject().put("p", partner).put("t", time.toString()));
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into dirty_customer (partner_org_id, customer_id)
                                select x.p, cast(x.c as uuid) from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(p text, c text)
                                on conflict (partner_org_id, customer_id) do update set marked_at = now()""")
                        .setParameter(1, keys.toString())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        insert into partner_state (partner_org_id, data_version, fresh_at)
                                        select x.p, 1, x.t from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(p text, t timestamptz)
                                        on conflict (partner_org_id) do update
                                           set data_version = partner_state.data_version + 1,
                                               fresh_at = greatest(partner_state.fresh_at, excluded.fresh_at)""")
                                .setParameter(1, states.toString())
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
