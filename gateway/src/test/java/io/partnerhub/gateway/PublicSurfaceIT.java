package io.partnerhub.gateway;

import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TestTokensResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the gateway's API port shows the world: {@code /api/v1} and the API description ({@code /openapi},
 * {@code /swagger-ui}) only. Quarkus' own endpoints are on the management interface (another port, never published);
 * under {@code /q} the API port answers 404 problem+json to everyone, with a token or without.
 */
@QuarkusTest
@QuarkusTestResource(TestTokensResource.class)
class PublicSurfaceIT {

    static final List<String> HIDDEN = List.of("/q/metrics", "/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/", "/q/dev", "/q/dev-ui", "/q/info",
            "/q/arbitrary", "/q/", "/q", "/metrics", "/health", "/", "/nothing/here");

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    String management(String path) {
        return "http://" + management.getHost() + ":" + management.getPort() + path;
    }

    @Test
    void theManagementInterfaceIsAnotherPort() {
        assertNotEquals(api.getPort(), management.getPort());
    }

    @Test
    void quarkusEndpointsAndUnknownPathsAre404ProblemJsonOnTheApiPort() {
        for (String path : HIDDEN) {
            given().header("X-Request-Id", "surface-1").get(path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .header("X-Request-Id", "surface-1")
                    .body("status", equalTo(404)).body("title", equalTo("Not Found"))
                    .body("type", equalTo("https://partnerhub.io/problems/not-found"))
                    .body("detail", equalTo("No resource exists at this path"))
                    .body("instance", equalTo(path)).body("requestId", equalTo("surface-1"))
                    .body(not(containsString("http_server_requests"))).body(not(containsString("\"checks\"")));
        }
    }

    @Test
    void aTokenOpensNothingUnderQ() {
        String token = TestTokens.issue("p1", "alice", "partner-full-admin");
        for (String path : List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/q/dev", "/q/arbitrary")) {
            given().auth().oauth2(token).get(path)
                    .then().statusCode(404).contentType("application/problem+json").body("instance", equalTo(path));
            given().auth().oauth2(token).contentType("application/json").body("{}").post(path)
                    .then().statusCode(404).contentType("application/problem+json").body("instance", equalTo(path));
        }
    }

    @Test
    void healthIsOnTheManagementPort() {
        given().get(management("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(management("/q/health/started")).then().statusCode(200).body("status", equalTo("UP"));
        // no service listens behind the gateway here: ready is DOWN, but answered
        given().get(management("/q/health/ready")).then().statusCode(503).body("status", equalTo("DOWN"));
        given().get(management("/q/health")).then().statusCode(503)
                .body("checks.find { it.name == 'gateway dependencies' }.data.customers", equalTo("DOWN"));
    }

    @Test
    void metricsAreOnTheManagementPort() {
        given().get("/api/v1/customers").then().statusCode(401);
        given().get(management("/q/metrics")).then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/api/v1/customers\""));
    }

    @Test
    void theManagementPortServesNoApi() {
        given().get(management("/api/v1/customers")).then().statusCode(404);
        given().get(management("/openapi")).then().statusCode(404);
    }

    @Test
    void theApiDescriptionIsPublicOutsideQ() {
        given().accept("application/json").get("/openapi")
                .then().statusCode(200).contentType(containsString("application/json"))
                .body("openapi", matchesPattern("3\\.1\\.[0-9]+"))
                .body("info.title", equalTo("Partner Hub API"))
                .body("components.securitySchemes.keycloak.type", equalTo("oauth2"));
        given().queryParam("format", "yaml").get("/openapi")
                .then().statusCode(200).contentType(containsString("yaml")).body(containsString("openapi: 3.1."));
        String ui = given().redirects().follow(true).get("/swagger-ui")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(ui.contains("/openapi") && !ui.contains("/q/openapi"),
                "Swagger UI shows the document at /openapi");
        assertTrue(ui.contains("partner-hub-swagger-ui"), "its login client");
    }
}
