package io.partnerhub.analytics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of the subscription analytics reads (field names as the API reference gives them). */
public final class AnalyticsViews {

    private AnalyticsViews() {
    }

    public record Kpis(LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt, long totalCustomers, long expiring, long renewingSoon,
                       long lowAllocation, long overage) {
    }

    public record TrendPoint(LocalDate weekEnd, long purchased, long assigned, long used) {
    }

    public record Trend(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt, List<TrendPoint> points) {
    }

    /** A section: its KPIs over the whole set, one page of its table, the cursor of the next page (null on the last). */
    @Schema(hidden = true)
    public record Section<K, R>(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt, K kpis, List<R> items, @Schema(nullable = true) String nextCursor) {
    }

    public record RecentKpis(long newCustomers, long totalLicenses) {
    }

    public record RecentRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, @Schema(description = "External subscription id (1–64 of [A-Za-z0-9._-])") String subscriptionId, boolean trial, long daysSinceAdded,
                            long totalLicenses, long used, long assigned, long available, long weeklyAssignedChange,
                            long weeklyUsedChange) {
    }

    public record EndingKpis(long customers, @Schema(nullable = true) BigDecimal assignedPct, @Schema(nullable = true) BigDecimal usedPct) {
    }

    public record ExpiringRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, @Schema(description = "External subscription id (1–64 of [A-Za-z0-9._-])") String subscriptionId, boolean trial, long daysToExpiry,
                              long totalLicenses, long used, long assigned, long available, List<Integer> usageLast3Months) {
    }

    public record RenewingRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, @Schema(description = "External subscription id (1–64 of [A-Za-z0-9._-])") String subscriptionId, boolean trial, long daysToRenewal,
                              long totalLicenses, long used, long assigned, long available, List<Integer> usageLast3Months) {
    }

    /** {@code medianAssignedPct}: the median ratio the rule compares with, as a percentage (null without eligible lines). */
    public record LowKpis(long customers, @Schema(nullable = true) BigDecimal assignedPct, @Schema(nullable = true) BigDecimal usedWhenAssignedPct, long unassignedLicenses,
                          @Schema(nullable = true) BigDecimal medianAssignedPct) {
    }

    public record LowRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, @Schema(description = "External subscription id (1–64 of [A-Za-z0-9._-])") String subscriptionId, boolean trial, long monthsSinceAdded,
                         long assigned, @Schema(nullable = true) BigDecimal assignedPct, long totalLicenses, long used, long available,
                         long weeklyAssignedChange) {
    }

    public record OverageKpis(long customers, long overageLicenses, @Schema(nullable = true) BigDecimal avgOveragePerCustomer) {
    }

    public record OverageRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, @Schema(description = "External subscription id (1–64 of [A-Za-z0-9._-])") String subscriptionId, boolean trial, long monthsRemaining,
                             boolean autoRenew, long totalLicenses, long assigned, @Schema(nullable = true) BigDecimal assignedPct, long used,
                             @Schema(nullable = true) BigDecimal usedPct, long overage) {
    }

    /** The JSON answers of the five sections, for the API document (the resource answers a {@link Section}). */
    @Schema(name = "RecentlyAddedSection")
    public record RecentlyAddedSection(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt,
                                       RecentKpis kpis, List<RecentRow> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "ExpiringSection")
    public record ExpiringSection(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt,
                                  EndingKpis kpis, List<ExpiringRow> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "RenewingSection")
    public record RenewingSection(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt,
                                  EndingKpis kpis, List<RenewingRow> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "LowAllocationSection")
    public record LowAllocationSection(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt,
                                       LowKpis kpis, List<LowRow> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "OverageSection")
    public record OverageSection(String product, LocalDate asOf, @Schema(nullable = true) Instant dataFreshAt,
                                 OverageKpis kpis, List<OverageRow> items, @Schema(nullable = true) String nextCursor) {
    }
}
