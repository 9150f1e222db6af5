package io.partnerhub.analytics;

import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unreadable subscription events go to the service's dead-letter topic and never hold up the events after them. */
@QuarkusTest
class SubscriptionEventsIT {

    static final String TOPIC = "partnerhub.subscriptions.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void unreadableEventsGoToTheDeadLetterTopicWithTheReasonAndTheNextEventIsApplied() {
        String partner = "p-" + UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        LocalDate start = LocalDate.parse("2026-06-01");
        String badDate = Events.subscription(partner, "partnerhub.subscription.created", "SUB-BAD", customer, false, "ACTIVE",
                start, start.plusYears(1), false, 1, "MEETINGS", 5).replace("\"2026-06-01\"", "\"June first\"");
        try (TopicWriter writer = TopicWriter.open(bootstrap);
             TopicReader dlq = TopicReader.fromEnd(bootstrap, TOPIC + ".analytics-service.dlq")) {
            writer.send(TOPIC, customer.toString(), "{not json");
            writer.send(TOPIC, customer.toString(), badDate);
            writer.send(TOPIC, customer.toString(), Events.subscription(partner, "partnerhub.subscription.created", "SUB-GOOD", customer,
                    false, "ACTIVE", start, start.plusYears(1), false, 1, "MEETINGS", 7));
            writer.send(TOPIC, customer.toString(), Events.usage(partner, UUID.randomUUID().toString(), Instant.parse("2026-11-25T10:00:00Z"),
                    "SUB-GOOD", customer, new Events.Snapshot("MEETINGS", start, 3, 2)));
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> dead = dlq.await(r -> customer.toString().equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals("{not json", dead.get(0).value());
            assertEquals(badDate, dead.get(1).value());
            assertEquals("startDate must be a date YYYY-MM-DD", new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        ConsumerLag.awaitCaughtUp(bootstrap, "analytics-service", List.of(TOPIC), Duration.ofSeconds(60));
        given().auth().oauth2(TestTokens.issue(partner, "alice", "partner-full-admin"))
                .get("/api/v1/analytics/recently-added?product=MEETINGS&asOf=2026-06-10")
                .then().statusCode(200)
                .body("kpis.newCustomers", equalTo(1)).body("kpis.totalLicenses", equalTo(7))
                .body("items[0].subscriptionId", equalTo("SUB-GOOD")).body("items[0].assigned", equalTo(3))
                .body("dataFreshAt", equalTo("2026-11-25T10:00:00Z"));
    }
}
