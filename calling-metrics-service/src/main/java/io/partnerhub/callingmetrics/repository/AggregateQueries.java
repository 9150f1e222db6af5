package io.partnerhub.callingmetrics.repository;

import io.partnerhub.platform.runtime.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of the weekly aggregates only (never raw records), scoped to the caller's partner and, for a partner-admin,
 * to the customers assigned to them or created by them. Deleted customers are left out for everyone. Every query
 * takes a week range {@code [from, to]} (week starts).
 */
@ApplicationScoped
public class AggregateQueries {

    public record WeekTotals(LocalDate weekStart, long calls, long durationSeconds, long poorCalls, Instant lastIngestedAt) {
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

    public Uni<List<WeekTotals>> weekTotals(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select w.week_start, sum(w.calls), sum(w.duration_seconds), sum(w.poor_calls), max(w.last_ingested_at)
                  from customer_week w
                 where w.partner_org_id = $1 and w.week_start between $2 and $3 %s
                 group by w.week_start
                """.formatted(scope(actor, "w")),
                row -> new WeekTotals(row.getLocalDate(0), row.getLong(1), row.getLong(2), row.getLong(3), instant(row, 4)));
    }

    /** Distinct active users per week. */
    public Uni<List<Count>> activeUsers(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select cast(u.week_start as text), count(distinct u.user_id)
                  from user_week u
                 where u.partner_org_id = $1 and u.week_start between $2 and $3 %s
                 group by u.week_start
                """.formatted(scope(actor, "u")),
                row -> new Count(row.getString(0), row.getLong(1), 0));
    }

    /** For each number of active weeks in the range, how many users were active in exactly that many. */
    public Uni<List<Count>> usersByActiveWeeks(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select cast(x.weeks as text), count(*)
                  from (select u.user_id, count(distinct u.week_start) as weeks
                          from user_week u
                         where u.partner_org_id = $1 and u.week_start between $2 and $3 %s
                         group by u.user_id) x
                 group by x.weeks
                """.formatted(scope(actor, "u")),
                row -> new Count(row.getString(0), row.getLong(1), 0));
    }

    public Uni<List<CustomerWeek>> customerWeeks(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select w.customer_id, c.name, w.week_start, w.calls, w.duration_seconds, w.poor_calls,
                       (select count(*) from user_week u
                         where u.partner_org_id = $1 and u.week_start = w.week_start and u.customer_id = w.customer_id),
                       w.last_ingested_at
                  from customer_week w
                  left join customer c on c.customer_id = w.customer_id and c.partner_org_id = $1
                 where w.partner_org_id = $1 and w.week_start between $2 and $3 %s
                """.formatted(scope(actor, "w")),
                row -> new CustomerWeek(row.getUUID(0), row.getString(1), row.getLocalDate(2), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), instant(row, 7)));
    }

    public Uni<List<Count>> endpointTotals(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select e.endpoint_type, sum(e.calls), sum(e.poor_calls)
                  from endpoint_week e
                 where e.partner_org_id = $1 and e.week_start between $2 and $3 %s
                 group by e.endpoint_type
                """.formatted(scope(actor, "e")),
                row -> new Count(row.getString(0), row.getLong(1), row.getLong(2)));
    }

    /** Feature uses in week {@code to}, over customers with a queued record in any week of {@code [from, to]}. */
    public Uni<List<Count>> featureTotalsOfQueueCustomers(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select f.feature, sum(f.calls), 0
                  from feature_week f
                 where f.partner_org_id = $1 and f.week_start = $3 %s
                   and f.customer_id in (select q.customer_id from queue_week q
                                          where q.partner_org_id = $1 and q.week_start between $2 and $3 and q.queued > 0)
                 group by f.feature
                """.formatted(scope(actor, "f")),
                row -> new Count(row.getString(0), row.getLong(1), 0));
    }

    public Uni<List<CustomerQueue>> customerQueues(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select q.customer_id, c.name, sum(q.queued), sum(q.answered), sum(q.abandoned),
                       sum(q.answered_wait_sum), sum(q.abandoned_wait_sum)
                  from queue_week q
                  left join customer c on c.customer_id = q.customer_id and c.partner_org_id = $1
                 where q.partner_org_id = $1 and q.week_start between $2 and $3 %s
                 group by q.customer_id, c.name
                """.formatted(scope(actor, "q")),
                row -> new CustomerQueue(row.getUUID(0), row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        row.getBigDecimal(5), row.getBigDecimal(6)));
    }

    /** dataFreshAt: when the newest record of these weeks arrived (null without any). */
    public Uni<Instant> lastIngestedAt(Actor actor, LocalDate from, LocalDate to) {
        return list(actor, from, to, """
                select max(w.last_ingested_at) from customer_week w
                 where w.partner_org_id = $1 and w.week_start between $2 and $3 %s
                """.formatted(scope(actor, "w")),
                row -> java.util.Optional.ofNullable(instant(row, 0)))
                .map(rows -> rows.isEmpty() ? null : rows.get(0).orElse(null));
    }

    /**
     * The customers the actor sees. A partner-admin: customers (known from customers-service) assigned to them or
     * created by them. Others: every customer of the partner except deleted ones (records of a customer not yet
     * known from customers-service are shown, without a name).
     */
    static String scope(Actor actor, String alias) {
        if (actor.assignedOnly()) {
            return "and exists (select 1 from customer c where c.customer_id = " + alias + ".customer_id"
                    + " and c.partner_org_id = $1 and not c.deleted and (c.created_by = $4 or $4 = any(c.admin_ids)))";
        }
        return "and not exists (select 1 from customer c where c.customer_id = " + alias + ".customer_id"
                + " and c.partner_org_id = $1 and c.deleted)";
    }

    private <T> Uni<List<T>> list(Actor actor, LocalDate from, LocalDate to, String sql, Function<Row, T> mapper) {
        Tuple params = Tuple.of(actor.partnerOrgId(), from, to);
        if (actor.assignedOnly()) {
            params.addString(actor.subject());
        }
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
