package io.partnerhub.callingmetrics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The answers of the calling reads (API.md "Calling engagement"). Each also says which {@code asOf} and which week
 * ({@code weekStart}, the Sunday of the reference week) it is about, and {@code dataFreshAt}: when the newest record
 * the figures include arrived (null when they include none). The per-customer tables are pages ({@code limit},
 * {@code cursor}; {@code nextCursor} null on the last page), ordered by customer name, unknown names last.
 */
public final class CallingViews {

    private CallingViews() {
    }

    public record UsageWeek(LocalDate weekStart, long activeUsers, long calls, BigDecimal minutes) {
    }

    public record Buckets(long heavy, long regular, long light) {
    }

    public record UserUsage(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, List<UsageWeek> weeks, Buckets buckets) {
    }

    public record CustomerUsageRow(String customerId, String customerName, long activeUsers, long calls, BigDecimal minutes,
                                   BigDecimal callsPerUser, BigDecimal callsChangePct) {
    }

    public record CustomerUsage(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, List<CustomerUsageRow> items,
                                String nextCursor) {
    }

    public record QualityWeek(LocalDate weekStart, long calls, long poorCalls, BigDecimal poorPct) {
    }

    public record QualityTrend(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, List<QualityWeek> weeks) {
    }

    public record EndpointQualityRow(String endpointType, long calls, long poorCalls, BigDecimal poorPct) {
    }

    public record EndpointQuality(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, List<EndpointQualityRow> items) {
    }

    public record CustomerQualityRow(String customerId, String customerName, long calls, long poorCalls, BigDecimal poorPct,
                                     BigDecimal poorPctChange) {
    }

    public record CustomerQuality(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, List<CustomerQualityRow> items,
                                  String nextCursor) {
    }

    public record FeatureRow(String feature, long calls) {
    }

    public record FeatureUsage(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, List<FeatureRow> items) {
    }

    public record QueueKpis(BigDecimal avgTimeToAnswerSeconds, BigDecimal avgWaitBeforeAbandonSeconds, BigDecimal abandonedRatePct) {
    }

    public record QueueRow(String customerId, String customerName, long queued, long answered, long abandoned,
                           BigDecimal abandonedPct, BigDecimal avgTimeToAnswerSeconds, BigDecimal avgWaitBeforeAbandonSeconds) {
    }

    public record QueueInsights(LocalDate asOf, LocalDate weekStart, Instant dataFreshAt, QueueKpis kpis, List<QueueRow> items,
                                String nextCursor) {
    }
}
