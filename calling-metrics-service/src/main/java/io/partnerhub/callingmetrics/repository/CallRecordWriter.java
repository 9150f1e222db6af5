package io.partnerhub.callingmetrics.repository;

import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Set-based ingest in one statement of the caller's transaction: the batch goes in as one array per column, the
 * database detects duplicates ({@code call_key}), stores the new raw rows and adds exactly those rows to every
 * weekly aggregate. Each upsert takes its rows in key order so concurrent batches lock in the same order.
 */
@ApplicationScoped
public class CallRecordWriter {

    /** What one ingest changed in one customer's week. */
    public record WeekChange(UUID customerId, LocalDate weekStart, long calls, long poorCalls, long addedCalls, long addedPoorCalls) {
    }

    /** @param inserted records that were new (the rest of the batch were duplicates) */
    public record Written(int inserted, List<WeekChange> weeks) {
    }

    static final String INGEST = ingestStatement();

    /**
     * $1 partner id, $2..$19 the batch as one array per column, $20 ingest time. Returns one row per customer week the
     * batch added to: its totals after the batch, what the batch added, and how many records were new.
     */
    private static String ingestStatement() {
        StringBuilder counters = new StringBuilder();
        for (EndpointType type : EndpointType.values()) {
            counters.append(",\n       count(*) filter (where endpoint_type = '").append(type.name()).append("') as ")
                    .append(WeekColumns.endpointCalls(type))
                    .append(",\n       count(*) filter (where poor and endpoint_type = '").append(type.name()).append("') as ")
                    .append(WeekColumns.endpointPoor(type));
        }
        for (Feature feature : Feature.values()) {
            counters.append(",\n       count(*) filter (where (features & ").append(feature.bit()).append(") <> 0) as ")
                    .append(WeekColumns.feature(feature));
        }
        String[] columns = WeekColumns.counters();
        return """
                with keys as (
                    insert into call_key (partner_id, call_id)
                    select $1::int, call_id from unnest($2::text[]) as call_id order by call_id
                    on conflict do nothing
                    returning call_id
                ),
                fresh as (
                    insert into call_record (partner_id, week_start, call_id, customer_id, user_id, start_time,
                           duration_seconds, direction, endpoint_type, mos, packet_loss_pct, jitter_ms, latency_ms, poor,
                           features, queue_id, queue_outcome, queue_answered, wait_seconds, ingested_at)
                    select $1::int, t.week_start, t.call_id, t.customer_id, t.user_id, t.start_time, t.duration_seconds,
                           t.direction, t.endpoint_type, t.mos, t.packet_loss_pct, t.jitter_ms, t.latency_ms, t.poor,
                           t.features, t.queue_id, t.queue_outcome, t.queue_answered, cast(t.wait_seconds as numeric), $20::timestamptz
                      from unnest($2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::date[], $7::int[], $8::text[],
                                  $9::text[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::bool[],
                                  $15::int[], $16::text[], $17::text[], $18::bool[], $19::float8[])
                           as t(call_id, customer_id, user_id, start_time, week_start, duration_seconds, direction,
                                endpoint_type, mos, packet_loss_pct, jitter_ms, latency_ms, poor, features, queue_id,
                                queue_outcome, queue_answered, wait_seconds)
                      join keys k on k.call_id = t.call_id
                    returning customer_id, user_id, week_start, duration_seconds, direction, endpoint_type, poor, features,
                              queue_id, queue_answered, wait_seconds
                ),
                uw as (
                    insert into user_week (partner_id, week_start, customer_id, user_id)
                    select distinct $1::int, week_start, customer_id, user_id from fresh where direction = 'OUTBOUND'
                     order by 2, 3, 4
                    on conflict do nothing
                    returning customer_id, user_id, week_start
                ),
                ua as (
                    insert into user_activity as a (partner_id, customer_id, user_id, block, weeks)
                    select $1::int, customer_id, user_id, n / 64, bit_or(cast(1 as bigint) << (n %% 64))
                      from (select customer_id, user_id, (week_start - date '1970-01-04') / 7 as n from uw) x
                     group by customer_id, user_id, n / 64
                     order by 2, 3, 4
                    on conflict (partner_id, customer_id, user_id, block) do update set weeks = a.weeks | excluded.weeks
                ),
                new_users as (
                    select customer_id, week_start, count(*) as users from uw group by customer_id, week_start
                ),
                delta as (
                    select customer_id, week_start, count(*) as calls, sum(duration_seconds) as duration_seconds,
                           count(*) filter (where poor) as poor_calls, count(*) filter (where queue_id is not null) as queued%s
                      from fresh group by customer_id, week_start
                ),
                cw as (
                    insert into customer_week as w (partner_id, week_start, customer_id, calls, duration_seconds, poor_calls,
                           active_users, queued, %s, last_ingested_at)
                    select $1::int, d.week_start, d.customer_id, d.calls, d.duration_seconds, d.poor_calls,
                           coalesce(n.users, 0), d.queued, %s, $20::timestamptz
                      from delta d left join new_users n on n.customer_id = d.customer_id and n.week_start = d.week_start
                     order by d.week_start, d.customer_id
                    on conflict (partner_id, week_start, customer_id) do update
                       set calls = w.calls + excluded.calls,
                           duration_seconds = w.duration_seconds + excluded.duration_seconds,
                           poor_calls = w.poor_calls + excluded.poor_calls,
                           active_users = w.active_users + excluded.active_users,
                           queued = w.queued + excluded.queued,
                           %s,
                           last_ingested_at = greatest(w.last_ingested_at, excluded.last_ingested_at)
                    returning customer_id, week_start, calls, poor_calls
                ),
                qw as (
                    insert into queue_week as w (partner_id, week_start, customer_id, queue_id, queued, answered,
                           abandoned, answered_wait_sum, abandoned_wait_sum)
                    select $1::int, week_start, customer_id, queue_id, count(*),
                           count(*) filter (where queue_answered), count(*) filter (where not queue_answered),
                           coalesce(sum(wait_seconds) filter (where queue_answered), 0),
                           coalesce(sum(wait_seconds) filter (where not queue_answered), 0)
                      from fresh where queue_id is not null
                     group by week_start, customer_id, queue_id order by 2, 3, 4
                    on conflict (partner_id, week_start, customer_id, queue_id) do update
                       set queued = w.queued + excluded.queued, answered = w.answered + excluded.answered,
                           abandoned = w.abandoned + excluded.abandoned,
                           answered_wait_sum = w.answered_wait_sum + excluded.answered_wait_sum,
                           abandoned_wait_sum = w.abandoned_wait_sum + excluded.abandoned_wait_sum
                )
                select c.customer_id, c.week_start, c.calls, c.poor_calls, d.calls, d.poor_calls,
                       cast((select count(*) from fresh) as int)
                  from cw c join delta d on d.customer_id = c.customer_id and d.week_start = c.week_start
                """.formatted(counters, String.join(", ", columns), WeekColumns.join(columns, c -> "d." + c),
                WeekColumns.join(columns, c -> c + " = w." + c + " + excluded." + c));
    }

    /**
     * Stores the batch in the transaction of {@code connection}; duplicates (by call id, within the batch too: the
     * first one counts) are skipped.
     */
    public Uni<Written> write(SqlConnection connection, int partnerId, List<CallRecord> records, Instant ingestedAt) {
        return connection.preparedQuery(INGEST).execute(columns(partnerId, distinct(records), ingestedAt))
                .map(CallRecordWriter::written);
    }

    private static Written written(RowSet<Row> rows) {
        List<WeekChange> weeks = new ArrayList<>(rows.size());
        int inserted = 0;
        for (Row row : rows) {
            weeks.add(new WeekChange(row.getUUID(0), row.getLocalDate(1), row.getLong(2), row.getLong(3), row.getLong(4),
                    row.getLong(5)));
            inserted = row.getInteger(6);
        }
        return new Written(inserted, weeks);
    }

    private static Collection<CallRecord> distinct(List<CallRecord> records) {
        Map<String, CallRecord> byCallId = new LinkedHashMap<>(records.size() * 2);
        for (CallRecord record : records) {
            byCallId.putIfAbsent(record.callId(), record);
        }
        return byCallId.values();
    }

    private static Double doubleOrNull(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    /**
     * The batch as one array per column (sent in PostgreSQL's binary format, unnested by the statement); the pure
     * rules (poor call, week, feature bits, queue outcome) are applied here.
     */
    static Tuple columns(int partnerId, Collection<CallRecord> records, Instant ingestedAt) {
        int n = records.size();
        String[] callIds = new String[n];
        UUID[] customerIds = new UUID[n];
        UUID[] userIds = new UUID[n];
        OffsetDateTime[] startTimes = new OffsetDateTime[n];
        LocalDate[] weekStarts = new LocalDate[n];
        Integer[] durations = new Integer[n];
        String[] directions = new String[n];
        String[] endpointTypes = new String[n];
        Double[] mos = new Double[n];
        Double[] packetLoss = new Double[n];
        Double[] jitter = new Double[n];
        Double[] latency = new Double[n];
        Boolean[] poor = new Boolean[n];
        Integer[] features = new Integer[n];
        String[] queueIds = new String[n];
        String[] queueOutcomes = new String[n];
        Boolean[] queueAnswered = new Boolean[n];
        Double[] waits = new Double[n];
        int i = 0;
        for (CallRecord r : records) {
            callIds[i] = r.callId();
            customerIds[i] = r.customerId();
            userIds[i] = r.userId();
            startTimes[i] = r.startTime().atOffset(ZoneOffset.UTC);
            weekStarts[i] = r.weekStart();
            durations[i] = r.durationSeconds();
            directions[i] = r.direction().name();
            endpointTypes[i] = r.endpointType().name();
            mos[i] = doubleOrNull(r.mos());
            packetLoss[i] = doubleOrNull(r.packetLossPct());
            jitter[i] = doubleOrNull(r.jitterMs());
            latency[i] = doubleOrNull(r.latencyMs());
            poor[i] = r.poor();
            features[i] = r.featureMask();
            if (r.queue() != null) {
                queueIds[i] = r.queue().queueId();
                queueOutcomes[i] = r.queue().outcome().name();
                queueAnswered[i] = r.queue().outcome().answered();
                waits[i] = r.queue().waitSeconds().doubleValue();
            }
            i++;
        }
        return Tuple.tuple().addInteger(partnerId).addArrayOfString(callIds).addArrayOfUUID(customerIds)
                .addArrayOfUUID(userIds).addArrayOfOffsetDateTime(startTimes).addArrayOfLocalDate(weekStarts)
                .addArrayOfInteger(durations).addArrayOfString(directions).addArrayOfString(endpointTypes)
                .addArrayOfDouble(mos).addArrayOfDouble(packetLoss).addArrayOfDouble(jitter)
                .addArrayOfDouble(latency).addArrayOfBoolean(poor).addArrayOfInteger(features)
                .addArrayOfString(queueIds).addArrayOfString(queueOutcomes).addArrayOfBoolean(queueAnswered)
                .addArrayOfDouble(waits).addOffsetDateTime(ingestedAt.atOffset(ZoneOffset.UTC));
    }
}
