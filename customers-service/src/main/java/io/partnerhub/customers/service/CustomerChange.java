package io.partnerhub.customers.service;

import io.partnerhub.customers.ManagedBy;
import java.util.Optional;

/** A PATCH of a customer: only what is present changes. */
public record CustomerChange(Optional<String> name, Optional<ManagedBy> managedBy) {
}
