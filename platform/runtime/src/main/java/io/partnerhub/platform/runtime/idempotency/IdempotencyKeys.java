package io.partnerhub.platform.runtime.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} of creating requests, the one store every service uses (platform table
 * {@code idempotency_key}). A key is scoped to the partner and the caller and lives 24 h: a replay of the same request
 * answers the first answer (marked {@code Idempotent-Replayed: true}) and does nothing; the key with another request
 * (another operation or another body) is 422; a key whose first request is still running is 409.
 * <p>
 * The key's row is claimed first, in the transaction of the work, so its primary key decides between concurrent
 * requests with one key: the others wait for that transaction and then answer its answer (if it rolled back, the next
 * one does the work). Exactly one of them has an effect. Rows older than 24 h are free to claim again and are purged
 * by the platform housekeeping.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Response header of a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** How long a key stands for its first answer. */
    public static final Duration REPLAY_WINDOW = Duration.ofHours(24);
    public static final int MAX_KEY_LENGTH = 200;

    /** A keyed request: who sent it, the key, the operation and the hash of what was asked. */
    public record Key(String partnerOrgId, String caller, String key, String operation, String hash) {
    }

    /** The answer a key stands for: status, id of what was created (may be null), and the body (null until stored). */
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

    public IdempotencyKeys(ObjectMapper json, Pool pool, Clock clock) {
        this.json = json;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * The keyed request, or empty without a key; 400 for a blank key or one longer than 200 characters.
     *
     * @param header    the {@code Idempotency-Key} header, null when absent
     * @param operation the method and path template, e.g. {@code POST /customers}: the key on another operation is
     *                  another request
     * @param request   the parsed request body: hashed as canonical JSON (object members sorted, null members left
     *                  out), so whitespace, member order and unknown fields do not make another request
     */
    public Optional<Key> key(Actor actor, String header, String operation, Object request) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isBlank() || header.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return Optional.of(new Key(actor.partnerOrgId(), actor.subject(), header, operation, fingerprint(operation, request)));
    }

    /**
     * Runs {@code work} once per key, in one transaction with the key's row, and stores its answer there.
     *
     * @param status the status of a fresh answer (e.g. 201)
     * @param idOf   the id of what the work created (a replay's {@code Location})
     * @param bodyOf the answer's body when it is known inside the transaction, or null to store it later with
     *               {@link #rememberBody}
     */
    @WithTransaction
    public <T> Uni<Outcome<T>> once(Optional<Key> key, int status, Supplier<Uni<T>> work, Function<T, String> idOf,
                                    Function<T, Object> bodyOf) {
        return once(key, () -> Uni.createFrom().voidItem(), work,
                value -> new Answer(status, idOf.apply(value), bodyOf == null ? null : write(bodyOf.apply(value))));
    }

    /**
     * Runs {@code work} once per key, in one transaction with the key's row, and stores the answer {@code answerOf}
     * makes of its value. {@code beforeReplay} runs before a stored answer is answered: for a request on something the
     * caller may not see, it fails (404) when the caller does not see it, so a replayed key never shows anything the
     * caller may not see ({@code work} checks the same itself).
     */
    @WithTransaction
    public <T> Uni<Outcome<T>> once(Optional<Key> key, Supplier<Uni<?>> beforeReplay, Supplier<Uni<T>> work,
                                    Function<T, Answer> answerOf) {
        if (key.isEmpty()) {
            return work.get().map(value -> new Outcome<>(value, null));
        }
        Key k = key.get();
        return claim(k).chain(claimed -> claimed
                ? work.get().call(value -> store(k, answerOf.apply(value))).map(value -> new Outcome<T>(value, null))
                : beforeReplay.get().chain(() -> stored(k)).map(answer -> new Outcome<T>(null, answer)));
    }

    /** Stores the body of a fresh answer that could only be read after its commit (the first body stays). */
    public Uni<Void> rememberBody(Optional<Key> key, Object body) {
        if (key.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Key k = key.get();
        return pool.preparedQuery("""
                        update idempotency_key set body = $4
                         where partner_org_id = $1 and caller = $2 and idempotency_key = $3 and body is null""")
                .execute(Tuple.of(k.partnerOrgId(), k.caller(), k.key(), write(body)))
                .replaceWithVoid();
    }

    /** True when this request holds the key now: a new key, or one whose answer is older than the replay window. */
    private Uni<Boolean> claim(Key k) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into idempotency_key (partner_org_id, caller, idempotency_key, operation, request_hash, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (partner_org_id, caller, idempotency_key) do update
                           set operation = excluded.operation, request_hash = excluded.request_hash, status = null,
                               resource_id = null, body = null, created_at = excluded.created_at
                         where idempotency_key.created_at < ?7""")
                .setParameter(1, k.partnerOrgId())
                .setParameter(2, k.caller())
                .setParameter(3, k.key())
                .setParameter(4, k.operation())
                .setParameter(5, k.hash())
                .setParameter(6, now)
                .setParameter(7, now.minus(REPLAY_WINDOW))
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    private Uni<Void> store(Key k, Answer answer) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotency_key set status = ?4, resource_id = ?5, body = cast(?6 as text)
                         where partner_org_id = ?1 and caller = ?2 and idempotency_key = ?3""")
                .setParameter(1, k.partnerOrgId())
                .setParameter(2, k.caller())
                .setParameter(3, k.key())
                .setParameter(4, answer.status())
                .setParameter(5, answer.resourceId())
                .setParameter(6, answer.body())
                .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Answer> stored(Key k) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select operation, request_hash, status, resource_id, body from idempotency_key
                         where partner_org_id = ?1 and caller = ?2 and idempotency_key = ?3""", Object[].class)
                .setParameter(1, k.partnerOrgId())
                .setParameter(2, k.caller())
                .setParameter(3, k.key())
                .getResultList())
                .map(rows -> answer(k, rows));
    }

    private static Answer answer(Key k, List<Object[]> rows) {
        if (rows.isEmpty() || rows.get(0)[2] == null) {
            // the row is committed with its answer or not at all; this is a request whose claim another one holds
            throw ProblemException.conflict("A request with this Idempotency-Key is in progress; retry it");
        }
        Object[] row = rows.get(0);
        // rows moved from the services' former stores may have no hash: their operation still counts
        if (!k.operation().equals(row[0]) || (row[1] != null && !k.hash().equals(row[1]))) {
            throw new ProblemException(422, "This Idempotency-Key was used for another request within the last 24 hours;"
                    + " send this one with a new key");
        }
        return new Answer(((Number) row[2]).intValue(), (String) row[3], (String) row[4]);
    }

    /** SHA-256 of the operation and the request as canonical JSON. */
    String fingerprint(String operation, Object request) {
        JsonNode tree = request instanceof JsonNode node ? node : json.valueToTree(request);
        StringBuilder canonical = new StringBuilder(operation).append('\n');
        canonical(tree, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void canonical(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : members.entrySet()) {
                if (member.getValue().isNull()) {
                    continue; // an absent member and a null one are the same request
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(write(member.getKey())).append(':');
                canonical(member.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable as JSON", e);
        }
    }
}
