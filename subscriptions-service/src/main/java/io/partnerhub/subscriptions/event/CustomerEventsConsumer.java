package io.partnerhub.subscriptions.event;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps customers' assigned admins and creators current from {@code partnerhub.customers.v1}; the ack follows the commit. */
@ApplicationScoped
public class CustomerEventsConsumer {

    static final String CONSUMER = "subscriptions-service.customers";

    private final CustomerScope customers;

    public CustomerEventsConsumer(CustomerScope customers) {
        this.customers = customers;
    }

    @Incoming("customers")
    public Uni<Void> consume(String value) {
        return customers.consume(CONSUMER, value);
    }
}
