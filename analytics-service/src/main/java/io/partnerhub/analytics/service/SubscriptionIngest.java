package io.partnerhub.analytics.service;

import io.partnerhub.analytics.mapping.AnalyticsEvent;
import io.partnerhub.analytics.repository.CustomerKey;
import io.partnerhub.analytics.repository.ReadModelWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a poll of subscription, trial and license-usage events in one transaction: each event once (by id), a
 * subscription only from a newer version, a snapshot date only from a later write; the customers whose figures may
 * change are marked in the same transaction and computed again right after it commits.
 */
@ApplicationScoped
public class SubscriptionIngest {

    static final String CONSUMER = "analytics-service.subscriptions";

    private final Pool pool;
    private final ReadModelWriter writer;
    private final ContributionRecompute recompute;

    public SubscriptionIngest(Pool pool, ReadModelWriter writer, ContributionRecompute recompute) {
        this.pool = pool;
        this.writer = writer;
        this.recompute = recompute;
    }

    public Uni<Void> apply(List<AnalyticsEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store(events).chain(recompute::recompute);
    }

    private Uni<List<CustomerKey>> store(List<AnalyticsEvent> events) {
        return pool.withTransaction(connection -> writer.firstTime(connection, CONSUMER, events.stream().map(AnalyticsEvent::eventId).toList())
                .chain(fresh -> {
                    List<CustomerKey> changed = new ArrayList<>();
                    Map<String, Instant> freshAt = new TreeMap<>();
                    List<AnalyticsEvent> todo = events.stream().filter(e -> fresh.remove(e.eventId())).toList();
                    return Multi.createFrom().iterable(todo)
                            .onItem().transformToUniAndConcatenate(event -> (event instanceof AnalyticsEvent.SubscriptionChanged s ? writer.subscription(connection, s)
                                    : writer.snapshots(connection, (AnalyticsEvent.UsageRecorded) event)).invoke(customers -> {
                                customers.forEach(c -> changed.add(new CustomerKey(event.partnerOrgId(), c)));
                                if (!customers.isEmpty()) {
                                    freshAt.merge(event.partnerOrgId(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
                                }
                            }))
                            .collect().last()
                            .chain(() -> writer.markDirty(connection, changed))
                            .chain(() -> Multi.createFrom().iterable(freshAt.entrySet())
                                    .onItem().transformToUniAndConcatenate(p -> writer.changed(connection, p.getKey(), p.getValue()))
                                    .collect().last())
                            .replaceWith(changed);
                }));
    }

}
