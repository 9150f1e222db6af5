package io.partnerhub.customers.identity;

import io.partnerhub.customers.config.IdentityConfig;
import io.partnerhub.customers.event.CustomerEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The identity outbox: directory changes reach Keycloak, never lost, retried until Keycloak has them.
 * <p>
 * {@link #request} writes the admin's newest desired state (one row per admin, a newer change overwrites it) in the
 * transaction of the directory change. A Vert.x timer (every {@code partnerhub.identity.sync-every}) claims due rows
 * with {@code FOR UPDATE SKIP LOCKED} and a lease, so several replicas never apply the same row at once, and applies
 * each ({@link IdentityProvider#apply}). Then, in one transaction: the row is done, and when sessions were ended
 * (a role change or a removal) the admin's {@code accessRevokedAt} is set to now, its version steps and
 * {@code partnerhub.admin.access-revoked} is written to the outbox. A row changed again meanwhile stays pending and is
 * applied afresh; a failure is retried after 200 ms, doubling up to 30 s per admin.
 */
@ApplicationScoped
public class IdentitySync {

    private static final Logger LOG = Logger.getLogger(IdentitySync.class);
    static final int BATCH = 20;

    /** A claimed change: the desired state as of the admin's directory version {@code adminVersion}. */
    record Claim(String partnerOrgId, String adminId, String role, boolean removed, boolean endSessions, long adminVersion,
                 int attempts) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final IdentityProvider identity;
    private final CustomerEvents events;
    private final IdentityConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public IdentitySync(Pool pool, Vertx vertx, IdentityProvider identity, CustomerEvents events, IdentityConfig config, Clock clock) {
        this.pool = pool;
        this.vertx = vertx;
        this.identity = identity;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(10, config.syncEvery().toMillis()), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Records the admin's desired state for Keycloak in the current reactive session's transaction: {@code role}
     * (ignored when {@code removed}); {@code endSessions} for a role change or removal (kept while an earlier change
     * that ends sessions is still pending). {@code adminVersion}: the admin's directory version after the change.
     */
    public Uni<Void> request(String partnerOrgId, String adminId, String role, boolean removed, boolean endSessions, long adminVersion) {
        // the admin row is written (and locked) first, the sync row second: the worker locks them in that order too
        return Panache.getSession().chain(session -> session.flush().chain(() -> session.createNativeQuery("""
                        insert into identity_sync (partner_org_id, admin_id, role, removed, end_sessions, admin_version, pending,
                                                   attempts, next_attempt_at, claimed_until, last_error, updated_at)
                        values (?1, ?2, cast(?3 as text), ?4, ?5, ?6, true, 0, now(), null, null, now())
                        on conflict (partner_org_id, admin_id) do update
                           set role = excluded.role, removed = excluded.removed,
                               end_sessions = (identity_sync.pending and identity_sync.end_sessions) or excluded.end_sessions,
                               admin_version = excluded.admin_version, pending = true, attempts = 0,
                               next_attempt_at = now(), last_error = null, updated_at = now()""")
                        .setParameter(1, partnerOrgId)
                        .setParameter(2, adminId)
                        .setParameter(3, removed ? null : role)
                        .setParameter(4, removed)
                        .setParameter(5, endSessions)
                        .setParameter(6, adminVersion)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Whether a change of the admin has not reached Keycloak yet (in the current reactive session). */
    public Uni<Boolean> pending(String partnerOrgId, String adminId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from identity_sync where partner_org_id = ?1 and admin_id = ?2 and pending", Long.class)
                .setParameter(1, partnerOrgId)
                .setParameter(2, adminId)
                .getSingleResult())
                .map(count -> count > 0);
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        runOnce().subscribe().with(
                applied -> running.set(false),
                failure -> {
                    running.set(false);
                    LOG.warnf("identity sync pass failed, the next one retries: %s", failure.toString());
                });
    }

    /** One pass: claims the due changes and applies them one after the other; the number claimed. */
    public Uni<Integer> runOnce() {
        return claim().chain(claims -> claims.isEmpty()
                ? Uni.createFrom().item(0)
                : Multi.createFrom().iterable(claims)
                        .onItem().transformToUniAndConcatenate(this::process)
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<List<Claim>> claim() {
        return pool.preparedQuery("""
                        update identity_sync s set claimed_until = now() + make_interval(secs => $1)
                         where (s.partner_org_id, s.admin_id) in (
                               select partner_org_id, admin_id from identity_sync
                                where pending and next_attempt_at <= now() and (claimed_until is null or claimed_until < now())
                                order by next_attempt_at
                                limit $2
                                  for update skip locked)
                        returning partner_org_id, admin_id, role, removed, end_sessions, admin_version, attempts""")
                .execute(Tuple.of((double) config.lease().toMillis() / 1000, BATCH))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>();
                    for (Row r : rows) {
                        claims.add(new Claim(r.getString("partner_org_id"), r.getString("admin_id"), r.getString("role"),
                                r.getBoolean("removed"), r.getBoolean("end_sessions"), r.getLong("admin_version"),
                                r.getInteger("attempts")));
                    }
                    return claims;
                });
    }

    private Uni<Void> process(Claim claim) {
        return Uni.createFrom().item(() -> identity.apply(claim.partnerOrgId(), claim.adminId(),
                        claim.removed() ? null : claim.role(), claim.endSessions()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((applied, failure) -> failure == null
                        ? done(claim, applied)
                        : failed(claim, failure))
                .onFailure().invoke(e -> LOG.warnf("identity sync of admin %s not recorded, retried after the lease: %s",
                        claim.adminId(), e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Keycloak has the state: the row is done and, when sessions were ended, access is revoked as of now. */
    private Uni<Void> done(Claim claim, boolean applied) {
        if (!applied) {
            LOG.warnf("admin %s of partner %s is no Keycloak user of that partner: nothing to change there", claim.adminId(),
                    claim.partnerOrgId());
        }
        Tuple key = Tuple.of(claim.partnerOrgId(), claim.adminId());
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                select email, display_name, role, deleted, version from admin
                                 where partner_org_id = $1 and admin_id = $2 for update""").execute(key)
                .chain(admins -> tx.preparedQuery("""
                                select admin_version from identity_sync where partner_org_id = $1 and admin_id = $2 for update""")
                        .execute(key)
                        .chain(syncs -> {
                            RowIterator<Row> sync = syncs.iterator();
                            if (!sync.hasNext() || sync.next().getLong(0) != claim.adminVersion()) {
                                // changed again while this was applied: the newer state is applied next
                                return release(tx, key);
                            }
                            Uni<Void> finished = tx.preparedQuery("""
                                            update identity_sync set pending = false, end_sessions = false, attempts = 0,
                                                   claimed_until = null, last_error = null, updated_at = now()
                                             where partner_org_id = $1 and admin_id = $2""")
                                    .execute(key).replaceWithVoid();
                            RowIterator<Row> admin = admins.iterator();
                            if (!claim.endSessions() || !admin.hasNext()) {
                                return finished;
                            }
                            Row a = admin.next();
                            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                            long version = a.getLong("version") + 1;
                            CustomerEvents.AdminState state = new CustomerEvents.AdminState(claim.adminId(), a.getString("email"),
                                    a.getString("display_name"), a.getString("role"), a.getBoolean("deleted"), now);
                            return finished
                                    .chain(() -> tx.preparedQuery("""
                                                    update admin set access_revoked_at = $3, version = $4
                                                     where partner_org_id = $1 and admin_id = $2""")
                                            .execute(Tuple.of(claim.partnerOrgId(), claim.adminId(), now.atOffset(ZoneOffset.UTC), version)))
                                    .chain(() -> events.adminAccessRevoked(tx, claim.partnerOrgId(), state, version));
                        })));
    }

    private Uni<Void> release(SqlClient tx, Tuple key) {
        return tx.preparedQuery("update identity_sync set claimed_until = null where partner_org_id = $1 and admin_id = $2")
                .execute(key).replaceWithVoid();
    }

    /** Keycloak failed: retried after a delay doubling per attempt (unless the row changed meanwhile: at once). */
    private Uni<Void> failed(Claim claim, Throwable failure) {
        Duration delay = backoff(claim.attempts(), config.firstRetry(), config.maxRetry());
        LOG.infof(failure, "identity sync of admin %s failed (attempt %d, next in %d ms): %s", claim.adminId(), claim.attempts() + 1,
                delay.toMillis(), failure.getMessage());
        return pool.preparedQuery("""
                        update identity_sync
                           set claimed_until = null, last_error = $4, updated_at = now(),
                               attempts = case when admin_version = $3 then attempts + 1 else 0 end,
                               next_attempt_at = case when admin_version = $3 then now() + make_interval(secs => $5)
                                                      else next_attempt_at end
                         where partner_org_id = $1 and admin_id = $2""")
                .execute(Tuple.of(claim.partnerOrgId(), claim.adminId(), claim.adminVersion(), String.valueOf(failure.getMessage()),
                        (double) delay.toMillis() / 1000))
                .replaceWithVoid();
    }

    /** {@code first × 2^attempts}, at most {@code max}. */
    static Duration backoff(int attempts, Duration first, Duration max) {
        long millis = first.toMillis() << Math.min(attempts, 20);
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
