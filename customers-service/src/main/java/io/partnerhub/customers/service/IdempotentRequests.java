package io.partnerhub.customers.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on creating requests, per partner and caller, for 24 h. The key's row is inserted first, in
 * the transaction of the work, so its primary key decides between concurrent requests: the others wait for that
 * transaction and then answer its result as a replay (if it rolled back, the next one does the work). The row keeps a
 * hash of the canonical request (operation and parsed body): the same key with another request is a 422.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** Response header of a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    static final int MAX_KEY_LENGTH = 200;

    /** A keyed request: who sent it, the key, and the hash of what was asked. */
    public record Request(String partnerOrgId, String caller, String key, String operation, String hash) {
    }

    /** The answer a key stands for: status, id of what was created, and the body when it was stored. */
    public record Answer(int status, String resourceId, String body) {
    }

    /** Either the value the work made now, or the stored answer of an earlier request with the key. */
    public record Outcome<T>(T value, Answer replay) {

        public boolean replayed() {
            return replay != null;
        }
    }

    private final ObjectMapper json;
    private final Pool pool;
    private final Clock clock;

    public IdempotentRequests(ObjectMapper json, Pool pool, Clock clock) {
        this.json = json;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * The keyed request, or empty without a key.
     *
     * @param operation the method and path template, e.g. {@code POST /customers}
     * @param canonical the parsed request body (its JSON form is hashed: whitespace, key order and unknown fields do
     *                  not make another request)
     */
    public Optional<Request> request(Actor actor, String header, String operation, Object canonical) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isBlank() || header.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return Optional.of(new Request(actor.partnerOrgId(), actor.subject(), header, operation,
                sha256(operation + "\n" + write(canonical))));
    }

    /**
     * Runs {@code work} once per key, in one transaction with the key's row.
     *
     * @param status the status of a fresh answer (e.g. 201)
     * @param idOf   the id of what the work created (a replay's {@code Location})
     * @param bodyOf the answer's body when it is known inside the transaction, or null to store it later with
     *               {@link #rememberBody}
     */
    @WithTransaction
    public <T> Uni<Outcome<T>> once(Optional<Request> request, int status, Supplier<Uni<T>> work, Function<T, String> idOf,
                                    Function<T, Object> bodyOf) {
        if (request.isEmpty()) {
            return work.get().map(value -> new Outcome<>(value, null));
        }
        Request r = request.get();
        return claim(r).chain(claimed -> claimed
                ? work.get().call(value -> store(r, status, idOf.apply(value), bodyOf == null ? null : write(bodyOf.apply(value))))
                        .map(value -> new Outcome<T>(value, null))
                : stored(r).map(answer -> new Outcome<T>(null, answer)));
    }

    /** Stores the body of a fresh answer that could only be read after its commit (the first body stays). */
    public Uni<Void> rememberBody(Optional<Request> request, Object body) {
        if (request.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Request r = request.get();
        return pool.preparedQuery("""
                        update idempotent_request set body = $4
                         where partner_org_id = $1 and caller = $2 and idempotency_key = $3 and body is null""")
                .execute(Tuple.of(r.partnerOrgId(), r.caller(), r.key(), write(body)))
                .replaceWithVoid();
    }

    /** True when this request holds the key now: a new key, or one whose answer is older than 24 h. */
    private Uni<Boolean> claim(Request r) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into idempotent_request (partner_org_id, caller, idempotency_key, operation, request_hash, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (partner_org_id, caller, idempotency_key) do update
                           set operation = excluded.operation, request_hash = excluded.request_hash, status = null,
                               location = null, resource_id = null, body = null, created_at = excluded.created_at
                         where idempotent_request.created_at < ?7""")
                .setParameter(1, r.partnerOrgId())
                .setParameter(2, r.caller())
                .setParameter(3, r.key())
                .setParameter(4, r.operation())
                .setParameter(5, r.hash())
                .setParameter(6, now)
                .setParameter(7, now.minus(RETENTION))
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    private Uni<Void> store(Request r, int status, String resourceId, String body) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotent_request set status = ?4, resource_id = ?5, body = cast(?6 as text)
                         where partner_org_id = ?1 and caller = ?2 and idempotency_key = ?3""")
                .setParameter(1, r.partnerOrgId())
                .setParameter(2, r.caller())
                .setParameter(3, r.key())
                .setParameter(4, status)
                .setParameter(5, resourceId)
                .setParameter(6, body)
                .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Answer> stored(Request r) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select request_hash, status, resource_id, body from idempotent_request
                         where partner_org_id = ?1 and caller = ?2 and idempotency_key = ?3""", Object[].class)
                .setParameter(1, r.partnerOrgId())
                .setParameter(2, r.caller())
                .setParameter(3, r.key())
                .getResultList())
                .map(rows -> answer(r, rows));
    }

    private static Answer answer(Request r, List<Object[]> rows) {
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            // the row is committed with its answer or not at all; this is a request whose claim another one holds
            throw ProblemException.conflict("A request with this Idempotency-Key is in progress; retry it");
        }
        Object[] row = rows.get(0);
        if (!r.hash().equals(row[0])) {
            throw new ProblemException(422, "This Idempotency-Key was used with another request in the last 24 hours");
        }
        return new Answer(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request not serialisable", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
