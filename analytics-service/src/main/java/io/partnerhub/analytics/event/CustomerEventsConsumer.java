package io.partnerhub.analytics.event;

import io.partnerhub.analytics.service.CustomerIngest;
import io.partnerhub.platform.runtime.inbox.DeadLetters;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the customer read model current from {@code partnerhub.customers.v1}, a poll at a time; the ack follows the commit. */
@ApplicationScoped
public class CustomerEventsConsumer {

    private final IncomingEvents incoming;
    private final CustomerIngest ingest;
    private final DeadLetters deadLetters;

    public CustomerEventsConsumer(IncomingEvents incoming, CustomerIngest ingest,
                                  @Channel("customers-dead-letters") MutinyEmitter<String> deadLetters) {
        this.incoming = incoming;
        this.ingest = ingest;
        this.deadLetters = new DeadLetters(deadLetters);
    }

    @Incoming("customers")
    public Uni<Void> consume(KafkaRecordBatch<String, String> poll) {
        List<CloudEvent> events = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        poll.forEach(record -> {
            try {
                events.add(incoming.parse(record.getPayload()));
            } catch (IncomingEvents.InvalidEventException e) {
                dead.add(deadLetters.send(record, e.getMessage()));
            }
        });
        return incoming.<Void>withRetries(() -> ingest.apply(events))
                .chain(() -> deadLetters.all(dead))
                .chain(() -> Uni.createFrom().completionStage(poll.ack()));
    }
}
