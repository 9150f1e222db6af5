package io.partnerhub.callingmetrics.event;

import io.partnerhub.callingmetrics.mapping.CallRecordReader;
import io.partnerhub.callingmetrics.service.CallRecordIngest;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Call records written by integrators to {@code partnerhub.cdr.v1}, one CloudEvent per record; the tenant is the
 * {@code partnerorgid} attribute. A record that cannot be parsed or validated fails its message, which sends it to
 * {@code partnerhub.cdr.v1.dlq} with the reason in its headers (it never blocks the partition).
 */
@ApplicationScoped
public class CallRecordEventsConsumer {

    public static final String TYPE = "partnerhub.cdr";

    private final IncomingEvents incoming;
    private final CallRecordIngest ingest;
    private final Clock clock;

    public CallRecordEventsConsumer(IncomingEvents incoming, CallRecordIngest ingest, Clock clock) {
        this.incoming = incoming;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Incoming("cdr")
    public Uni<Void> consume(String value) {
        return Uni.createFrom().item(() -> incoming.parse(value))
                .chain(event -> {
                    if (!TYPE.equals(event.type())) {
                        return Uni.createFrom().voidItem(); // consumers ignore unknown types
                    }
                    return ingest.ingestEvent(event.id(), event.partnerorgid(), read(event));
                });
    }

    private io.partnerhub.callingmetrics.CallRecord read(CloudEvent event) {
        CallRecordReader.Result result = CallRecordReader.read(event.data(), clock.instant());
        if (!result.valid()) {
            throw new IncomingEvents.InvalidEventException("invalid call record: " + result.errors().stream()
                    .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        }
        return result.record();
    }
}
