package io.partnerhub.callingmetrics.repository;

import io.partnerhub.callingmetrics.Direction;
import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.partnerhub.callingmetrics.repository.AggregateQueries.Scope;

/**
 * The aggregate tables as a read sees them when one week counts only to date ({@link Scope#toDate()}): that week's
 * rows are computed from its raw records that start before the cut, the other weeks' rows are the aggregates. Each
 * source has the columns its table's reads use, counted as ingest counts them ({@code BatchTotals}: the poor flag and
 * feature bits stored per record, active users by their OUTBOUND records, answered = the stored
 * {@code queue_answered}), and {@code last_ingested_at} is when the newest counted record arrived (dataFreshAt).
 * Parameters: $1 the partner, $5 the week, $6 the cut (see {@link AggregateQueries}). Without a cut each source is
 * its table.
 */
final class WeekToDate {

    /** The week's raw records that count: those starting before the cut (the partition of the week only). */
    private static final String RECORDS =
            "r.partner_id = $1 and r.week_start = cast($5 as date) and r.start_time < cast($6 as timestamptz)";

    private static final String OUTBOUND = "r.direction = '" + Direction.OUTBOUND.name() + "'";

    private static final String CUSTOMER_WEEKS = customerWeeks();

    private static final String QUEUE_WEEKS = """
            (select partner_id, week_start, customer_id, queue_id, queued, answered, abandoned, answered_wait_sum,
                    abandoned_wait_sum
               from queue_week
              where partner_id = $1 and week_start <> cast($5 as date)
             union all
             select r.partner_id, r.week_start, r.customer_id, r.queue_id, count(*), count(*) filter (where r.queue_answered),
                    count(*) filter (where not r.queue_answered),
                    coalesce(sum(r.wait_seconds) filter (where r.queue_answered), 0),
                    coalesce(sum(r.wait_seconds) filter (where not r.queue_answered), 0)
               from call_record r
              where %s and r.queue_id is not null
              group by r.partner_id, r.week_start, r.customer_id, r.queue_id)""".formatted(RECORDS);

    /**
     * The week's bit ({@code Week.number}, as the aggregates number weeks) comes from the raw records: cleared in the
     * stored rows, set in one more row per user with an OUTBOUND record before the cut. A user may then have two rows
     * in a block, so the read adds up each user's rows.
     */
    private static final String USER_ACTIVITY = """
            (select a.partner_id, a.customer_id, a.user_id, a.block,
                    case when a.block = t.n / 64 then a.weeks & ~(cast(1 as bigint) << (t.n %% 64)) else a.weeks end as weeks
               from user_activity a
              cross join (select (cast($5 as date) - date '1970-01-04') / 7 as n) t
              where a.partner_id = $1
             union all
             select distinct r.partner_id, r.customer_id, r.user_id, t.n / 64, cast(1 as bigint) << (t.n %% 64)
               from call_record r
              cross join (select (cast($5 as date) - date '1970-01-04') / 7 as n) t
              where %s and %s)""".formatted(RECORDS, OUTBOUND);

    private WeekToDate() {
    }

    /** {@code customer_week}, or with the week's rows to date. */
    static String customerWeeks(Scope scope) {
        return scope.toDate() == null ? "customer_week" : CUSTOMER_WEEKS;
    }

    /** {@code queue_week}, or with the week's rows to date. */
    static String queueWeeks(Scope scope) {
        return scope.toDate() == null ? "queue_week" : QUEUE_WEEKS;
    }

    /** {@code user_activity}, or with the week's bits to date (a user may have two rows in a block). */
    static String userActivity(Scope scope) {
        return scope.toDate() == null ? "user_activity" : USER_ACTIVITY;
    }

    private static String customerWeeks() {
        String[] counters = WeekColumns.counters();
        StringBuilder counts = new StringBuilder(); // in the order of WeekColumns.counters()
        for (EndpointType type : EndpointType.values()) {
            String endpoint = "r.endpoint_type = '" + type.name() + "'";
            counts.append(", count(*) filter (where ").append(endpoint).append(')')
                    .append(", count(*) filter (where ").append(endpoint).append(" and r.poor)");
        }
        for (Feature feature : Feature.values()) {
            counts.append(", count(*) filter (where (r.features & ").append(feature.bit()).append(") <> 0)");
        }
        return """
                (select partner_id, week_start, customer_id, calls, duration_seconds, poor_calls, active_users, queued,
                        %1$s, last_ingested_at
                   from customer_week
                  where partner_id = $1 and week_start <> cast($5 as date)
                 union all
                 select r.partner_id, r.week_start, r.customer_id, count(*), sum(r.duration_seconds), count(*) filter (where r.poor),
                        count(distinct r.user_id) filter (where %2$s), count(r.queue_id)%3$s, max(r.ingested_at)
                   from call_record r
                  where %4$s
                  group by r.partner_id, r.week_start, r.customer_id)""".formatted(String.join(", ", counters), OUTBOUND,
                counts, RECORDS);
    }
}
