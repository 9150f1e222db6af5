package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.SubscriptionType;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.LineRepository;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Trials: 1–90 days, at most one ACTIVE per customer, extendable to 180 days in total, convertible to a
 * subscription; they never auto-renew and end EXPIRED (the lifecycle job).
 */
@ApplicationScoped
public class TrialService {

    public static final int MAX_DAYS = 90;
    public static final int MAX_TOTAL_DAYS = 180;

    public record NewTrial(List<Product> products, int licenses, int durationDays, LocalDate startDate) {
    }

    public record Conversion(int termMonths, boolean autoRenew, String subscriptionId) {
    }

    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final SubscriptionQueries queries;
    private final SubscriptionEvents events;
    private final CustomerScope scope;
    private final Clock clock;

    public TrialService(SubscriptionRepository subscriptions, LineRepository lines, SubscriptionQueries queries,
                        SubscriptionEvents events, CustomerScope scope, Clock clock) {
        this.subscriptions = subscriptions;
        this.lines = lines;
        this.queries = queries;
        this.events = events;
        this.scope = scope;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<SubscriptionView> start(Actor actor, UUID customerId, NewTrial request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.now(clock);
        Subscription trial = new Subscription();
        trial.id = UUID.randomUUID();
        trial.partnerOrgId = actor.partnerOrgId();
        trial.subscriptionId = "TRIAL-" + UUID.randomUUID();
        trial.customerId = customerId;
        trial.type = SubscriptionType.TRIAL;
        trial.status = SubscriptionStatus.ACTIVE;
        trial.startDate = request.startDate() != null ? request.startDate() : today;
        trial.endDate = trial.startDate.plusDays(request.durationDays());
        trial.termMonths = null;
        trial.autoRenew = false;
        trial.createdAt = now;
        trial.updatedAt = now;
        trial.version = 1;
        List<Line> trialLines = request.products().stream().distinct()
                .map(p -> new Line(p, "TRIAL-" + p.name(), request.licenses())).toList();
        return scope.requireVisible(actor, customerId, "Customer")
                .chain(() -> subscriptions.hasActiveTrial(actor.partnerOrgId(), customerId))
                .invoke(active -> {
                    if (active) {
                        throw ProblemException.conflict("This customer has an ACTIVE trial already");
                    }
                })
                .chain(() -> subscriptions.persist(trial))
                .chain(() -> lines.replace(trial.id, trialLines))
                .onFailure(ScheduledTransitions::isOneActiveTrialViolation)
                .transform(e -> ProblemException.conflict("This customer has an ACTIVE trial already"))
                .chain(() -> events.trialStarted(trial, trialLines, actor.subject()))
                .chain(() -> queries.views(List.of(trial), today)).map(v -> v.get(0));
    }

    @WithTransaction
    public Uni<SubscriptionView> extend(Actor actor, String trialId, int days) {
        return activeTrial(actor, trialId).chain(trial -> {
            long total = ChronoUnit.DAYS.between(trial.startDate, trial.endDate) + days;
            if (total > MAX_TOTAL_DAYS) {
                throw ProblemException.conflict("A trial lasts at most " + MAX_TOTAL_DAYS + " days in total; this one would last " + total);
            }
            trial.endDate = trial.endDate.plusDays(days);
            trial.version++;
            trial.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return lines.lines(trial.id)
                    .call(l -> events.subscriptionChanged(SubscriptionEvents.TRIAL_EXTENDED, trial, l))
                    .chain(() -> queries.views(List.of(trial), LocalDate.now(clock))).map(v -> v.get(0));
        });
    }

    /** Converts an ACTIVE trial into an ACTIVE subscription with the same lines, starting today. */
    @WithTransaction
    public Uni<SubscriptionView> convert(Actor actor, String trialId, Conversion conversion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.now(clock);
        String newId = conversion.subscriptionId() != null ? conversion.subscriptionId() : "SUB-" + UUID.randomUUID();
        return activeTrial(actor, trialId)
                .call(() -> subscriptions.findByExternalId(actor.partnerOrgId(), newId).invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Subscription " + newId + " exists already");
                    }
                }))
                .chain(trial -> lines.lines(trial.id).chain(trialLines -> {
                    Subscription s = new Subscription();
                    s.id = UUID.randomUUID();
                    s.partnerOrgId = trial.partnerOrgId;
                    s.subscriptionId = newId;
                    s.customerId = trial.customerId;
                    s.type = SubscriptionType.SUBSCRIPTION;
                    s.status = SubscriptionStatus.ACTIVE;
                    s.startDate = today;
                    s.endDate = today.plusMonths(conversion.termMonths());
                    s.termMonths = conversion.termMonths();
                    s.autoRenew = conversion.autoRenew();
                    s.createdAt = now;
                    s.updatedAt = now;
                    s.version = 1;
                    trial.status = SubscriptionStatus.CONVERTED;
                    trial.convertedTo = newId;
                    trial.version++;
                    trial.updatedAt = now;
                    return subscriptions.persist(s)
                            .chain(() -> lines.replace(s.id, trialLines))
                            .chain(() -> events.trialConverted(trial, trialLines))
                            .chain(() -> events.subscriptionChanged(SubscriptionEvents.CREATED, s, trialLines))
                            .chain(() -> queries.views(List.of(s), today)).map(v -> v.get(0));
                }));
    }

    private Uni<Subscription> activeTrial(Actor actor, String trialId) {
        return subscriptions.findForUpdate(actor.partnerOrgId(), trialId)
                .map(s -> {
                    if (s == null || !s.isTrial()) {
                        throw ProblemException.notFound("Trial");
                    }
                    return s;
                })
                .call(s -> scope.requireVisible(actor, s.customerId, "Trial"))
                .map(s -> {
                    if (s.status != SubscriptionStatus.ACTIVE) {
                        throw ProblemException.conflict("A trial in status " + s.status + " cannot be changed");
                    }
                    return s;
                });
    }
}
