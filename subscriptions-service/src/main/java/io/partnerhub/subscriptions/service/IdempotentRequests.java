package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.repository.IdempotencyRepository;
import io.partnerhub.subscriptions.repository.Json;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: a replay within 24 h answers the first answer (status and body) and does nothing.
 * A key used for another kind of request is a conflict.
 */
@ApplicationScoped
public class IdempotentRequests {

    static final Duration RETENTION = Duration.ofHours(24);

    private final IdempotencyRepository records;
    private final Json json;
    private final Clock clock;

    public IdempotentRequests(IdempotencyRepository records, Json json, Clock clock) {
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    public record Result(int status, Object body) {
    }

    /**
     * Runs {@code work} in the same transaction as the key's record, so the change and its stored answer
     * commit together; a concurrent request with the same key waits for the first and then answers its answer.
     */
    @WithTransaction
    public Uni<Answer> inTransaction(Actor actor, Optional<String> key, String scope, Supplier<Uni<Result>> work) {
        return inTransaction(actor, key, scope, () -> Uni.createFrom().voidItem(), work);
    }

    /**
     * As above, for a request on something the caller may not see: {@code visible} fails (404) when the caller does
     * not see what the request names. It runs before a stored answer is answered, so a replayed key never shows a
     * partner-admin another customer's data ({@code work} checks the same itself).
     */
    @WithTransaction
    public Uni<Answer> inTransaction(Actor actor, Optional<String> key, String scope, Supplier<Uni<?>> visible,
                                     Supplier<Uni<Result>> work) {
        if (key.isEmpty()) {
            return work.get().map(this::toAnswer);
        }
        String k = checked(key.get());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return records.claim(actor.partnerOrgId(), k, scope, now, now.minus(RETENTION))
                .chain(claimed -> claimed
                        ? work.get().map(this::toAnswer)
                            .call(answer -> records.store(actor.partnerOrgId(), k, answer.status(), answer.body()))
                        : visible.get().chain(() -> stored(actor, k, scope)));
    }

    /** The stored answer of a key for work that commits in several transactions (a batch), if there is one. */
    @WithSession
    public Uni<Answer> lookup(Actor actor, Optional<String> key, String scope) {
        if (key.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return records.find(actor.partnerOrgId(), checked(key.get())).map(stored -> {
            if (stored == null || stored.status() == null) {
                return null;
            }
            if (!stored.scope().equals(scope)) {
                throw ProblemException.conflict("This Idempotency-Key was used for another request");
            }
            return new Answer(stored.status(), stored.body());
        });
    }

    /** Remembers the answer of a batch under its key (the first answer stays). */
    @WithTransaction
    public Uni<Answer> remember(Actor actor, Optional<String> key, String scope, Result result) {
        Answer answer = toAnswer(result);
        if (key.isEmpty()) {
            return Uni.createFrom().item(answer);
        }
        String k = checked(key.get());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return records.claim(actor.partnerOrgId(), k, scope, now, now.minus(RETENTION))
                .chain(claimed -> claimed
                        ? records.store(actor.partnerOrgId(), k, answer.status(), answer.body()).replaceWith(answer)
                        : Uni.createFrom().item(answer));
    }

    private Uni<Answer> stored(Actor actor, String key, String scope) {
        return records.find(actor.partnerOrgId(), key).map(stored -> {
            if (stored == null || stored.status() == null) {
                throw ProblemException.conflict("A request with this Idempotency-Key is in progress");
            }
            if (!stored.scope().equals(scope)) {
                throw ProblemException.conflict("This Idempotency-Key was used for another request");
            }
            return new Answer(stored.status(), stored.body());
        });
    }

    private Answer toAnswer(Result result) {
        return new Answer(result.status(), json.write(result.body()));
    }

    private static String checked(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to 200 characters");
        }
        return key;
    }
}
