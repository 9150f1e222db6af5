package io.partnerhub.subscriptions.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One revision of an order in a customer's order history. */
public record OrderHistoryResponse(String orderId, String ccwOrderId, int revision, String subscriptionId, String customerId,
                                   @Schema(nullable = true) Customer customer, LocalDate startDate, int termMonths, boolean autoRenew,
                                   List<Line> lines, Instant receivedAt, String status) {

    public record Customer(String externalId, String name, String managedBy) {
    }

    public record Line(String product, String sku, int quantity) {
    }
}
