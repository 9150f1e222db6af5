package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.ids.CustomerIds;
import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.partnerhub.platform.runtime.problem.Problem;
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
import java.util.ArrayList;
import java.util.Comparator;
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

    /** One item of a batch: an order, or what is wrong with it. */
    public record BatchItem(NewOrder order, List<Problem.FieldError> errors) {
    }

    /** The result of one batch item: the HTTP status {@code POST /orders} would have answered. */
    public record BatchResult(int index, int status, OrderResult result, String detail, List<Problem.FieldError> errors) {
    }

    @WithTransaction
    public Uni<OrderOutcome> place(Actor actor, NewOrder order) {
        return placeInTransaction(actor, order);
    }

    /**
     * A batch in one transaction, each order behind its own savepoint: a failing order is rolled back alone and
     * reported by index, and the batch commits once (one WAL flush instead of one per order).
     */
    @WithTransaction
    public Uni<List<BatchResult>> placeBatch(Actor actor, List<BatchItem> items) {
        List<BatchResult> results = new ArrayList<>(items.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            BatchItem item = items.get(i);
            if (item.order() == null) {
                results.add(new BatchResult(index, 400, null, "The order is not valid", item.errors()));
                continue;
            }
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.flush()
                    .chain(() -> session.createNativeQuery("savepoint batch_item").executeUpdate())
                    .chain(() -> placeInTransaction(actor, item.order()))
                    .call(() -> session.flush())
                    .call(() -> session.createNativeQuery("release savepoint batch_item").executeUpdate())
                    // everything is flushed: a small session keeps each flush's dirty check small
                    .invoke(() -> session.clear())
                    .map(outcome -> new BatchResult(index, outcome.created() ? 201 : 200, outcome.result(), null, null))
                    .onFailure().recoverWithUni(failure -> {
                        // forget what the failed order left in the session, then undo it in the database
                        session.clear();
                        return session.createNativeQuery("rollback to savepoint batch_item").executeUpdate()
                                .map(ignored -> failure instanceof ProblemException problem
                                        ? new BatchResult(index, problem.status(), null, problem.getMessage(), problem.toProblem().errors())
                                        : new BatchResult(index, 500, null, "The order could not be processed; send it again", null));
                    })
                    .invoke(results::add)
                    .replaceWithVoid()));
        }
        return chain.map(done -> results.stream().sorted(Comparator.comparingInt(BatchResult::index)).toList());
    }

    /** An order from topic {@code partnerhub.ccw-orders.v1}: once per event id, in the same transaction. */
    @WithTransaction
    public Uni<Boolean> placeFromTopic(Actor actor, String eventId, NewOrder order) {
        return processed.once(TOPIC_CONSUMER, eventId, () -> placeInTransaction(actor, order));
    }

    private Uni<OrderOutcome> placeInTransaction(Actor actor, NewOrder order) {
        CustomerOrder row = row(actor, order);
        // one order (and one subscription id) at a time: revisions apply in a well-defined order, and what is
        // read below stays true until the commit
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text) || "
                                        + "cast(pg_advisory_xact_lock(hashtextextended(?2, 0)) as text)", String.class)
                        .setParameter(1, "order:" + actor.partnerOrgId() + ":" + order.ccwOrderId())
                        .setParameter(2, "subscription:" + actor.partnerOrgId() + ":" + order.subscriptionId())
                        .getSingleResult())
                .chain(() -> orders.known(row.partnerOrgId, row.ccwOrderId, row.subscriptionId))
                .chain(known -> {
                    List<OrderRepository.Received> revisions = known.revisions();
                    for (OrderRepository.Received received : revisions) {
                        if (received.revision() == row.revision) {
                            return Uni.createFrom().item(new OrderOutcome(false, new OrderResult(received.orderId().toString(),
                                    received.subscriptionId(), received.customerId().toString(), received.revision(), received.outcome())));
                        }
                    }
                    if (revisions.isEmpty()) {
                        return create(row, order, known.subscriptionExists());
                    }
                    OrderRepository.Received latest = revisions.get(0);
                    if (latest.revision() > row.revision) {
                        throw ProblemException.conflict("Revision " + row.revision + " of order " + row.ccwOrderId
                                + " is older than revision " + latest.revision() + ", which is applied already");
                    }
                    return amend(latest, row, order);
                });
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
            row.customerId = CustomerIds.fromExternalId(actor.partnerOrgId(), order.customer().externalId());
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

    private Uni<OrderOutcome> create(CustomerOrder row, NewOrder order, boolean subscriptionExists) {
        if (subscriptionExists) {
            throw ProblemException.conflict("Subscription " + row.subscriptionId + " exists already and belongs to another order");
        }
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
        s.createdAt = row.receivedAt;
        s.updatedAt = row.receivedAt;
        s.version = 1;
        row.outcome = CREATED;
        // one statement for subscription, lines and order row: batches are bound by round trips
        return orders.createWithSubscription(row, s, json.write(order.lines()))
                .invoke(inserted -> {
                    if (!inserted) {
                        throw ProblemException.conflict("Revision " + row.revision + " of order " + row.ccwOrderId
                                + " arrived twice at once; send it again");
                    }
                })
                .chain(() -> events.orderReceived(row, orderLines(order.lines())))
                .chain(() -> events.subscriptionChanged(SubscriptionEvents.CREATED, s, order.lines()))
                .replaceWith(() -> new OrderOutcome(true, result(row)));
    }

    private Uni<OrderOutcome> amend(OrderRepository.Received previous, CustomerOrder row, NewOrder order) {
        if (!previous.subscriptionId().equals(row.subscriptionId)) {
            throw ProblemException.conflict("Order " + row.ccwOrderId + " is for subscription " + previous.subscriptionId()
                    + "; a revision cannot move it to another subscription");
        }
        if (!previous.customerId().equals(row.customerId)) {
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
                    .chain(() -> claim(row))
                    .chain(() -> events.orderReceived(row, orderLines(order.lines())))
                    .chain(() -> events.subscriptionChanged(SubscriptionEvents.AMENDED, s, order.lines()))
                    .replaceWith(() -> new OrderOutcome(false, result(row)));
        });
    }

    private Uni<Void> claim(CustomerOrder row) {
        return orders.claim(row).invoke(claimed -> {
            if (!claimed) {
                throw ProblemException.conflict("Revision " + row.revision + " of order " + row.ccwOrderId + " arrived twice at once; send it again");
            }
        }).replaceWithVoid();
    }

    static OrderResult result(CustomerOrder o) {
        return new OrderResult(o.id.toString(), o.subscriptionId, o.customerId.toString(), o.revision, o.outcome);
    }

    static List<SubscriptionEvents.OrderLine> orderLines(List<Line> lines) {
        return lines.stream().map(l -> new SubscriptionEvents.OrderLine(l.product().name(), l.sku(), l.purchased())).toList();
    }
}
