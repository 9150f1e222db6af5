package io.partnerhub.analytics.event;

import io.partnerhub.analytics.service.CustomerReadModel;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the customer read model current from {@code partnerhub.customers.v1}; the ack follows the commit. */
@ApplicationScoped
public class CustomerEventsConsumer {

    private final IncomingEvents incoming;
    private final CustomerReadModel readModel;

    public CustomerEventsConsumer(IncomingEvents incoming, CustomerReadModel readModel) {
        this.incoming = incoming;
        this.readModel = readModel;
    }

    @Incoming("customers")
    public Uni<Void> consume(String value) {
        return IncomingEvents.withRetries(() -> readModel.apply(incoming.parse(value))).replaceWithVoid();
    }
}
