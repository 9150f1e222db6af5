package io.partnerhub.callingmetrics.event;

import io.partnerhub.callingmetrics.config.CallingConfig;
import io.partnerhub.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** What calling-metrics-service tells integrators on {@code partnerhub.calling.v1} (through the outbox). */
@ApplicationScoped
public class CallingEvents {

    public static final String QUALITY_DEGRADED = "partnerhub.calling.quality-degraded";

    public record QualityDegraded(String customerId, LocalDate weekStart, long calls, long poorCalls, BigDecimal poorPct,
                                  BigDecimal threshold) {
    }

    private final Outbox outbox;
    private final String topic;

    public CallingEvents(Outbox outbox, CallingConfig config) {
        this.outbox = outbox;
        this.topic = config.topic();
    }

    /** Written in the caller's transaction: the event exists exactly when the records that caused it are committed. */
    public Uni<Void> qualityDegraded(String partnerOrgId, UUID customerId, QualityDegraded data) {
        return outbox.publish(topic, QUALITY_DEGRADED, customerId.toString(), partnerOrgId, data).replaceWithVoid();
    }
}
