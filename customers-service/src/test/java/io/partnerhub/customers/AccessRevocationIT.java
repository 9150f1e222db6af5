package io.partnerhub.customers;

import io.partnerhub.platform.core.revocation.AccessRevocations;
import io.partnerhub.platform.devstack.AdminEventJson;
import io.partnerhub.platform.devstack.DevstackTestResource;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens issued before an admin's access changed are refused as soon as the admin event is on the topic (real Kafka;
 * the events are written here as customers-service writes them, see {@link AdminEventJson}).
 */
@QuarkusTest
class AccessRevocationIT {

    static final String TOPIC = AdminEventJson.TOPIC;

    final String partner = UUID.randomUUID().toString();
    TopicWriter topic;

    /** The management interface (health). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @BeforeEach
    void open() {
        topic = TopicWriter.open(DevstackTestResource.kafka().bootstrapServers());
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(given().get("http://" + management.getHost() + ":" + management.getPort() + "/q/health/ready")
                .path("checks.find { it.name == 'access revocations' }.status")));
    }

    @AfterEach
    void close() {
        topic.close();
    }

    /** A full admin's token of this partner issued at {@code iat}. */
    String token(String subject, long iat) {
        var claims = TestTokens.claims(subject, "partner-full-admin");
        claims.setStringClaim("partner_org_id", partner);
        claims.setIssuedAt(NumericDate.fromSeconds(iat));
        return TestTokens.sign(claims);
    }

    int status(String token) {
        return given().auth().oauth2(token).get("/api/v1/customers?limit=1").statusCode();
    }

    void publish(String type, String subject, Instant accessRevokedAt) {
        topic.send(TOPIC, subject, AdminEventJson.of(type, partner, subject, "partner-read-only-admin",
                AdminEventJson.REMOVED.equals(type), accessRevokedAt, 2));
    }

    /** Waits (polling, no sleep) for the first refusal of {@code token}; answers the delay since the event's ack. */
    long awaitRefused(String token, long ackedAtNanos) {
        await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(1)).until(() -> status(token) == 401);
        return (System.nanoTime() - ackedAtNanos) / 1_000_000;
    }

    @Test
    void eachAdminEventTypeRefusesTokensIssuedUpToTheChangeAtOnceAndAllowsLaterOnes() {
        Instant changed = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        long second = changed.getEpochSecond();
        String bystander = "kc-" + UUID.randomUUID();
        for (String type : List.of(AdminEventJson.ROLE_CHANGED, AdminEventJson.REMOVED, AdminEventJson.ACCESS_REVOKED)) {
            String admin = "kc-" + UUID.randomUUID();
            String before = token(admin, second - 60);
            String atTheSecond = token(admin, second);
            String after = token(admin, second + 1);
            assertTrue(status(before) == 200, type);

            publish(type, admin, changed);
            long acked = System.nanoTime();
            long delay = awaitRefused(before, acked);
            System.out.printf("access revocations: %s refused a token %d ms after the event was on the topic%n", type, delay);

            given().auth().oauth2(before).header("X-Request-Id", "revoked-1").get("/api/v1/customers?limit=1")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                    .body("type", equalTo("https://partnerhub.io/problems/unauthorized"))
                    .body("detail", equalTo("This token was issued before the admin's access changed; sign in again"))
                    .body("instance", equalTo("/api/v1/customers")).body("requestId", equalTo("revoked-1"));
            // refused before any role check or resource: a write the role would allow is 401 too, and creates nothing
            given().auth().oauth2(before).contentType("application/json").body("{\"name\":\"Revoked KK\",\"managedBy\":\"PARTNER\"}")
                    .post("/api/v1/customers").then().statusCode(401).contentType("application/problem+json");
            assertTrue(status(atTheSecond) == 401, type + ": iat equal to the changed second");
            assertTrue(status(after) == 200, type + ": issued after the change");
            assertTrue(status(token(bystander, second - 60)) == 200, type + ": another admin");
        }
        given().auth().oauth2(token(bystander, second - 60)).get("/api/v1/customers?limit=1")
                .then().statusCode(200);
    }

    @Test
    void unreadableRecordsOtherTypesAndChangesWithoutAMomentAreIgnored() {
        Instant changed = Instant.now().minusSeconds(5);
        long before = changed.getEpochSecond() - 30;
        String otherType = "kc-" + UUID.randomUUID();
        String noMoment = "kc-" + UUID.randomUUID();
        String marker = "kc-" + UUID.randomUUID();
        String key = "one-partition-" + UUID.randomUUID(); // one key: one partition, read in this order
        topic.send(TOPIC, key, "{ this is not json");
        topic.send(TOPIC, key, "");
        topic.send(TOPIC, key, Json.object().put("type", "partnerhub.admin.removed").put("subject", otherType).put("data", 42).toString());
        topic.send(TOPIC, key, AdminEventJson.of("partnerhub.customer.updated", partner, otherType, "x", false, changed, 1));
        topic.send(TOPIC, key, AdminEventJson.of(AdminEventJson.REMOVED, partner, noMoment, "x", true, null, 1));
        topic.send(TOPIC, key, AdminEventJson.of(AdminEventJson.REMOVED, partner, marker, "x", true, changed, 1));
        long acked = System.nanoTime();

        long delay = awaitRefused(token(marker, before), acked);
        System.out.printf("access revocations: refused the marker's token %d ms after it was on the topic%n", delay);
        assertTrue(status(token(otherType, before)) == 200, "a customer event never revokes");
        assertTrue(status(token(noMoment, before)) == 200, "an admin event without accessRevokedAt revokes nothing");
    }

    @Test
    void aNewConsumerKnowsTheChangesOfTheWindowOnceCaughtUp() {
        String admin = "kc-" + UUID.randomUUID();
        String old = "kc-" + UUID.randomUUID();
        Instant changed = Instant.now().minusSeconds(3);
        publish(AdminEventJson.ACCESS_REVOKED, old, Instant.now().minus(Duration.ofMinutes(16)));
        publish(AdminEventJson.ACCESS_REVOKED, admin, changed);
        awaitRefused(token(admin, changed.getEpochSecond() - 10), System.nanoTime());

        try (AccessRevocations restarted = AccessRevocations.start(
                Map.of("bootstrap.servers", DevstackTestResource.kafka().bootstrapServers()), TOPIC,
                Duration.ofMinutes(15), "access-revocations-test", Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(20)).until(restarted::caughtUp);
            assertTrue(restarted.revoked(admin, changed.getEpochSecond()));
            assertTrue(restarted.revoked(admin, changed.getEpochSecond() - 10));
            assertFalse(restarted.revoked(admin, changed.getEpochSecond() + 1));
            assertFalse(restarted.revoked(old, changed.getEpochSecond() - 10), "a change older than the window is forgotten");
            assertFalse(restarted.revoked("kc-" + UUID.randomUUID(), 0));
        }
    }
}
