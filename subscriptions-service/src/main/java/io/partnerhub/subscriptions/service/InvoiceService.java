package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.Invoice;
import io.partnerhub.subscriptions.InvoicePayment;
import io.partnerhub.subscriptions.InvoiceStatus;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.config.SubscriptionsConfig;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.InvoicePaymentRepository;
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

/**
 * Invoices of a subscription and their payments; the payment that settles the last overdue invoice resumes a
 * subscription suspended for non-payment.
 */
@ApplicationScoped
public class InvoiceService {

    public record NewInvoice(String number, LocalDate periodStart, LocalDate periodEnd, BigDecimal amount, String currency,
                             LocalDate dueDate) {
    }

    /** A payment as the caller sent it: a positive amount (validated by the resource), an optional reference. */
    public record NewPayment(BigDecimal amount, String reference) {
    }

    private final InvoiceRepository invoices;
    private final InvoicePaymentRepository payments;
    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final SubscriptionEvents events;
    private final SubscriptionQueries queries;
    private final CustomerScope scope;
    private final SubscriptionsConfig config;
    private final Clock clock;

    public InvoiceService(InvoiceRepository invoices, InvoicePaymentRepository payments, SubscriptionRepository subscriptions, LineRepository lines,
                          SubscriptionEvents events, SubscriptionQueries queries, CustomerScope scope, SubscriptionsConfig config,
                          Clock clock) {
        this.invoices = invoices;
        this.payments = payments;
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
                    invoice.issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    invoice.paidAmount = BigDecimal.ZERO.setScale(2);
                    // PAID once its payments cover its amount: nothing is owed on an invoice of 0.00
                    boolean nothingOwed = request.amount().signum() == 0;
                    invoice.status = nothingOwed ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
                    invoice.paidAt = nothingOwed ? invoice.issuedAt : null;
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
                .call(this::withPayments)
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
                .call(invoice -> scope.requireVisible(actor, invoice.customerId, "Invoice"))
                .call(invoice -> withPayments(List.of(invoice)));
    }

    /** Loads the payments of these invoices (one query) into their {@code payments}. */
    private Uni<Void> withPayments(List<Invoice> page) {
        return payments.ofInvoices(page.stream().map(i -> i.id).toList()).invoke(found -> page.forEach(
                i -> i.payments = List.copyOf(found.getOrDefault(i.id, List.of())))).replaceWithVoid();
    }

    /**
     * Records a payment (a positive amount, at most what is still owed: otherwise 400 naming {@code amount}; a PAID
     * invoice is 409). The invoice row is locked first, so racing payments add up. The payment that covers the amount
     * makes it PAID ({@code partnerhub.invoice.paid}) and resumes its subscription when it was suspended and no other
     * invoice of it is overdue past the grace period; a partial payment leaves it OPEN or OVERDUE
     * ({@code partnerhub.invoice.payment-recorded}).
     */
    @WithTransaction
    public Uni<Invoice> pay(Actor actor, UUID invoiceId, NewPayment request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate graceLimit = LocalDate.now(clock).minusDays(config.invoiceGraceDays());
        return invoices.findForUpdate(actor.partnerOrgId(), invoiceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Invoice"))
                .call(invoice -> scope.requireVisible(actor, invoice.customerId, "Invoice"))
                .chain(invoice -> {
                    if (invoice.status == InvoiceStatus.PAID) {
                        throw ProblemException.conflict("Invoice " + invoice.number + " is paid already");
                    }
                    BigDecimal owed = invoice.outstanding();
                    if (request.amount().compareTo(owed) > 0) {
                        throw ProblemException.badRequest("amount", "must not exceed what the invoice still owes: "
                                + owed.toPlainString() + " " + invoice.currency);
                    }
                    InvoicePayment payment = new InvoicePayment();
                    payment.id = UUID.randomUUID();
                    payment.invoiceId = invoice.id;
                    payment.partnerOrgId = invoice.partnerOrgId;
                    payment.amount = request.amount().setScale(2);
                    payment.reference = request.reference() == null || request.reference().isBlank() ? null : request.reference().strip();
                    payment.recordedAt = now;
                    payment.recordedBy = actor.subject();
                    invoice.paidAmount = invoice.paidAmount.add(payment.amount);
                    invoice.version++;
                    boolean settled = invoice.paidAmount.compareTo(invoice.amount) >= 0;
                    if (settled) {
                        invoice.status = InvoiceStatus.PAID;
                        invoice.paidAt = now;
                    }
                    return payments.persist(payment)
                            .chain(() -> events.invoiceChanged(settled ? SubscriptionEvents.INVOICE_PAID
                                    : SubscriptionEvents.INVOICE_PAYMENT_RECORDED, invoice, payment))
                            .chain(() -> invoices.flush())
                            .chain(() -> settled ? resumeIfNothingOverdue(invoice, graceLimit, now) : Uni.createFrom().voidItem())
                            .chain(() -> withPayments(List.of(invoice)))
                            .replaceWith(invoice);
                });
    }

    /** Resumes the invoice's subscription when it is SUSPENDED and none of its invoices is still overdue past grace. */
    private Uni<Void> resumeIfNothingOverdue(Invoice invoice, LocalDate graceLimit, Instant now) {
        return subscriptions.findForUpdate(invoice.subscriptionRef)
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
                        }));
    }
}
