package io.partnerhub.analytics.mapping;

import io.partnerhub.analytics.Product;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What analytics-service takes from {@code partnerhub.subscriptions.v1}, read and checked. */
public sealed interface AnalyticsEvent {

    String partnerOrgId();

    String eventId();

    /** When the event was produced. */
    Instant time();

    /** A subscription or trial's full state ({@code partnerhub.subscription.*}, {@code partnerhub.trial.*}). */
    record SubscriptionChanged(String partnerOrgId, String eventId, Instant time, String subscriptionId, UUID customerId,
                               boolean trial, String status, LocalDate start, LocalDate end, boolean autoRenew, long version,
                               Map<Product, Integer> purchased) implements AnalyticsEvent {
    }

    /** Dated license values of one subscription ({@code partnerhub.license.usage-recorded}), one per product and date. */
    record UsageRecorded(String partnerOrgId, String eventId, Instant time, String subscriptionId, UUID customerId,
                         List<Snapshot> snapshots) implements AnalyticsEvent {
    }

    record Snapshot(Product product, LocalDate day, int assigned, int used) {
    }
}
