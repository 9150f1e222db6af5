package io.partnerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.customers.service.PartnerService;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin directory reaches Keycloak (issue 14) through the identity outbox, here against {@link KeycloakStub}: POST
 * /admins only for a Keycloak user of the caller's partner, role changes and removals applied with the user's sessions
 * ended and access revoked, the admin events of the contract, nothing lost while Keycloak is unreachable, and the
 * directory never writing an older role back.
 */
@QuarkusTest
class IdentitySyncIT {

    static final String TOPIC = "partnerhub.customers.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PartnerService partners;

    @AfterEach
    void keycloakBack() {
        KeycloakStub.startServer();
    }

    @Test
    void postAdminsAcceptsOnlyAKeycloakUserOfTheCallersPartner() throws Exception {
        Callers acme = Callers.newPartner();
        Callers globex = Callers.newPartner();
        String ours = "kc-" + UUID.randomUUID();
        String theirs = "kc-" + UUID.randomUUID();
        KeycloakStub.user(ours, acme.partner(), "default-roles-partner-hub");
        KeycloakStub.user(theirs, globex.partner(), "default-roles-partner-hub", "partner-admin");
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, TOPIC)) {
            for (String id : List.of(theirs, "kc-unknown-" + UUID.randomUUID())) {
                acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "role", "partner-full-admin"))
                        .post("/api/v1/admins").then().statusCode(404).contentType("application/problem+json")
                        .body("status", equalTo(404)).body("detail", equalTo("User not found"));
                acme.readOnly().get("/api/v1/admins/" + id).then().statusCode(404);
                assertNull(syncRow(acme.partner(), id));
            }
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("id", ours, "role", "partner-admin"))
                    .post("/api/v1/admins").then().statusCode(201)
                    .body("email", equalTo(ours + "@keycloak.example")).body("displayName", equalTo("Kc " + ours))
                    .body("role", equalTo("partner-admin")).body("version", equalTo(1));
            awaitSynced(acme.partner(), ours);
            assertEquals(Set.of("default-roles-partner-hub", "partner-admin"), KeycloakStub.roles(ours));
            assertEquals(0, KeycloakStub.logouts(ours)); // a new admin has no sessions to end
            assertEquals(Set.of("default-roles-partner-hub", "partner-admin"), KeycloakStub.roles(theirs)); // untouched
            List<ConsumerRecord<String, String>> records = topic.await(r -> ours.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(1, records.size());
            assertEquals("partnerhub.admin.role-changed", CustomerChangesIT.field(records.get(0), "type"));
            assertEquals(acme.partner(), CustomerChangesIT.field(records.get(0), "partnerorgid"));
            assertEquals(ours, CustomerChangesIT.field(records.get(0), "subject"));
            JsonNode data = CustomerChangesIT.data(records.get(0));
            assertEquals(1, data.get("version").asLong());
            assertEquals("partner-admin", data.get("admin").get("role").asText());
            assertFalse(data.get("admin").get("removed").asBoolean());
            assertTrue(data.get("admin").get("accessRevokedAt").isNull());
            assertTrue(topic.seen().stream().noneMatch(r -> theirs.equals(r.key())));
            // still one user: the admin exists now
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("id", ours, "role", "partner-admin"))
                    .post("/api/v1/admins").then().statusCode(409);
        }
    }

    @Test
    void demotionAndRemovalReachKeycloakEndSessionsAndRevokeAccess() throws Exception {
        Callers acme = Callers.newPartner();
        String demoted = "kc-" + UUID.randomUUID();
        String removed = "kc-" + UUID.randomUUID();
        KeycloakStub.user(demoted, acme.partner(), "default-roles-partner-hub", "partner-full-admin");
        KeycloakStub.user(removed, acme.partner(), "default-roles-partner-hub", "partner-admin", "partner-read-only-admin");
        // both enter the directory at their first sign-in
        acme.as(demoted, "partner-full-admin").get("/api/v1/partner").then().statusCode(200);
        acme.as(removed, "partner-admin").get("/api/v1/tags").then().statusCode(200);
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, TOPIC)) {
            Instant before = Instant.now().minusSeconds(1);
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("role", "partner-read-only-admin"))
                    .patch("/api/v1/admins/" + demoted).then().statusCode(200).body("version", equalTo(2));
            acme.fullAdmin().delete("/api/v1/admins/" + removed).then().statusCode(204);
            awaitSynced(acme.partner(), demoted);
            awaitSynced(acme.partner(), removed);
            assertEquals(Set.of("default-roles-partner-hub", "partner-read-only-admin"), KeycloakStub.roles(demoted));
            assertEquals(Set.of("default-roles-partner-hub"), KeycloakStub.roles(removed));
            assertEquals(1, KeycloakStub.logouts(demoted));
            assertEquals(1, KeycloakStub.logouts(removed));

            List<ConsumerRecord<String, String>> d = topic.await(r -> demoted.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(List.of("partnerhub.admin.role-changed", "partnerhub.admin.access-revoked"),
                    d.stream().map(r -> CustomerChangesIT.field(r, "type")).toList());
            assertEquals(List.of(2L, 3L), d.stream().map(r -> CustomerChangesIT.data(r).get("version").asLong()).toList());
            Instant changedAt = revokedAt(d.get(0));
            Instant appliedAt = revokedAt(d.get(1));
            assertTrue(changedAt.isAfter(before), changedAt + " after " + before);
            assertFalse(appliedAt.isBefore(changedAt), appliedAt + " not before " + changedAt);
            assertEquals("partner-read-only-admin", CustomerChangesIT.data(d.get(1)).get("admin").get("role").asText());
            assertFalse(CustomerChangesIT.data(d.get(1)).get("admin").get("removed").asBoolean());
            acme.readOnly().get("/api/v1/admins/" + demoted).then().statusCode(200)
                    .body("role", equalTo("partner-read-only-admin")).body("version", equalTo(3));

            List<ConsumerRecord<String, String>> r = topic.await(rec -> removed.equals(rec.key()), 2, Duration.ofSeconds(30));
            assertEquals(List.of("partnerhub.admin.removed", "partnerhub.admin.access-revoked"),
                    r.stream().map(rec -> CustomerChangesIT.field(rec, "type")).toList());
            assertEquals(List.of(2L, 3L), r.stream().map(rec -> CustomerChangesIT.data(rec).get("version").asLong()).toList());
            for (ConsumerRecord<String, String> rec : r) {
                JsonNode admin = CustomerChangesIT.data(rec).get("admin");
                assertTrue(admin.get("removed").asBoolean());
                assertEquals("partner-admin", admin.get("role").asText());
                assertEquals(removed, admin.get("adminId").asText());
                assertNotNull(revokedAt(rec));
            }
            acme.readOnly().get("/api/v1/admins/" + removed).then().statusCode(404);
            assertEquals(2, topic.seen().stream().filter(rec -> demoted.equals(rec.key())).count());
            assertEquals(2, topic.seen().stream().filter(rec -> removed.equals(rec.key())).count());
        }
    }

    @Test
    void withKeycloakUnreachableAPostIs503AndAChangeWaitsUntilItIsBack() throws Exception {
        Callers acme = Callers.newPartner();
        String admin = "kc-" + UUID.randomUUID();
        String newcomer = "kc-" + UUID.randomUUID();
        KeycloakStub.user(admin, acme.partner(), "default-roles-partner-hub", "partner-admin");
        KeycloakStub.user(newcomer, acme.partner(), "default-roles-partner-hub");
        acme.as(admin, "partner-admin").get("/api/v1/tags").then().statusCode(200);
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, TOPIC)) {
            KeycloakStub.stopServer();
            acme.fullAdmin().contentType(ContentType.JSON).header("Idempotency-Key", "add-" + newcomer)
                    .body(Map.of("id", newcomer, "role", "partner-admin"))
                    .post("/api/v1/admins").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("status", equalTo(503));
            acme.readOnly().get("/api/v1/admins/" + newcomer).then().statusCode(404);
            assertNull(syncRow(acme.partner(), newcomer));

            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("role", "partner-full-admin"))
                    .patch("/api/v1/admins/" + admin).then().statusCode(200).body("version", equalTo(2));
            // retried while Keycloak is away: still pending, nothing lost, attempts counted
            await().atMost(Duration.ofSeconds(20)).until(() -> syncRow(acme.partner(), admin).attempts() >= 3);
            SyncRow waiting = syncRow(acme.partner(), admin);
            assertTrue(waiting.pending());
            assertEquals("partner-full-admin", waiting.role());
            assertNotNull(waiting.lastError());
            assertEquals(Set.of("default-roles-partner-hub", "partner-admin"), KeycloakStub.roles(admin));
            assertEquals(0, KeycloakStub.logouts(admin));

            KeycloakStub.startServer();
            awaitSynced(acme.partner(), admin);
            assertEquals(Set.of("default-roles-partner-hub", "partner-full-admin"), KeycloakStub.roles(admin));
            assertEquals(1, KeycloakStub.logouts(admin));
            List<ConsumerRecord<String, String>> records = topic.await(r -> admin.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(List.of("partnerhub.admin.role-changed", "partnerhub.admin.access-revoked"),
                    records.stream().map(r -> CustomerChangesIT.field(r, "type")).toList());
            assertEquals(0, syncRow(acme.partner(), admin).attempts());
            // the refused POST did nothing, so its key is free: the same request now succeeds
            acme.fullAdmin().contentType(ContentType.JSON).header("Idempotency-Key", "add-" + newcomer)
                    .body(Map.of("id", newcomer, "role", "partner-admin"))
                    .post("/api/v1/admins").then().statusCode(201);
        }
    }

    @Test
    void onlyTheNewestDesiredStateIsApplied() throws Exception {
        Callers acme = Callers.newPartner();
        String admin = "kc-" + UUID.randomUUID();
        KeycloakStub.user(admin, acme.partner(), "default-roles-partner-hub", "partner-admin");
        acme.as(admin, "partner-admin").get("/api/v1/tags").then().statusCode(200);
        KeycloakStub.stopServer();
        for (String role : List.of("partner-full-admin", "partner-read-only-admin", "partner-full-admin", "partner-read-only-admin")) {
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("role", role)).patch("/api/v1/admins/" + admin)
                    .then().statusCode(200);
        }
        SyncRow superseded = syncRow(acme.partner(), admin);
        assertEquals("partner-read-only-admin", superseded.role());
        assertEquals(5, superseded.adminVersion());
        KeycloakStub.startServer();
        awaitSynced(acme.partner(), admin);
        assertEquals(Set.of("default-roles-partner-hub", "partner-read-only-admin"), KeycloakStub.roles(admin));
        assertEquals(1, KeycloakStub.logouts(admin)); // one application of the newest state
        acme.readOnly().get("/api/v1/admins/" + admin).then().body("version", equalTo(6));
    }

    @Test
    void aSignInNeverWritesAnOlderRoleBack() throws Exception {
        Callers acme = Callers.newPartner();
        String admin = "kc-" + UUID.randomUUID();
        KeycloakStub.user(admin, acme.partner(), "default-roles-partner-hub", "partner-full-admin");
        Actor actor = new Actor(acme.partner(), admin, false);
        long firstIat = Instant.now().getEpochSecond() - 5;
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, TOPIC)) {
            signIn(actor, "partner-full-admin", firstIat); // first sign-in: enters the directory with its event
            KeycloakStub.stopServer();
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("role", "partner-read-only-admin"))
                    .patch("/api/v1/admins/" + admin).then().statusCode(200).body("version", equalTo(2));
            Instant revokedAt = accessRevokedAt(acme.partner(), admin);
            // a token issued before the change carries the old role: not adopted
            signIn(actor, "partner-full-admin", firstIat);
            // even a later token is not followed while the change is still on its way to Keycloak
            signIn(actor, "partner-full-admin", Instant.now().getEpochSecond() + 60);
            acme.readOnly().get("/api/v1/admins/" + admin).then().body("role", equalTo("partner-read-only-admin")).body("version", equalTo(2));

            KeycloakStub.startServer();
            awaitSynced(acme.partner(), admin);
            Instant applied = accessRevokedAt(acme.partner(), admin);
            // issued in the second of the revocation or before: still not adopted
            signIn(actor, "partner-full-admin", applied.getEpochSecond());
            acme.readOnly().get("/api/v1/admins/" + admin).then().body("role", equalTo("partner-read-only-admin")).body("version", equalTo(3));
            // issued after it: Keycloak's newer state (an operator's direct change) is followed
            signIn(actor, "partner-admin", applied.getEpochSecond() + 1);
            acme.readOnly().get("/api/v1/admins/" + admin).then().body("role", equalTo("partner-admin")).body("version", equalTo(4));

            List<ConsumerRecord<String, String>> records = topic.await(r -> admin.equals(r.key()), 4, Duration.ofSeconds(30));
            assertEquals(List.of("partnerhub.admin.role-changed", "partnerhub.admin.role-changed", "partnerhub.admin.access-revoked",
                    "partnerhub.admin.role-changed"), records.stream().map(r -> CustomerChangesIT.field(r, "type")).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L), records.stream().map(r -> CustomerChangesIT.data(r).get("version").asLong()).toList());
            assertEquals(applied, revokedAt(records.get(3)));
            assertNull(revokedAt(records.get(0)));
            assertEquals(revokedAt, revokedAt(records.get(1)));
            assertTrue(applied.isAfter(revokedAt), applied + " after " + revokedAt);

            // removed stays removed, whatever a token says
            acme.fullAdmin().delete("/api/v1/admins/" + admin).then().statusCode(204);
            awaitSynced(acme.partner(), admin);
            signIn(actor, "partner-admin", accessRevokedAt(acme.partner(), admin).getEpochSecond() + 1);
            acme.readOnly().get("/api/v1/admins/" + admin).then().statusCode(404);
        }
    }

    /** A sign-in recorded as the directory filter records it, with a token of {@code role} issued at {@code issuedAt}. */
    private void signIn(Actor actor, String role, long issuedAt) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> partners.recordSignIn(actor, null, null, role, issuedAt));
        } catch (Throwable e) {
            throw new AssertionError("sign-in not recorded", e);
        }
    }

    private static Instant revokedAt(ConsumerRecord<String, String> record) {
        JsonNode value = CustomerChangesIT.data(record).get("admin").get("accessRevokedAt");
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

    record SyncRow(String role, boolean removed, boolean pending, int attempts, long adminVersion, String lastError) {
    }

    static SyncRow syncRow(String partner, String admin) throws SQLException {
        try (Connection c = Devstack.connect();
             PreparedStatement s = c.prepareStatement(
                     "select role, removed, pending, attempts, admin_version, last_error from identity_sync where partner_org_id = ? and admin_id = ?")) {
            s.setString(1, partner);
            s.setString(2, admin);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new SyncRow(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6)) : null;
            }
        }
    }

    static Instant accessRevokedAt(String partner, String admin) throws SQLException {
        try (Connection c = Devstack.connect();
             PreparedStatement s = c.prepareStatement("select access_revoked_at from admin where partner_org_id = ? and admin_id = ?")) {
            s.setString(1, partner);
            s.setString(2, admin);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Waits until Keycloak has the admin's newest directory state (the identity sync row is done). */
    static void awaitSynced(String partner, String admin) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            SyncRow row = syncRow(partner, admin);
            return row != null && !row.pending();
        });
    }
}
