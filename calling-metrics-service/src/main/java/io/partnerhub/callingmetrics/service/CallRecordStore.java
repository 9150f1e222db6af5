package io.partnerhub.callingmetrics.service;

import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.QualityThreshold;
import io.partnerhub.callingmetrics.Rounding;
import io.partnerhub.callingmetrics.config.CallingConfig;
import io.partnerhub.callingmetrics.event.CallingEvents;
import io.partnerhub.callingmetrics.repository.CallRecordWriter;
import io.partnerhub.callingmetrics.repository.CallRecordWriter.WeekChange;
import io.partnerhub.platform.runtime.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * The ingest transaction: records, every weekly aggregate, and a quality-degraded event for each customer week the
 * batch pushed over the threshold, committed together.
 */
@ApplicationScoped
public class CallRecordStore {

    private final CallRecordWriter writer;
    private final CallingEvents events;
    private final ProcessedEvents processed;
    private final Clock clock;
    private final QualityThreshold threshold;

    public CallRecordStore(CallRecordWriter writer, CallingEvents events, ProcessedEvents processed, Clock clock,
                           CallingConfig config) {
        this.writer = writer;
        this.events = events;
        this.processed = processed;
        this.clock = clock;
        this.threshold = new QualityThreshold(config.qualityDegraded().thresholdPct(), config.qualityDegraded().minCalls());
    }

    /** @return how many records were new */
    @WithTransaction
    public Uni<Integer> store(int partnerId, String partnerOrgId, List<CallRecord> records) {
        return write(partnerId, partnerOrgId, records);
    }

    /** As {@link #store}, once per inbound event id (a redelivered event changes nothing). */
    @WithTransaction
    public Uni<Boolean> storeOnce(String consumer, String eventId, int partnerId, String partnerOrgId, List<CallRecord> records) {
        return processed.once(consumer, eventId, () -> write(partnerId, partnerOrgId, records));
    }

    private Uni<Integer> write(int partnerId, String partnerOrgId, List<CallRecord> records) {
        return writer.write(partnerId, records, clock.instant())
                .call(written -> degraded(partnerOrgId, written.weeks()))
                .map(CallRecordWriter.Written::inserted);
    }

    private Uni<Void> degraded(String partnerOrgId, List<WeekChange> weeks) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WeekChange week : weeks) {
            if (threshold.crossed(week.calls(), week.poorCalls(), week.addedCalls(), week.addedPoorCalls())) {
                CallingEvents.QualityDegraded data = new CallingEvents.QualityDegraded(week.customerId().toString(),
                        week.weekStart(), week.calls(), week.poorCalls(), Rounding.percent(week.poorCalls(), week.calls()),
                        threshold.thresholdPct());
                chain = chain.chain(() -> events.qualityDegraded(partnerOrgId, week.customerId(), data));
            }
        }
        return chain;
    }
}
