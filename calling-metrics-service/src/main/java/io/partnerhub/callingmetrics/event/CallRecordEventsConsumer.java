package io.partnerhub.callingmetrics.event;

import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.mapping.CallRecordReader;
import io.partnerhub.callingmetrics.service.CallRecordIngest;
import io.partnerhub.callingmetrics.service.CustomerOwners;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Call records written by integrators to {@code partnerhub.cdr.v1}, one CloudEvent per record; the tenant is the
 * {@code partnerorgid} attribute. A record whose customerId is not a live customer of that partner (after a bounded
 * wait for one not arrived yet) goes to the dead-letter topic with the reason. Records are taken a poll at a time: the
 * valid ones of each partner are stored as
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
    private final CustomerOwners owners;
    private final Clock clock;
    private final DeadLetters deadLetters;

    public CallRecordEventsConsumer(IncomingEvents incoming, CallRecordIngest ingest, CustomerOwners owners, Clock clock,
                                    @Channel("cdr-dead-letters") MutinyEmitter<String> deadLetters) {
        this.incoming = incoming;
        this.ingest = ingest;
        this.owners = owners;
        this.clock = clock;
        this.deadLetters = new DeadLetters(deadLetters);
    }

    private record Pending(KafkaRecord<String, String> message, CallRecord record) {
    }

    @Incoming("cdr")
    public Uni<Void> consume(KafkaRecordBatch<String, String> poll) {
        Map<String, List<Pending>> byPartner = new LinkedHashMap<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : poll) {
            try {
                CloudEvent event = incoming.parse(record.getPayload());
                if (TYPE.equals(event.type())) { // consumers ignore unknown types
                    byPartner.computeIfAbsent(event.partnerorgid(), partner -> new ArrayList<>()).add(new Pending(record, read(event)));
                }
            } catch (IncomingEvents.InvalidEventException e) {
                deadLettered.add(deadLetters.send(record, e.getMessage()));
            }
        }
        Uni<Void> stored = Multi.createFrom().iterable(byPartner.entrySet())
                .onItem().transformToUniAndConcatenate(partner -> owned(partner.getKey(), partner.getValue(), deadLettered)
                        .chain(records -> records.isEmpty() ? Uni.createFrom().item(0) : incoming.<Integer>withRetries(
                                () -> ingest.ingestRecords(partner.getKey(), records))))
                .collect().last()
                .replaceWithVoid();
        return stored.chain(() -> deadLetters.all(deadLettered)).chain(() -> Uni.createFrom().completionStage(poll.ack()));
    }

    /**
     * The records whose customer is a live customer of the partner (waiting a bounded time for customers not arrived
     * yet); each other one goes to the dead-letter topic with the reason.
     */
    private Uni<List<CallRecord>> owned(String partnerOrgId, List<Pending> pending, List<Uni<Void>> deadLettered) {
        Set<UUID> customers = new HashSet<>();
        pending.forEach(p -> customers.add(p.record().customerId()));
        return incoming.<Map<UUID, String>>withRetries(() -> owners.refused(partnerOrgId, customers)).map(refused -> {
            List<CallRecord> owned = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                String reason = refused.get(p.record().customerId());
                if (reason == null) {
                    owned.add(p.record());
                } else {
                    deadLettered.add(deadLetters.send(p.message(), "invalid call record: customerId " + reason));
                }
            }
            return owned;
        });
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
