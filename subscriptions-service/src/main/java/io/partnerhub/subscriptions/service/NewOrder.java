package io.partnerhub.subscriptions.service;

import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.ManagedBy;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A validated CCW order. Exactly one of {@code customerId} (an existing customer) and {@code customer} (a new
 * one, by external id) is set.
 */
public record NewOrder(String ccwOrderId, int revision, UUID customerId, NewCustomer customer, String subscriptionId,
                       LocalDate startDate, int termMonths, boolean autoRenew, List<Line> lines) {

    public record NewCustomer(String externalId, String name, ManagedBy managedBy) {
    }
}
