package io.partnerhub.callingmetrics;

import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A call record names a customer of the caller's partner: another partner's, an unknown or a deleted customer is
 * refused for that record alone (REST: in {@code rejected} with its index; topic: the dead-letter topic with the
 * reason), and nothing of it is stored.
 */
@QuarkusTest
class CallRecordOwnershipIT {

    @jakarta.inject.Inject
    io.partnerhub.callingmetrics.service.CustomerOwners owners;

    static final String USER = UUID.randomUUID().toString();

    static long stored(String customerId) {
        try (var db = Devstack.connect();
             var query = db.prepareStatement("select count(*) from call_record where customer_id = cast(? as uuid)")) {
            query.setString(1, customerId);
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Test
    void recordsOfAnotherPartnersUnknownOrDeletedCustomersAreRejectedWithTheirIndexAndTheOthersStored() {
        Callers acme = Callers.newPartner();
        Callers globex = Callers.newPartner();
        String own = Customers.of(acme);
        String theirs = Customers.of(globex);
        String unknown = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        try (Kafka kafka = new Kafka(bootstrap())) {
            kafka.send("partnerhub.customers.v1", deleted, CustomerEventJson.of(UUID.randomUUID().toString(), acme.partner(),
                    deleted, "Gone Gmbh", "full-admin", List.of(), true, 1));
        }
        Customers.awaitKnown(1, "select count(*) from customer where customer_id = any(?) and deleted", deleted);

        String body = "[" + String.join(",",
                Cdr.call("own-1", own, USER, "2026-11-16T10:00:00Z").json(),
                Cdr.call("theirs", theirs, USER, "2026-11-16T10:00:00Z").json(),
                Cdr.call("unknown", unknown, USER, "2026-11-16T10:00:00Z").json(),
                "{\"callId\":\"bad\"}",
                Cdr.call("deleted", deleted, USER, "2026-11-16T10:00:00Z").json(),
                Cdr.call("own-2", own, USER, "2026-11-17T10:00:00Z").json()) + "]";
        long started = System.nanoTime();
        acme.ingest().body(body).post("/api/v1/calling/records").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0))
                .body("rejected.index", contains(1, 2, 3, 4))
                .body("rejected[0].errors.field", contains("customerId"))
                .body("rejected[0].errors[0].message", equalTo("is not a customer of this partner"))
                .body("rejected[1].errors.field", contains("customerId"))
                .body("rejected[1].errors[0].message", equalTo("is not a customer of this partner"))
                .body("rejected[3].errors.field", contains("customerId"))
                .body("rejected[3].errors[0].message", equalTo("is a deleted customer"));
        // the unknown id was waited for (partnerhub.calling.customer-arrival-wait, 3 s), and not much longer
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        org.junit.jupiter.api.Assertions.assertTrue(tookMillis >= 3000 && tookMillis < 15_000, tookMillis + " ms");

        assertEquals(2, stored(own));
        assertEquals(0, stored(theirs));
        assertEquals(0, stored(unknown));
        assertEquals(0, stored(deleted));

        // a batch of only refused records stores nothing and answers every one
        globex.ingest().body(Cdr.array(Cdr.call("g-1", own, USER, "2026-11-16T10:00:00Z"))).post("/api/v1/calling/records")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(0))
                .body("rejected.index", contains(0)).body("rejected[0].errors[0].message", equalTo("is not a customer of this partner"));
        assertEquals(2, stored(own));
    }

    @Test
    void aCustomerThatArrivesDuringTheWaitIsTaken() throws Exception {
        Callers acme = Callers.newPartner();
        String fresh = UUID.randomUUID().toString();
        Thread announce = new Thread(() -> {
            try (Kafka kafka = new Kafka(bootstrap())) {
                kafka.send("partnerhub.customers.v1", fresh, Kafka.customerEvent(acme.partner(), fresh, "Fresh Co", "full-admin", 1));
            }
        });
        // the record is posted before the customer is announced: the service waits for it
        var answer = new java.util.concurrent.CompletableFuture<io.restassured.response.Response>();
        Thread post = new Thread(() -> answer.complete(acme.ingest()
                .body(Cdr.array(Cdr.call("fresh-1", fresh, USER, "2026-11-16T10:00:00Z"))).post("/api/v1/calling/records")));
        post.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> owners.waiting() > 0);
        assertEquals(0, stored(fresh));
        announce.start();
        announce.join();
        var response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(1, response.jsonPath().getInt("accepted"), response.asString());
        assertEquals(List.of(), response.jsonPath().getList("rejected"));
        assertEquals(1, stored(fresh));
    }

    @Test
    void aTopicRecordOfAnotherPartnersCustomerGoesToTheDeadLetterTopicWithTheReason() {
        Callers acme = Callers.newPartner();
        Callers globex = Callers.newPartner();
        String own = Customers.of(acme);
        String theirs = Customers.of(globex);
        String badKey = "foreign-" + UUID.randomUUID();
        try (Kafka kafka = new Kafka(bootstrap());
             TopicReader dlq = TopicReader.fromEnd(bootstrap(), "partnerhub.cdr.v1.dlq")) {
            kafka.send("partnerhub.cdr.v1", badKey, CallingScenarioIT.cdrEvent(acme.partner(),
                    Cdr.call("t-theirs", theirs, USER, "2026-11-16T10:00:00Z")));
            kafka.send("partnerhub.cdr.v1", own, CallingScenarioIT.cdrEvent(acme.partner(),
                    Cdr.call("t-own", own, USER, "2026-11-16T11:00:00Z")));
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> badKey.equals(r.key()), 1, Duration.ofSeconds(60));
            String reason = new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertEquals("invalid call record: customerId is not a customer of this partner", reason);
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(own) == 1);
            assertEquals(0, stored(theirs));
        }
    }
}
