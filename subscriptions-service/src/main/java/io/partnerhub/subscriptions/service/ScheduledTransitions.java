package io.partnerhub.subscriptions.service;

import io.partnerhub.subscriptions.InvoiceStatus;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.config.SubscriptionsConfig;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.InvoiceRepository;
import io.partnerhub.subscriptions.repository.LineRepository;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The steps of the lifecycle job, one batch per transaction. Each step selects only what is still due at
 * {@code today} (rows locked, locked ones skipped), so running it again, or on another replica, changes nothing,
 * and a run after downtime catches up (a term renews as many times as it ended).
 */
@ApplicationScoped
public class ScheduledTransitions {

    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final LineRepository lines;
    private final SubscriptionEvents events;
    private final SubscriptionsConfig config;
    private final Clock clock;

    public ScheduledTransitions(SubscriptionRepository subscriptions, InvoiceRepository invoices, LineRepository lines,
                                SubscriptionEvents events, SubscriptionsConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.lines = lines;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** OPEN invoices past their due date become OVERDUE. @return how many */
    @WithTransaction
    public Uni<Integer> markOverdue(LocalDate today) {
        return invoices.dueForOverdue(today, config.jobBatchSize()).chain(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(invoice -> {
                    invoice.status = InvoiceStatus.OVERDUE;
                    invoice.version++;
                    return events.invoiceChanged(SubscriptionEvents.INVOICE_OVERDUE, invoice);
                })
                .collect().last().replaceWith(due.size()));
    }

    /** Terms and trials that ended: renew (auto-renew, once per ended term) or expire. @return how many subscriptions */
    @WithTransaction
    public Uni<Integer> endTerms(LocalDate today) {
        Instant now = now();
        return subscriptions.dueForTermEnd(today, config.jobBatchSize()).chain(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(s -> lines.lines(s.id).chain(l -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    switch (LifecycleRules.atTermEnd(s, today)) {
                        case RENEW -> {
                            LocalDate end = s.endDate;
                            while (!end.isAfter(today)) {
                                LocalDate next = nextTermEnd(s.startDate, end, s.termMonths);
                                end = next;
                                chain = chain.chain(() -> {
                                    s.endDate = next;
                                    s.version++;
                                    s.updatedAt = now;
                                    return events.subscriptionChanged(SubscriptionEvents.RENEWED, s, l);
                                });
                            }
                            return chain;
                        }
                        case EXPIRE -> {
                            s.status = SubscriptionStatus.EXPIRED;
                            s.version++;
                            s.updatedAt = now;
                            return events.subscriptionChanged(s.isTrial() ? SubscriptionEvents.TRIAL_EXPIRED : SubscriptionEvents.EXPIRED, s, l);
                        }
                        default -> {
                            return chain;
                        }
                    }
                }))
                .collect().last().replaceWith(due.size()));
    }

    /** ACTIVE subscriptions with an invoice OVERDUE past the grace period become SUSPENDED. @return how many */
    @WithTransaction
    public Uni<Integer> suspendOverdue(LocalDate today) {
        Instant now = now();
        return subscriptions.dueForSuspension(today.minusDays(config.invoiceGraceDays()), config.jobBatchSize())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(s -> lines.lines(s.id).chain(l -> {
                            s.status = SubscriptionStatus.SUSPENDED;
                            s.version++;
                            s.updatedAt = now;
                            return events.subscriptionChanged(SubscriptionEvents.SUSPENDED, s, l);
                        }))
                        .collect().last().replaceWith(due.size()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The end of the term after the one ending at {@code end}: terms are counted from the start date
     * (start + k × termMonths), so month-end dates do not drift (Jan 31 → Feb 28 → Mar 31).
     */
    static LocalDate nextTermEnd(LocalDate start, LocalDate end, int termMonths) {
        long k = 1;
        while (start.plusMonths(k * termMonths).isBefore(end)) {
            k++;
        }
        LocalDate next = start.plusMonths((k + 1) * termMonths);
        return next.isAfter(end) ? next : end.plusMonths(termMonths);
    }

    /** True when a failure is the unique index that allows one ACTIVE trial per customer. */
    static boolean isOneActiveTrialViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("subscription_one_active_trial")) {
                return true;
            }
        }
        return false;
    }
}
