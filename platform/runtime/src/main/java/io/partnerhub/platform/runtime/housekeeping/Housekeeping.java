package io.partnerhub.platform.runtime.housekeeping;

import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Purges the platform tables every service has, on a schedule ({@code partnerhub.housekeeping.*}), so a busy partner
 * does not grow them without bound:
 * <ul>
 *   <li>{@code outbox_event} rows sent longer than {@code outbox-retention} ago (default 7 days); an unsent event is
 *       never purged, however old;</li>
 *   <li>{@code processed_event} rows older than {@code processed-retention} (default 30 days); a redelivery of an event
 *       that old is still a duplicate by the version its read model keeps (every consumer writes only newer
 *       versions);</li>
 *   <li>{@code idempotency_key} rows older than the 24 h replay window.</li>
 * </ul>
 * Each table is purged in bounded batches, one short transaction each. Replicas may run at the same time: a batch
 * takes its rows with {@code for update skip locked}, so two replicas split the work instead of waiting on each other.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    /** Rows purged by one run. */
    public record Purged(long outboxEvents, long processedEvents, long idempotencyKeys) {
    }

    private final Pool pool;
    private final HousekeepingConfig config;

    public Housekeeping(Pool pool, HousekeepingConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(identity = "partnerhub-housekeeping", every = "${partnerhub.housekeeping.every:1h}",
            delayed = "${partnerhub.housekeeping.delayed:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge()
                .invoke(purged -> {
                    if (purged.outboxEvents() + purged.processedEvents() + purged.idempotencyKeys() > 0) {
                        LOG.infof("Housekeeping: %s", purged);
                    }
                })
                .onFailure().invoke(e -> LOG.error("Housekeeping failed; the next run catches up", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One run, by the database's clock (which wrote the sent and processed times). */
    public Uni<Purged> purge() {
        return drain("""
                        delete from outbox_event where seq in (
                            select seq from outbox_event where sent_at is not null and sent_at < now() - make_interval(secs => $1)
                             order by sent_at limit $2 for update skip locked)""", config.outboxRetention())
                .chain(outbox -> drain("""
                                delete from processed_event where (consumer, event_id) in (
                                    select consumer, event_id from processed_event where processed_at < now() - make_interval(secs => $1)
                                     order by processed_at limit $2 for update skip locked)""", config.processedRetention())
                        .chain(processed -> drain("""
                                        delete from idempotency_key where (partner_org_id, caller, idempotency_key) in (
                                            select partner_org_id, caller, idempotency_key from idempotency_key where created_at < now() - make_interval(secs => $1)
                                             order by created_at limit $2 for update skip locked)""",
                                        IdempotencyKeys.REPLAY_WINDOW)
                                .map(keys -> new Purged(outbox, processed, keys))));
    }

    /** A run now, blocking: for operations and tests, never on an event loop. */
    public Purged purgeNow() {
        try {
            return VertxContextSupport.subscribeAndAwait(this::purge);
        } catch (Throwable e) {
            throw new IllegalStateException("housekeeping failed", e);
        }
    }

    /** Deletes in batches of {@code batch-size} rows older than {@code retention}, until a batch is not full. */
    private Uni<Long> drain(String delete, Duration retention) {
        int batch = config.batchSize();
        return Multi.createBy().repeating()
                .uni(() -> pool.withTransaction(connection -> connection.preparedQuery(delete)
                        .execute(Tuple.of(retention.toMillis() / 1000.0, batch))).map(rows -> rows.rowCount()))
                .whilst(deleted -> deleted == batch)
                .collect().in(() -> new long[1], (sum, deleted) -> sum[0] += deleted)
                .map(sum -> sum[0]);
    }
}
