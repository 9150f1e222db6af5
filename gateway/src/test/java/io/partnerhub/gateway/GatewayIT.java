package io.partnerhub.gateway;

import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TestTokensResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** The gateway's own answers: it refuses before forwarding. */
@QuarkusTest
@QuarkusTestResource(TestTokensResource.class)
class GatewayIT {

    @Test
    void noTokenIs401ProblemJson() {
        given().get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
    }

    @Test
    void garbageTokenIs401ProblemJson() {
        given().auth().oauth2("garbage").get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void tokenOfAnotherAudienceIs401() {
        var claims = TestTokens.claims("mallory", "partner-full-admin");
        claims.setAudience("someone-else");
        claims.setStringClaim("partner_org_id", "p1");
        given().auth().oauth2(TestTokens.sign(claims)).get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void machineClientCannotReadDashboards() {
        given().auth().oauth2(TestTokens.issue("p1", "svc", "usage-ingest")).get("/api/v1/analytics/kpis")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void adminCannotIngestOrders() {
        given().auth().oauth2(TestTokens.issue("p1", "alice", "partner-full-admin")).contentType("application/json").body("{}")
                .post("/api/v1/orders")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void unknownPathIs404AndCarriesARequestId() {
        given().auth().oauth2(TestTokens.issue("p1", "alice", "partner-full-admin")).get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aPartnerOverItsRateLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String token = TestTokens.issue("busy-partner", "alice", "partner-full-admin");
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/api/v1/nothing-here").then().statusCode(404);
        }
        given().auth().oauth2(token).get("/api/v1/nothing-here")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-5]?[0-9]|60")).body("status", equalTo(429));
        given().auth().oauth2(TestTokens.issue("quiet-partner", "bob", "partner-full-admin")).get("/api/v1/nothing-here")
                .then().statusCode(404);
    }

    @Test
    void aServiceThatDoesNotAnswerIs502ProblemJson() {
        given().auth().oauth2(TestTokens.issue("p1", "alice", "partner-full-admin")).get("/api/v1/customers/1")
                .then().statusCode(502);
    }
}
