package io.partnerhub.customers.event;

import io.partnerhub.customers.service.SubscriptionState;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Subscription state from subscriptions-service; the ack follows the commit. */
@ApplicationScoped
public class SubscriptionEventsConsumer {

    private final IncomingEvents incoming;
    private final SubscriptionState state;

    public SubscriptionEventsConsumer(IncomingEvents incoming, SubscriptionState state) {
        this.incoming = incoming;
        this.state = state;
    }

    @Incoming("subscriptions")
    public Uni<Void> consume(String value) {
        return incoming.withRetries(() -> state.apply(incoming.parse(value))).replaceWithVoid();
    }
}
