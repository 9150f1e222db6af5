package io.partnerhub.callingmetrics.event;

import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.mapping.CallRecordReader;
import io.partnerhub.callingmetrics.service.CallRecordIngest;
import io.partnerhub.platform.runtime.inbox.DeadLetters;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Call records written by integrators to {@code partnerhub.cdr.v1}, one CloudEvent per record; the tenant is the
 * {@code partnerorgid} attribute. Records are taken a poll at a time: the valid ones of each partner are stored as
 * one batch (one transaction, idempotent on call id, so a redelivered record is a duplicate), and a record that
 * cannot be parsed or validated goes to {@code partnerhub.cdr.v1.dlq} with the reason in its
 * {@code dead-letter-reason} header (it never blocks the partition). The poll is acknowledged when both are done;
 * a database that stays down past the retries sends the poll's records to the dead-letter topic.
 */
@ApplicationScoped
public class CallRecordEventsConsumer {

    public static final String TYPE = "partnerhub.cdr";

    private final IncomingEvents incoming;
    private final CallRecordIngest ingest;
    private final Clock clock;
    private final DeadLetters deadLetters;

    public CallRecordEventsConsumer(IncomingEvents incoming, CallRecordIngest ingest, Clock clock,
                                    @Channel("cdr-dead-letters") MutinyEmitter<String> deadLetters) {
        this.incoming = incoming;
        this.ingest = ingest;
        this.clock = clock;
        this.deadLetters = new DeadLetters(deadLetters);
    }

    @Incoming("cdr")
    public Uni<Void> consume(KafkaRecordBatch<String, String> poll) {
        Map<String, List<CallRecord>> byPartner = new LinkedHashMap<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : poll) {
            try {
                CloudEvent event = incoming.parse(record.getPayload());
                if (TYPE.equals(event.type())) { // consumers ignore unknown types
                    byPartner.computeIfAbsent(event.partnerorgid(), partner -> new ArrayList<>()).add(read(event));
                }
            } catch (IncomingEvents.InvalidEventException e) {
                deadLettered.add(deadLetters.send(record, e.getMessage()));
            }
        }
        Uni<Void> stored = Multi.createFrom().iterable(byPartner.entrySet())
                .onItem().transformToUniAndConcatenate(partner -> IncomingEvents.<Integer>withRetries(
                        () -> ingest.ingestRecords(partner.getKey(), partner.getValue())))
                .collect().last()
                .replaceWithVoid();
        return stored.chain(() -> deadLetters.all(deadLettered)).chain(() -> Uni.createFrom().completionStage(poll.ack()));
    }

    private CallRecord read(CloudEvent event) {
        CallRecordReader.Result result = CallRecordReader.read(event.data(), clock.instant());
        if (!result.valid()) {
            throw new IncomingEvents.InvalidEventException("invalid call record: " + result.errors().stream()
                    .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        }
        return result.record();
    }
}
