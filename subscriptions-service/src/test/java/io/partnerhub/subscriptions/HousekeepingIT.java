package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.DevstackTestResource;
import io.partnerhub.platform.devstack.TopicWriter;
import io.partnerhub.platform.runtime.housekeeping.Housekeeping;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The platform housekeeping on this service's database: sent outbox events past their retention (7 days), processed
 * event ids past theirs (30 days) and Idempotency-Keys past the 24 h window go; an unsent event stays however old; and
 * a customer event redelivered after its processed_event row was purged is still a duplicate by its version.
 */
@QuarkusTest
class HousekeepingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Housekeeping housekeeping;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void sentAndOldRowsGoAnUnsentEventStays() throws Exception {
        String partner = "housekeeping-" + UUID.randomUUID();
        UUID sentOld = outboxEvent(UUID.randomUUID(), partner, "40 days", "8 days");
        UUID sentRecent = outboxEvent(UUID.randomUUID(), partner, "40 days", "6 days");
        UUID unsentOld = UUID.randomUUID();
        // the broker is down while the purge runs, so the relay cannot send the old unsent event meanwhile
        DevstackTestResource.kafka().stopServer();
        try {
            outboxEvent(unsentOld, partner, "90 days", null);
            purgeAndCheck(partner, sentOld, sentRecent, unsentOld);
        } finally {
            DevstackTestResource.kafka().startServer();
        }
        // and it still leaves when the broker returns
        await().atMost(Duration.ofSeconds(90)).until(() -> Devstack.text("select sent_at from outbox_event where id = ?", unsentOld) != null);
    }

    private void purgeAndCheck(String partner, UUID sentOld, UUID sentRecent, UUID unsentOld) {
        String consumer = "housekeeping-test-" + partner;
        execute("insert into processed_event (consumer, event_id, processed_at) values (?, 'old', now() - interval '31 days'),"
                + " (?, 'recent', now() - interval '29 days')", consumer, consumer);
        execute("insert into idempotency_key (partner_org_id, caller, idempotency_key, operation, request_hash, status, body, created_at)"
                + " values (?, 'integrator', 'old', 'POST /orders', 'h1', 201, '{}', now() - interval '25 hours'),"
                + " (?, 'integrator', 'recent', 'POST /orders', 'h2', 201, '{}', now() - interval '23 hours')", partner, partner);

        housekeeping.purgeNow();

        assertEquals(List.of(sentRecent.toString(), unsentOld.toString()), texts(
                "select id from outbox_event where payload->>'partnerorgid' = ? order by created_at desc", partner));
        assertNull(Devstack.text("select sent_at from outbox_event where id = ?", unsentOld), "the unsent event is still unsent");
        assertEquals(List.of("recent"), texts("select event_id from processed_event where consumer = ?", consumer));
        assertEquals(List.of("recent"), texts("select idempotency_key from idempotency_key where partner_org_id = ?", partner));
        assertEquals(0, Devstack.count("select count(*) from outbox_event where id = ?", sentOld));

        // a second run finds nothing more of this test's rows
        housekeeping.purgeNow();
        assertEquals(2, Devstack.count("select count(*) from outbox_event where payload->>'partnerorgid' = ?", partner));
        assertEquals(1, Devstack.count("select count(*) from processed_event where consumer = ?", consumer));
        assertEquals(1, Devstack.count("select count(*) from idempotency_key where partner_org_id = ?", partner));
    }

    @Test
    void aRedeliveredEventOlderThanTheProcessedRetentionChangesNothingByItsVersion() {
        String partner = "housekeeping-" + UUID.randomUUID();
        String customerId = UUID.randomUUID().toString();
        String firstEventId = UUID.randomUUID().toString();
        String first = CustomerEventJson.of(firstEventId, partner, customerId, "Customer 1", "full-" + partner,
                List.of("admin-a"), false, 1);
        try (TopicWriter writer = TopicWriter.open(bootstrap)) {
            writer.send(CustomerTopic.TOPIC, customerId, first);
            awaitCustomer(customerId, 1);
            writer.send(CustomerTopic.TOPIC, customerId, CustomerEventJson.of(UUID.randomUUID().toString(), partner, customerId,
                    "Customer 2", "full-" + partner, List.of("admin-b"), false, 2));
            awaitCustomer(customerId, 2);

            // the first event's id is forgotten: processed longer ago than the retention, then purged
            execute("update processed_event set processed_at = now() - interval '31 days' where consumer = ? and event_id = ?",
                    CustomerTopic.CONSUMER, firstEventId);
            housekeeping.purgeNow();
            assertEquals(0, Devstack.count("select count(*) from processed_event where consumer = ? and event_id = ?",
                    CustomerTopic.CONSUMER, firstEventId));

            writer.send(CustomerTopic.TOPIC, customerId, first);
            CustomerTopic.awaitTaken(firstEventId);
        }
        assertEquals("2|Customer 2|{admin-b}|false", Devstack.text(
                "select version || '|' || name || '|' || admin_ids::text || '|' || deleted from customer where customer_id = cast(? as uuid)",
                customerId));
    }

    private static void awaitCustomer(String customerId, long version) {
        await().atMost(CustomerTopic.DEADLINE).until(() -> Devstack.count(
                "select count(*) from customer where customer_id = cast(? as uuid) and version = ?", customerId, version) == 1);
    }

    /** An outbox event of the partner created and sent (null: not sent) that long ago. */
    private static UUID outboxEvent(UUID id, String partner, String createdAgo, String sentAgo) {
        String payload = JSON.createObjectNode().put("id", id.toString()).put("partnerorgid", partner).toString();
        execute("insert into outbox_event (id, topic, message_key, event_type, payload, created_at, sent_at)"
                + " values (?, 'partnerhub.subscriptions.v1', ?, 'partnerhub.housekeeping.test', cast(? as jsonb), now() - cast(? as interval),"
                + " now() - cast(? as interval))", id, partner, payload, createdAgo, sentAgo);
        return id;
    }

    private static void execute(String sql, Object... params) {
        try (Connection db = Devstack.connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(String sql, Object... params) {
        try (Connection db = Devstack.connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (var rows = query.executeQuery()) {
                List<String> values = new java.util.ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
