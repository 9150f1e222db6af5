package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.repository.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This service's creating requests behind the platform's {@code Idempotency-Key} store ({@link IdempotencyKeys}: per
 * partner and caller, 24 h, another request under the key 422, one in progress 409, one effect): the work's
 * {@link Result} is stored as its JSON answer and a replay comes back as that {@link Answer}, marked replayed.
 */
@ApplicationScoped
public class IdempotentRequests {

    private final IdempotencyKeys keys;
    private final Json json;

    public IdempotentRequests(IdempotencyKeys keys, Json json) {
        this.keys = keys;
        this.json = json;
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
    public Uni<Answer> inTransaction(Actor actor, Optional<String> key, String scope, Object request, Supplier<Uni<Result>> work) {
        return inTransaction(actor, key, scope, request, () -> Uni.createFrom().voidItem(), work);
    }

    /**
     * As above, for a request on something the caller may not see: {@code visible} fails (404) when the caller does
     * not see what the request names. It runs before a stored answer is answered, so a replayed key never shows a
     * partner-admin another customer's data ({@code work} checks the same itself).
     */
    public Uni<Answer> inTransaction(Actor actor, Optional<String> key, String scope, Object request, Supplier<Uni<?>> visible,
                                     Supplier<Uni<Result>> work) {
        return Uni.createFrom().deferred(() -> keys.once(keys.key(actor, key.orElse(null), scope, request), visible,
                        () -> work.get().map(this::toAnswer), answer -> new IdempotencyKeys.Answer(answer.status(), null, answer.body())))
                .map(outcome -> outcome.replayed()
                        ? new Answer(outcome.replay().status(), outcome.replay().body(), true)
                        : outcome.value());
    }

    private Answer toAnswer(Result result) {
        return new Answer(result.status(), json.write(result.body()), result.replayed());
    }
}
