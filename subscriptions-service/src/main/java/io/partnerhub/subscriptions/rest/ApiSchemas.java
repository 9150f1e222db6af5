package io.partnerhub.subscriptions.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the subscriptions-service answers that its resources build as {@code Response}s, for the API
 * document only (nothing is serialised from these types).
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    static final String NULL_ON_LAST_PAGE = "The cursor of the next page; null on the last page";
    static final String ETAG = "The resource's version: send it as If-None-Match to read it again (304 when unchanged)";

    @Schema(name = "SubscriptionPage", description = "One page of subscriptions")
    record SubscriptionPage(List<SubscriptionResponse> items,
                            @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "OrderHistoryPage", description = "One page of a customer's order history, newest first")
    record OrderHistoryPage(List<OrderHistoryResponse> items,
                            @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "InvoicePage", description = "One page of a subscription's invoices, oldest first")
    record InvoicePage(List<InvoiceResponse> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }
}
