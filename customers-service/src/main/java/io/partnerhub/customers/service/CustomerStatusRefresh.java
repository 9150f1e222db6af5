package io.partnerhub.customers.service;

import io.partnerhub.customers.config.StatusConfig;
import io.partnerhub.customers.repository.CustomerStatuses;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the stored customer statuses ({@link CustomerStatuses}) of today: checks every
 * {@code partnerhub.statuses.refresh-every} (and at start) whether they are of today's date (UTC) and this service's
 * thresholds, and if not recomputes every customer for today, in batches of {@value #BATCH} customers each in a
 * transaction of its own under the exclusive lock (writes wait for one batch at most, not for the whole day), then
 * updates the table's planner statistics, records the day and recomputes the customers a write changed meanwhile.
 * Until that has run on a new day, reads compute statuses live: the answer is the same, only slower. Replicas may run
 * it at the same time; they store the same rows.
 */
@ApplicationScoped
public class CustomerStatusRefresh {

    static final int BATCH = 1_000;
    private static final Logger LOG = Logger.getLogger(CustomerStatusRefresh.class);
    private static final String STORED = "select 1 from customer_status_day where day = $1 and expiring_soon_days = $2 and no_recent_activity_days = $3";
    private static final String EXCLUSIVE_LOCK = "select 1 from pg_advisory_xact_lock(" + CustomerStatuses.LOCK + ")";

    private final Pool pool;
    private final StatusConfig config;
    private final Clock clock;

    public CustomerStatusRefresh(Pool pool, StatusConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${partnerhub.statuses.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshIfStale() {
        return refresh(LocalDate.now(clock)).onFailure().recoverWithItem(failure -> {
            LOG.warnf("customer statuses not refreshed (reads compute them live until the next try): %s", failure.getMessage());
            return false;
        }).replaceWithVoid();
    }

    /** Stores every customer's statuses at {@code day}, unless they are stored for it already; true when it did. */
    public Uni<Boolean> refresh(LocalDate day) {
        Tuple current = Tuple.of(day, config.expiringSoonDays(), config.noRecentActivityDays());
        long started = System.nanoTime();
        return pool.preparedQuery(STORED).execute(current).chain(stored -> stored.size() > 0 ? Uni.createFrom().item(false)
                : batchesAfter(new UUID(0, 0), day, 0)
                        .call(customers -> analyze())
                        .chain(customers -> pool.withTransaction(connection -> finish(connection, current))
                                .invoke(done -> LOG.infof("customer statuses stored for %s: %d customers in %d ms", day, customers,
                                        (System.nanoTime() - started) / 1_000_000))));
    }

    /**
     * Every row was just rewritten: fresh statistics for the planner, which otherwise keeps the old table's until
     * autovacuum comes by (after a bulk change, a handful of rows, and then nested scans of the whole table). Waits 5 s
     * at most for a lock someone else holds on the table; the day is stored either way.
     */
    private Uni<Void> analyze() {
        return pool.withTransaction(connection -> connection.query("set local lock_timeout = '5s'").execute()
                        .chain(() -> connection.query("analyze customer_status").execute()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("customer_status not analyzed (autovacuum will): %s", failure.getMessage());
                    return null;
                });
    }

    /** The batches of customers after {@code after} (by id); answers how many customers they held. */
    private Uni<Long> batchesAfter(UUID after, LocalDate day, long done) {
        Tuple batch = Tuple.of(day, config.expiringSoonDays(), config.noRecentActivityDays(), after, BATCH);
        return pool.withTransaction(connection -> connection.query(EXCLUSIVE_LOCK).execute()
                        .chain(() -> connection.preparedQuery(CustomerStatuses.REFRESH_BATCH).execute(batch)))
                .chain(rows -> {
                    UUID last = last(rows);
                    return last == null ? Uni.createFrom().item(done) : batchesAfter(last, day, done + BATCH);
                });
    }

    private static UUID last(RowSet<Row> rows) {
        for (Row row : rows) {
            return row.getUUID(0);
        }
        return null;
    }

    /** Records the day and recomputes the customers without a row of it; drops the rows of deleted customers. */
    private Uni<Boolean> finish(SqlConnection connection, Tuple current) {
        return connection.query(EXCLUSIVE_LOCK).execute()
                .chain(() -> connection.preparedQuery("""
                                insert into customer_status_day (one, day, expiring_soon_days, no_recent_activity_days)
                                values (true, $1, $2, $3)
                                on conflict (one) do update set day = excluded.day, expiring_soon_days = excluded.expiring_soon_days,
                                    no_recent_activity_days = excluded.no_recent_activity_days""").execute(current))
                .chain(() -> connection.query(CustomerStatuses.REFRESH_LAGGARDS).execute())
                .chain(() -> connection.preparedQuery("delete from customer_status where day <> $1").execute(Tuple.of(current.getLocalDate(0))))
                .replaceWith(true);
    }
}
