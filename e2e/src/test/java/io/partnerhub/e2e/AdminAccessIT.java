package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, Done-when 2, through the gateway with the real Keycloak: a full admin demoted to read-only and another
 * removed. Keycloak's role mappings change (read back through its Admin REST API), their sessions end (refresh tokens
 * no longer work), a token issued before the change is refused (401; the delay from the change's answer to the first
 * refusal is printed), and a later sign-in does not bring the old role back. With Keycloak stopped during a change,
 * the change is applied when it returns. Users are made for the test (alice, adam and rita stay as they are).
 */
class AdminAccessIT {

    static final String ACME = "7f3c1a52-0b1e-4c7a-9a39-6d5f2f1c0a01";
    static final Set<String> ADMIN_ROLES = Set.of("partner-full-admin", "partner-admin", "partner-read-only-admin");

    static SystemLauncher system;
    static KeycloakAdminApi keycloak;
    static String password;

    @BeforeAll
    static void system() {
        system = RunningSystem.get();
        keycloak = new KeycloakAdminApi(system);
        password = "pw-" + UUID.randomUUID();
    }

    record Tokens(String access, String refresh) {
    }

    static Tokens signIn(String username) {
        Response response = given().baseUri(system.keycloak().realmUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", KeycloakTokens.API_CLIENT, "username", username,
                        "password", password))
                .post("/protocol/openid-connect/token");
        response.then().statusCode(200);
        return new Tokens(response.path("access_token"), response.path("refresh_token"));
    }

    static int refresh(Tokens tokens) {
        return given().baseUri(system.keycloak().realmUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "refresh_token", "client_id", KeycloakTokens.API_CLIENT,
                        "refresh_token", tokens.refresh()))
                .post("/protocol/openid-connect/token").statusCode();
    }

    static RequestSpecification as(String accessToken) {
        return given().baseUri(system.gatewayUrl()).auth().oauth2(accessToken);
    }

    static String alice() throws Exception {
        return KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
    }

    /** A new full admin of acme, signed in once through the gateway (so in the directory); its id and tokens. */
    static Map.Entry<String, Tokens> newFullAdmin(String name) {
        String username = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        String id = keycloak.createUser(username, ACME, password, "partner-full-admin");
        Tokens tokens = signIn(username);
        as(tokens.access()).get("/api/v1/partner").then().statusCode(200);
        as(tokens.access()).get("/api/v1/admins/" + id).then().statusCode(200).body("role", equalTo("partner-full-admin"));
        return Map.entry(username + "|" + id, tokens);
    }

    static String id(Map.Entry<String, Tokens> admin) {
        return admin.getKey().substring(admin.getKey().indexOf('|') + 1);
    }

    static String username(Map.Entry<String, Tokens> admin) {
        return admin.getKey().substring(0, admin.getKey().indexOf('|'));
    }

    /** Polls the gateway with a token issued before the change until it is refused; the milliseconds from {@code since}. */
    static long millisUntilRefused(String accessToken, long since) {
        long[] refusedAt = new long[1];
        await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).until(() -> {
            int status = as(accessToken).get("/api/v1/partner").statusCode();
            refusedAt[0] = System.nanoTime();
            return status == 401;
        });
        as(accessToken).get("/api/v1/partner").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
        return (refusedAt[0] - since) / 1_000_000;
    }

    @Test
    void aDemotionAndARemovalTakeEffectInKeycloakAndAtTheDoor() throws Exception {
        assertEquals(Set.of("view-users", "manage-users"), Set.copyOf(keycloak.customersServiceAccountRoles()));
        Map.Entry<String, Tokens> demoted = newFullAdmin("demoted");
        Map.Entry<String, Tokens> removed = newFullAdmin("removed");
        String alice = alice();
        // before: both may change things
        as(demoted.getValue().access()).contentType(ContentType.JSON).body(Map.of("name", "Before " + UUID.randomUUID(), "color", "#112233"))
                .post("/api/v1/tags").then().statusCode(201);

        // the refusal of the tokens issued before each change is polled from the change's answer on, in parallel
        as(alice).contentType(ContentType.JSON).body(Map.of("role", "partner-read-only-admin")).patch("/api/v1/admins/" + id(demoted))
                .then().statusCode(200).body("role", equalTo("partner-read-only-admin"));
        CompletableFuture<Long> demotionDelay = refusal(demoted.getValue().access(), System.nanoTime());
        as(alice).delete("/api/v1/admins/" + id(removed)).then().statusCode(204);
        CompletableFuture<Long> removalDelay = refusal(removed.getValue().access(), System.nanoTime());

        // Keycloak has the change: exactly read-only for the one, no admin role for the other
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertEquals(Set.of("partner-read-only-admin"), adminRoles(id(demoted)));
            assertEquals(Set.of(), adminRoles(id(removed)));
        });
        // their sessions ended: the refresh tokens no longer work
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertEquals(400, refresh(demoted.getValue()));
            assertEquals(400, refresh(removed.getValue()));
        });

        // a forced directory refresh: a fresh sign-in (a token issued after the revocation) reads only, and the old
        // token (refused) never brings the full admin role back
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                as(signIn(username(demoted)).access()).get("/api/v1/partner").statusCode() == 200);
        Tokens fresh = signIn(username(demoted));
        as(fresh.access()).get("/api/v1/admins/" + id(demoted)).then().statusCode(200).body("role", equalTo("partner-read-only-admin"));
        as(fresh.access()).contentType(ContentType.JSON).body(Map.of("name", "After " + UUID.randomUUID(), "color", "#112233"))
                .post("/api/v1/tags").then().statusCode(403);
        as(alice).get("/api/v1/admins/" + id(demoted)).then().statusCode(200).body("role", equalTo("partner-read-only-admin"));
        assertEquals(Set.of("partner-read-only-admin"), adminRoles(id(demoted)));
        Tokens removedFresh = signIn(username(removed));
        as(removedFresh.access()).get("/api/v1/partner").then().statusCode(403);
        as(alice).get("/api/v1/admins/" + id(removed)).then().statusCode(404);

        // tokens issued before the change: refused (401) at the door, and the old role never comes back
        long demotionMillis = demotionDelay.get(30, TimeUnit.SECONDS);
        long removalMillis = removalDelay.get(30, TimeUnit.SECONDS);
        System.out.printf("AdminAccessIT: a token issued before the change was first refused %d ms after the demotion's answer, "
                + "%d ms after the removal's (goal <= 1000 ms)%n", demotionMillis, removalMillis);
        as(demoted.getValue().access()).get("/api/v1/admins").then().statusCode(401);
        as(removed.getValue().access()).contentType(ContentType.JSON).body(Map.of("name", "Late " + UUID.randomUUID(), "color", "#112233"))
                .post("/api/v1/tags").then().statusCode(401);
        as(alice).get("/api/v1/admins/" + id(demoted)).then().statusCode(200).body("role", equalTo("partner-read-only-admin"));
    }

    /** Polls the gateway with a token issued before a change until it is refused (from another thread). */
    static CompletableFuture<Long> refusal(String accessToken, long since) {
        return CompletableFuture.supplyAsync(() -> millisUntilRefused(accessToken, since));
    }

    @Test
    void aChangeMadeWhileKeycloakIsStoppedIsAppliedWhenItReturns() throws Exception {
        Map.Entry<String, Tokens> admin = newFullAdmin("outage");
        String alice = alice();
        system.stopKeycloak();
        try {
            as(alice).contentType(ContentType.JSON).body(Map.of("role", "partner-admin")).patch("/api/v1/admins/" + id(admin))
                    .then().statusCode(200).body("role", equalTo("partner-admin"));
        } finally {
            system.startKeycloak();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertEquals(Set.of("partner-admin"), adminRoles(id(admin))));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(400, refresh(admin.getValue())));
        List<String> all = keycloak.realmRoles(id(admin));
        assertTrue(all.contains("partner-admin"));
        assertFalse(all.contains("partner-full-admin"));
    }

    static Set<String> adminRoles(String userId) {
        return keycloak.realmRoles(userId).stream().filter(ADMIN_ROLES::contains).collect(java.util.stream.Collectors.toSet());
    }
}
