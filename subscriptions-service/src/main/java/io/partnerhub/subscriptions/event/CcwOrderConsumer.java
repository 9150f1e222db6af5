package io.partnerhub.subscriptions.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.mapping.OrderMapper;
import io.partnerhub.subscriptions.service.CustomerDirectory;
import io.partnerhub.subscriptions.service.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Orders from topic {@code partnerhub.ccw-orders.v1} (type {@code partnerhub.ccw.order}, data = the body of
 * {@code POST /orders}, tenant = the {@code partnerorgid} attribute). The ack follows the commit; a record that
 * cannot be parsed, validated or applied goes to {@code partnerhub.ccw-orders.v1.dlq} with the reason: among them an
 * order for a customer the partner does not have (after the same bounded wait as {@code POST /orders}) and a revision
 * received before with other content.
 */
@ApplicationScoped
public class CcwOrderConsumer {

    public static final String TYPE = "partnerhub.ccw.order";
    static final String SUBJECT = "topic:partnerhub.ccw-orders.v1";

    private final IncomingEvents incoming;
    private final OrderService orders;
    private final ObjectMapper json;
    private final Validator validator;
    private final CustomerDirectory directory;

    public CcwOrderConsumer(IncomingEvents incoming, OrderService orders, ObjectMapper json, Validator validator,
                            CustomerDirectory directory) {
        this.directory = directory;
        this.incoming = incoming;
        this.orders = orders;
        this.json = json;
        this.validator = validator;
    }

    @Incoming("ccw-orders")
    public Uni<Void> consume(String value) {
        return Uni.createFrom().item(() -> incoming.parse(value)).chain(event -> {
            if (!TYPE.equals(event.type())) {
                return Uni.createFrom().voidItem(); // consumers ignore unknown types
            }
            OrderMapper.Parsed parsed = OrderMapper.parse(event.data(), json, validator);
            if (!parsed.valid()) {
                throw new IncomingEvents.InvalidEventException("invalid order: " + parsed.errors().stream()
                        .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
            }
            Actor actor = actor(event);
            Uni<Void> customer = parsed.order().customerId() == null ? Uni.createFrom().voidItem()
                    : directory.require(actor, parsed.order().customerId());
            // a transient failure (database restart, lock timeout) is retried before the record is given up
            return incoming.<Boolean>withRetries(() -> customer.chain(() -> orders.placeFromTopic(actor, event.id(), parsed.order())))
                    .onFailure(ProblemException.class)
                    .transform(e -> new IncomingEvents.InvalidEventException("order rejected: " + e.getMessage()))
                    .replaceWithVoid();
        });
    }

    private static Actor actor(CloudEvent event) {
        return new Actor(event.partnerorgid(), SUBJECT, false);
    }
}
