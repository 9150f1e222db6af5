package io.partnerhub.callingmetrics.repository;

import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.partnerhub.callingmetrics.Week;
import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of the weekly aggregates, scoped to the caller's partner and, for a partner-admin, to the customers assigned
 * to them or created by them. Deleted customers are left out for everyone. Every query takes a week range
 * {@code [from, to]} (week starts). Active users are distinct (customer, user) pairs: a user belongs to one customer.
 * A scope with {@link Scope#toDate()} reads one week from its raw records instead, with the same queries
 * ({@link WeekToDate}).
 */
@ApplicationScoped
public class AggregateQueries {

    /**
     * Whose figures: the partner (its surrogate id, -1 when it has no record yet, and its tenant id) and, for a
     * partner-admin, the admin whose customers are visible; with {@code toDate}, one week counts only its records
     * starting before a cut.
     */
    public record Scope(int partnerId, String partnerOrgId, String assignedTo, ToDate toDate) {

        public Scope(int partnerId, String partnerOrgId, String assignedTo) {
            this(partnerId, partnerOrgId, assignedTo, null);
        }

        /** The same scope, with {@code week} counting only its records that start before {@code cut}. */
        public Scope upTo(LocalDate week, Instant cut) {
            return new Scope(partnerId, partnerOrgId, assignedTo, new ToDate(week, cut));
        }
    }

    /** A week counted to date: its records that start before {@code cut} ({@code week=current} before its Saturday). */
    public record ToDate(LocalDate week, Instant cut) {
    }

    public record WeekTotals(LocalDate weekStart, long calls, long durationSeconds, long poorCalls, long activeUsers,
                             Instant lastIngestedAt) {
    }

    public record CustomerWeek(UUID customerId, String customerName, LocalDate weekStart, long calls, long durationSeconds,
                               long poorCalls, long activeUsers, Instant lastIngestedAt) {
    }

    public record Count(String key, long calls, long poorCalls) {
    }

    public record CustomerQueue(UUID customerId, String customerName, long queued, long answered, long abandoned,
                                BigDecimal answeredWaitSum, BigDecimal abandonedWaitSum) {
    }

    private final Pool pool;

    public AggregateQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<WeekTotals>> weekTotals(Scope scope, LocalDate from, LocalDate to) {
        return list(scope, from, to, """
                select w.week_start, sum(w.calls), sum(w.duration_seconds), sum(w.poor_calls), sum(w.active_users),
                       max(w.last_ingested_at)
                  from %s w
                 where w.partner_id = $1 and w.week_start between $2 and $3 %s
                 group by w.week_start
                """.formatted(WeekToDate.customerWeeks(scope), visible(scope, "w")),
                row -> new WeekTotals(row.getLocalDate(0), row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        instant(row, 5)));
    }

    /**
     * For each number of active weeks in the range, how many users were active in exactly that many: from the week
     * bits of {@code user_activity} (one row per user and 64-week block). A range within one block (57 of every 64
     * reference weeks) reads each user's one row as it is; a range across two blocks, or with a week to date, adds up
     * each user's rows.
     */
    public Uni<List<Count>> usersByActiveWeeks(Scope scope, LocalDate from, LocalDate to) {
        long first = Week.number(from);
        long last = Week.number(to);
        if (first / 64 != last / 64 || scope.toDate() != null) {
            return list(scope, from, to, """
                    select cast(x.weeks as text), count(*)
                      from (select sum(bit_count(cast((a.weeks >> s.lo) & ((cast(1 as bigint) << (s.hi - s.lo + 1)) - 1) as bit(64))))
                                   as weeks
                              from (select (cast($2 as date) - date '1970-01-04') / 7 as first,
                                           (cast($3 as date) - date '1970-01-04') / 7 as last) r
                              join %s a on a.block between r.first / 64 and r.last / 64
                              cross join lateral (select greatest(r.first - 64 * a.block, 0) as lo,
                                                         least(r.last - 64 * a.block, 63) as hi) s
                             where a.partner_id = $1 %s
                             group by a.customer_id, a.user_id) x
                     where x.weeks > 0
                     group by x.weeks
                    """.formatted(WeekToDate.userActivity(scope), visible(scope, "a")),
                    row -> new Count(row.getString(0), row.getLong(1), 0));
        }
        Tuple params = Tuple.of(scope.partnerId(), (int) (first / 64), (int) (first % 64), scope.partnerOrgId())
                .addLong((1L << (last - first + 1)) - 1);
        return query("""
                select cast(x.weeks as text), count(*)
                  from (select bit_count(cast((a.weeks >> $3::int) & $5::bigint as bit(64))) as weeks
                          from user_activity a
                         where a.partner_id = $1 and a.block = $2::int %s) x
                 where x.weeks > 0
                 group by x.weeks
                """.formatted(visible(scope, "a", 6)), scoped(scope, params),
                row -> new Count(row.getString(0), row.getLong(1), 0));
    }

    public Uni<List<CustomerWeek>> customerWeeks(Scope scope, LocalDate from, LocalDate to) {
        return list(scope, from, to, """
                select w.customer_id, c.name, w.week_start, w.calls, w.duration_seconds, w.poor_calls, w.active_users,
                       w.last_ingested_at
                  from %s w
                  left join customer c on c.customer_id = w.customer_id and c.partner_org_id = $4
                 where w.partner_id = $1 and w.week_start between $2 and $3 %s
                """.formatted(WeekToDate.customerWeeks(scope), visible(scope, "w")),
                row -> new CustomerWeek(row.getUUID(0), row.getString(1), row.getLocalDate(2), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), instant(row, 7)));
    }

    /** Calls and poor calls per endpoint type over the range. */
    public Uni<List<Count>> endpointTotals(Scope scope, LocalDate from, LocalDate to) {
        StringBuilder sums = new StringBuilder();
        for (EndpointType type : EndpointType.values()) {
            sums.append(sums.isEmpty() ? "" : ", ").append("coalesce(sum(w.").append(WeekColumns.endpointCalls(type))
                    .append("), 0), coalesce(sum(w.").append(WeekColumns.endpointPoor(type)).append("), 0)");
        }
        return list(scope, from, to, """
                select %s from %s w
                 where w.partner_id = $1 and w.week_start between $2 and $3 %s
                """.formatted(sums, WeekToDate.customerWeeks(scope), visible(scope, "w")),
                row -> {
                    List<Count> counts = new ArrayList<>();
                    EndpointType[] types = EndpointType.values();
                    for (int i = 0; i < types.length; i++) {
                        counts.add(new Count(types[i].name(), row.getLong(2 * i), row.getLong(2 * i + 1)));
                    }
                    return counts;
                }).map(rows -> rows.isEmpty() ? List.of() : rows.get(0));
    }

    /** Feature uses in week {@code to}, over customers with a queued record in any week of {@code [from, to]}. */
    public Uni<List<Count>> featureTotalsOfQueueCustomers(Scope scope, LocalDate from, LocalDate to) {
        StringBuilder sums = new StringBuilder();
        for (Feature feature : Feature.values()) {
            sums.append(sums.isEmpty() ? "" : ", ").append("coalesce(sum(w.").append(WeekColumns.feature(feature)).append("), 0)");
        }
        return list(scope, from, to, """
                select %1$s from %2$s w
                 where w.partner_id = $1 and w.week_start = $3 %3$s
                   and w.customer_id = any(array(select distinct q.customer_id from %2$s q
                                                  where q.partner_id = $1 and q.week_start between $2 and $3 and q.queued > 0))
                """.formatted(sums, WeekToDate.customerWeeks(scope), visible(scope, "w")),
                row -> {
                    List<Count> counts = new ArrayList<>();
                    Feature[] features = Feature.values();
                    for (int i = 0; i < features.length; i++) {
                        counts.add(new Count(features[i].name(), row.getLong(i), 0));
                    }
                    return counts;
                }).map(rows -> rows.isEmpty() ? List.of() : rows.get(0));
    }

    public Uni<List<CustomerQueue>> customerQueues(Scope scope, LocalDate from, LocalDate to) {
        return list(scope, from, to, """
                select q.customer_id, c.name, sum(q.queued), sum(q.answered), sum(q.abandoned),
                       sum(q.answered_wait_sum), sum(q.abandoned_wait_sum)
                  from %s q
                  left join customer c on c.customer_id = q.customer_id and c.partner_org_id = $4
                 where q.partner_id = $1 and q.week_start between $2 and $3 %s
                 group by q.customer_id, c.name
                """.formatted(WeekToDate.queueWeeks(scope), visible(scope, "q")),
                row -> new CustomerQueue(row.getUUID(0), row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        row.getBigDecimal(5), row.getBigDecimal(6)));
    }

    /** dataFreshAt: when the newest record of these weeks arrived (null without any). */
    public Uni<Instant> lastIngestedAt(Scope scope, LocalDate from, LocalDate to) {
        return list(scope, from, to, """
                select max(w.last_ingested_at) from %s w
                 where w.partner_id = $1 and w.week_start between $2 and $3 %s
                """.formatted(WeekToDate.customerWeeks(scope), visible(scope, "w")),
                row -> java.util.Optional.ofNullable(instant(row, 0)))
                .map(rows -> rows.isEmpty() ? null : rows.get(0).orElse(null));
    }

    /**
     * The latest start time of a record of {@code week} that the scope sees (null without any): whether a read of the
     * week to date would leave records out.
     */
    public Uni<Instant> lastStartTime(Scope scope, LocalDate week) {
        return list(scope, week, week, """
                select max(w.last_start_time) from customer_week w
                 where w.partner_id = $1 and w.week_start between $2 and $3 %s
                """.formatted(visible(scope, "w")),
                row -> java.util.Optional.ofNullable(instant(row, 0)))
                .map(rows -> rows.isEmpty() ? null : rows.get(0).orElse(null));
    }

    /**
     * The customers the scope sees. A partner-admin: customers (known from customers-service) assigned to them or
     * created by them. Others: every customer of the partner except deleted ones (records of a customer not yet
     * known from customers-service are shown, without a name).
     */
    static String visible(Scope scope, String alias) {
        return visible(scope, alias, scope.toDate() == null ? 5 : 7);
    }

    /** @param assignedTo the number of the admin's parameter ({@code $n}): the one after the query's own */
    static String visible(Scope scope, String alias, int assignedTo) {
        if (scope.assignedTo() != null) {
            return "and " + CustomerScope.visibleTo(alias + ".customer_id", "$4", "$" + assignedTo);
        }
        return "and not exists (select 1 from customer c where c.customer_id = " + alias + ".customer_id"
                + " and c.partner_org_id = $4 and c.deleted)";
    }

    private <T> Uni<List<T>> list(Scope scope, LocalDate from, LocalDate to, String sql, Function<Row, T> mapper) {
        return query(sql, scoped(scope, Tuple.of(scope.partnerId(), from, to, scope.partnerOrgId())), mapper);
    }

    /**
     * The query's own parameters, then the week to date and its cut when the scope has one ({@link WeekToDate}: $5,
     * $6), then the partner-admin's id when the scope has one (see {@link #visible}).
     */
    private static Tuple scoped(Scope scope, Tuple params) {
        if (scope.toDate() != null) {
            params.addLocalDate(scope.toDate().week()).addOffsetDateTime(scope.toDate().cut().atOffset(ZoneOffset.UTC));
        }
        if (scope.assignedTo() != null) {
            params.addString(scope.assignedTo());
        }
        return params;
    }

    private <T> Uni<List<T>> query(String sql, Tuple params, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<T> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                result.add(mapper.apply(row));
            }
            return result;
        });
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
