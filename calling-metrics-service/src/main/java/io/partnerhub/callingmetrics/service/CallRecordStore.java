package io.partnerhub.callingmetrics.service;

import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.QualityThreshold;
import io.partnerhub.platform.runtime.numbers.Rounding;
import io.partnerhub.callingmetrics.config.CallingConfig;
import io.partnerhub.callingmetrics.event.CallingEvents;
import io.partnerhub.callingmetrics.repository.AggregateTurns;
import io.partnerhub.callingmetrics.repository.CallRecordWriter;
import io.partnerhub.callingmetrics.repository.CallRecordWriter.WeekChange;
import io.partnerhub.callingmetrics.repository.KnownUserWeeks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest transaction: records, every weekly aggregate, and a quality-degraded event for each customer week the
 * batch pushed over the threshold, committed together. It runs on the SQL client directly (not the Hibernate
 * session) so that the batch travels as binary column arrays.
 */
@ApplicationScoped
public class CallRecordStore {

    private final Pool pool;
    private final CallRecordWriter writer;
    private final CallingEvents events;
    private final Clock clock;
    private final QualityThreshold threshold;
    private final KnownUserWeeks known;
    private final AggregateTurns turns;

    public CallRecordStore(Pool pool, CallRecordWriter writer, CallingEvents events, Clock clock,
                           CallingConfig config, KnownUserWeeks known, AggregateTurns turns) {
        this.pool = pool;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
        this.threshold = new QualityThreshold(config.qualityDegraded().thresholdPct(), config.qualityDegraded().minCalls());
        this.known = known;
        this.turns = turns;
    }

    /**
     * Stores the batch as if every call id were new (no duplicate check per record); if one is taken, that
     * transaction rolls back and the batch is stored again, skipping the taken ones.
     *
     * @return how many records were new
     */
    public Uni<Integer> store(int partnerId, String partnerOrgId, List<CallRecord> records) {
        return transaction(partnerId, partnerOrgId, records, false)
                .onFailure(CallRecordWriter::isTakenCallId)
                .recoverWithUni(() -> transaction(partnerId, partnerOrgId, records, true))
                .invoke(written -> known.remember(partnerId, written.checkedUsers())) // committed
                .map(CallRecordWriter.Written::inserted);
    }

    /** One transaction; its turn at the partner's aggregate rows is given back once it has committed or rolled back. */
    private Uni<CallRecordWriter.Written> transaction(int partnerId, String partnerOrgId, List<CallRecord> records,
                                                      boolean checked) {
        AggregateTurns.Turn turn = turns.turn(partnerId);
        return pool.withTransaction(transaction -> writer.write(transaction, partnerId, records, clock.instant(), checked, turn.take())
                        .call(written -> events.publishAll(transaction, degraded(partnerOrgId, written.weeks()))))
                .onTermination().invoke(turn::giveBack);
    }

    private List<CallingEvents.Degraded> degraded(String partnerOrgId, List<WeekChange> weeks) {
        List<CallingEvents.Degraded> degraded = new ArrayList<>();
        for (WeekChange week : weeks) {
            if (threshold.crossed(week.calls(), week.poorCalls(), week.addedCalls(), week.addedPoorCalls())) {
                degraded.add(new CallingEvents.Degraded(partnerOrgId, week.customerId(), new CallingEvents.QualityDegraded(
                        week.customerId().toString(), week.weekStart(), week.calls(), week.poorCalls(),
                        Rounding.percent(week.poorCalls(), week.calls()), threshold.thresholdPct())));
            }
        }
        return degraded;
    }
}
