package io.partnerhub.customers;

import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.security.KnownTokenIdentityProvider;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bearer token is verified once and then known until it expires: what a request with a known token may do is
 * exactly what it could do when verified, it stops working at its {@code exp}, and no other token text rides on it.
 */
@QuarkusTest
class KnownTokensIT {

    final String partner = UUID.randomUUID().toString();

    @Inject
    KnownTokenIdentityProvider known;

    String token(String role, long expiresAt) {
        JwtClaims claims = TestTokens.claims("kc-" + UUID.randomUUID(), role);
        claims.setStringClaim("partner_org_id", partner);
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        return TestTokens.sign(claims);
    }

    int list(String token) {
        return given().auth().oauth2(token).get("/api/v1/customers?limit=1").statusCode();
    }

    @Test
    void aKnownTokenStopsWorkingTheSecondItExpires() {
        long expiresAt = Instant.now().getEpochSecond() + 3;
        String token = token("partner-full-admin", expiresAt);

        assertEquals(200, list(token));
        assertTrue(known.knows(token), "verified once, then known");
        assertEquals(200, list(token));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> list(token) == 401);
        assertTrue(Instant.now().getEpochSecond() >= expiresAt, "refused from its exp on, not before");
        assertFalse(known.knows(token));
    }

    @Test
    void aKnownTokenKeepsItsRolesAndItsPartner() {
        String readOnly = token("partner-read-only-admin", Instant.now().getEpochSecond() + 600);
        assertEquals(200, list(readOnly));
        assertTrue(known.knows(readOnly));

        given().auth().oauth2(readOnly).contentType("application/json").body(Map.of("name", "Known Token KK", "managedBy", "PARTNER"))
                .post("/api/v1/customers").then().statusCode(403).contentType("application/problem+json");

        String fullAdmin = token("partner-full-admin", Instant.now().getEpochSecond() + 600);
        String id = given().auth().oauth2(fullAdmin).contentType("application/json").body(Map.of("name", "Known Token KK", "managedBy", "PARTNER"))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(fullAdmin).get("/api/v1/customers/" + id).then().statusCode(200);

        JwtClaims other = TestTokens.claims("kc-" + UUID.randomUUID(), "partner-full-admin");
        other.setStringClaim("partner_org_id", UUID.randomUUID().toString());
        String otherPartner = TestTokens.sign(other);
        assertEquals(200, list(otherPartner));
        given().auth().oauth2(otherPartner).get("/api/v1/customers/" + id).then().statusCode(404);
    }

    @Test
    void noOtherTokenTextRidesOnAKnownToken() {
        String token = token("partner-full-admin", Instant.now().getEpochSecond() + 600);
        assertEquals(200, list(token));
        String[] parts = token.split("\\.");

        // another partner's claims under the known token's signature
        JwtClaims forged = TestTokens.claims("kc-" + UUID.randomUUID(), "partner-full-admin");
        forged.setStringClaim("partner_org_id", UUID.randomUUID().toString());
        String otherPayload = TestTokens.sign(forged).split("\\.")[1];
        String swapped = parts[0] + "." + otherPayload + "." + parts[2];
        // one character of the signature changed
        char c = parts[2].charAt(10);
        String altered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[2].substring(11);

        for (String bad : new String[] {swapped, altered, token + "x", token.substring(0, token.length() - 1)}) {
            assertEquals(401, list(bad), bad);
            assertFalse(known.knows(bad));
        }
        assertEquals(200, list(token));
    }
}
