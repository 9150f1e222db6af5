package io.partnerhub.platform.runtime.inbox;

import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** For services that keep a customer read model from {@code partnerhub.customers.v1}. */
@ApplicationScoped
public class CustomerEvents {

    private final ProcessedEvents processed;

    public CustomerEvents(ProcessedEvents processed) {
        this.processed = processed;
    }

    /**
     * Stores the customer an event describes, once per event id, in the caller's transaction; {@code store} decides
     * what a newer version changes. Events without a customer are skipped.
     *
     * @return true when the event was applied, false for a duplicate or an event without a customer
     */
    public Uni<Boolean> applyOnce(String consumer, CloudEvent event, Function<CustomerSnapshot, Uni<?>> store) {
        return CustomerSnapshot.of(event)
                .map(customer -> processed.once(consumer, event.id(), () -> store.apply(customer)))
                .orElseGet(() -> Uni.createFrom().item(false));
    }
}
