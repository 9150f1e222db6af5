package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.LineRepository;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.partnerhub.subscriptions.service.LifecycleRules.Transition;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Provision, suspend, resume and cancel: one state-machine step, its event, in one transaction. */
@ApplicationScoped
public class LifecycleService {

    private final SubscriptionRepository subscriptions;
    private final LineRepository lines;
    private final SubscriptionQueries queries;
    private final SubscriptionEvents events;
    private final CustomerScope scope;
    private final Clock clock;

    public LifecycleService(SubscriptionRepository subscriptions, LineRepository lines, SubscriptionQueries queries,
                            SubscriptionEvents events, CustomerScope scope, Clock clock) {
        this.subscriptions = subscriptions;
        this.lines = lines;
        this.queries = queries;
        this.events = events;
        this.scope = scope;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<SubscriptionView> transition(Actor actor, String subscriptionId, Transition transition) {
        return subscriptions.findForUpdate(actor.partnerOrgId(), subscriptionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Subscription"))
                .call(s -> scope.requireVisible(actor, s.customerId, "Subscription"))
                .chain(s -> {
                    s.status = LifecycleRules.next(s.type, s.status, transition);
                    s.version++;
                    s.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return lines.lines(s.id)
                            .call(l -> events.subscriptionChanged(eventType(s, transition), s, l))
                            .chain(() -> queries.views(List.of(s), LocalDate.now(clock)))
                            .map(views -> views.get(0));
                });
    }

    static String eventType(Subscription s, Transition transition) {
        return switch (transition) {
            case PROVISION -> SubscriptionEvents.PROVISIONED;
            case SUSPEND -> SubscriptionEvents.SUSPENDED;
            case RESUME -> SubscriptionEvents.RESUMED;
            case CANCEL -> s.isTrial() ? SubscriptionEvents.TRIAL_CANCELLED : SubscriptionEvents.CANCELLED;
        };
    }
}
