package io.partnerhub.analytics;

import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** analytics-service builds its customer read model from real events on a real broker. */
@QuarkusTest
class CustomerReadModelIT {

    static final String TOPIC = "partnerhub.customers.v1";
    static final String PARTNER = "p-" + UUID.randomUUID();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicWriter writer;

    @BeforeEach
    void openProducer() {
        writer = TopicWriter.open(bootstrap);
    }

    @AfterEach
    void closeProducer() {
        writer.close();
    }

    @Test
    void aDuplicateDeliveryIsAppliedOnce() throws Exception {
        String customer = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String event = event(eventId, customer, "Hokkaido Logistics", 1);
        send(customer, event);
        send(customer, event);
        awaitApplied(customer, "Hokkaido Logistics", 1);
        send(customer, event(UUID.randomUUID().toString(), customer, "Hokkaido Logistics KK", 2));
        awaitApplied(customer, "Hokkaido Logistics KK", 2);
        assertEquals(1, count("select count(*) from processed_event where event_id = '" + eventId + "'"));
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() throws Exception {
        String customer = UUID.randomUUID().toString();
        send(customer, event(UUID.randomUUID().toString(), customer, "Newest Name", 3));
        send(customer, event(UUID.randomUUID().toString(), customer, "Older Name", 2));
        String marker = UUID.randomUUID().toString();
        send(marker, event(UUID.randomUUID().toString(), marker, "Marker", 1));
        awaitApplied(marker, "Marker", 1);
        // the older event was consumed (same partition, before the marker) and recorded, but changed nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from processed_event where consumer = 'analytics-service.customers'") >= 3);
        assertEquals(Optional.of(new Row("Newest Name", 3)), row(customer));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndDoesNotBlockTheNextOne() {
        String customer = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromEnd(bootstrap, TOPIC + ".analytics-service.dlq")) {
            send(customer, "{not json");
            send(customer, event(UUID.randomUUID().toString(), customer, "After The Bad One", 1));
            awaitApplied(customer, "After The Bad One", 1);
            assertEquals("{not json", dlq.await(r -> customer.equals(r.key()), 1, Duration.ofSeconds(30)).get(0).value());
        }
    }

    record Row(String name, long version) {
    }

    static String event(String id, String customer, String name, long version) {
        return CustomerEventJson.of(id, PARTNER, customer, name, "alice", List.of(), false, version);
    }

    void send(String key, String value) {
        writer.send(TOPIC, key, value);
    }

    static void awaitApplied(String customer, String name, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> row(customer).equals(Optional.of(new Row(name, version))));
    }

    static Optional<Row> row(String customer) throws Exception {
        try (Connection db = Devstack.connect();
             PreparedStatement query = db.prepareStatement("select name, version from customer where customer_id = ?::uuid")) {
            query.setString(1, customer);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    static long count(String sql) throws Exception {
        try (Connection db = Devstack.connect(); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
