package io.partnerhub.customers.rest;

import io.partnerhub.customers.ManagedBy;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The customer object of docs/api-reference.md. */
public record CustomerResponse(String id, String name, @Schema(nullable = true) String externalId, ManagedBy managedBy, List<String> statuses,
                               List<String> products, List<String> subscriptionTypes, List<TagRef> tags,
                               List<String> adminIds, @Schema(nullable = true) Instant lastAdminActivityAt, Instant createdAt, long version) {

    public record TagRef(String id, String name, String color) {
    }
}
