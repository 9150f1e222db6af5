package io.partnerhub.callingmetrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicWriter;
import java.util.List;
import java.util.UUID;

/** Writes structured-mode CloudEvents to the test broker, as customers-service and integrators do. */
public final class Kafka implements AutoCloseable {

    private final TopicWriter writer;

    public Kafka(String bootstrap) {
        writer = TopicWriter.open(bootstrap);
    }

    public void send(String topic, String key, String value) {
        writer.send(topic, key, value);
    }

    /** A structured CloudEvent around {@code data}, JSON text. */
    public static String event(String id, String type, String subject, String partner, String data) {
        ObjectNode event = Json.object().put("specversion", "1.0").put("id", id).put("source", "/test").put("type", type)
                .put("subject", subject).put("time", "2026-11-25T10:00:00Z").put("datacontenttype", "application/json")
                .put("partnerorgid", partner);
        event.set("data", Json.read(data));
        return event.toString();
    }

    /** A {@code partnerhub.customer.updated} event with the customer's full state. */
    public static String customerEvent(String partner, String customerId, String name, String createdBy, long version,
                                       String... adminIds) {
        return CustomerEventJson.of(UUID.randomUUID().toString(), partner, customerId, name, createdBy, List.of(adminIds),
                false, version);
    }

    @Override
    public void close() {
        writer.close();
    }
}
