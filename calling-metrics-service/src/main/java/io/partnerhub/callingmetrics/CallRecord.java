package io.partnerhub.callingmetrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** One valid call detail record (CDR) of a partner, as ingested. */
public record CallRecord(String callId, UUID customerId, UUID userId, Instant startTime, int durationSeconds,
                         Direction direction, EndpointType endpointType, BigDecimal mos, BigDecimal packetLossPct,
                         BigDecimal jitterMs, BigDecimal latencyMs, Set<Feature> features, Queue queue) {

    public record Queue(String queueId, QueueOutcome outcome, BigDecimal waitSeconds) {
    }

    /** A record belongs to the week of its start. */
    public LocalDate weekStart() {
        return Week.startOf(startTime);
    }

    public boolean poor() {
        return CallQuality.isPoor(mos, packetLossPct, jitterMs, latencyMs);
    }

    public int featureMask() {
        return Feature.mask(features, queue != null);
    }
}
