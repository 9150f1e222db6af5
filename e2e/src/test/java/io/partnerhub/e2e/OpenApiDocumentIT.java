package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's OpenAPI document, public at {@code /openapi} ({@link ApiDocument#GATEWAY_PATH}): every operation of every service is in it, each with
 * a schema for its success answer, the problem+json answers its shape can give, and the roles allowed; Swagger UI
 * is public too and logs in with authorization code + PKCE, while {@code /api} still wants a token.
 */
class OpenApiDocumentIT {

    static final Map<String, String> SERVICES = Map.of(
            "customers-service", "customers",
            "subscriptions-service", "subscriptions",
            "analytics-service", "analytics",
            "calling-metrics-service", "calling");

    static SystemLauncher system;
    static ApiDocument gateway;

    @BeforeAll
    static void fetch() {
        system = RunningSystem.get();
        String json = given().baseUri(system.gatewayUrl()).accept("application/json").get(ApiDocument.GATEWAY_PATH)
                .then().statusCode(200).contentType(containsString("application/json")).extract().asString();
        gateway = new ApiDocument(json);
    }

    @Test
    void everyOperationOfEveryServiceIsInTheGatewaysDocumentTaggedWithItsService() {
        List<String> missing = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            ApiDocument own = new ApiDocument(given().baseUri(system.serviceUrl(service.getKey()))
                    .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
            List<ApiDocument.Operation> operations = own.operations();
            assertFalse(operations.isEmpty(), service.getKey() + " documents no operation");
            for (ApiDocument.Operation operation : operations) {
                total++;
                JsonNode merged = gateway.root.path("paths").path(operation.path()).path(operation.method());
                if (merged.isMissingNode()) {
                    missing.add(service.getKey() + ": " + operation.key());
                } else {
                    assertEquals(List.of(service.getValue()), tags(merged), operation.key());
                }
            }
        }
        assertEquals(List.of(), missing, "operations missing from the gateway's document");
        assertEquals(total, gateway.operations().size(), "the gateway documents exactly the services' operations");
        Set<String> tags = new TreeSet<>();
        gateway.root.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        assertEquals(new TreeSet<>(SERVICES.values()), tags);
    }

    @Test
    void everyOperationDocumentsItsSuccessSchemaItsErrorAnswersAndItsRoles() {
        List<String> wrong = new ArrayList<>();
        for (ApiDocument.Operation operation : gateway.operations()) {
            String success = operation.successStatus();
            if (success == null) {
                wrong.add(operation.key() + ": no 2xx answer");
                continue;
            }
            if (!success.equals("204")) {
                JsonNode content = operation.response(success).path("content");
                if (content.isEmpty()) {
                    wrong.add(operation.key() + ": " + success + " has no content");
                }
                content.fields().forEachRemaining(media -> {
                    if (media.getValue().path("schema").isEmpty()) {
                        wrong.add(operation.key() + ": " + success + " " + media.getKey() + " has no schema");
                    }
                });
            }
            Set<String> required = new TreeSet<>(List.of("401", "403", "429"));
            if (operation.path().contains("{")) {
                required.add("404");
            }
            if (!operation.parameters().isEmpty() || operation.hasBody()) {
                required.add("400");
            }
            if (operation.hasBody()) {
                required.add("413");
                required.add("415");
            }
            boolean ifMatch = operation.parameters().stream().anyMatch(p -> p.path("name").asText().equalsIgnoreCase("If-Match"));
            boolean idempotencyKey = operation.parameters().stream()
                    .anyMatch(p -> p.path("name").asText().equalsIgnoreCase("Idempotency-Key"));
            if (ifMatch) {
                required.add("412");
            }
            if (idempotencyKey) {
                required.add("409");
                required.add("422");
                for (String status : operation.statuses()) {
                    if (status.startsWith("2") && operation.response(status).path("headers").path("Idempotent-Replayed").isMissingNode()) {
                        wrong.add(operation.key() + ": " + status + " does not name the Idempotent-Replayed header");
                    }
                }
            }
            boolean etag = !operation.response("200").path("headers").path("ETag").isMissingNode();
            if (etag && operation.key().startsWith("GET ")) {
                required.add("304");
                if (operation.parameters().stream().noneMatch(p -> p.path("name").asText().equals("If-None-Match"))) {
                    wrong.add(operation.key() + ": answers an ETag but does not take If-None-Match");
                }
            }
            for (String status : operation.statuses()) {
                if (operation.response(status).path("headers").path("X-Request-Id").isMissingNode()) {
                    wrong.add(operation.key() + ": " + status + " does not name the X-Request-Id header");
                }
            }
            Set<String> absent = new TreeSet<>(required);
            absent.removeAll(operation.statuses());
            if (!absent.isEmpty()) {
                wrong.add(operation.key() + ": lacks " + absent);
            }
            for (String status : operation.statuses()) {
                if (status.startsWith("4") && !"#/components/schemas/Problem".equals(operation.response(status)
                        .path("content").path("application/problem+json").path("schema").path("$ref").asText())) {
                    wrong.add(operation.key() + ": " + status + " is not application/problem+json Problem");
                }
            }
            List<String> scopes = new ArrayList<>();
            operation.node().path("security").forEach(r -> r.path("keycloak").forEach(s -> scopes.add(s.asText())));
            List<String> roles = new ArrayList<>();
            operation.node().path("x-roles").forEach(r -> roles.add(r.asText()));
            if (roles.isEmpty() || !new TreeSet<>(roles).equals(new TreeSet<>(scopes))) {
                wrong.add(operation.key() + ": roles " + roles + " vs security scopes " + scopes);
            }
            if (operation.node().path("summary").asText().isBlank()) {
                wrong.add(operation.key() + ": no summary");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theProblemSchemaTheSecuritySchemeAndTheServerAreTheGateways() {
        JsonNode problem = gateway.root.path("components").path("schemas").path("Problem");
        Set<String> fields = new TreeSet<>();
        problem.path("properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("type", "title", "status", "detail", "instance", "requestId", "errors")), fields);
        assertEquals("#/components/schemas/FieldError", problem.path("properties").path("errors").path("items").path("$ref").asText());

        JsonNode flow = gateway.root.path("components").path("securitySchemes").path("keycloak").path("flows")
                .path("authorizationCode");
        String realm = system.keycloak().realmUrl();
        assertEquals(realm + "/protocol/openid-connect/auth", flow.path("authorizationUrl").asText());
        assertEquals(realm + "/protocol/openid-connect/token", flow.path("tokenUrl").asText());
        assertEquals("/", gateway.root.path("servers").path(0).path("url").asText());

        // typed parameters: limit 1..500, asOf a date, ids UUIDs
        JsonNode limit = gateway.root.path("paths").path("/api/v1/customers").path("get").path("parameters");
        JsonNode limitSchema = null;
        for (JsonNode parameter : limit) {
            if (parameter.path("name").asText().equals("limit")) {
                limitSchema = parameter.path("schema");
            }
        }
        assertEquals(1, limitSchema.path("minimum").asInt());
        assertEquals(500, limitSchema.path("maximum").asInt());
        assertEquals("integer", limitSchema.path("type").asText());
    }

    @Test
    void theDocumentAndSwaggerUiArePublicWhileTheApiStillWantsAToken() {
        given().baseUri(system.gatewayUrl()).queryParam("format", "yaml").get(ApiDocument.GATEWAY_PATH)
                .then().statusCode(200).contentType(containsString("yaml")).body(containsString("openapi: 3.1.0"));
        String ui = given().baseUri(system.gatewayUrl()).redirects().follow(true).get(ApiDocument.SWAGGER_UI_PATH + "/")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(ui.contains("partner-hub-swagger-ui"), "Swagger UI logs in with client partner-hub-swagger-ui");
        assertTrue(ui.contains("usePkceWithAuthorizationCodeGrant: true"), "Swagger UI uses PKCE");
        assertTrue(ui.contains(ApiDocument.GATEWAY_PATH) && !ui.contains("/q/openapi"), "Swagger UI shows the gateway's document");
        given().baseUri(system.gatewayUrl()).get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void theRealmLetsSwaggerUiLogInWithPkceOnly() {
        String auth = system.keycloak().realmUrl() + "/protocol/openid-connect/auth";
        String redirect = "http://127.0.0.1:8080" + ApiDocument.SWAGGER_UI_PATH + "/oauth2-redirect.html";
        // the login page, for a client and redirect URI the realm knows, with an S256 challenge
        given().redirects().follow(false).queryParam("client_id", "partner-hub-swagger-ui")
                .queryParam("redirect_uri", redirect).queryParam("response_type", "code").queryParam("scope", "openid")
                .queryParam("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                .queryParam("code_challenge_method", "S256").get(auth)
                .then().statusCode(200).body(containsString("kc-form-login"));
        // without a challenge the realm refuses the request
        String location = given().redirects().follow(false).queryParam("client_id", "partner-hub-swagger-ui")
                .queryParam("redirect_uri", redirect).queryParam("response_type", "code").queryParam("scope", "openid")
                .get(auth).then().statusCode(302).extract().header("Location");
        assertTrue(location.startsWith(redirect) && location.contains("error=invalid_request"), location);
    }

    private static List<String> tags(JsonNode operation) {
        List<String> tags = new ArrayList<>();
        operation.path("tags").forEach(t -> tags.add(t.asText()));
        return tags.stream().collect(Collectors.toList());
    }
}
