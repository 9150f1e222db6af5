package io.partnerhub.gateway;

import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TestTokensResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's own answers: it refuses before forwarding. No service listens behind it here. */
@QuarkusTest
@QuarkusTestResource(TestTokensResource.class)
class GatewayIT {

    @TestHTTPResource("/")
    URL gateway;

    /** The management interface: health and metrics. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void noTokenIs401ProblemJson() {
        given().header("X-Request-Id", "no-token-1").get("/api/v1/customers?limit=5")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("X-Request-Id", "no-token-1")
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("instance", equalTo("/api/v1/customers")).body("requestId", equalTo("no-token-1"));
    }

    @Test
    void garbageTokenIs401ProblemJson() {
        given().auth().oauth2("garbage").get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/customers")).body("requestId", matchesPattern("[0-9a-f-]{36}"));
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
    void anIdTokenIs401() {
        var claims = TestTokens.claims("alice", "partner-full-admin");
        claims.setStringClaim("partner_org_id", "p1");
        claims.setStringClaim("typ", "ID");
        given().auth().oauth2(TestTokens.sign(claims)).get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void machineClientCannotReadDashboards() {
        given().auth().oauth2(TestTokens.issue("p1", "svc", "usage-ingest")).header("X-Request-Id", "dash-1")
                .get("/api/v1/analytics/kpis")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403))
                .body("instance", equalTo("/api/v1/analytics/kpis")).body("requestId", equalTo("dash-1"));
    }

    @Test
    void adminCannotIngestOrders() {
        given().auth().oauth2(TestTokens.issue("p1", "alice", "partner-full-admin")).contentType("application/json").body("{}")
                .post("/api/v1/orders")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void unknownPathIs404AndCarriesARequestId() {
        String requestId = given().auth().oauth2(TestTokens.issue("p1", "alice", "partner-full-admin")).get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("instance", equalTo("/api/v1/nothing-here"))
                .extract().header("X-Request-Id");
        given().get("/api/v2/customers").then().statusCode(404).contentType("application/problem+json")
                .body("instance", equalTo("/api/v2/customers")).body("requestId", not(equalTo(requestId)));
    }

    @Test
    void anUnsafeRequestIdIsReplaced() {
        given().header("X-Request-Id", "bad id\u00e9").get("/api/v1/customers")
                .then().statusCode(401).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aPartnerOverItsRateLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String token = TestTokens.issue("busy-partner", "alice", "partner-full-admin");
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/api/v1/nothing-here").then().statusCode(404);
        }
        given().auth().oauth2(token).header("X-Request-Id", "busy-21").get("/api/v1/nothing-here")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-5]?[0-9]|60")).body("status", equalTo(429))
                .body("instance", equalTo("/api/v1/nothing-here")).body("requestId", equalTo("busy-21"));
        given().auth().oauth2(TestTokens.issue("quiet-partner", "bob", "partner-full-admin")).get("/api/v1/nothing-here")
                .then().statusCode(404);
    }

    @Test
    void aServiceThatCannotBeReachedIs503ProblemJsonWithRetryAfter() {
        given().auth().oauth2(TestTokens.issue("p1", "alice", "partner-full-admin")).header("X-Request-Id", "down-1")
                .get("/api/v1/customers/1?x=y")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").header("X-Request-Id", "down-1")
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"))
                .body("type", equalTo("https://partnerhub.io/problems/unavailable"))
                .body("instance", equalTo("/api/v1/customers/1")).body("requestId", equalTo("down-1"))
                .body(not(containsString("Exception"))).body(not(containsString("127.0.0.1")));
    }

    @Test
    void anOverLongUrlIs414ProblemJsonBeforeAuthentication() {
        given().header("X-Request-Id", "long-1").get("/api/v1/customers?q=" + "x".repeat(5000))
                .then().statusCode(414).contentType("application/problem+json")
                .header("X-Request-Id", "long-1")
                .body("status", equalTo(414)).body("title", equalTo("URI Too Long"))
                .body("type", equalTo("https://partnerhub.io/problems/uri-too-long"))
                .body("detail", equalTo("The request target is longer than 4096 characters"))
                .body("instance", equalTo("/api/v1/customers")).body("requestId", equalTo("long-1"));
    }

    @Test
    void overLargeHeadersAre431ProblemJsonBeforeAuthentication() {
        given().header("X-Request-Id", "big-1").header("X-Filler", "y".repeat(9000)).get("/api/v1/customers")
                .then().statusCode(431).contentType("application/problem+json")
                .header("X-Request-Id", "big-1")
                .body("status", equalTo(431)).body("title", equalTo("Request Header Fields Too Large"))
                .body("type", equalTo("https://partnerhub.io/problems/request-header-fields-too-large"))
                .body("instance", equalTo("/api/v1/customers")).body("requestId", equalTo("big-1"));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() throws IOException {
        String token = TestTokens.issue("p1", "svc", "order-integrator");
        String answer = raw("POST /api/v1/orders/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nX-Request-Id: huge-1\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        JsonPath body = JsonPath.from(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals(413, body.getInt("status"));
        assertEquals("/api/v1/orders/batch", body.getString("instance"));
        assertEquals("huge-1", body.getString("requestId"));
        assertEquals("The request body is larger than 16 MiB", body.getString("detail"));
    }

    @Test
    void withoutConfiguredOriginsNoOriginGetsCorsHeaders() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://localhost:5173").get("/api/v1/customers")
                .then().statusCode(401).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void notReadyWhileNoServiceAnswers() {
        given().get("http://" + management.getHost() + ":" + management.getPort() + "/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'gateway dependencies' }.data.customers", equalTo("DOWN"))
                .body("checks.find { it.name == 'gateway dependencies' }.data.calling_metrics", equalTo("DOWN"));
    }

    /** A request written by hand: the header promises a body that is never sent. */
    private String raw(String head) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd > 0 && text.toLowerCase().contains("content-length: ")) {
                    String length = text.toLowerCase().split("content-length: ")[1].split("\r\n")[0].trim();
                    if (text.length() - headEnd - 4 >= Integer.parseInt(length)) {
                        break;
                    }
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
