package io.partnerhub.analytics.mapping;

import io.partnerhub.analytics.service.AnalyticsViews.ExpiringRow;
import io.partnerhub.analytics.service.AnalyticsViews.Kpis;
import io.partnerhub.analytics.service.AnalyticsViews.LowRow;
import io.partnerhub.analytics.service.AnalyticsViews.OverageRow;
import io.partnerhub.analytics.service.AnalyticsViews.RecentRow;
import io.partnerhub.analytics.service.AnalyticsViews.RenewingRow;
import io.partnerhub.analytics.service.AnalyticsViews.Trend;
import io.partnerhub.platform.runtime.csv.Csv;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code Accept: text/csv} answers of the analytics reads: the whole table, columns named as the JSON fields. */
public final class AnalyticsCsv {

    private static final List<String> USAGE_COLUMNS = List.of("usageLast3Months1", "usageLast3Months2", "usageLast3Months3");

    private AnalyticsCsv() {
    }

    public static Response kpis(Kpis k) {
        return Csv.response("kpis.csv", List.of("asOf", "totalCustomers", "expiring", "renewingSoon", "lowAllocation", "overage"),
                List.of(List.of(k.asOf(), k.totalCustomers(), k.expiring(), k.renewingSoon(), k.lowAllocation(), k.overage())));
    }

    public static Response trend(Trend t) {
        return Csv.response("license-trend.csv", List.of("weekEnd", "purchased", "assigned", "used"),
                t.points().stream().map(p -> List.<Object>of(p.weekEnd(), p.purchased(), p.assigned(), p.used())).toList());
    }

    public static Response recentlyAdded(List<RecentRow> rows) {
        return Csv.response("recently-added.csv", List.of("customerId", "customerName", "subscriptionId", "trial", "daysSinceAdded",
                        "totalLicenses", "used", "assigned", "available", "weeklyAssignedChange", "weeklyUsedChange"),
                rows.stream().map(r -> java.util.Arrays.<Object>asList(r.customerId(), r.customerName(), r.subscriptionId(), r.trial(),
                        r.daysSinceAdded(), r.totalLicenses(), r.used(), r.assigned(), r.available(), r.weeklyAssignedChange(),
                        r.weeklyUsedChange())).toList());
    }

    public static Response expiring(List<ExpiringRow> rows) {
        return Csv.response("expiring.csv", ending("daysToExpiry"), rows.stream().map(r -> endingRow(r.customerId(), r.customerName(),
                r.subscriptionId(), r.trial(), r.daysToExpiry(), r.totalLicenses(), r.used(), r.assigned(), r.available(),
                r.usageLast3Months())).toList());
    }

    public static Response renewing(List<RenewingRow> rows) {
        return Csv.response("renewing.csv", ending("daysToRenewal"), rows.stream().map(r -> endingRow(r.customerId(), r.customerName(),
                r.subscriptionId(), r.trial(), r.daysToRenewal(), r.totalLicenses(), r.used(), r.assigned(), r.available(),
                r.usageLast3Months())).toList());
    }

    public static Response lowAllocation(List<LowRow> rows) {
        return Csv.response("low-allocation.csv", List.of("customerId", "customerName", "subscriptionId", "trial", "monthsSinceAdded",
                        "assigned", "assignedPct", "totalLicenses", "used", "available", "weeklyAssignedChange"),
                rows.stream().map(r -> java.util.Arrays.<Object>asList(r.customerId(), r.customerName(), r.subscriptionId(), r.trial(),
                        r.monthsSinceAdded(), r.assigned(), r.assignedPct(), r.totalLicenses(), r.used(), r.available(),
                        r.weeklyAssignedChange())).toList());
    }

    public static Response overage(List<OverageRow> rows) {
        return Csv.response("overage.csv", List.of("customerId", "customerName", "subscriptionId", "trial", "monthsRemaining",
                        "autoRenew", "totalLicenses", "assigned", "assignedPct", "used", "usedPct", "overage"),
                rows.stream().map(r -> java.util.Arrays.<Object>asList(r.customerId(), r.customerName(), r.subscriptionId(), r.trial(),
                        r.monthsRemaining(), r.autoRenew(), r.totalLicenses(), r.assigned(), r.assignedPct(), r.used(), r.usedPct(),
                        r.overage())).toList());
    }

    private static List<String> ending(String daysColumn) {
        List<String> header = new java.util.ArrayList<>(List.of("customerId", "customerName", "subscriptionId", "trial", daysColumn,
                "totalLicenses", "used", "assigned", "available"));
        header.addAll(USAGE_COLUMNS);
        return header;
    }

    private static List<Object> endingRow(Object... cellsThenUsage) {
        List<Object> row = new java.util.ArrayList<>(java.util.Arrays.asList(cellsThenUsage).subList(0, cellsThenUsage.length - 1));
        row.addAll((List<?>) cellsThenUsage[cellsThenUsage.length - 1]);
        return row;
    }
}
