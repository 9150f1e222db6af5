package io.partnerhub.callingmetrics;

import io.partnerhub.platform.devstack.TopicWriter;
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

    public static String event(String id, String type, String subject, String partner, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"%s","subject":"%s","time":"2026-11-25T10:00:00Z",
                 "datacontenttype":"application/json","partnerorgid":"%s","data":%s}
                """.formatted(id, type, subject, partner, data);
    }

    /** A {@code partnerhub.customer.updated} event with the customer's full state. */
    public static String customerEvent(String partner, String customerId, String name, String createdBy, long version,
                                       String... adminIds) {
        String admins = String.join(",", java.util.Arrays.stream(adminIds).map(a -> "\"" + a + "\"").toList());
        String data = """
                {"customer":{"customerId":"%s","name":"%s","externalId":null,"managedBy":"PARTNER","adminIds":[%s],
                 "tagIds":[],"createdAt":"2026-09-01T10:00:00Z","createdBy":"%s","deleted":false},"version":%d}
                """.formatted(customerId, name, admins, createdBy, version);
        return event(UUID.randomUUID().toString(), "partnerhub.customer.updated", customerId, partner, data);
    }

    @Override
    public void close() {
        writer.close();
    }
}
