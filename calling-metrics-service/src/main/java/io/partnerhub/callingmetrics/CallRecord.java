package io.partnerhub.callingmetrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * One valid call detail record (CDR) of a partner, as ingested, with what the rules derive from it (computed once,
 * by the shorter constructor): the week it belongs to (the week of its start), whether it is a poor call, and the
 * features it used as a bit set.
 */
public record CallRecord(String callId, UUID customerId, UUID userId, Instant startTime, int durationSeconds,
                         Direction direction, EndpointType endpointType, BigDecimal mos, BigDecimal packetLossPct,
                         BigDecimal jitterMs, BigDecimal latencyMs, Set<Feature> features, Queue queue,
                         LocalDate weekStart, boolean poor, int featureMask) {

    public CallRecord(String callId, UUID customerId, UUID userId, Instant startTime, int durationSeconds,
                      Direction direction, EndpointType endpointType, BigDecimal mos, BigDecimal packetLossPct,
                      BigDecimal jitterMs, BigDecimal latencyMs, Set<Feature> features, Queue queue) {
        this(callId, customerId, userId, startTime, durationSeconds, direction, endpointType, mos, packetLossPct,
                jitterMs, latencyMs, features, queue, Week.startOf(startTime),
                CallQuality.isPoor(mos, packetLossPct, jitterMs, latencyMs), Feature.mask(features, queue != null));
    }

    public record Queue(String queueId, QueueOutcome outcome, BigDecimal waitSeconds) {
    }
}
