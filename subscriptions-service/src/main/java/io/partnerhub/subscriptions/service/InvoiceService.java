package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.Invoice;
import io.partnerhub.subscriptions.InvoiceStatus;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.config.SubscriptionsConfig;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.InvoiceRepository;
import io.partnerhub.subscriptions.repository.LineRepository;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Invoices of a subscription; paying the last overdue one resumes a subscription suspended for non-payment. */
@ApplicationScoped
public class InvoiceService {

    public record NewInvoice(String number, LocalDate periodStart, LocalDate periodEnd, BigDecimal amount, String currency,
                             LocalDate dueDate) {
    }

    private final InvoiceRepository invoices;
    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final SubscriptionEvents events;
    private final SubscriptionQueries queries;
    private final CustomerScope scope;
    private final SubscriptionsConfig config;
    private final Clock clock;

    public InvoiceService(InvoiceRepository invoices, SubscriptionRepository subscriptions, LineRepository lines,
                          SubscriptionEvents events, SubscriptionQueries queries, CustomerScope scope, SubscriptionsConfig config,
                          Clock clock) {
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.lines = lines;
        this.events = events;
        this.queries = queries;
        this.scope = scope;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Invoice> issue(Actor actor, String subscriptionId, NewInvoice request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw ProblemException.badRequest("periodEnd", "must not be before periodStart");
        }
        return queries.visible(actor, subscriptionId, "Subscription")
                .call(s -> {
                    if (s.isTrial()) {
                        throw ProblemException.conflict("A trial is not invoiced");
                    }
                    return invoices.numberTaken(actor.partnerOrgId(), request.number()).invoke(taken -> {
                        if (taken) {
                            throw ProblemException.conflict("Invoice number " + request.number() + " exists already");
                        }
                    });
                })
                .chain(s -> {
                    Invoice invoice = new Invoice();
                    invoice.id = UUID.randomUUID();
                    invoice.partnerOrgId = s.partnerOrgId;
                    invoice.subscriptionRef = s.id;
                    invoice.subscriptionId = s.subscriptionId;
                    invoice.customerId = s.customerId;
                    invoice.number = request.number();
                    invoice.periodStart = request.periodStart();
                    invoice.periodEnd = request.periodEnd();
                    invoice.amount = request.amount();
                    invoice.currency = request.currency();
                    invoice.dueDate = request.dueDate();
                    invoice.status = InvoiceStatus.OPEN;
                    invoice.issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    invoice.version = 1;
                    return invoices.persist(invoice)
                            .chain(() -> events.invoiceChanged(SubscriptionEvents.INVOICE_ISSUED, invoice))
                            .replaceWith(invoice);
                });
    }

    /** One page of a subscription's invoices, oldest first (keyset on issue time and id). */
    @WithSession
    public Uni<SubscriptionQueries.Slice<Invoice>> list(Actor actor, String subscriptionId, String cursor, int limit) {
        Cursor c = cursor == null ? null : Cursor.decode(cursor, 2);
        Instant after = c == null ? null : c.value(0, Instant::parse);
        UUID afterInvoice = c == null ? null : c.value(1, UUID::fromString);
        return queries.visible(actor, subscriptionId, "Subscription")
                .chain(s -> invoices.ofSubscription(s.id, after, afterInvoice, limit + 1))
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<Invoice> page = more ? rows.subList(0, limit) : rows;
                    Invoice last = more ? page.get(page.size() - 1) : null;
                    return new SubscriptionQueries.Slice<>(List.copyOf(page),
                            last == null ? null : Cursor.of(last.issuedAt.toString(), last.id.toString()).encode());
                });
    }

    /** The invoice, if the actor sees its customer; otherwise 404. */
    @WithSession
    public Uni<Invoice> get(Actor actor, UUID invoiceId) {
        return invoices.findOfPartner(actor.partnerOrgId(), invoiceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Invoice"))
                .call(invoice -> scope.requireVisible(actor, invoice.customerId, "Invoice"));
    }

    /** Marks the invoice PAID; resumes its subscription when it was suspended and nothing else is overdue past grace. */
    @WithTransaction
    public Uni<Invoice> pay(Actor actor, UUID invoiceId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate graceLimit = LocalDate.now(clock).minusDays(config.invoiceGraceDays());
        return invoices.findForUpdate(actor.partnerOrgId(), invoiceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Invoice"))
                .call(invoice -> scope.requireVisible(actor, invoice.customerId, "Invoice"))
                .chain(invoice -> {
                    if (invoice.status == InvoiceStatus.PAID) {
                        throw ProblemException.conflict("Invoice " + invoice.number + " is paid already");
                    }
                    invoice.status = InvoiceStatus.PAID;
                    invoice.paidAt = now;
                    invoice.version++;
                    return events.invoiceChanged(SubscriptionEvents.INVOICE_PAID, invoice)
                            .chain(() -> invoices.flush())
                            .chain(() -> subscriptions.findForUpdate(invoice.subscriptionRef))
                            .chain(s -> s.status != SubscriptionStatus.SUSPENDED
                                    ? Uni.createFrom().voidItem()
                                    : invoices.hasOverduePastGrace(s.id, graceLimit).chain(stillOverdue -> {
                                        if (stillOverdue) {
                                            return Uni.createFrom().voidItem();
                                        }
                                        s.status = SubscriptionStatus.ACTIVE;
                                        s.version++;
                                        s.updatedAt = now;
                                        return lines.lines(s.id).chain(l -> events.subscriptionChanged(SubscriptionEvents.RESUMED, s, l));
                                    }))
                            .replaceWith(invoice);
                });
    }
}
