package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.CustomerOrder;
import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.SubscriptionType;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.Json;
import io.partnerhub.subscriptions.repository.LineRepository;
import io.partnerhub.subscriptions.repository.OrderRepository;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * CCW orders become subscriptions. Idempotent on (partner, ccwOrderId, revision): a replay answers the first
 * result and changes nothing; a higher revision amends the quantities; a lower one is a conflict. Every
 * revision is kept as the customer's order history.
 */
@ApplicationScoped
public class OrderService {

    public static final String CREATED = "CREATED";
    public static final String AMENDED = "AMENDED";
    static final String TOPIC_CONSUMER = "subscriptions-service.ccw-orders";

    private final OrderRepository orders;
    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final SubscriptionEvents events;
    private final ProcessedEvents processed;
    private final Json json;
    private final Clock clock;

    public OrderService(OrderRepository orders, SubscriptionRepository subscriptions, LineRepository lines,
                        SubscriptionEvents events, ProcessedEvents processed, Json json, Clock clock) {
        this.orders = orders;
        this.subscriptions = subscriptions;
        this.lines = lines;
        this.events = events;
        this.processed = processed;
        this.json = json;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<OrderOutcome> place(Actor actor, NewOrder order) {
        CustomerOrder row = row(actor, order);
        // one order (and one subscription id) at a time: revisions apply in a well-defined order
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text) || "
                                        + "cast(pg_advisory_xact_lock(hashtextextended(?2, 0)) as text)", String.class)
                        .setParameter(1, "order:" + actor.partnerOrgId() + ":" + order.ccwOrderId())
                        .setParameter(2, "subscription:" + actor.partnerOrgId() + ":" + order.subscriptionId())
                        .getSingleResult())
                .chain(() -> orders.claim(row))
                .chain(claimed -> claimed ? apply(row, order) : replay(row));
    }

    /** An order from topic {@code partnerhub.ccw-orders.v1}: once per event id, in the same transaction. */
    @WithTransaction
    public Uni<Boolean> placeFromTopic(Actor actor, String eventId, NewOrder order) {
        return processed.once(TOPIC_CONSUMER, eventId, () -> place(actor, order));
    }

    private CustomerOrder row(Actor actor, NewOrder order) {
        CustomerOrder row = new CustomerOrder();
        row.id = UUID.randomUUID();
        row.partnerOrgId = actor.partnerOrgId();
        row.ccwOrderId = order.ccwOrderId();
        row.revision = order.revision();
        row.subscriptionId = order.subscriptionId();
        if (order.customerId() != null) {
            row.customerId = order.customerId();
        } else {
            row.customerId = CustomerIds.forExternalId(actor.partnerOrgId(), order.customer().externalId());
            row.customerExternalId = order.customer().externalId();
            row.customerName = order.customer().name();
            row.customerManagedBy = order.customer().managedBy().name();
        }
        row.startDate = order.startDate();
        row.termMonths = order.termMonths();
        row.autoRenew = order.autoRenew();
        row.lines = json.write(orderLines(order.lines()));
        row.receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return row;
    }

    private Uni<OrderOutcome> replay(CustomerOrder row) {
        return orders.findRevision(row.partnerOrgId, row.ccwOrderId, row.revision)
                .map(first -> new OrderOutcome(false, result(first)));
    }

    private Uni<OrderOutcome> apply(CustomerOrder row, NewOrder order) {
        return orders.latestOther(row.partnerOrgId, row.ccwOrderId, row.id).chain(previous -> {
            if (previous == null) {
                return create(row, order);
            }
            if (previous.revision > row.revision) {
                throw ProblemException.conflict("Revision " + row.revision + " of order " + row.ccwOrderId
                        + " is older than revision " + previous.revision + ", which is applied already");
            }
            return amend(previous, row, order);
        });
    }

    private Uni<OrderOutcome> create(CustomerOrder row, NewOrder order) {
        return subscriptions.findByExternalId(row.partnerOrgId, row.subscriptionId).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("Subscription " + row.subscriptionId + " exists already and belongs to another order");
            }
            Instant now = row.receivedAt;
            Subscription s = new Subscription();
            s.id = UUID.randomUUID();
            s.partnerOrgId = row.partnerOrgId;
            s.subscriptionId = row.subscriptionId;
            s.customerId = row.customerId;
            s.type = SubscriptionType.SUBSCRIPTION;
            s.status = SubscriptionStatus.ORDER_READY;
            s.startDate = order.startDate();
            s.endDate = order.startDate().plusMonths(order.termMonths());
            s.termMonths = order.termMonths();
            s.autoRenew = order.autoRenew();
            s.createdAt = now;
            s.updatedAt = now;
            s.version = 1;
            row.outcome = CREATED;
            return subscriptions.persist(s)
                    .chain(() -> lines.replace(s.id, order.lines()))
                    .chain(() -> orders.recordOutcome(row.id, CREATED))
                    .chain(() -> events.orderReceived(row, orderLines(order.lines())))
                    .chain(() -> events.subscriptionChanged(SubscriptionEvents.CREATED, s, order.lines()))
                    .replaceWith(() -> new OrderOutcome(true, result(row)));
        });
    }

    private Uni<OrderOutcome> amend(CustomerOrder previous, CustomerOrder row, NewOrder order) {
        if (!previous.subscriptionId.equals(row.subscriptionId)) {
            throw ProblemException.conflict("Order " + row.ccwOrderId + " is for subscription " + previous.subscriptionId
                    + "; a revision cannot move it to another subscription");
        }
        if (!previous.customerId.equals(row.customerId)) {
            throw ProblemException.conflict("Order " + row.ccwOrderId + " is for another customer; a revision cannot change it");
        }
        return subscriptions.findForUpdate(row.partnerOrgId, row.subscriptionId).chain(s -> {
            if (s == null || !LifecycleRules.LIVE.contains(s.status)) {
                throw ProblemException.conflict("Subscription " + row.subscriptionId + " is "
                        + (s == null ? "gone" : s.status) + " and cannot be amended");
            }
            s.version++;
            s.updatedAt = row.receivedAt;
            row.outcome = AMENDED;
            return lines.replace(s.id, order.lines())
                    .chain(() -> orders.recordOutcome(row.id, AMENDED))
                    .chain(() -> events.orderReceived(row, orderLines(order.lines())))
                    .chain(() -> events.subscriptionChanged(SubscriptionEvents.AMENDED, s, order.lines()))
                    .replaceWith(() -> new OrderOutcome(false, result(row)));
        });
    }

    static OrderResult result(CustomerOrder o) {
        return new OrderResult(o.id.toString(), o.subscriptionId, o.customerId.toString(), o.revision, o.outcome);
    }

    static List<SubscriptionEvents.OrderLine> orderLines(List<Line> lines) {
        return lines.stream().map(l -> new SubscriptionEvents.OrderLine(l.product().name(), l.sku(), l.purchased())).toList();
    }
}
