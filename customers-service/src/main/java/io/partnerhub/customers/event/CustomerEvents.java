package io.partnerhub.customers.event;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.ManagedBy;
import io.partnerhub.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What customers-service tells the world on {@code partnerhub.customers.v1}: full customer state and version. */
@ApplicationScoped
public class CustomerEvents {

    public static final String CREATED = "partnerhub.customer.created";

    public record CustomerState(String customerId, String name, String externalId, ManagedBy managedBy,
                                List<String> adminIds, List<String> tagIds, Instant createdAt, String createdBy,
                                boolean deleted) {
    }

    public record CustomerChanged(CustomerState customer, long version) {
    }

    private final Outbox outbox;
    private final String topic;

    public CustomerEvents(Outbox outbox, @ConfigProperty(name = "partnerhub.topics.customers") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    public Uni<Void> customerChanged(String type, Customer customer, List<String> adminIds, List<String> tagIds) {
        CustomerState state = new CustomerState(customer.id.toString(), customer.name, customer.externalId,
                customer.managedBy, adminIds, tagIds, customer.createdAt, customer.createdBy, customer.deleted);
        return outbox.publish(topic, type, customer.id.toString(), customer.partnerOrgId,
                new CustomerChanged(state, customer.version)).replaceWithVoid();
    }
}
