package io.partnerhub.customers.rest;

import io.partnerhub.customers.ManagedBy;
import java.time.Instant;
import java.util.List;

/** The customer object of API.md. */
public record CustomerResponse(String id, String name, String externalId, ManagedBy managedBy, List<String> statuses,
                               List<String> products, List<String> subscriptionTypes, List<TagRef> tags,
                               List<String> adminIds, Instant lastAdminActivityAt, Instant createdAt, long version) {

    public record TagRef(String id, String name, String color) {
    }
}
