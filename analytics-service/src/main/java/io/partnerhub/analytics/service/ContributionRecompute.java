package io.partnerhub.analytics.service;

import io.partnerhub.analytics.Contributions;
import io.partnerhub.analytics.repository.ContributionStore;
import io.partnerhub.analytics.repository.CustomerKey;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Computes again what marked customers contribute to their partner's figures and adds the difference to the
 * partner's sums by date, in one transaction per batch. Called right after a change commits; a sweep picks up
 * what a failure left marked.
 */
@ApplicationScoped
public class ContributionRecompute {

    static final int SWEEP_BATCH = 1000;
    /** Marks younger than this belong to a change whose own recompute is still on its way. */
    static final long SWEEP_GRACE_MILLIS = 2000;

    private final Pool pool;
    private final ContributionStore store;

    public ContributionRecompute(Pool pool, ContributionStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Uni<Void> recompute(Collection<CustomerKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<UUID>> byPartner = new TreeMap<>();
        keys.stream().distinct().sorted(CustomerKey.ORDER)
                .forEach(key -> byPartner.computeIfAbsent(key.partnerOrgId(), p -> new ArrayList<>()).add(key.customerId()));
        return pool.withTransaction(connection -> Multi.createFrom().iterable(byPartner.entrySet())
                .onItem().transformToUniAndConcatenate(partner -> recompute(connection, partner.getKey(), partner.getValue()))
                .collect().last()
                .replaceWithVoid());
    }

    @Scheduled(every = "${partnerhub.analytics.sweep-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return store.dirty(pool, SWEEP_BATCH, SWEEP_GRACE_MILLIS).chain(this::recompute);
    }

    private Uni<Void> recompute(SqlConnection connection, String partnerOrgId, List<UUID> customers) {
        return store.lock(connection, partnerOrgId, customers)
                .chain(() -> store.clearDirty(connection, partnerOrgId, customers))
                .chain(() -> store.deleted(connection, partnerOrgId, customers))
                .chain(deleted -> store.histories(connection, partnerOrgId, customers)
                        .chain(histories -> store.stored(connection, partnerOrgId, customers).chain(before -> {
                            Map<UUID, Contributions> after = new TreeMap<>();
                            Contributions difference = Contributions.none();
                            for (UUID customer : customers) {
                                Contributions now = deleted.contains(customer) || !histories.containsKey(customer)
                                        ? Contributions.none() : Contributions.of(histories.get(customer));
                                after.put(customer, now);
                                difference.addAll(now.minus(before.getOrDefault(customer, Contributions.none())));
                            }
                            return store.store(connection, partnerOrgId, after)
                                    .chain(() -> store.addToPartner(connection, partnerOrgId, difference));
                        })));
    }

}
