package io.partnerhub.callingmetrics.mapping;

import io.partnerhub.callingmetrics.service.CallingViews;
import io.partnerhub.platform.runtime.csv.Csv;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/** The {@code Accept: text/csv} form of each calling table: the same rows as JSON, the JSON field names as header. */
public final class CallingCsv {

    private CallingCsv() {
    }

    public static Response userUsage(CallingViews.UserUsage view) {
        return Csv.response("calling-usage-users.csv", List.of("weekStart", "activeUsers", "calls", "minutes"),
                view.weeks().stream().map(w -> row(w.weekStart(), w.activeUsers(), w.calls(), w.minutes())).toList());
    }

    public static Response customerUsage(CallingViews.CustomerUsage view) {
        return Csv.response("calling-usage-customers.csv",
                List.of("customerId", "customerName", "activeUsers", "calls", "minutes", "callsPerUser", "callsChangePct"),
                view.items().stream().map(r -> row(r.customerId(), r.customerName(), r.activeUsers(), r.calls(), r.minutes(),
                        r.callsPerUser(), r.callsChangePct())).toList());
    }

    public static Response qualityTrend(CallingViews.QualityTrend view) {
        return Csv.response("calling-quality-trend.csv", List.of("weekStart", "calls", "poorCalls", "poorPct"),
                view.weeks().stream().map(w -> row(w.weekStart(), w.calls(), w.poorCalls(), w.poorPct())).toList());
    }

    public static Response endpointQuality(CallingViews.EndpointQuality view) {
        return Csv.response("calling-quality-endpoints.csv", List.of("endpointType", "calls", "poorCalls", "poorPct"),
                view.items().stream().map(r -> row(r.endpointType(), r.calls(), r.poorCalls(), r.poorPct())).toList());
    }

    public static Response customerQuality(CallingViews.CustomerQuality view) {
        return Csv.response("calling-quality-customers.csv",
                List.of("customerId", "customerName", "calls", "poorCalls", "poorPct", "poorPctChange"),
                view.items().stream().map(r -> row(r.customerId(), r.customerName(), r.calls(), r.poorCalls(), r.poorPct(),
                        r.poorPctChange())).toList());
    }

    public static Response features(CallingViews.FeatureUsage view) {
        return Csv.response("calling-features.csv", List.of("feature", "calls"),
                view.items().stream().map(r -> row(r.feature(), r.calls())).toList());
    }

    public static Response queues(CallingViews.QueueInsights view) {
        return Csv.response("calling-queues.csv",
                List.of("customerId", "customerName", "queued", "answered", "abandoned", "abandonedPct",
                        "avgTimeToAnswerSeconds", "avgWaitBeforeAbandonSeconds"),
                view.items().stream().map(r -> row(r.customerId(), r.customerName(), r.queued(), r.answered(), r.abandoned(),
                        r.abandonedPct(), r.avgTimeToAnswerSeconds(), r.avgWaitBeforeAbandonSeconds())).toList());
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
