package io.partnerhub.callingmetrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BatchTotalsTest {

    static final UUID ACME = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    static final UUID GLOBEX = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-0000000000b1");

    static CallRecord call(UUID customer, UUID user, String start, Direction direction, EndpointType endpoint,
                           String latencyMs, Set<Feature> features, CallRecord.Queue queue) {
        return new CallRecord("c-" + start + user, customer, user, Instant.parse(start), 60, direction, endpoint, null,
                null, null, latencyMs == null ? null : new BigDecimal(latencyMs), features, queue);
    }

    @Test
    void customerWeeksCountCallsPoorCallsEndpointsAndFeatures() {
        BatchTotals totals = BatchTotals.of(List.of(
                // Saturday 23:59:59 and Sunday 00:00:00 UTC: two weeks
                call(ACME, ALICE, "2026-11-14T23:59:59Z", Direction.OUTBOUND, EndpointType.IP_PHONE, "401", Set.of(), null),
                call(ACME, ALICE, "2026-11-15T00:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, "400", Set.of(Feature.TRANSFER), null),
                call(ACME, BOB, "2026-11-16T09:00:00Z", Direction.INBOUND, EndpointType.WEBEX_APP_WEB, "500",
                        Set.of(Feature.TRANSFER, Feature.RECORDING),
                        new CallRecord.Queue("sales", QueueOutcome.TRANSFERRED, new BigDecimal("12.5"))),
                call(GLOBEX, BOB, "2026-11-16T09:00:00Z", Direction.OUTBOUND, EndpointType.OTHER, null, Set.of(), null)));

        BatchTotals.CustomerWeek before = totals.customerWeek(ACME, LocalDate.parse("2026-11-08"));
        assertEquals(1, before.calls);
        assertEquals(1, before.poorCalls);
        assertEquals(60, before.durationSeconds);

        BatchTotals.CustomerWeek acme = totals.customerWeek(ACME, LocalDate.parse("2026-11-15"));
        assertEquals(2, acme.calls);
        assertEquals(1, acme.poorCalls); // latency 400 is not above 400; 500 is
        assertEquals(120, acme.durationSeconds);
        assertEquals(1, acme.queued);
        long[] expected = new long[BatchTotals.COUNTERS];
        expected[2 * EndpointType.IP_PHONE.ordinal()] = 1;
        expected[2 * EndpointType.WEBEX_APP_WEB.ordinal()] = 1;
        expected[2 * EndpointType.WEBEX_APP_WEB.ordinal() + 1] = 1;
        int features = 2 * EndpointType.values().length;
        expected[features + Feature.TRANSFER.ordinal()] = 2;
        expected[features + Feature.RECORDING.ordinal()] = 1;
        expected[features + Feature.CALL_QUEUE.ordinal()] = 1; // queue data counts as CALL_QUEUE
        assertArrayEquals(expected, acme.counters);

        assertEquals(1, totals.customerWeek(GLOBEX, LocalDate.parse("2026-11-15")).calls);
        assertNull(totals.customerWeek(GLOBEX, LocalDate.parse("2026-11-08")));
        assertEquals(3, totals.customerWeeks().size());
    }

    @Test
    void queueWeeksSplitAnsweredFromAbandonedWithTheirWaits() {
        BatchTotals totals = BatchTotals.of(List.of(
                call(ACME, ALICE, "2026-11-16T09:00:00Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(),
                        new CallRecord.Queue("sales", QueueOutcome.ANSWERED, new BigDecimal("10"))),
                call(ACME, ALICE, "2026-11-16T10:00:00Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(),
                        new CallRecord.Queue("sales", QueueOutcome.TRANSFERRED, new BigDecimal("2.5"))),
                call(ACME, BOB, "2026-11-16T11:00:00Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(),
                        new CallRecord.Queue("sales", QueueOutcome.ABANDONED, new BigDecimal("30"))),
                call(ACME, BOB, "2026-11-16T12:00:00Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(),
                        new CallRecord.Queue("sales", QueueOutcome.VOICEMAIL, new BigDecimal("45.25"))),
                call(ACME, BOB, "2026-11-16T13:00:00Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(),
                        new CallRecord.Queue("support", QueueOutcome.ANSWERED, new BigDecimal("1")))));

        assertEquals(2, totals.queueWeeks().size());
        BatchTotals.QueueWeek sales = totals.queueWeeks().stream().filter(q -> q.queueId.equals("sales")).findFirst().orElseThrow();
        assertEquals(LocalDate.parse("2026-11-15"), sales.weekStart);
        assertEquals(4, sales.queued);
        assertEquals(2, sales.answered);
        assertEquals(2, sales.abandoned);
        assertEquals(new BigDecimal("12.5"), sales.answeredWaitSum);
        assertEquals(new BigDecimal("75.25"), sales.abandonedWaitSum);
        assertEquals(5, totals.customerWeek(ACME, LocalDate.parse("2026-11-15")).queued);
    }

    @Test
    void eachCustomerWeekKeepsTheLatestStartOfItsRecordsInAnyOrder() {
        BatchTotals totals = BatchTotals.of(List.of(
                call(ACME, ALICE, "2026-11-18T09:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, null, Set.of(), null),
                call(ACME, BOB, "2026-11-21T23:59:59Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(), null),
                call(ACME, ALICE, "2026-11-16T09:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, null, Set.of(), null),
                call(ACME, ALICE, "2026-11-14T10:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, null, Set.of(), null)));

        assertEquals(Instant.parse("2026-11-21T23:59:59Z"), totals.customerWeek(ACME, LocalDate.parse("2026-11-15")).lastStart);
        assertEquals(Instant.parse("2026-11-14T10:00:00Z"), totals.customerWeek(ACME, LocalDate.parse("2026-11-08")).lastStart);
    }

    @Test
    void activeUsersAreOutboundCallersAsWeekBitsPerBlock() {
        LocalDate lastOfBlock = firstWeekOfBlock(100).minusWeeks(1);
        LocalDate firstOfBlock = firstWeekOfBlock(100);
        BatchTotals totals = BatchTotals.of(List.of(
                call(ACME, ALICE, lastOfBlock + "T08:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, null, Set.of(), null),
                call(ACME, ALICE, lastOfBlock + "T09:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, null, Set.of(), null),
                call(ACME, ALICE, firstOfBlock + "T08:00:00Z", Direction.OUTBOUND, EndpointType.IP_PHONE, null, Set.of(), null),
                call(ACME, BOB, firstOfBlock + "T08:00:00Z", Direction.INBOUND, EndpointType.IP_PHONE, null, Set.of(), null)));

        assertEquals(Set.of(new BatchTotals.UserBlock(ACME, ALICE, 99, 1L << 63), new BatchTotals.UserBlock(ACME, ALICE, 100, 1L)),
                Set.copyOf(totals.userBlocks()));
        assertEquals(Set.of(64 * 100 - 1, 64 * 100), totals.activeWeeks());
    }

    static LocalDate firstWeekOfBlock(int block) {
        LocalDate week = LocalDate.of(1970, 1, 4).plusWeeks(64L * block);
        assertEquals(64L * block, Week.number(week));
        return week;
    }
}
