package io.partnerhub.subscriptions.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.repository.IdempotencyRepository;
import io.partnerhub.subscriptions.repository.Json;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}, scoped to the partner and the caller: a replay within 24 h of the same request (same
 * endpoint, same body) answers the first answer (status and body, marked {@code Idempotent-Replayed: true}) and does
 * nothing; the key with another request is 422 and does nothing. The key is claimed in the transaction of the work,
 * so concurrent requests with one key have one effect: the others wait for the first and answer its answer.
 */
@ApplicationScoped
public class IdempotentRequests {

    static final Duration RETENTION = Duration.ofHours(24);

    private final IdempotencyRepository records;
    private final Json json;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotentRequests(IdempotencyRepository records, Json json, ObjectMapper mapper, Clock clock) {
        this.records = records;
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What the work answers: a status, a body, and whether it repeats an earlier answer (an order revision received before). */
    public record Result(int status, Object body, boolean replayed) {

        public Result(int status, Object body) {
            this(status, body, false);
        }
    }

    /**
     * Runs {@code work} in the same transaction as the key's record, so the change and its stored answer commit
     * together; a concurrent request with the same key waits for the first and then answers its answer.
     * {@code request} is what identifies the request besides its endpoint ({@code scope}): its body.
     */
    @WithTransaction
    public Uni<Answer> inTransaction(Actor actor, Optional<String> key, String scope, Object request, Supplier<Uni<Result>> work) {
        return inTransaction(actor, key, scope, request, () -> Uni.createFrom().voidItem(), work);
    }

    /**
     * As above, for a request on something the caller may not see: {@code visible} fails (404) when the caller does
     * not see what the request names. It runs before a stored answer is answered, so a replayed key never shows a
     * partner-admin another customer's data ({@code work} checks the same itself).
     */
    @WithTransaction
    public Uni<Answer> inTransaction(Actor actor, Optional<String> key, String scope, Object request, Supplier<Uni<?>> visible,
                                     Supplier<Uni<Result>> work) {
        if (key.isEmpty()) {
            return work.get().map(this::toAnswer);
        }
        String k = checked(key.get());
        String fingerprint = fingerprint(scope, request);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return records.claim(actor.partnerOrgId(), actor.subject(), k, scope, fingerprint, now, now.minus(RETENTION))
                .chain(claimed -> claimed
                        ? work.get().map(this::toAnswer)
                            .call(answer -> records.store(actor.partnerOrgId(), actor.subject(), k, answer.status(), answer.body()))
                        : visible.get().chain(() -> stored(actor, k, scope, fingerprint)));
    }

    private Uni<Answer> stored(Actor actor, String key, String scope, String fingerprint) {
        return records.find(actor.partnerOrgId(), actor.subject(), key).map(stored -> {
            if (stored == null || stored.status() == null) {
                throw ProblemException.conflict("A request with this Idempotency-Key is in progress");
            }
            if (!stored.scope().equals(scope) || (stored.requestHash() != null && !stored.requestHash().equals(fingerprint))) {
                throw new ProblemException(422, "This Idempotency-Key was used for another request within the last 24 hours;"
                        + " send this one with a new key");
            }
            return new Answer(stored.status(), stored.body(), true);
        });
    }

    /** SHA-256 of the endpoint and the body as canonical JSON (object members sorted), so layout and member order do not count. */
    String fingerprint(String scope, Object request) {
        try {
            JsonNode tree = request instanceof JsonNode node ? node : mapper.valueToTree(request);
            StringBuilder canonical = new StringBuilder(scope).append('\n');
            canonical(tree, canonical);
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
            java.util.TreeMap<String, JsonNode> members = new java.util.TreeMap<>();
            node.fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (var member : members.entrySet()) {
                if (member.getValue().isNull()) {
                    continue; // an absent member and a null one are the same request
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(json.write(member.getKey())).append(':');
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

    private Answer toAnswer(Result result) {
        return new Answer(result.status(), json.write(result.body()), result.replayed());
    }

    private static String checked(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to 200 characters");
        }
        return key;
    }
}
