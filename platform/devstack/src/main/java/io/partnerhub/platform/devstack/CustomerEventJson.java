package io.partnerhub.platform.devstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A customer event as customers-service publishes it on {@code partnerhub.customers.v1} (docs/events.md: a structured
 * CloudEvent with the customer's full state and {@code version}), for tests of the services that read that topic.
 */
public final class CustomerEventJson {

    private CustomerEventJson() {
    }

    /** {@code partnerhub.customer.deleted} when {@code deleted}, otherwise {@code partnerhub.customer.updated}. */
    public static String of(String eventId, String partnerOrgId, String customerId, String name, String createdBy,
                            List<String> adminIds, boolean deleted, long version) {
        ObjectNode event = Json.object()
                .put("specversion", "1.0")
                .put("id", eventId)
                .put("source", "/customers-service")
                .put("type", deleted ? "partnerhub.customer.deleted" : "partnerhub.customer.updated")
                .put("subject", customerId)
                .put("time", "2026-11-25T10:00:00Z")
                .put("datacontenttype", "application/json")
                .put("partnerorgid", partnerOrgId);
        ObjectNode data = event.putObject("data");
        ObjectNode customer = data.putObject("customer")
                .put("customerId", customerId)
                .put("name", name)
                .putNull("externalId")
                .put("managedBy", "PARTNER");
        adminIds.forEach(customer.putArray("adminIds")::add);
        customer.putArray("tagIds");
        customer.put("createdAt", "2026-09-01T10:00:00Z")
                .put("createdBy", createdBy)
                .put("deleted", deleted);
        data.put("version", version);
        return event.toString();
    }
}
