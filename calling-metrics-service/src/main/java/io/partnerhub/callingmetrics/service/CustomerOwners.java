package io.partnerhub.callingmetrics.service;

import io.partnerhub.callingmetrics.config.CallingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whether the customers a batch of call records names are the partner's, from the customer read model kept from
 * {@code partnerhub.customers.v1}: one query per batch for its distinct ids. The read model is eventually consistent
 * (a customer created a moment ago may not have arrived), so ids never heard of are looked up again, without
 * blocking a thread, until they arrive or {@code partnerhub.calling.customer-arrival-wait} has passed. An id known as
 * another partner's is answered at once, the same way as one that never arrived (nothing tells a caller that another
 * partner has it).
 */
@ApplicationScoped
public class CustomerOwners {

    /** Why a record's customer is refused; null when it is the partner's. */
    public static final String NOT_A_CUSTOMER = "is not a customer of this partner";
    public static final String DELETED = "is a deleted customer";

    private final Pool pool;
    private final Duration wait;
    private final Duration poll;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    public CustomerOwners(Pool pool, CallingConfig config) {
        this.pool = pool;
        this.wait = config.customerArrivalWait();
        this.poll = config.customerArrivalPoll();
    }

    /** How many batches are pausing right now for a customer to arrive (for operators' and tests' eyes). */
    public int waiting() {
        return waiting.get();
    }

    /** For each refused id, the reason ({@link #NOT_A_CUSTOMER} or {@link #DELETED}); the partner's live customers are absent. */
    public Uni<Map<UUID, String>> refused(String partnerOrgId, Set<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return attempt(partnerOrgId, List.copyOf(customerIds), new HashMap<>(), System.nanoTime() + wait.toNanos());
    }

    private Uni<Map<UUID, String>> attempt(String partnerOrgId, List<UUID> ids, Map<UUID, String> refused, long deadline) {
        return lookUp(partnerOrgId, ids).chain(known -> {
            List<UUID> unknown = ids.stream().filter(id -> !known.containsKey(id)).toList();
            known.forEach((id, reason) -> {
                if (reason != null) {
                    refused.put(id, reason);
                }
            });
            long left = deadline - System.nanoTime();
            if (unknown.isEmpty() || left <= 0) {
                unknown.forEach(id -> refused.put(id, NOT_A_CUSTOMER));
                return Uni.createFrom().item(refused);
            }
            Duration pause = Duration.ofNanos(Math.max(1_000_000, Math.min(poll.toNanos(), left)));
            waiting.incrementAndGet();
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                    .eventually(() -> { waiting.decrementAndGet(); })
                    .chain(() -> attempt(partnerOrgId, unknown, refused, deadline));
        });
    }

    /** The ids the read model knows: null for the partner's live customer, else the reason it is refused. */
    private Uni<Map<UUID, String>> lookUp(String partnerOrgId, Collection<UUID> ids) {
        return pool.preparedQuery("select customer_id, partner_org_id = $1, deleted from customer where customer_id = any($2)")
                .execute(Tuple.of(partnerOrgId, ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, String> known = new HashMap<>();
                    for (Row row : rows) {
                        boolean theirs = row.getBoolean(1);
                        known.put(row.getUUID(0), !theirs ? NOT_A_CUSTOMER : row.getBoolean(2) ? DELETED : null);
                    }
                    return known;
                });
    }
}
