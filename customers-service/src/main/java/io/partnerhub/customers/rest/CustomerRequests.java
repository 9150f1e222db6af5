package io.partnerhub.customers.rest;

import io.partnerhub.customers.ManagedBy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the customer endpoints: id, tenant, status and audit fields are never taken from a body. */
public final class CustomerRequests {

    private CustomerRequests() {
    }

    public record Create(
            @NotBlank @Size(max = 200) String name,
            @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain only letters, digits, '.', '_' and '-'") String externalId,
            @NotNull ManagedBy managedBy) {
    }

    /** PATCH: absent fields stay as they are. */
    public record Update(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            ManagedBy managedBy) {
    }
}
