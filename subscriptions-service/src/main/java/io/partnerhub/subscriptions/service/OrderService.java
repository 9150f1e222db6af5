package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.ids.CustomerIds;
import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.partnerhub.platform.core.problem.Problem;
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
import io.partnerhub.subscriptions.repository.OrderBatchRepository;
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
import java.util.List;
import java.util.Map;
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
    private final OrderBatchRepository batches;
    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final SubscriptionEvents events;
    private final ProcessedEvents processed;
    private final Json json;
    private final Clock clock;

    public OrderService(OrderRepository orders, OrderBatchRepository batches, SubscriptionRepository subscriptions, LineRepository lines,
                        SubscriptionEvents events, ProcessedEvents processed, Json json, Clock clock) {
        this.orders = orders;
        this.batches = batches;
        this.subscriptions = subscriptions;
        this.lines = lines;
        this.events = events;
        this.processed = processed;
        this.json = json;
        this.clock = clock;
    }

    /** One item of a batch: an order, or what is wrong with it. */
    public record BatchItem(NewOrder order, int status, String detail, List<Problem.FieldError> errors) {

        public static BatchItem of(NewOrder order) {
            return new BatchItem(order, 0, null, null);
        }

        public static BatchItem rejected(int status, String detail, List<Problem.FieldError> errors) {
            return new BatchItem(null, status, detail, errors);
        }
    }

    /** The result of one batch item: the HTTP status {@code POST /orders} would have answered. */
    public record BatchResult(int index, int status, OrderResult result, String detail, List<Problem.FieldError> errors,
                              boolean replayed) {

        public BatchResult(int index, int status, OrderResult result, String detail, List<Problem.FieldError> errors) {
            this(index, status, result, detail, errors, false);
        }
    }

    @WithTransaction
    public Uni<OrderOutcome> place(Actor actor, NewOrder order) {
        return placeInTransaction(actor, order);
    }

    /**
     * A batch in one transaction. First revisions of new orders (the bulk of CCW traffic) are planned in memory and
     * written set-based: one statement locks every order and subscription id of the batch, one reads what exists,
     * one creates all new subscriptions, lines and order rows; then their events go to the outbox. Replays are
     * answered from what was read. Everything else (amendments, and any order with one of those earlier in the
     * batch) runs the one-order path behind its own savepoint, so a failing order is rolled back alone and
     * reported by index. The batch commits once.
     */
    @WithTransaction
    public Uni<List<BatchResult>> placeBatch(Actor actor, List<BatchItem> items) {
        BatchResult[] results = new BatchResult[items.size()];
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).order() == null) {
                BatchItem rejected = items.get(i);
                results[i] = new BatchResult(i, rejected.status(), null, rejected.detail(), rejected.errors());
            } else {
                valid.add(i);
            }
        }
        if (valid.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        String partner = actor.partnerOrgId();
        java.util.TreeSet<String> orderKeys = new java.util.TreeSet<>();
        java.util.TreeSet<String> subscriptionKeys = new java.util.TreeSet<>();
        for (int i : valid) {
            NewOrder o = items.get(i).order();
            orderKeys.add("order:" + partner + ":" + o.ccwOrderId());
            subscriptionKeys.add("subscription:" + partner + ":" + o.subscriptionId());
        }
        // every order key before every subscription key, each sorted: the one-order path takes one of each in that order
        List<String> keys = new ArrayList<>(orderKeys);
        keys.addAll(subscriptionKeys);
        List<String> ccwOrderIds = valid.stream().map(i -> items.get(i).order().ccwOrderId()).distinct().toList();
        List<String> subscriptionIds = valid.stream().map(i -> items.get(i).order().subscriptionId()).distinct().toList();
        return batches.lock(keys)
                .chain(() -> batches.known(partner, ccwOrderIds, subscriptionIds))
                .chain(known -> {
                    Plan plan = plan(actor, items, valid, known, results);
                    return writeCreates(plan)
                            .chain(() -> slowPath(actor, items, plan.slow(), results))
                            .map(done -> List.of(results));
                });
    }

    /** A new subscription planned by a batch, with what its events need. */
    private record Create(CustomerOrder row, Subscription subscription, List<Line> lines) {
    }

    private record Plan(List<Create> creates, List<Integer> slow) {
    }

    private Plan plan(Actor actor, List<BatchItem> items, List<Integer> valid, OrderBatchRepository.Known known, BatchResult[] results) {
        Map<String, List<OrderBatchRepository.Revision>> revisions = new java.util.HashMap<>();
        known.revisions().forEach(r -> revisions.computeIfAbsent(r.ccwOrderId(), k -> new ArrayList<>()).add(r));
        java.util.Set<String> taken = new java.util.HashSet<>(known.subscriptions());
        java.util.Set<String> slowOrders = new java.util.HashSet<>();
        List<Create> creates = new ArrayList<>();
        List<Integer> slow = new ArrayList<>();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (int i : valid) {
            NewOrder order = items.get(i).order();
            if (slowOrders.contains(order.ccwOrderId())) {
                slow.add(i);
                continue;
            }
            List<OrderBatchRepository.Revision> received = revisions.getOrDefault(order.ccwOrderId(), List.of());
            OrderBatchRepository.Revision same = received.stream().filter(r -> r.revision() == order.revision()).findFirst().orElse(null);
            if (same != null) {
                List<String> differences = content(row(actor, order), order).differences(content(same));
                results[i] = differences.isEmpty()
                        ? new BatchResult(i, 200, new OrderResult(same.orderId().toString(), same.subscriptionId(),
                                same.customerId().toString(), same.revision(), same.outcome()), null, null, true)
                        : new BatchResult(i, 409, null, revisionConflict(order, differences).getMessage(),
                                revisionConflict(order, differences).toProblem().errors());
            } else if (!received.isEmpty()) {
                // an amendment (or a lower revision): the one-order path decides, after the creates are written
                slowOrders.add(order.ccwOrderId());
                slow.add(i);
            } else if (taken.contains(order.subscriptionId())) {
                results[i] = new BatchResult(i, 409, null, "Subscription " + order.subscriptionId()
                        + " exists already and belongs to another order", null);
            } else {
                CustomerOrder row = row(actor, order);
                row.receivedAt = receivedAt;
                row.outcome = CREATED;
                Subscription s = newSubscription(row, order);
                creates.add(new Create(row, s, order.lines()));
                taken.add(order.subscriptionId());
                revisions.computeIfAbsent(order.ccwOrderId(), k -> new ArrayList<>()).add(new OrderBatchRepository.Revision(
                        row.ccwOrderId, row.id, row.revision, row.subscriptionId, row.customerId, CREATED, row.customerExternalId,
                        row.customerName, row.customerManagedBy, row.startDate, row.termMonths, row.autoRenew, row.lines));
                results[i] = new BatchResult(i, 201, result(row), null, null);
            }
        }
        return new Plan(creates, slow);
    }

    private Uni<Void> writeCreates(Plan plan) {
        if (plan.creates().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Create c : plan.creates()) {
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("ref", c.subscription().id);
            row.put("order_id", c.row().id);
            row.put("ccw_order_id", c.row().ccwOrderId);
            row.put("revision", c.row().revision);
            row.put("subscription_id", c.row().subscriptionId);
            row.put("customer_id", c.row().customerId);
            row.put("customer_external_id", c.row().customerExternalId);
            row.put("customer_name", c.row().customerName);
            row.put("customer_managed_by", c.row().customerManagedBy);
            row.put("start_date", c.subscription().startDate);
            row.put("end_date", c.subscription().endDate);
            row.put("term_months", c.subscription().termMonths);
            row.put("auto_renew", c.subscription().autoRenew);
            row.put("lines", c.lines());
            row.put("order_lines", c.row().lines);
            rows.add(row);
        }
        Instant receivedAt = plan.creates().get(0).row().receivedAt;
        return batches.createAll(plan.creates().get(0).row().partnerOrgId, rows, receivedAt)
                .invoke(inserted -> {
                    if (inserted != rows.size()) {
                        throw new IllegalStateException("batch created " + inserted + " of " + rows.size() + " orders");
                    }
                })
                // every order's two events in one outbox write per thousand, in order
                .chain(() -> events.publishAll(plan.creates().stream()
                        .flatMap(c -> java.util.stream.Stream.of(events.orderReceivedMessage(c.row(), orderLines(c.lines())),
                                events.subscriptionChangedMessage(SubscriptionEvents.CREATED, c.subscription(), c.lines())))
                        .toList()))
                .replaceWithVoid();
    }

    private Uni<Void> slowPath(Actor actor, List<BatchItem> items, List<Integer> slow, BatchResult[] results) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int index : slow) {
            NewOrder order = items.get(index).order();
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.flush()
                    .chain(() -> session.createNativeQuery("savepoint batch_item").executeUpdate())
                    .chain(() -> placeInTransaction(actor, order))
                    .call(() -> session.flush())
                    .call(() -> session.createNativeQuery("release savepoint batch_item").executeUpdate())
                    // everything is flushed: a small session keeps each flush's dirty check small
                    .invoke(() -> session.clear())
                    .map(outcome -> new BatchResult(index, outcome.created() ? 201 : 200, outcome.result(), null, null,
                            outcome.replayed()))
                    .onFailure().recoverWithUni(failure -> {
                        // forget what the failed order left in the session, then undo it in the database
                        session.clear();
                        return session.createNativeQuery("rollback to savepoint batch_item").executeUpdate()
                                .map(ignored -> failure instanceof ProblemException problem
                                        ? new BatchResult(index, problem.status(), null, problem.getMessage(), problem.toProblem().errors())
                                        : new BatchResult(index, 500, null, "The order could not be processed; send it again", null));
                    })
                    .invoke(result -> results[index] = result)
                    .replaceWithVoid()));
        }
        return chain;
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
                            List<String> differences = content(row, order).differences(content(received));
                            if (!differences.isEmpty()) {
                                throw revisionConflict(order, differences);
                            }
                            return Uni.createFrom().item(new OrderOutcome(false, new OrderResult(received.orderId().toString(),
                                    received.subscriptionId(), received.customerId().toString(), received.revision(), received.outcome()),
                                    true));
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
        Subscription s = newSubscription(row, order);
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

    private static Subscription newSubscription(CustomerOrder row, NewOrder order) {
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
        return s;
    }

    private Uni<Void> claim(CustomerOrder row) {
        return orders.claim(row).invoke(claimed -> {
            if (!claimed) {
                throw ProblemException.conflict("Revision " + row.revision + " of order " + row.ccwOrderId + " arrived twice at once; send it again");
            }
        }).replaceWithVoid();
    }

    /** 409: this revision was received before saying something else (the fields named); nothing changes. */
    static ProblemException revisionConflict(NewOrder order, List<String> differences) {
        return new ProblemException(409, "Revision " + order.revision() + " of order " + order.ccwOrderId()
                + " was received before with other content; send changes as a higher revision",
                differences.stream().map(f -> new Problem.FieldError(f, "differs from revision " + order.revision() + " received before"))
                        .toList());
    }

    private OrderContent content(CustomerOrder row, NewOrder order) {
        return new OrderContent(row.subscriptionId, row.customerId, row.customerExternalId, row.customerName, row.customerManagedBy,
                order.startDate(), order.termMonths(), order.autoRenew(), orderLines(order.lines()));
    }

    private OrderContent content(OrderRepository.Received r) {
        return new OrderContent(r.subscriptionId(), r.customerId(), r.customerExternalId(), r.customerName(), r.customerManagedBy(),
                r.startDate(), r.termMonths(), r.autoRenew(), json.list(r.lines(), SubscriptionEvents.OrderLine.class));
    }

    private OrderContent content(OrderBatchRepository.Revision r) {
        return new OrderContent(r.subscriptionId(), r.customerId(), r.customerExternalId(), r.customerName(), r.customerManagedBy(),
                r.startDate(), r.termMonths(), r.autoRenew(), json.list(r.lines(), SubscriptionEvents.OrderLine.class));
    }

    static OrderResult result(CustomerOrder o) {
        return new OrderResult(o.id.toString(), o.subscriptionId, o.customerId.toString(), o.revision, o.outcome);
    }

    static List<SubscriptionEvents.OrderLine> orderLines(List<Line> lines) {
        return lines.stream().map(l -> new SubscriptionEvents.OrderLine(l.product().name(), l.sku(), l.purchased())).toList();
    }
}
