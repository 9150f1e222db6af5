package io.partnerhub.callingmetrics.event;

import io.partnerhub.callingmetrics.service.CustomerDirectory;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps customer names and admin assignments current from {@code partnerhub.customers.v1}; the ack follows the commit. */
@ApplicationScoped
public class CustomerEventsConsumer {

    private final IncomingEvents incoming;
    private final CustomerDirectory directory;

    public CustomerEventsConsumer(IncomingEvents incoming, CustomerDirectory directory) {
        this.incoming = incoming;
        this.directory = directory;
    }

    @Incoming("customers")
    public Uni<Void> consume(String value) {
        return Uni.createFrom().item(() -> incoming.parse(value))
                .chain(directory::apply)
                .replaceWithVoid();
    }
}
