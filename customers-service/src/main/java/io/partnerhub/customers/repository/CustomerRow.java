package io.partnerhub.customers.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer as the list and the details show it, with what it is at {@code asOf}. */
public record CustomerRow(UUID id, String name, String nameKey, String externalId, String managedBy, Instant createdAt, long version,
                          Instant lastAdminActivityAt, List<String> statuses, List<String> products,
                          List<String> subscriptionTypes, List<TagRef> tags, List<String> adminIds) {

    public record TagRef(UUID id, String name, String color) {
    }

    CustomerRow with(List<TagRef> tags, List<String> adminIds) {
        return new CustomerRow(id, name, nameKey, externalId, managedBy, createdAt, version, lastAdminActivityAt, statuses,
                products, subscriptionTypes, tags, adminIds);
    }
}
