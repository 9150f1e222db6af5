package io.partnerhub.platform.runtime.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The full customer state a {@code partnerhub.customer.*} event carries on {@code partnerhub.customers.v1}
 * ({@code data.customer} and {@code data.version}), as the services that keep a customer read model use it.
 */
public record CustomerSnapshot(UUID customerId, String partnerOrgId, String name, List<String> adminIds, String createdBy,
                               boolean deleted, long version, Instant time) {

    /**
     * @return empty for an event that is not a customer event or carries no customer
     * @throws IncomingEvents.InvalidEventException when the customer id is not a UUID (the event goes to the dead-letter topic)
     */
    public static Optional<CustomerSnapshot> of(CloudEvent event) {
        JsonNode customer = event.data() == null ? null : event.data().get("customer");
        if (!event.type().startsWith("partnerhub.customer.") || customer == null || !customer.hasNonNull("customerId")) {
            return Optional.empty();
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(customer.get("customerId").asText());
        } catch (IllegalArgumentException e) {
            throw new IncomingEvents.InvalidEventException("customerId is not a UUID");
        }
        List<String> adminIds = new ArrayList<>();
        customer.path("adminIds").forEach(admin -> adminIds.add(admin.asText()));
        return Optional.of(new CustomerSnapshot(customerId, event.partnerorgid(), customer.path("name").asText(),
                List.copyOf(adminIds), customer.hasNonNull("createdBy") ? customer.get("createdBy").asText() : null,
                customer.path("deleted").asBoolean(false), event.data().path("version").asLong(0), event.time()));
    }
}
