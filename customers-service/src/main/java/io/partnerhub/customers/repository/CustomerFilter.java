package io.partnerhub.customers.repository;

import io.partnerhub.customers.CustomerStatus;
import io.partnerhub.customers.ManagedBy;
import io.partnerhub.customers.Product;
import io.partnerhub.customers.SubscriptionType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The filters of {@code GET /customers}: OR within one filter's values, AND across filters. Empty = no filter.
 */
public record CustomerFilter(String q, List<CustomerStatus> statuses, List<Product> products, List<ManagedBy> managedBy,
                             List<SubscriptionType> subscriptionTypes, List<UUID> tagIds, List<String> adminIds,
                             LocalDate asOf) {

    public static CustomerFilter none(LocalDate asOf) {
        return new CustomerFilter(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), asOf);
    }
}
