package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.config.SubscriptionsConfig;
import io.partnerhub.subscriptions.repository.CustomerDirectoryRepository;
import io.partnerhub.subscriptions.repository.CustomerDirectoryRepository.Presence;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves a customer id in the caller's partner before anything is created for it or read of it: a customer the
 * partner does not have is answered 404, whatever the role.
 * <p>
 * The customer read model is eventually consistent: a customer created through customers-service a moment ago may
 * not have arrived here yet. An id this service has never heard of is therefore looked up again, without blocking a
 * thread and without holding a database connection or transaction, until it arrives or
 * {@code partnerhub.subscriptions.customer-arrival-wait} has passed; only then is it 404. An id known as another
 * partner's or as deleted is 404 at once. A customer only CCW knows (an order naming {@code customer{externalId…}})
 * counts as the partner's from its first order on: customers-service creates it from that order's event under the
 * same derived id.
 */
@ApplicationScoped
public class CustomerDirectory {

    private final CustomerDirectoryRepository customers;
    private final CustomerScope scope;
    private final SubscriptionsConfig config;
    private final Vertx vertx;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    public CustomerDirectory(CustomerDirectoryRepository customers, CustomerScope scope, SubscriptionsConfig config, Vertx vertx) {
        this.customers = customers;
        this.scope = scope;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * 404 naming "Customer" unless the customer is the actor's partner's (waiting for it as above) and, for a
     * partner-admin, assigned to or created by them.
     */
    public Uni<Void> require(Actor actor, UUID customerId) {
        return resolve(actor.partnerOrgId(), Set.of(customerId))
                .invoke(found -> {
                    if (found.get(customerId) != Presence.KNOWN) {
                        throw ProblemException.notFound("Customer");
                    }
                })
                .chain(() -> actor.assignedOnly()
                        ? Panache.withSession(() -> scope.requireVisible(actor, customerId, "Customer"))
                        : Uni.createFrom().voidItem());
    }

    /** How many lookups are pausing right now for a customer to arrive (for operators' and tests' eyes). */
    public int waiting() {
        return waiting.get();
    }

    /** What is known of each id once every unknown one has arrived or the wait is over. */
    public Uni<Map<UUID, Presence>> resolve(String partnerOrgId, Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        long deadline = System.nanoTime() + config.customerArrivalWait().toNanos();
        return attempt(partnerOrgId, List.copyOf(customerIds), new HashMap<>(), deadline);
    }

    private Uni<Map<UUID, Presence>> attempt(String partnerOrgId, List<UUID> ids, Map<UUID, Presence> found, long deadline) {
        return customers.presence(partnerOrgId, ids).chain(presence -> {
            found.putAll(presence);
            List<UUID> unknown = ids.stream().filter(id -> presence.getOrDefault(id, Presence.UNKNOWN) == Presence.UNKNOWN).toList();
            unknown.forEach(id -> found.put(id, Presence.UNKNOWN));
            long left = deadline - System.nanoTime();
            if (unknown.isEmpty() || left <= 0) {
                return Uni.createFrom().item(found);
            }
            long pause = Math.max(1, Math.min(config.customerArrivalPoll().toMillis(), left / 1_000_000 + 1));
            waiting.incrementAndGet();
            return delay(pause).eventually(() -> { waiting.decrementAndGet(); })
                    .chain(() -> attempt(partnerOrgId, unknown, found, deadline));
        });
    }

    /** A pause on a Vert.x timer, resuming on the caller's context (where the reactive session lives). */
    private Uni<Void> delay(long millis) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, timer -> {
            if (context == null) {
                emitter.complete(null);
            } else {
                context.runOnContext(v -> emitter.complete(null));
            }
        }));
    }
}
