package io.partnerhub.analytics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of the subscription analytics reads (field names as the API reference gives them). */
public final class AnalyticsViews {

    private AnalyticsViews() {
    }

    public record Kpis(LocalDate asOf, Instant dataFreshAt, long totalCustomers, long expiring, long renewingSoon,
                       long lowAllocation, long overage) {
    }

    public record TrendPoint(LocalDate weekEnd, long purchased, long assigned, long used) {
    }

    public record Trend(String product, LocalDate asOf, Instant dataFreshAt, List<TrendPoint> points) {
    }

    /** A section: its KPIs over the whole set, one page of its table, the cursor of the next page (null on the last). */
    public record Section<K, R>(String product, LocalDate asOf, Instant dataFreshAt, K kpis, List<R> items, String nextCursor) {
    }

    public record RecentKpis(long newCustomers, long totalLicenses) {
    }

    public record RecentRow(String customerId, String customerName, String subscriptionId, boolean trial, long daysSinceAdded,
                            long totalLicenses, long used, long assigned, long available, long weeklyAssignedChange,
                            long weeklyUsedChange) {
    }

    public record EndingKpis(long customers, BigDecimal assignedPct, BigDecimal usedPct) {
    }

    public record ExpiringRow(String customerId, String customerName, String subscriptionId, boolean trial, long daysToExpiry,
                              long totalLicenses, long used, long assigned, long available, List<Integer> usageLast3Months) {
    }

    public record RenewingRow(String customerId, String customerName, String subscriptionId, boolean trial, long daysToRenewal,
                              long totalLicenses, long used, long assigned, long available, List<Integer> usageLast3Months) {
    }

    /** {@code medianAssignedPct}: the median ratio the rule compares with, as a percentage (null without eligible lines). */
    public record LowKpis(long customers, BigDecimal assignedPct, BigDecimal usedWhenAssignedPct, long unassignedLicenses,
                          BigDecimal medianAssignedPct) {
    }

    public record LowRow(String customerId, String customerName, String subscriptionId, boolean trial, long monthsSinceAdded,
                         long assigned, BigDecimal assignedPct, long totalLicenses, long used, long available,
                         long weeklyAssignedChange) {
    }

    public record OverageKpis(long customers, long overageLicenses, BigDecimal avgOveragePerCustomer) {
    }

    public record OverageRow(String customerId, String customerName, String subscriptionId, boolean trial, long monthsRemaining,
                             boolean autoRenew, long totalLicenses, long assigned, BigDecimal assignedPct, long used,
                             BigDecimal usedPct, long overage) {
    }
}
