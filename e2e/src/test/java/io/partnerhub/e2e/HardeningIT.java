package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.Keycloak;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run's hardening, checked on the running system: every application listens on loopback only (API and
 * management ports), and the realm keeps access tokens short-lived and locks an account out (for a while, not for
 * good) after repeated wrong passwords.
 */
class HardeningIT {

    static SystemLauncher system;
    static String adminToken;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        adminToken = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", system.secret("PARTNERHUB_KEYCLOAK_ADMIN_PASSWORD"))
                .post(system.keycloak().url() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String realmAdmin(String path) {
        return system.keycloak().url() + "/admin/realms/" + Keycloak.REALM + path;
    }

    @Test
    void everyApplicationListensOnLoopbackOnly() throws IOException {
        List<InetAddress> outside = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        outside.add(address);
                    }
                }
            }
        }
        for (SystemLauncher.App app : SystemLauncher.APPS) {
            for (String url : List.of(system.serviceUrl(app.name()), system.managementUrl(app.name()))) {
                URI uri = URI.create(url);
                assertEquals(SystemLauncher.BIND_HOST, uri.getHost(), app.name());
                assertTrue(connects(InetAddress.getByName("127.0.0.1"), uri.getPort()), app.name() + " on " + url);
                for (InetAddress address : outside) {
                    assertTrue(!connects(address, uri.getPort()),
                            app.name() + " answers on " + address.getHostAddress() + ":" + uri.getPort());
                }
            }
            assertNotEquals(URI.create(system.serviceUrl(app.name())).getPort(),
                    URI.create(system.managementUrl(app.name())).getPort(), app.name());
        }
    }

    private static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    @Test
    void accessTokensLiveFiveMinutes() throws IOException {
        given().auth().oauth2(adminToken).get(realmAdmin(""))
                .then().statusCode(200).body("accessTokenLifespan", equalTo(300));
        String token = KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        JsonNode claims = ApiDocument.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(300, claims.path("exp").asLong() - claims.path("iat").asLong());
        String machine = KeycloakTokens.clientCredentials(system.keycloak().realmUrl(), "usage-ingest-acme",
                system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
        JsonNode machineClaims = ApiDocument.JSON.readTree(
                new String(Base64.getUrlDecoder().decode(machine.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(300, machineClaims.path("exp").asLong() - machineClaims.path("iat").asLong());
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountForAWhile() {
        given().auth().oauth2(adminToken).get(realmAdmin(""))
                .then().statusCode(200)
                .body("bruteForceProtected", equalTo(true))
                .body("permanentLockout", equalTo(false))
                .body("failureFactor", equalTo(8))
                .body("waitIncrementSeconds", equalTo(60))
                .body("maxFailureWaitSeconds", equalTo(900));

        // a user of its own (never a demo user: a locked demo user would fail other tests)
        String username = "lockout-" + UUID.randomUUID() + "@probe.example";
        String password = UUID.randomUUID().toString();
        Response created = given().auth().oauth2(adminToken).contentType("application/json")
                .body(lockoutUser(username, password))
                .post(realmAdmin("/users"));
        assertEquals(201, created.statusCode(), created.asString());
        String location = created.header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        try {
            // the right password works before
            tokenRequest(username, password).then().statusCode(200);
            tokenRequest(username, "wrong-0").then().statusCode(401).body("error", equalTo("invalid_grant"));
            for (int i = 1; i < 8; i++) {
                Response wrong = tokenRequest(username, "wrong-" + i);
                assertNotEquals(200, wrong.statusCode(), wrong.asString());
                assertEquals("invalid_grant", wrong.path("error"), wrong.asString());
            }
            // locked: now even the right password is refused
            Response locked = tokenRequest(username, password);
            assertNotEquals(200, locked.statusCode(), locked.asString());
            assertEquals("invalid_grant", locked.path("error"), locked.asString());
            given().auth().oauth2(adminToken).get(realmAdmin("/attack-detection/brute-force/users/" + userId))
                    .then().statusCode(200).body("disabled", equalTo(true));
            // a temporary lockout: the account itself stays enabled
            given().auth().oauth2(adminToken).get(realmAdmin("/users/" + userId))
                    .then().statusCode(200).body("enabled", equalTo(true));
        } finally {
            given().auth().oauth2(adminToken).delete(realmAdmin("/users/" + userId)).then().statusCode(204);
        }
    }

    private static Response tokenRequest(String username, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", KeycloakTokens.API_CLIENT)
                .formParam("username", username).formParam("password", password)
                .post(system.keycloak().realmUrl() + "/protocol/openid-connect/token");
    }

    /** A Keycloak user representation with a permanent password. */
    private static String lockoutUser(String username, String password) {
        ObjectNode user = Json.object().put("username", username).put("email", username).put("firstName", "Lock").put("lastName", "Probe")
                .put("enabled", true).put("emailVerified", true);
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        return user.toString();
    }
}
