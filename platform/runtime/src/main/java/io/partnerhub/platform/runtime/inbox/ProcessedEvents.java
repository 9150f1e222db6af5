package io.partnerhub.platform.runtime.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Idempotent consumption: the event id is recorded in {@code processed_event} in the same transaction as its
 * effect, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Runs {@code effect} when {@code eventId} was not processed by {@code consumer} before; must be called
     * inside the transaction that applies the effect.
     *
     * @return true when the effect ran, false for a duplicate
     */
    public Uni<Boolean> once(String consumer, String eventId, Supplier<Uni<?>> effect) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate())
                .chain(inserted -> inserted == 1 ? effect.get().replaceWith(true) : Uni.createFrom().item(false));
    }
}
