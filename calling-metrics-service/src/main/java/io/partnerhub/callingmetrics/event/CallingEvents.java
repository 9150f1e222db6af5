package io.partnerhub.callingmetrics.event;

import io.partnerhub.callingmetrics.config.CallingConfig;
import io.partnerhub.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What calling-metrics-service tells integrators on {@code partnerhub.calling.v1} (through the outbox). */
@ApplicationScoped
public class CallingEvents {

    public static final String QUALITY_DEGRADED = "partnerhub.calling.quality-degraded";

    public record QualityDegraded(String customerId, LocalDate weekStart, long calls, long poorCalls, BigDecimal poorPct,
                                  BigDecimal threshold) {
    }

    /** One customer week that crossed the threshold. */
    public record Degraded(String partnerOrgId, UUID customerId, QualityDegraded data) {
    }

    private final Outbox outbox;
    private final String topic;

    public CallingEvents(Outbox outbox, CallingConfig config) {
        this.outbox = outbox;
        this.topic = config.topic();
    }

    /** Written in the caller's transaction: the events exist exactly when the records that caused them are committed. */
    public Uni<Void> publishAll(SqlClient transaction, List<Degraded> degraded) {
        return outbox.publishAll(transaction, degraded.stream()
                        .map(d -> new Outbox.Message(topic, QUALITY_DEGRADED, d.customerId().toString(), d.partnerOrgId(), d.data()))
                        .toList())
                .replaceWithVoid();
    }
}
