package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Orders arriving on {@code partnerhub.ccw-orders.v1} through a real broker. */
@QuarkusTest
class CcwOrderTopicIT {

    static final String TOPIC = "partnerhub.ccw-orders.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicWriter writer;

    @BeforeEach
    void open() {
        writer = TopicWriter.open(bootstrap);
    }

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void anOrderEventCreatesTheSubscriptionOnceEvenWhenRedelivered() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String event = event(UUID.randomUUID().toString(), acme.partner(),
                Orders.body("CCW-K1", 1, customer, "SUB-K1", "2026-01-01", 12, true, 7, 3));
        send(customer, event);
        send(customer, event);
        // the same order under another event id is an order replay: still one subscription
        send(customer, event(UUID.randomUUID().toString(), acme.partner(),
                Orders.body("CCW-K1", 1, customer, "SUB-K1", "2026-01-01", 12, true, 7, 3)));
        send(customer, event(UUID.randomUUID().toString(), acme.partner(),
                Orders.body("CCW-K1", 2, customer, "SUB-K1", "2026-01-01", 12, true, 9, 3)));
        await().atMost(Duration.ofSeconds(30)).until(() -> acme.readOnly().get("/api/v1/subscriptions/SUB-K1").statusCode() == 200
                && acme.readOnly().get("/api/v1/subscriptions/SUB-K1").jsonPath().getInt("version") == 2);
        acme.readOnly().get("/api/v1/subscriptions/SUB-K1").then().body("lines[1].purchased", equalTo(9));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.subscription.created"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.subscription.amended"));
        assertEquals(2, Devstack.count("select count(*) from customer_order where partner_org_id = ?", acme.partner()));
    }

    @Test
    void anUnreadableOrInvalidOrderGoesToTheDeadLetterTopicAndDoesNotBlockTheNext() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        try (TopicReader dlq = TopicReader.fromEnd(bootstrap, TOPIC + ".dlq")) {
            send(customer, "{not json");
            send(customer, event(UUID.randomUUID().toString(), acme.partner(), "{\"ccwOrderId\":\"CCW-BAD\"}"));
            send(customer, event(UUID.randomUUID().toString(), acme.partner(),
                    Orders.body("CCW-OK", 1, customer, "SUB-OK", "2026-01-01", 12, true, 1, 1)));
            var dead = dlq.await(r -> customer.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals("{not json", dead.get(0).value());
            String reason = reason(dead.get(1));
            assertTrue(reason.contains("lines"), reason);
            await().atMost(Duration.ofSeconds(30)).until(() -> acme.readOnly().get("/api/v1/subscriptions/SUB-OK").statusCode() == 200);
        }
    }

    @Test
    void anOrderThatIsRejectedGoesToTheDeadLetterTopicWithTheReason() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-LOW", 2, customer, "SUB-LOW", "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders")
                .then().statusCode(201);
        try (TopicReader dlq = TopicReader.fromEnd(bootstrap, TOPIC + ".dlq")) {
            send(customer, event(UUID.randomUUID().toString(), acme.partner(),
                    Orders.body("CCW-LOW", 1, customer, "SUB-LOW", "2026-01-01", 12, true, 9, 9)));
            String reason = reason(dlq.await(r -> customer.equals(r.key()), 1, Duration.ofSeconds(30)).get(0));
            assertTrue(reason.startsWith("order rejected: Revision 1 of order CCW-LOW is older than revision 2"), reason);
        }
        acme.readOnly().get("/api/v1/subscriptions/SUB-LOW").then().body("lines[0].purchased", equalTo(1)).body("version", equalTo(1));
        assertEquals(2, Devstack.events(acme.partner(), null));
    }

    static String reason(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A CCW order event around {@code data}, an order's JSON text. */
    static String event(String id, String partner, String data) {
        ObjectNode event = Json.object().put("specversion", "1.0").put("id", id).put("source", "/ccw")
                .put("type", "partnerhub.ccw.order").put("subject", "order").put("time", "2026-11-25T10:00:00Z")
                .put("datacontenttype", "application/json").put("partnerorgid", partner);
        event.set("data", Json.read(data));
        return event.toString();
    }

    void send(String key, String value) {
        writer.send(TOPIC, key, value);
    }
}
