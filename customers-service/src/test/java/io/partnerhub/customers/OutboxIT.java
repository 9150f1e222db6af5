package io.partnerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.devstack.DevstackTestResource;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class OutboxIT {

    static final String TOPIC = "partnerhub.customers.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void creatingACustomerPublishesTheCreatedEventWithFullState() throws Exception {
        Callers acme = Callers.newPartner();
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            String id = CustomerApiIT.create(acme, "Hokkaido Logistics", "HK-77");
            ConsumerRecord<String, String> record = reader.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            JsonNode event = JSON.readTree(record.value());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("partnerhub.customer.created", event.get("type").asText());
            assertEquals("/customers-service", event.get("source").asText());
            assertEquals(id, event.get("subject").asText());
            assertEquals(acme.partner(), event.get("partnerorgid").asText());
            assertEquals("application/json", event.get("datacontenttype").asText());
            UUID.fromString(event.get("id").asText());
            JsonNode customer = event.get("data").get("customer");
            assertEquals(id, customer.get("customerId").asText());
            assertEquals("Hokkaido Logistics", customer.get("name").asText());
            assertEquals("HK-77", customer.get("externalId").asText());
            assertEquals("PARTNER", customer.get("managedBy").asText());
            assertEquals("full-" + acme.partner(), customer.get("createdBy").asText());
            assertEquals(0, customer.get("adminIds").size());
            assertEquals(0, customer.get("tagIds").size());
            assertFalse(customer.get("deleted").asBoolean());
            assertEquals(1, event.get("data").get("version").asLong());
            assertEquals("application/cloudevents+json",
                    new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
            assertEquals(List.of(true), sentFlags(id));
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
        String key = "rollback-" + UUID.randomUUID();
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            given().post("/test-support/outbox/rollback?key=" + key).then().statusCode(409);
            assertEquals(List.of(), sentFlags(key));
            // A committed event with the same key lands on the same partition after anything written before it.
            given().post("/test-support/outbox/commit?key=" + key).then().statusCode(204);
            List<ConsumerRecord<String, String>> records = reader.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(1, records.size());
            assertEquals("test.committed", JSON.readTree(records.get(0).value()).get("type").asText());
        }
    }

    @Test
    void manyEventsWrittenInOneTransactionArePublishedInOrder() throws Exception {
        String key = "bulk-" + UUID.randomUUID();
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            given().post("/test-support/outbox/bulk?count=1500&key=" + key).then().statusCode(204);
            List<ConsumerRecord<String, String>> records = reader.await(r -> key.equals(r.key()), 1500, Duration.ofSeconds(60));
            assertEquals(1500, records.size());
            for (int n = 0; n < 1500; n++) {
                assertEquals(n, JSON.readTree(records.get(n).value()).get("data").get("n").asInt());
            }
        }
    }

    @Test
    void aDuplicateExternalIdCreatesNoEvent() throws Exception {
        Callers acme = Callers.newPartner();
        CustomerApiIT.create(acme, "Osaka Foods", "DUP-1");
        acme.fullAdmin().contentType("application/json")
                .body("{\"name\":\"Other\",\"externalId\":\"DUP-1\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers").then().statusCode(409);
        try (Connection db = Devstack.connect();
             PreparedStatement query = db.prepareStatement(
                     "select count(*) from outbox_event where payload->>'partnerorgid' = ? and payload->>'type' like 'partnerhub.customer.%'")) {
            // the admin's first sign-in adds its own partnerhub.admin.role-changed; only customer events count here
            query.setString(1, acme.partner());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void anEventWrittenWhileTheBrokerIsDownIsDeliveredWhenItReturns() throws Exception {
        Callers acme = Callers.newPartner();
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            DevstackTestResource.kafka().stopServer();
            String id;
            try {
                id = CustomerApiIT.create(acme, "Written While Kafka Is Down", null);
                assertEquals(List.of(false), sentFlags(id));
            } finally {
                DevstackTestResource.kafka().startServer();
            }
            List<ConsumerRecord<String, String>> records = reader.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(90));
            assertEquals("partnerhub.customer.created", JSON.readTree(records.get(0).value()).get("type").asText());
            // the relay marks the row sent after the broker's ack
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sentFlags(id).equals(List.of(true)));
        }
    }

    /** sent/not sent of each outbox row with this key, oldest first. */
    static List<Boolean> sentFlags(String key) throws Exception {
        try (Connection db = Devstack.connect();
             PreparedStatement query = db.prepareStatement("select sent_at is not null from outbox_event where message_key = ? order by seq")) {
            query.setString(1, key);
            java.util.ArrayList<Boolean> flags = new java.util.ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    flags.add(rs.getBoolean(1));
                }
            }
            return flags;
        }
    }
}
