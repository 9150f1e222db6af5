package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.CustomerOrder;
import io.partnerhub.subscriptions.LineUsage;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.repository.LineRepository;
import io.partnerhub.subscriptions.repository.OrderRepository;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Reads: subscriptions with license values at a date, and order history. A partner-admin reads only what belongs to
 * customers they see ({@link CustomerScope}); anything else is answered as if it did not exist (404).
 */
@ApplicationScoped
public class SubscriptionQueries {

    public record Slice<T>(List<T> items, String nextCursor) {
    }

    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final OrderRepository orders;
    private final CustomerScope scope;
    private final Clock clock;

    public SubscriptionQueries(SubscriptionRepository subscriptions, LineRepository lines, OrderRepository orders, CustomerScope scope,
                               Clock clock) {
        this.subscriptions = subscriptions;
        this.lines = lines;
        this.orders = orders;
        this.scope = scope;
        this.clock = clock;
    }

    @WithSession
    public Uni<SubscriptionView> get(Actor actor, String subscriptionId, LocalDate asOf) {
        LocalDate date = asOf != null ? asOf : LocalDate.now(clock);
        return visible(actor, subscriptionId, "Subscription")
                .chain(s -> views(List.of(s), date)).map(views -> views.get(0));
    }

    /** The subscription (or trial) if the actor sees it; otherwise 404 naming {@code what}. */
    @WithSession
    public Uni<Subscription> visible(Actor actor, String subscriptionId, String what) {
        return subscriptions.findByExternalId(actor.partnerOrgId(), subscriptionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(what))
                .call(s -> scope.requireVisible(actor, s.customerId, what));
    }

    /** 404 when the actor does not see the customer (a partner-admin's customer that is not theirs or not known yet). */
    @WithSession
    public Uni<Void> visibleCustomer(Actor actor, UUID customerId) {
        return scope.requireVisible(actor, customerId, "Customer");
    }

    /** A list across customers: a partner-admin's holds only their customers' subscriptions. */
    @WithSession
    public Uni<Slice<SubscriptionView>> list(Actor actor, SubscriptionRepository.Filter filter, String cursor, int limit, LocalDate asOf) {
        LocalDate date = asOf != null ? asOf : LocalDate.now(clock);
        String after = cursor == null ? null : Cursor.decode(cursor, 1).value(0);
        return subscriptions.page(filter, CustomerScope.assignedTo(actor), after, limit + 1).chain(rows -> {
            boolean more = rows.size() > limit;
            List<Subscription> page = more ? rows.subList(0, limit) : rows;
            String next = more ? Cursor.of(page.get(page.size() - 1).subscriptionId).encode() : null;
            return views(page, date).map(views -> new Slice<>(views, next));
        });
    }

    /** One customer's order history, newest first (the caller has resolved the customer: {@link CustomerDirectory#require}). */
    @WithSession
    public Uni<Slice<CustomerOrder>> orders(Actor actor, UUID customerId, String cursor, int limit) {
        Cursor c = cursor == null ? null : Cursor.decode(cursor, 2);
        Instant afterAt = c == null ? null : c.value(0, Instant::parse);
        UUID afterId = c == null ? null : c.value(1, UUID::fromString);
        return orders.history(actor.partnerOrgId(), customerId, afterAt, afterId, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<CustomerOrder> page = more ? rows.subList(0, limit) : rows;
            String next = null;
            if (more) {
                CustomerOrder last = page.get(page.size() - 1);
                next = Cursor.of(last.receivedAt.toString(), last.id.toString()).encode();
            }
            return new Slice<>(List.copyOf(page), next);
        });
    }

    Uni<List<SubscriptionView>> views(List<Subscription> page, LocalDate asOf) {
        return lines.linesAt(page.stream().map(s -> s.id).toList(), asOf)
                .map(byRef -> page.stream()
                        .map(s -> new SubscriptionView(s, byRef.getOrDefault(s.id, List.<LineUsage>of()), asOf))
                        .toList());
    }
}
