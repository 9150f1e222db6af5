package io.partnerhub.analytics.event;

import io.partnerhub.analytics.mapping.AnalyticsEvent;
import io.partnerhub.analytics.mapping.SubscriptionEventReader;
import io.partnerhub.analytics.service.SubscriptionIngest;
import io.partnerhub.platform.runtime.inbox.DeadLetters;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Subscriptions, trials and license usage from {@code partnerhub.subscriptions.v1}, a poll at a time in one
 * transaction; an event that cannot be read goes to the dead-letter topic and never blocks the partition. The poll
 * is acknowledged when both are done.
 */
@ApplicationScoped
public class SubscriptionEventsConsumer {

    private final IncomingEvents incoming;
    private final SubscriptionIngest ingest;
    private final DeadLetters deadLetters;

    public SubscriptionEventsConsumer(IncomingEvents incoming, SubscriptionIngest ingest,
                                      @Channel("subscriptions-dead-letters") MutinyEmitter<String> deadLetters) {
        this.incoming = incoming;
        this.ingest = ingest;
        this.deadLetters = new DeadLetters(deadLetters);
    }

    @Incoming("subscriptions")
    public Uni<Void> consume(KafkaRecordBatch<String, String> poll) {
        List<AnalyticsEvent> events = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        poll.forEach(record -> {
            try {
                SubscriptionEventReader.read(incoming.parse(record.getPayload())).ifPresent(events::add);
            } catch (IncomingEvents.InvalidEventException e) {
                dead.add(deadLetters.send(record, e.getMessage()));
            }
        });
        return incoming.<Void>withRetries(() -> ingest.apply(events))
                .chain(() -> deadLetters.all(dead))
                .chain(() -> Uni.createFrom().completionStage(poll.ack()));
    }
}
