package io.partnerhub.subscriptions.rest;

import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.SubscriptionType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The subscription object of docs/api-reference.md; license values are at {@code asOf}. */
public record SubscriptionResponse(String subscriptionId, String customerId, SubscriptionType type, SubscriptionStatus status,
                                   LocalDate startDate, LocalDate endDate, @Schema(nullable = true) LocalDate renewalDate, boolean autoRenew,
                                   @Schema(nullable = true) Integer termMonths, List<Line> lines, @Schema(nullable = true) String convertedTo, LocalDate asOf, long version) {

    public record Line(Product product, String sku, int purchased, int assigned, int used, int available, int overage) {
    }
}
