package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as the one public door, with real Keycloak tokens: absolute URLs in answers are the gateway's, CORS
 * for the local web app's origin only, metric labels without ids, readiness over Keycloak and every service.
 */
class PublicDoorIT {

    static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern LABEL_VALUE = Pattern.compile("[a-zA-Z_]+=\"([^\"]*)\"");

    static SystemLauncher system;
    static String alice;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        alice = KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
    }

    static String create(String name) {
        return given().baseUri(system.gatewayUrl()).auth().oauth2(alice).contentType("application/json")
                .body(Map.of("name", name, "managedBy", "PARTNER"))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void locationOfACreatedCustomerIsAtTheGateway() {
        Response created = given().baseUri(system.gatewayUrl()).auth().oauth2(alice).contentType("application/json")
                .body(Map.of("name", "Door Located " + UUID.randomUUID(), "managedBy", "PARTNER"))
                .post("/api/v1/customers");
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.path("id");
        assertEquals(system.gatewayUrl() + "/api/v1/customers/" + id, created.header("Location"));
        // and it can be followed as it is
        given().auth().oauth2(alice).get(created.header("Location")).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void theNextPageLinkIsAtTheGatewayWithEveryQueryParameterKept() {
        create("Door Paged A " + UUID.randomUUID());
        create("Door Paged B " + UUID.randomUUID());
        Response page = given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get("/api/v1/customers?limit=1");
        assertEquals(200, page.statusCode(), page.asString());
        String link = page.header("Link");
        assertTrue(link != null && link.matches("<" + Pattern.quote(system.gatewayUrl() + "/api/v1/customers?")
                + "limit=1&cursor=[^>]+>; rel=\"next\""), "Link: " + link);
        for (SystemLauncher.App app : SystemLauncher.APPS) {
            if (!app.name().equals("gateway")) {
                assertFalse(link.contains(system.serviceUrl(app.name())), "a service's address in " + link);
            }
        }
        String next = link.substring(1, link.indexOf('>'));
        given().auth().oauth2(alice).urlEncodingEnabled(false).get(next).then().statusCode(200);
    }

    @Test
    void aPreflightFromTheLocalWebAppIsAnsweredWithoutATokenAndExposesTheHeaders() {
        given().baseUri(system.gatewayUrl()).header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key, if-match")
                .options("/api/v1/customers")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, If-Match, If-None-Match, "
                        + "Idempotency-Key, X-Request-Id, traceparent, tracestate");
        given().baseUri(system.gatewayUrl()).auth().oauth2(alice).header("Origin", "http://localhost:5173")
                .get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", "Link, ETag, Location, Retry-After, X-Request-Id");
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        given().baseUri(system.gatewayUrl()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
        given().baseUri(system.gatewayUrl()).auth().oauth2(alice).header("Origin", "http://evil.example")
                .get("/api/v1/customers?limit=1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Expose-Headers", nullValue());
    }

    @Test
    void theGatewaysOwnProblemsNameTheRequest() {
        given().baseUri(system.gatewayUrl()).header("X-Request-Id", "door-e2e-1").get("/api/v1/customers?limit=2")
                .then().statusCode(401).contentType("application/problem+json")
                .header("X-Request-Id", "door-e2e-1")
                .body("instance", equalTo("/api/v1/customers")).body("requestId", equalTo("door-e2e-1"));
        given().baseUri(system.gatewayUrl()).get("/api/v1/customers?q=" + "x".repeat(5000))
                .then().statusCode(414).contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/customers")).body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void metricLabelsCarryRouteTemplatesNeverIds() {
        String id = create("Door Metered " + UUID.randomUUID());
        given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get("/api/v1/customers/" + id).then().statusCode(200);
        given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get("/api/v1/customers/" + id + "/subscriptions")
                .then().statusCode(200);
        given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get("/api/v1/customers/" + UUID.randomUUID())
                .then().statusCode(404);

        String metrics = given().baseUri(system.managementUrl("gateway")).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("uri=\"/api/v1/customers/{id}\""), "no templated customer route in the metrics");
        assertTrue(metrics.contains("uri=\"/api/v1/customers/{id}/subscriptions\""), "no templated subscriptions route");
        List<String> idLike = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher labels = LABEL_VALUE.matcher(line);
            while (labels.find()) {
                String value = labels.group(1);
                if (UUID_PATTERN.matcher(value).find() || value.matches(".*/[0-9]+(/.*)?")) {
                    idLike.add(value);
                }
            }
        }
        assertEquals(List.of(), idLike, "label values holding an id");
    }

    @Test
    void theApiPortShowsNothingUnderQAndTheManagementPortNoApi() {
        for (String path : List.of("/q/metrics", "/q/health/ready", "/q/health/live", "/q/openapi", "/q/swagger-ui",
                "/q/dev", "/q/arbitrary")) {
            given().baseUri(system.gatewayUrl()).get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("status", equalTo(404)).body("instance", equalTo(path));
            given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().baseUri(system.managementUrl("gateway")).auth().oauth2(alice).get("/api/v1/customers?limit=1")
                .then().statusCode(404);
        // the services' health and metrics are on their own management ports as well
        for (SystemLauncher.App app : SystemLauncher.APPS) {
            given().baseUri(system.managementUrl(app.name())).get("/q/health/live").then().statusCode(200)
                    .body("status", equalTo("UP"));
            given().baseUri(system.managementUrl(app.name())).get("/q/metrics").then().statusCode(200);
            given().baseUri(system.serviceUrl(app.name())).get("/q/metrics").then().statusCode(404);
        }
    }

    @Test
    void readyWithKeycloakAndEveryServiceUp() {
        String data = "checks.find { it.name == 'gateway dependencies' }.data";
        given().baseUri(system.managementUrl("gateway")).get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(data + ".'identity-provider'", equalTo("UP"))
                .body(data + ".customers", equalTo("UP"))
                .body(data + ".subscriptions", equalTo("UP"))
                .body(data + ".analytics", equalTo("UP"))
                .body(data + ".calling_metrics", equalTo("UP"));
    }
}
