package io.partnerhub.callingmetrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of new call records adds to the weekly aggregates: per customer week, per queue week, and the weeks
 * each user was active in (an OUTBOUND call), as bits per block of 64 weeks ({@link Week#number}). The database only adds these to its rows.
 */
public final class BatchTotals {

    /** Counters per customer week, in {@link #counter} order: calls and poor calls per endpoint type, then features. */
    public static final int COUNTERS = 2 * EndpointType.values().length + Feature.values().length;

    private static final Feature[] FEATURES = Feature.values();
    private static final int FIRST_FEATURE = 2 * EndpointType.values().length;

    public static final class CustomerWeek {
        public final UUID customerId;
        public final LocalDate weekStart;
        public long calls;
        public long durationSeconds;
        public long poorCalls;
        public long queued;
        public final long[] counters = new long[COUNTERS];
        /** The latest start of the week's records: a read of the week to date needs its raw records only before it. */
        public Instant lastStart;

        CustomerWeek(UUID customerId, LocalDate weekStart) {
            this.customerId = customerId;
            this.weekStart = weekStart;
        }
    }

    public static final class QueueWeek {
        public final UUID customerId;
        public final LocalDate weekStart;
        public final String queueId;
        public long queued;
        public long answered;
        public long abandoned;
        public BigDecimal answeredWaitSum = BigDecimal.ZERO;
        public BigDecimal abandonedWaitSum = BigDecimal.ZERO;

        QueueWeek(UUID customerId, LocalDate weekStart, String queueId) {
            this.customerId = customerId;
            this.weekStart = weekStart;
            this.queueId = queueId;
        }
    }

    /** @param weeks bit i set: the user was active in week {@code 64 * block + i} */
    public record UserBlock(UUID customerId, UUID userId, int block, long weeks) {
    }

    private record WeekKey(UUID customerId, LocalDate weekStart) {
        @Override
        public int hashCode() {
            return KeyHash.of(customerId, null, weekStart.toEpochDay());
        }
    }

    private record QueueKey(UUID customerId, LocalDate weekStart, String queueId) {
        @Override
        public int hashCode() {
            return KeyHash.of(customerId, null, weekStart.toEpochDay() * 31 + queueId.hashCode());
        }
    }

    private record UserKey(UUID customerId, UUID userId, int block) {
        @Override
        public int hashCode() {
            return KeyHash.of(customerId, userId, block);
        }
    }

    private final Map<WeekKey, CustomerWeek> customerWeeks = new HashMap<>();
    private final Map<QueueKey, QueueWeek> queueWeeks = new HashMap<>();
    private final Map<UserKey, Long> userWeeks = new HashMap<>();
    private final Set<Integer> activeWeeks = new HashSet<>();

    /** The totals of {@code records}, each counted once (the caller passes only records that are new). */
    public static BatchTotals of(Iterable<CallRecord> records) {
        BatchTotals totals = new BatchTotals();
        for (CallRecord record : records) {
            totals.add(record);
        }
        return totals;
    }

    private void add(CallRecord record) {
        LocalDate week = record.weekStart();
        CustomerWeek customerWeek = customerWeeks.computeIfAbsent(new WeekKey(record.customerId(), week),
                key -> new CustomerWeek(key.customerId(), key.weekStart()));
        boolean poor = record.poor();
        customerWeek.calls++;
        customerWeek.durationSeconds += record.durationSeconds();
        if (customerWeek.lastStart == null || record.startTime().isAfter(customerWeek.lastStart)) {
            customerWeek.lastStart = record.startTime();
        }
        int type = record.endpointType().ordinal();
        customerWeek.counters[2 * type]++;
        if (poor) {
            customerWeek.poorCalls++;
            customerWeek.counters[2 * type + 1]++;
        }
        int features = record.featureMask();
        for (Feature feature : FEATURES) {
            if ((features & feature.bit()) != 0) {
                customerWeek.counters[FIRST_FEATURE + feature.ordinal()]++;
            }
        }
        CallRecord.Queue queue = record.queue();
        if (queue != null) {
            customerWeek.queued++;
            QueueWeek queueWeek = queueWeeks.computeIfAbsent(new QueueKey(record.customerId(), week, queue.queueId()),
                    key -> new QueueWeek(key.customerId(), key.weekStart(), key.queueId()));
            queueWeek.queued++;
            if (queue.outcome().answered()) {
                queueWeek.answered++;
                queueWeek.answeredWaitSum = queueWeek.answeredWaitSum.add(queue.waitSeconds());
            } else {
                queueWeek.abandoned++;
                queueWeek.abandonedWaitSum = queueWeek.abandonedWaitSum.add(queue.waitSeconds());
            }
        }
        if (record.direction() == Direction.OUTBOUND) {
            long n = Week.number(week);
            activeWeeks.add((int) n);
            userWeeks.merge(new UserKey(record.customerId(), record.userId(), (int) Math.floorDiv(n, 64)),
                    1L << Math.floorMod(n, 64), (a, b) -> a | b);
        }
    }

    // In no particular order: the statement that adds them orders each upsert by the table's key (the database's
    // order of uuids is not Java's), so that concurrent batches lock rows in the same order.

    public Collection<CustomerWeek> customerWeeks() {
        return customerWeeks.values();
    }

    public Collection<QueueWeek> queueWeeks() {
        return queueWeeks.values();
    }

    /** Each active user's weeks, per block. */
    public List<UserBlock> userBlocks() {
        return userWeeks.entrySet().stream()
                .map(e -> new UserBlock(e.getKey().customerId(), e.getKey().userId(), e.getKey().block(), e.getValue()))
                .toList();
    }

    /** The numbers ({@link Week#number}) of the weeks with an active user in the batch. */
    public Set<Integer> activeWeeks() {
        return activeWeeks;
    }

    /** What the batch added to one customer week, if anything. */
    public CustomerWeek customerWeek(UUID customerId, LocalDate weekStart) {
        return customerWeeks.get(new WeekKey(customerId, weekStart));
    }
}
