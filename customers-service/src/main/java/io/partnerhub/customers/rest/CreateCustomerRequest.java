package io.partnerhub.customers.rest;

import io.partnerhub.customers.ManagedBy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /customers}: id, tenant and audit fields are never taken from a body. */
public record CreateCustomerRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain only letters, digits, '.', '_' and '-'") String externalId,
        @NotNull ManagedBy managedBy) {
}
