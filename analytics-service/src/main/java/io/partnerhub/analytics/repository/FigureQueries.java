package io.partnerhub.analytics.repository;

import io.partnerhub.analytics.Contributions.Amounts;
import io.partnerhub.analytics.Contributions.Figure;
import io.partnerhub.analytics.Contributions.Metric;
import io.partnerhub.analytics.Contributions.Scope;
import io.partnerhub.analytics.Line;
import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.UsageHistory;
import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the subscription read model: the partner's sums by date, the tables' lines, snapshots. */
@ApplicationScoped
public class FigureQueries {

    /** Which lines a table lists, in its order (the conditions are those of {@link Line}'s rules at asOf = $2). */
    public enum Table {
        /** Not cancelled, start in [asOf − 90d, asOf]; newest first. */
        RECENT("l.status <> 'CANCELLED' and l.start_date between $2::date - 90 and $2::date",
                "l.start_date desc, l.subscription_id", "(l.start_date < $3 or (l.start_date = $3 and l.subscription_id > $4))"),
        /** Live, end in (asOf, asOf + 90d], not auto-renewing (every trial); soonest first. */
        EXPIRING("l.live and l.start_date <= $2 and l.end_date > $2 and l.end_date <= $2::date + 90 and (l.trial or not l.auto_renew)",
                "l.end_date, l.subscription_id", "(l.end_date, l.subscription_id) > ($3, $4)"),
        /** ACTIVE auto-renew subscriptions started by asOf with the term ending in (asOf, asOf + 90d]; soonest first. */
        RENEWING("not l.trial and l.auto_renew and l.status = 'ACTIVE' and l.start_date <= $2 and l.end_date > $2 and l.end_date <= $2::date + 90",
                "l.end_date, l.subscription_id", "(l.end_date, l.subscription_id) > ($3, $4)");

        final String where;
        final String order;
        final String after;

        Table(String where, String order, String after) {
            this.where = where;
            this.order = order;
            this.after = after;
        }

        /** The date of a line the table is ordered by (with the subscription id). */
        public LocalDate sortDate(Line line) {
            return this == RECENT ? line.start() : line.end();
        }
    }

    public record PartnerState(long dataVersion, Instant freshAt) {
        public static final PartnerState NONE = new PartnerState(0, null);
    }

    /** A line of a table with its customer's name (null while the customer is not known). */
    public record NamedLine(Line line, String customerName) {
    }

    private final Pool pool;

    public FigureQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<PartnerState> state(String partnerOrgId) {
        return pool.preparedQuery("select data_version, fresh_at from partner_state where partner_org_id = $1")
                .execute(Tuple.of(partnerOrgId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return PartnerState.NONE;
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime fresh = row.getOffsetDateTime(1);
                    return new PartnerState(row.getLong(0), fresh == null ? null : fresh.toInstant());
                });
    }

    /** Every figure of the partner's whole portfolio at asOf, from the sums by date. */
    public Uni<Map<Figure, Amounts>> partnerFigures(String partnerOrgId, LocalDate asOf) {
        return pool.preparedQuery("""
                        select scope, metric, sum(customers), sum(purchased), sum(assigned), sum(used)
                          from partner_day where partner_org_id = $1 and day <= $2 group by scope, metric""")
                .execute(Tuple.of(partnerOrgId, asOf))
                .map(rows -> {
                    Map<Figure, Amounts> figures = new HashMap<>();
                    for (Row row : rows) {
                        figures.put(new Figure(Scope.valueOf(row.getString(0)), Metric.valueOf(row.getString(1))), amounts(row, 2));
                    }
                    return figures;
                });
    }

    /** Σ purchased, assigned and used of the live lines of one product at each of these dates. */
    public Uni<Map<LocalDate, Amounts>> partnerLiveAt(String partnerOrgId, Scope scope, List<LocalDate> dates) {
        return pool.preparedQuery("""
                        select w.day, coalesce(sum(p.customers), 0), coalesce(sum(p.purchased), 0), coalesce(sum(p.assigned), 0),
                               coalesce(sum(p.used), 0)
                          from unnest($3::date[]) as w(day)
                          left join partner_day p on p.partner_org_id = $1 and p.scope = $2 and p.metric = 'LIVE' and p.day <= w.day
                         group by w.day""")
                .execute(Tuple.of(partnerOrgId, scope.name(), dates.toArray(LocalDate[]::new)))
                .map(rows -> {
                    Map<LocalDate, Amounts> byDate = new HashMap<>();
                    for (Row row : rows) {
                        byDate.put(row.getLocalDate(0), amounts(row, 1));
                    }
                    return byDate;
                });
    }

    /** The known, not deleted customers assigned to or created by a partner-admin. */
    public Uni<List<UUID>> customersOf(String partnerOrgId, String adminId) {
        return pool.preparedQuery("select o.customer_id from customer o where o.partner_org_id = $1 and "
                        + CustomerScope.visibleTo("o.customer_id", "$1", "$2"))
                .execute(Tuple.of(partnerOrgId, adminId))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID(0));
                    }
                    return ids;
                });
    }

    /**
     * One page of a table: up to {@code limit} lines after the cursor position ({@code afterDate}, {@code afterId};
     * null for the first page), or every line when {@code limit} is null.
     */
    public Uni<List<NamedLine>> table(Table table, Viewer viewer, Product product, LocalDate asOf, LocalDate afterDate,
                                      String afterId, Integer limit) {
        Tuple params = Tuple.of(viewer.partnerOrgId(), asOf, afterDate, afterId);
        params.addString(product.name());
        String sql = """
                select l.subscription_id, l.product, l.customer_id, l.trial, l.status, l.start_date, l.end_date, l.auto_renew,
                       l.purchased, c.name
                  from subscription_line l
                  left join customer c on c.partner_org_id = l.partner_org_id and c.customer_id = l.customer_id
                 where l.partner_org_id = $1 and l.product = $5 and %s and ($3::date is null or %s) and %s
                 order by %s %s""".formatted(table.where, table.after, viewer.condition("l.customer_id", 6), table.order,
                limit == null ? "" : "limit " + limit);
        if (!viewer.wholePortfolio()) {
            params.addString(viewer.assignedTo());
        }
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<NamedLine> lines = new ArrayList<>();
            for (Row row : rows) {
                lines.add(new NamedLine(ContributionStore.line(row), row.getString(9)));
            }
            return lines;
        });
    }

    /** The snapshots of these lines of one product, as histories by subscription id. */
    public Uni<Map<String, UsageHistory>> histories(String partnerOrgId, Product product, List<String> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                        select subscription_id, day, assigned, used from license_snapshot
                         where partner_org_id = $1 and product = $2 and subscription_id = any($3::text[])""")
                .execute(Tuple.of(partnerOrgId, product.name(), subscriptionIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<UsageHistory.Snapshot>> snapshots = new LinkedHashMap<>();
                    for (Row row : rows) {
                        snapshots.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                                .add(new UsageHistory.Snapshot(row.getLocalDate(1), row.getInteger(2), row.getInteger(3)));
                    }
                    Map<String, UsageHistory> histories = new HashMap<>();
                    snapshots.forEach((id, list) -> histories.put(id, UsageHistory.of(list)));
                    return histories;
                });
    }

    static Amounts amounts(Row row, int first) {
        return new Amounts(row.getLong(first), row.getLong(first + 1), row.getLong(first + 2), row.getLong(first + 3));
    }
}
