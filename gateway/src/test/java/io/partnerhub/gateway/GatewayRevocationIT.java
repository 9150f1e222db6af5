package io.partnerhub.gateway;

import io.partnerhub.platform.devstack.AdminEventJson;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KafkaTestResource;
import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway refuses a token issued before its admin's access changed as soon as the admin event is on the topic
 * (real Kafka; the events are written here as customers-service writes them). No service listens behind it: a token
 * that passes gets the gateway's own 404 for an unknown path.
 */
@QuarkusTest
class GatewayRevocationIT {

    /** The management interface (health). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    static final String TOPIC = AdminEventJson.TOPIC;
    static final String READY = "checks.find { it.name == 'access revocations' }.status";

    TopicWriter topic;

    @BeforeEach
    void open() {
        topic = TopicWriter.open(KafkaTestResource.bootstrapServers());
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(given().get("http://" + management.getHost() + ":" + management.getPort() + "/q/health/ready").path(READY)));
    }

    @AfterEach
    void close() {
        topic.close();
    }

    /** A token without a partner (no rate limit applies), issued at {@code iat}. */
    static String token(String subject, long iat, String role) {
        var claims = TestTokens.claims(subject, role);
        claims.setIssuedAt(NumericDate.fromSeconds(iat));
        return TestTokens.sign(claims);
    }

    static int status(String token) {
        return given().auth().oauth2(token).get("/api/v1/nothing-here").statusCode();
    }

    void publish(String key, String type, String subject, Instant accessRevokedAt) {
        topic.send(TOPIC, key, AdminEventJson.of(type, "p1", subject, "partner-read-only-admin",
                AdminEventJson.REMOVED.equals(type), accessRevokedAt, 3));
    }

    static long awaitRefused(String token, long ackedAtNanos) {
        await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(1)).until(() -> status(token) == 401);
        return (System.nanoTime() - ackedAtNanos) / 1_000_000;
    }

    @Test
    void aTokenIssuedBeforeTheChangeIsRefusedAtOnceAndOneIssuedAfterPasses() {
        Instant changed = Instant.now().minusSeconds(10);
        long second = changed.getEpochSecond();
        String bystander = "kc-" + UUID.randomUUID();
        for (String type : List.of(AdminEventJson.ROLE_CHANGED, AdminEventJson.REMOVED, AdminEventJson.ACCESS_REVOKED)) {
            String admin = "kc-" + UUID.randomUUID();
            String before = token(admin, second - 60, "partner-full-admin");
            assertEquals(404, status(before), type);

            publish(admin, type, admin, changed);
            long delay = awaitRefused(before, System.nanoTime());
            System.out.printf("gateway access revocations: %s refused a token %d ms after the event was on the topic%n", type, delay);

            given().auth().oauth2(before).header("X-Request-Id", "revoked-gw-1").get("/api/v1/customers?limit=5")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .header("X-Request-Id", "revoked-gw-1")
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                    .body("type", equalTo("https://partnerhub.io/problems/unauthorized"))
                    .body("detail", equalTo("This token was issued before the admin's access changed; sign in again"))
                    .body("instance", equalTo("/api/v1/customers")).body("requestId", equalTo("revoked-gw-1"));
            assertEquals(401, status(token(admin, second, "partner-full-admin")), type + ": iat equal to the changed second");
            assertEquals(404, status(token(admin, second + 1, "partner-full-admin")), type + ": issued after the change");
            assertEquals(404, status(token(bystander, second - 60, "partner-full-admin")), type + ": another admin");
        }
    }

    @Test
    void aRevokedTokenIs401BeforeTheRolePolicyAndTheRateLimit() {
        Instant changed = Instant.now().minusSeconds(5);
        String admin = "kc-" + UUID.randomUUID();
        publish(admin, AdminEventJson.REMOVED, admin, changed);
        awaitRefused(token(admin, changed.getEpochSecond() - 1, "partner-full-admin"), System.nanoTime());

        // a role the route does not allow would be 403: a revoked token is 401 all the same
        given().auth().oauth2(token(admin, changed.getEpochSecond() - 1, "usage-ingest")).get("/api/v1/analytics/kpis")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        given().auth().oauth2(token("machine-" + UUID.randomUUID(), changed.getEpochSecond() - 1, "usage-ingest"))
                .get("/api/v1/analytics/kpis").then().statusCode(403);
        // refusals do not spend the partner's budget (20 in tests)
        var claims = TestTokens.claims(admin, "partner-full-admin");
        claims.setStringClaim("partner_org_id", "revoked-partner");
        claims.setIssuedAt(NumericDate.fromSeconds(changed.getEpochSecond() - 1));
        String revokedOfPartner = TestTokens.sign(claims);
        for (int i = 0; i < 25; i++) {
            given().auth().oauth2(revokedOfPartner).get("/api/v1/nothing-here").then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.issue("revoked-partner", "kc-" + UUID.randomUUID(), "partner-full-admin"))
                .get("/api/v1/nothing-here").then().statusCode(404);
    }

    @Test
    void unreadableRecordsAndOtherTypesAreIgnored() {
        Instant changed = Instant.now().minusSeconds(5);
        long before = changed.getEpochSecond() - 30;
        String otherType = "kc-" + UUID.randomUUID();
        String marker = "kc-" + UUID.randomUUID();
        String key = "one-partition-" + UUID.randomUUID(); // one key: one partition, read in this order
        topic.send(TOPIC, key, "\u0000\u0001 not a cloud event");
        topic.send(TOPIC, key, Json.object().put("type", "partnerhub.admin.access-revoked").put("subject", otherType).toString());
        topic.send(TOPIC, key, AdminEventJson.of("partnerhub.tag.updated", "p1", otherType, "x", false, changed, 1));
        publish(key, AdminEventJson.ACCESS_REVOKED, marker, changed);

        long delay = awaitRefused(token(marker, before, "partner-full-admin"), System.nanoTime());
        System.out.printf("gateway access revocations: refused the marker's token %d ms after it was on the topic%n", delay);
        assertEquals(404, status(token(otherType, before, "partner-full-admin")));
    }
}
