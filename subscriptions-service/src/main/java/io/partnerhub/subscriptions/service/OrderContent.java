package io.partnerhub.subscriptions.service;

import io.partnerhub.subscriptions.event.SubscriptionEvents;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a revision of an order says, apart from its ids: a revision received again is a replay only when it says the
 * same (lines compared by product, in any order); saying something else under a revision already received is a
 * conflict (409), never a silent drop.
 */
public record OrderContent(String subscriptionId, UUID customerId, String customerExternalId, String customerName,
                           String customerManagedBy, LocalDate startDate, int termMonths, boolean autoRenew,
                           List<SubscriptionEvents.OrderLine> lines) {

    public OrderContent {
        lines = lines.stream().sorted(Comparator.comparing(SubscriptionEvents.OrderLine::product)).toList();
    }

    /** The fields that differ from {@code other}, by request field name (empty when it is the same order). */
    public List<String> differences(OrderContent other) {
        List<String> fields = new java.util.ArrayList<>();
        if (!subscriptionId.equals(other.subscriptionId)) {
            fields.add("subscriptionId");
        }
        if (!customerId.equals(other.customerId) || !java.util.Objects.equals(customerExternalId, other.customerExternalId)) {
            fields.add(customerExternalId == null ? "customerId" : "customer");
        } else if (!java.util.Objects.equals(customerName, other.customerName)
                || !java.util.Objects.equals(customerManagedBy, other.customerManagedBy)) {
            fields.add("customer");
        }
        if (!startDate.equals(other.startDate)) {
            fields.add("startDate");
        }
        if (termMonths != other.termMonths) {
            fields.add("termMonths");
        }
        if (autoRenew != other.autoRenew) {
            fields.add("autoRenew");
        }
        if (!lines.equals(other.lines)) {
            fields.add("lines");
        }
        return fields;
    }
}
