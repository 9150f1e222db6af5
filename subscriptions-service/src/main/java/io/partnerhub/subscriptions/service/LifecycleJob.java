package io.partnerhub.subscriptions.service;

import io.partnerhub.subscriptions.config.SubscriptionsConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Ends terms (renew or expire), ends trials, marks invoices overdue and suspends subscriptions whose invoice
 * is overdue past the grace period. Idempotent and catching up: it works from the state and today's date only.
 */
@ApplicationScoped
public class LifecycleJob {

    private static final Logger LOG = Logger.getLogger(LifecycleJob.class);

    public record Summary(int overdueInvoices, int termsEnded, int suspended) {
    }

    private final ScheduledTransitions steps;
    private final SubscriptionsConfig config;
    private final Clock clock;

    public LifecycleJob(ScheduledTransitions steps, SubscriptionsConfig config, Clock clock) {
        this.steps = steps;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${partnerhub.subscriptions.job-every:60s}", delayed = "${partnerhub.subscriptions.job-delay:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(LocalDate.now(clock))
                .invoke(summary -> {
                    if (summary.overdueInvoices() + summary.termsEnded() + summary.suspended() > 0) {
                        LOG.infof("Lifecycle job: %s", summary);
                    }
                })
                .onFailure().invoke(e -> LOG.error("Lifecycle job failed; the next run catches up", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One run as of {@code today}: overdue invoices first, then term ends, then suspensions. */
    public Uni<Summary> run(LocalDate today) {
        return drain(() -> steps.markOverdue(today)).chain(overdue ->
                drain(() -> steps.endTerms(today)).chain(ended ->
                        drain(() -> steps.suspendOverdue(today)).map(suspended -> new Summary(overdue, ended, suspended))));
    }

    /** A run now (by the clock), blocking: for operations and tests, never on an event loop. */
    public Summary runNow() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> run(LocalDate.now(clock)));
        } catch (Throwable e) {
            throw new IllegalStateException("lifecycle job failed", e);
        }
    }

    private Uni<Integer> drain(Supplier<Uni<Integer>> step) {
        return step.get().chain(n -> n < config.jobBatchSize()
                ? Uni.createFrom().item(n)
                : drain(step).map(more -> n + more));
    }
}
