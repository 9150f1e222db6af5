package io.partnerhub.gateway;

import io.partnerhub.platform.devstack.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the door to a real HTTP server standing in for the services (see {@link ServiceStub}). */
@QuarkusTest
@TestProfile(ProxyIT.BehindTheDoor.class)
class ProxyIT {

    public static class BehindTheDoor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "partnerhub.gateway.upstream-timeout-millis", "1000",
                    "partnerhub.gateway.cors.origins", "http://localhost:5173",
                    "partnerhub.gateway.trust-forwarded-headers", "true",
                    "partnerhub.gateway.rate-limit.capacity", "1000");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ServiceStub.class));
        }
    }

    static final String DATA = "checks.find { it.name == 'gateway dependencies' }.data";
    static final String ADMIN = TestTokens.issue("p1", "alice", "partner-full-admin");

    @TestHTTPResource("/")
    URL gateway;

    /** The management interface: health and metrics. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @ConfigProperty(name = "partnerhub.gateway.services.customers")
    String service;

    String base() {
        return "http://localhost:" + gateway.getPort();
    }

    String management(String path) {
        return "http://" + management.getHost() + ":" + management.getPort() + path;
    }

    @Test
    void aLinkOfTheServiceComesBackWithTheGatewaysBaseUrlPathAndQueryKept() {
        given().auth().oauth2(ADMIN).get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Link", equalTo("<" + base() + "/api/v1/customers?limit=1&cursor=abc>; rel=\"next\""))
                // the service was called at its own address, never with the caller's Host
                .header("X-Seen-Host", equalTo(service.substring("http://".length())));
    }

    @Test
    void aLocationOfTheServiceComesBackWithTheGatewaysBaseUrl() {
        given().auth().oauth2(ADMIN).contentType("application/json").body("{\"name\":\"A\"}").post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", equalTo(base() + "/api/v1/customers/" + ServiceStub.CREATED_CUSTOMER));
    }

    @Test
    void trustedForwardedHeadersNameThePublicBaseUrl() {
        given().auth().oauth2(ADMIN).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.partnerhub.example")
                .get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Link", equalTo("<https://api.partnerhub.example/api/v1/customers?limit=1&cursor=abc>; rel=\"next\""));
        given().auth().oauth2(ADMIN).header("Forwarded", "for=192.0.2.60;proto=https;host=door.partnerhub.example:8443")
                .get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Link", equalTo("<https://door.partnerhub.example:8443/api/v1/customers?limit=1&cursor=abc>; rel=\"next\""));
    }

    @Test
    void urlsOfOtherOriginsAreLeftAlone() {
        given().auth().oauth2(ADMIN).get("/api/v1/customers/6b1d1f0e-3c2a-4d5e-8f90-a1b2c3d4e5f6")
                .then().statusCode(200)
                .header("Link", equalTo("<https://docs.partnerhub.example/customers>; rel=\"help\""));
    }

    @Test
    void aServiceThatBreaksOffTheConnectionIs503ProblemJsonWithRetryAfter() {
        given().auth().oauth2(ADMIN).header("X-Request-Id", "broken-1").get("/api/v1/customers/" + ServiceStub.BROKEN_CUSTOMER)
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .header("X-Request-Id", "broken-1")
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"))
                .body("instance", equalTo("/api/v1/customers/" + ServiceStub.BROKEN_CUSTOMER));
    }

    @Test
    void aServiceSilentBeyondTheUpstreamTimeoutIs504ProblemJson() {
        long started = System.nanoTime();
        given().auth().oauth2(ADMIN).header("X-Request-Id", "silent-1").get("/api/v1/customers/" + ServiceStub.SILENT_CUSTOMER)
                .then().statusCode(504).contentType("application/problem+json")
                .header("X-Request-Id", "silent-1")
                .body("status", equalTo(504)).body("title", equalTo("Gateway Timeout"))
                .body("type", equalTo("https://partnerhub.io/problems/gateway-timeout"))
                .body("instance", equalTo("/api/v1/customers/" + ServiceStub.SILENT_CUSTOMER))
                .body("requestId", equalTo("silent-1"));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(millis >= 1000 && millis < 10_000, "answered after " + millis + " ms, configured 1000 ms");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                .options("/api/v1/customers")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                .header("Access-Control-Allow-Headers", Cors.ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin");
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() {
        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue())
                .body("instance", equalTo("/api/v1/customers"));
    }

    @Test
    void answersToAnAllowedOriginExposeTheHeadersABrowserAppReads() {
        given().auth().oauth2(ADMIN).header("Origin", "http://localhost:5173").get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", "Link, ETag, Location, Retry-After, X-Request-Id");
        // the gateway's own problems too, so the page can read them
        given().header("Origin", "http://localhost:5173").get("/api/v1/customers")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().auth().oauth2(ADMIN).header("Origin", "http://evil.example").get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Expose-Headers", nullValue());
    }

    @Test
    void metricsAreLabelledByRouteTemplateNeverByAnId() {
        String id = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a";
        given().auth().oauth2(ADMIN).get("/api/v1/customers/" + id).then().statusCode(200);
        given().auth().oauth2(ADMIN).get("/api/v1/customers/" + id + "/subscriptions").then().statusCode(200);
        given().auth().oauth2(ADMIN).get("/api/v1/invoices/12345/payments").then().statusCode(200);
        String metrics = given().get(management("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("uri=\"/api/v1/customers/{id}\""), metrics);
        assertTrue(metrics.contains("uri=\"/api/v1/customers/{id}/subscriptions\""), metrics);
        assertTrue(metrics.contains("uri=\"/api/v1/invoices/{id}/payments\""), metrics);
        // only the label sets: a sample value such as 1.2345E7 bytes may hold the digits
        String labels = metrics.lines().filter(line -> !line.startsWith("#") && line.contains("{"))
                .map(line -> line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1))
                .collect(Collectors.joining("\n"));
        assertFalse(labels.contains(id), "a raw id in a label");
        assertFalse(labels.contains("12345"), "a raw id in a label");
    }

    @Test
    void everyRequestWritesOneAccessLogLine() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger("io.partnerhub.gateway.access");
        access.addHandler(capture);
        try {
            given().auth().oauth2(ADMIN).header("X-Request-Id", "log-line-1")
                    .get("/api/v1/customers/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/subscriptions").then().statusCode(200);
            given().header("X-Request-Id", "log-line-2").get("/api/v1/customers").then().statusCode(401);
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.contains("log-line-")).count() == 2);
            List<String> mine = lines.stream().filter(l -> l.contains("log-line-")).toList();
            assertTrue(mine.get(0).matches("requestId=log-line-1 method=GET route=/api/v1/customers/\\{id}/subscriptions "
                    + "status=200 partner=p1 durationMs=[0-9]+"), mine.get(0));
            assertTrue(mine.get(1).matches("requestId=log-line-2 method=GET route=/api/v1/customers status=401 partner=- "
                    + "durationMs=[0-9]+"), mine.get(1));
        } finally {
            access.removeHandler(capture);
        }
    }

    @Test
    void readinessFollowsTheIdentityProvider() {
        Response ready = given().get(management("/q/health/ready"));
        assertEquals(200, ready.statusCode(), ready.asString());
        assertEquals("UP", ready.path(DATA + ".'identity-provider'"));
        assertEquals("UP", ready.path(DATA + ".customers"));

        given().post(service + "/control/idp/stop").then().statusCode(204);
        try {
            given().get(management("/q/health/ready")).then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body(DATA + ".'identity-provider'", equalTo("DOWN"))
                    .body(DATA + ".customers", equalTo("UP"));
        } finally {
            given().post(service + "/control/idp/start").then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get(management("/q/health/ready")).statusCode() == 200);
    }
}
