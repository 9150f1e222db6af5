package io.partnerhub.customers.service;

import io.partnerhub.customers.ManagedBy;

public record NewCustomer(String name, String externalId, ManagedBy managedBy) {
}
