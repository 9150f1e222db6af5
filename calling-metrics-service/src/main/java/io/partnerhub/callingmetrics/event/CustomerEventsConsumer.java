package io.partnerhub.callingmetrics.event;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps customer names and admin assignments current from {@code partnerhub.customers.v1}; the ack follows the commit.
 * A failure that can heal (the database briefly down) is retried by the platform's policy before the event is given
 * up to the dead-letter topic; an unreadable event goes there at once.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    static final String CONSUMER = "calling-metrics-service.customers";

    private final CustomerScope customers;

    public CustomerEventsConsumer(CustomerScope customers) {
        this.customers = customers;
    }

    @Incoming("customers")
    public Uni<Void> consume(String value) {
        return customers.consume(CONSUMER, value);
    }
}
