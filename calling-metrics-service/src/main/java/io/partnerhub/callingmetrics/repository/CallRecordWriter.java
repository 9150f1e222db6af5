package io.partnerhub.callingmetrics.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Set-based ingest in one statement of the caller's transaction: the batch goes in as one JSON parameter, the
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

    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = Logger.getLogger(CallRecordWriter.class);

    static final String INGEST = ingestStatement();

    /**
     * ?1 partner id, ?2 the batch (JSON array), ?3 ingest time. Returns one row per customer week the batch added
     * to: its totals after the batch, what the batch added, and how many records were new.
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
                with input as (
                    select distinct on (t.call_id) t.*
                      from jsonb_to_recordset(cast(cast(?2 as text) as jsonb)) as t(
                           i integer, call_id text, customer_id uuid, user_id uuid, start_time timestamptz, week_start date,
                           duration_seconds integer, direction text, endpoint_type text, mos numeric, packet_loss_pct numeric,
                           jitter_ms numeric, latency_ms numeric, poor boolean, features integer, queue_id text,
                           queue_outcome text, queue_answered boolean, wait_seconds numeric)
                     order by t.call_id, t.i
                ),
                keys as (
                    insert into call_key (partner_id, call_id)
                    select cast(?1 as integer), call_id from input order by call_id
                    on conflict do nothing
                    returning call_id
                ),
                fresh as (
                    insert into call_record (partner_id, week_start, call_id, customer_id, user_id, start_time,
                           duration_seconds, direction, endpoint_type, mos, packet_loss_pct, jitter_ms, latency_ms, poor,
                           features, queue_id, queue_outcome, queue_answered, wait_seconds, ingested_at)
                    select cast(?1 as integer), i.week_start, i.call_id, i.customer_id, i.user_id, i.start_time, i.duration_seconds,
                           i.direction, i.endpoint_type, i.mos, i.packet_loss_pct, i.jitter_ms, i.latency_ms, i.poor,
                           i.features, i.queue_id, i.queue_outcome, i.queue_answered, i.wait_seconds, ?3
                      from input i join keys k on k.call_id = i.call_id
                    returning customer_id, user_id, week_start, duration_seconds, direction, endpoint_type, poor, features,
                              queue_id, queue_answered, wait_seconds
                ),
                uw as (
                    insert into user_week (partner_id, week_start, customer_id, user_id)
                    select distinct cast(?1 as integer), week_start, customer_id, user_id from fresh where direction = 'OUTBOUND'
                     order by 2, 3, 4
                    on conflict do nothing
                    returning customer_id, week_start
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
                    select cast(?1 as integer), d.week_start, d.customer_id, d.calls, d.duration_seconds, d.poor_calls,
                           coalesce(n.users, 0), d.queued, %s, ?3
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
                    select cast(?1 as integer), week_start, customer_id, queue_id, count(*),
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
                select cast(c.customer_id as text), cast(c.week_start as text), c.calls, c.poor_calls, d.calls, d.poor_calls,
                       (select count(*) from fresh)
                  from cw c join delta d on d.customer_id = c.customer_id and d.week_start = c.week_start
                """.formatted(counters, String.join(", ", columns), WeekColumns.join(columns, c -> "d." + c),
                WeekColumns.join(columns, c -> c + " = w." + c + " + excluded." + c));
    }

    /** Stores the batch in the current transaction; duplicates (by call id, within the batch too) are skipped. */
    public Uni<Written> write(int partnerId, List<CallRecord> records, Instant ingestedAt) {
        long t0 = System.nanoTime();
        String rows = rows(records);
        long t1 = System.nanoTime();
        return Panache.getSession().chain(session -> session.createNativeQuery(INGEST)
                        .setParameter(1, partnerId)
                        .setParameter(2, rows)
                        .setParameter(3, OffsetDateTime.ofInstant(ingestedAt, ZoneOffset.UTC))
                        .getResultList())
                .invoke(() -> LOG.debugf("%d records: rows json %d ms, statement %d ms", records.size(), (t1 - t0) / 1_000_000,
                        (System.nanoTime() - t1) / 1_000_000))
                .map(CallRecordWriter::written);
    }

    private static Written written(List<?> result) {
        List<WeekChange> weeks = new ArrayList<>(result.size());
        int inserted = 0;
        for (Object item : result) {
            Object[] row = (Object[]) item;
            weeks.add(new WeekChange(UUID.fromString((String) row[0]), LocalDate.parse((String) row[1]),
                    number(row[2]), number(row[3]), number(row[4]), number(row[5])));
            inserted = (int) number(row[6]);
        }
        return new Written(inserted, weeks);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** The batch as the JSON array the statement reads with jsonb_to_recordset; the pure rules are applied here. */
    static String rows(List<CallRecord> records) {
        StringWriter out = new StringWriter(records.size() * 320);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (int i = 0; i < records.size(); i++) {
                CallRecord r = records.get(i);
                json.writeStartObject();
                json.writeNumberField("i", i);
                json.writeStringField("call_id", r.callId());
                json.writeStringField("customer_id", r.customerId().toString());
                json.writeStringField("user_id", r.userId().toString());
                json.writeStringField("start_time", r.startTime().toString());
                json.writeStringField("week_start", r.weekStart().toString());
                json.writeNumberField("duration_seconds", r.durationSeconds());
                json.writeStringField("direction", r.direction().name());
                json.writeStringField("endpoint_type", r.endpointType().name());
                decimal(json, "mos", r.mos());
                decimal(json, "packet_loss_pct", r.packetLossPct());
                decimal(json, "jitter_ms", r.jitterMs());
                decimal(json, "latency_ms", r.latencyMs());
                json.writeBooleanField("poor", r.poor());
                json.writeNumberField("features", r.featureMask());
                if (r.queue() != null) {
                    json.writeStringField("queue_id", r.queue().queueId());
                    json.writeStringField("queue_outcome", r.queue().outcome().name());
                    json.writeBooleanField("queue_answered", r.queue().outcome().answered());
                    json.writeNumberField("wait_seconds", r.queue().waitSeconds());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void decimal(JsonGenerator json, String field, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeNumberField(field, value);
        }
    }
}
