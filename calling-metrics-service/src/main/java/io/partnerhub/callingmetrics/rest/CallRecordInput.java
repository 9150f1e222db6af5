package io.partnerhub.callingmetrics.rest;

import io.partnerhub.callingmetrics.Direction;
import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.partnerhub.callingmetrics.QueueOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One call detail record as {@code POST /api/v1/calling/records} takes it: the API document's description of the
 * body that {@link io.partnerhub.callingmetrics.mapping.CallRecordReader} reads item by item (it is not bound).
 */
@Schema(name = "CallRecordInput", description = "One call detail record (CDR)",
        requiredProperties = {"callId", "customerId", "userId", "startTime", "durationSeconds", "direction", "endpointType"})
public record CallRecordInput(
        @Schema(description = "Unique per partner; a replay is counted in duplicates", minLength = 1, maxLength = 64,
                pattern = "^[A-Za-z0-9._-]{1,64}$") String callId,
        UUID customerId,
        UUID userId,
        @Schema(description = "ISO-8601 with offset, from 2000-01-01 to one day after now") Instant startTime,
        @Schema(minimum = "0", maximum = "604800") int durationSeconds,
        Direction direction,
        EndpointType endpointType,
        @Schema(minimum = "1", maximum = "5", description = "Mean opinion score") BigDecimal mos,
        @Schema(minimum = "0", maximum = "100") BigDecimal packetLossPct,
        @Schema(minimum = "0", maximum = "60000") BigDecimal jitterMs,
        @Schema(minimum = "0", maximum = "60000") BigDecimal latencyMs,
        @Schema(maxItems = 64) List<Feature> features,
        @Schema(description = "Present when the call went through a call queue") Queue queue) {

    @Schema(name = "CallRecordQueue", requiredProperties = {"queueId", "outcome", "waitSeconds"})
    public record Queue(String queueId, QueueOutcome outcome, @Schema(minimum = "0", maximum = "86400") BigDecimal waitSeconds) {
    }
}
