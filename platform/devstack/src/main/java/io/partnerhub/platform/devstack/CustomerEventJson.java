package io.partnerhub.platform.devstack;

import java.util.List;
import java.util.stream.Collectors;

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
        String admins = adminIds.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
        String type = deleted ? "partnerhub.customer.deleted" : "partnerhub.customer.updated";
        return """
                {"specversion":"1.0","id":"%s","source":"/customers-service","type":"%s","subject":"%s",
                 "time":"2026-11-25T10:00:00Z","datacontenttype":"application/json","partnerorgid":"%s",
                 "data":{"customer":{"customerId":"%s","name":"%s","externalId":null,"managedBy":"PARTNER",
                 "adminIds":[%s],"tagIds":[],"createdAt":"2026-09-01T10:00:00Z","createdBy":"%s","deleted":%s},"version":%d}}
                """.formatted(eventId, type, customerId, partnerOrgId, customerId, name, admins, createdBy, deleted, version);
    }
}
