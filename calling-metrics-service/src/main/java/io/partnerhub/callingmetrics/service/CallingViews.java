package io.partnerhub.callingmetrics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answers of the calling reads (docs/api-reference.md "Calling engagement"). Each also says which {@code asOf} and which week
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

    public record UserUsage(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, List<UsageWeek> weeks, Buckets buckets) {
    }

    public record CustomerUsageRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, long activeUsers, long calls, BigDecimal minutes,
                                   @Schema(nullable = true) BigDecimal callsPerUser, @Schema(nullable = true) BigDecimal callsChangePct) {
    }

    public record CustomerUsage(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, List<CustomerUsageRow> items,
                                @Schema(nullable = true) String nextCursor) {
    }

    public record QualityWeek(LocalDate weekStart, long calls, long poorCalls, @Schema(nullable = true) BigDecimal poorPct) {
    }

    public record QualityTrend(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, List<QualityWeek> weeks) {
    }

    public record EndpointQualityRow(String endpointType, long calls, long poorCalls, @Schema(nullable = true) BigDecimal poorPct) {
    }

    public record EndpointQuality(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, List<EndpointQualityRow> items) {
    }

    public record CustomerQualityRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, long calls, long poorCalls, @Schema(nullable = true) BigDecimal poorPct,
                                     @Schema(nullable = true) BigDecimal poorPctChange) {
    }

    public record CustomerQuality(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, List<CustomerQualityRow> items,
                                  @Schema(nullable = true) String nextCursor) {
    }

    public record FeatureRow(String feature, long calls) {
    }

    public record FeatureUsage(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, List<FeatureRow> items) {
    }

    public record QueueKpis(@Schema(nullable = true) BigDecimal avgTimeToAnswerSeconds, @Schema(nullable = true) BigDecimal avgWaitBeforeAbandonSeconds, @Schema(nullable = true) BigDecimal abandonedRatePct) {
    }

    public record QueueRow(@Schema(format = "uuid") String customerId, @Schema(nullable = true) String customerName, long queued, long answered, long abandoned,
                           @Schema(nullable = true) BigDecimal abandonedPct, @Schema(nullable = true) BigDecimal avgTimeToAnswerSeconds, @Schema(nullable = true) BigDecimal avgWaitBeforeAbandonSeconds) {
    }

    public record QueueInsights(LocalDate asOf, LocalDate weekStart, @Schema(nullable = true) Instant dataFreshAt, QueueKpis kpis, List<QueueRow> items,
                                @Schema(nullable = true) String nextCursor) {
    }
}
