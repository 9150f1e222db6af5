package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the gateway's OpenAPI document, called once through the gateway with a token of an allowed role
 * and valid inputs (fixtures made by the operations themselves: a customer, a tag, an order, a trial...): each
 * answer's status is the one documented for success, and its body validates against the documented schema; a few
 * error answers (404, 400, 401, 403, 409, 412, 422) validate against the documented problem schema, and a 304 to
 * If-None-Match is documented too. A replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true.
 */
class DocumentedOperationsIT {

    static SystemLauncher system;
    static ApiDocument document;
    static String alice;
    static String orders;
    static String usage;

    /** "METHOD /path/{template}" → what the call answered, for the final report. */
    final Map<String, Integer> called = new LinkedHashMap<>();
    final List<String> wrong = new ArrayList<>();
    /** The last answer, for its headers. */
    Response last;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        String realm = system.keycloak().realmUrl();
        alice = KeycloakTokens.password(realm, "alice@acme.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
        orders = KeycloakTokens.clientCredentials(realm, "order-integrator-acme", system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        usage = KeycloakTokens.clientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
        document = new ApiDocument(given().baseUri(system.gatewayUrl()).queryParam("format", "json").get(ApiDocument.GATEWAY_PATH).then().statusCode(200).extract().asString());
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        String run = Long.toString(System.nanoTime(), 36);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        // partner, admins, help
        call("GET", "/api/v1/partner", alice, null, 200);
        call("POST", "/api/v1/partner/setup", alice, "{\"acceptTerms\":true}", 200);
        call("GET", "/api/v1/admins", alice, null, 200);
        // an admin must be a Keycloak user of the caller's partner (issue 14): one is made for this run
        String adminId = new KeycloakAdminApi(system).createUser("oa-" + run + "@acme.example", AdminAccessIT.ACME,
                "pw-" + run, "default-roles-partner-hub");
        call("POST", "/api/v1/admins", alice, Json.object().put("id", adminId).put("email", adminId + "@acme.example")
                .put("displayName", "OpenAPI " + run).put("role", "partner-read-only-admin").toString(), 201);
        call("PATCH", "/api/v1/admins/{id}", alice, "{\"displayName\":\"OpenAPI changed\"}", 200, adminId);
        call("GET", "/api/v1/admins/{id}", alice, null, 200, adminId);
        call("GET", "/api/v1/resources", alice, null, 200);
        call("GET", "/api/v1/support/contacts", alice, null, 200);
        String request = call("POST", "/api/v1/support/requests", alice,
                Json.object().put("subject", "OpenAPI " + run).put("description", "Documented operations").toString(), 201).path("id").asText();
        call("GET", "/api/v1/support/requests", alice, null, 200);
        call("GET", "/api/v1/support/requests/{id}", alice, null, 200, request);
        call("PATCH", "/api/v1/support/requests/{id}", alice, "{\"status\":\"IN_PROGRESS\"}", 200, request);

        // customers and tags
        String customer = call("POST", "/api/v1/customers", alice, Json.object().put("name", "OpenAPI " + run).put("externalId", "OA-" + run)
                .put("managedBy", "PARTNER").toString(), 201).path("id").asText();
        call("GET", "/api/v1/customers", alice, null, 200);
        call("GET", "/api/v1/customers/{id}", alice, null, 200, customer);
        call("PATCH", "/api/v1/customers/{id}", alice, Json.object().put("name", "OpenAPI " + run + " renamed").toString(), 200, customer);
        String tagBody = Json.object().put("name", "oa-" + run).put("color", "#123456").toString();
        Header key = new Header("Idempotency-Key", "oa-" + run);
        String tag = call("POST", "/api/v1/tags", alice, tagBody, 201, key).path("id").asText();
        assertEquals(tag, call("POST", "/api/v1/tags", alice, tagBody, 201, key).path("id").asText(), "a replay answers the first answer");
        assertEquals("true", last.header("Idempotent-Replayed"));
        call("GET", "/api/v1/tags", alice, null, 200);
        call("GET", "/api/v1/tags/{id}", alice, null, 200, tag);
        String before = last.header("ETag");
        call("PATCH", "/api/v1/tags/{id}", alice, "{\"description\":\"Documented operations\"}", 200, tag);
        String after = last.header("ETag");
        call("PUT", "/api/v1/customers/{id}/tags/{tagId}", alice, null, 204, customer, tag);
        call("DELETE", "/api/v1/customers/{id}/tags/{tagId}", alice, null, 204, customer, tag);
        call("PUT", "/api/v1/customers/{id}/admins/{adminId}", alice, null, 204, customer, adminId);
        call("GET", "/api/v1/customers/{id}/admins", alice, null, 200, customer);
        call("DELETE", "/api/v1/customers/{id}/admins/{adminId}", alice, null, 204, customer, adminId);
        call("POST", "/api/v1/customers/{id}/launch", alice, null, 200, customer);
        call("POST", "/api/v1/admin-activity", usage, Json.array().add(Json.object().put("customerId", customer)
                .put("at", Instant.now().minus(1, ChronoUnit.MINUTES).toString())).toString(), 200);
        call("GET", "/api/v1/audit", alice, null, 200);

        // orders and subscriptions
        String subscription = "OA-SUB-" + run;
        call("POST", "/api/v1/orders", orders, order("OA-ORD-" + run, customer, subscription, today), 201);
        call("POST", "/api/v1/orders/batch", orders, Json.array().add(Json.read(order("OA-ORD-B-" + run, customer, subscription + "-B", today)))
                .toString(), 200);
        call("GET", "/api/v1/customers/{customerId}/orders", alice, null, 200, customer);
        call("GET", "/api/v1/subscriptions", alice, null, 200);
        call("GET", "/api/v1/subscriptions/{subscriptionId}", alice, null, 200, subscription);
        call("POST", "/api/v1/subscriptions/{subscriptionId}/provision", alice, null, 200, subscription);
        call("POST", "/api/v1/subscriptions/{subscriptionId}/suspend", alice, null, 200, subscription);
        call("POST", "/api/v1/subscriptions/{subscriptionId}/resume", alice, null, 200, subscription);
        String invoice = call("POST", "/api/v1/subscriptions/{subscriptionId}/invoices", alice, Json.object().put("number", "OA-INV-" + run)
                .put("periodStart", today).put("periodEnd", LocalDate.parse(today).plusMonths(1).toString())
                .put("amount", new BigDecimal("120.50")).put("currency", "EUR").put("dueDate", LocalDate.parse(today).plusDays(30).toString())
                .toString(), 201, subscription).path("invoiceId").asText();
        call("GET", "/api/v1/subscriptions/{subscriptionId}/invoices", alice, null, 200, subscription);
        call("GET", "/api/v1/invoices/{invoiceId}", alice, null, 200, invoice);
        call("POST", "/api/v1/invoices/{invoiceId}/payments", alice, "{\"amount\":120.50}", 200, invoice);
        call("POST", "/api/v1/license-usage", usage, Json.array().add(Json.object().put("subscriptionId", subscription)
                .put("product", "MEETINGS").put("date", today).put("assigned", 5).put("used", 3)).toString(), 200);
        call("POST", "/api/v1/subscriptions/{subscriptionId}/cancel", alice, null, 200, subscription + "-B");
        call("GET", "/api/v1/customers/{customerId}/subscriptions", alice, null, 200, customer);

        // trials: subscriptions-service learns the customer from its event
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> subscriptionsKnows(customer));
        String trialId = call("POST", "/api/v1/customers/{customerId}/trials", alice,
                "{\"products\":[\"MEETINGS\"],\"licenses\":10,\"durationDays\":30}", 201, customer).path("subscriptionId").asText();
        call("GET", "/api/v1/customers/{customerId}/trials", alice, null, 200, customer);
        call("POST", "/api/v1/trials/{trialId}/extend", alice, "{\"days\":10}", 200, trialId);
        call("POST", "/api/v1/trials/{trialId}/convert", alice, "{\"termMonths\":12,\"autoRenew\":true}", 201, trialId);

        // analytics and calling
        for (String path : List.of("/api/v1/analytics/kpis")) {
            call("GET", path, alice, null, 200);
        }
        for (String path : List.of("license-trend", "recently-added", "expiring", "renewing", "low-allocation", "overage")) {
            call("GET", "/api/v1/analytics/" + path, alice, null, 200, Map.of("product", "MEETINGS"));
        }
        ObjectNode record = Json.object().put("callId", "oa-" + run).put("customerId", customer).put("userId", UUID.randomUUID().toString())
                .put("startTime", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("durationSeconds", 60).put("direction", "OUTBOUND").put("endpointType", "IP_PHONE").put("mos", new BigDecimal("4.2"));
        record.putArray("features").add("TRANSFER");
        record.putObject("queue").put("queueId", "q1").put("outcome", "ANSWERED").put("waitSeconds", 12);
        call("POST", "/api/v1/calling/records", usage, Json.array().add(record).toString(), 200);
        for (String path : List.of("usage/users", "usage/customers", "quality/trend", "quality/endpoints", "quality/customers",
                "features", "queues")) {
            call("GET", "/api/v1/calling/" + path, alice, null, 200);
        }

        // error answers are documented too, as problem+json
        call("GET", "/api/v1/customers/{id}", alice, null, 404, UUID.randomUUID());
        call("GET", "/api/v1/customers", alice, null, 400, Map.of("limit", "0"));
        call("GET", "/api/v1/customers", null, null, 401);
        call("GET", "/api/v1/customers", usage, null, 403);
        call("POST", "/api/v1/subscriptions/{subscriptionId}/provision", alice, null, 409, subscription);
        call("POST", "/api/v1/tags", alice, Json.object().put("name", "oa-other-" + run).put("color", "#654321").toString(), 422, key);
        call("PATCH", "/api/v1/tags/{id}", alice, "{\"description\":\"stale\"}", 412, tag, new Header("If-Match", before));
        call("GET", "/api/v1/tags/{id}", alice, null, 304, tag, new Header("If-None-Match", after));

        // last: what removes the fixtures
        call("DELETE", "/api/v1/tags/{id}", alice, null, 204, tag);
        call("DELETE", "/api/v1/admins/{id}", alice, null, 204, adminId);
        call("DELETE", "/api/v1/customers/{id}", alice, null, 204, customer);

        Set<String> documented = new TreeSet<>();
        document.operations().forEach(op -> documented.add(op.key()));
        Set<String> notCalled = new TreeSet<>(documented);
        notCalled.removeAll(called.keySet());
        Set<String> undocumented = new TreeSet<>(called.keySet());
        undocumented.removeAll(documented);
        assertEquals(Set.of(), notCalled, "documented operations this test does not call");
        assertEquals(Set.of(), undocumented, "operations called that the document lacks");
        assertEquals(List.of(), wrong);
    }

    private boolean subscriptionsKnows(String customer) {
        return given().baseUri(system.serviceUrl("subscriptions-service")).auth().oauth2(alice)
                .get("/api/v1/customers/" + customer + "/subscriptions").statusCode() == 200;
    }

    private static String order(String ccwOrderId, String customer, String subscription, String startDate) {
        ObjectNode order = Json.object().put("ccwOrderId", ccwOrderId).put("customerId", customer).put("subscriptionId", subscription)
                .put("startDate", startDate).put("termMonths", 12).put("autoRenew", true);
        order.putArray("lines").addObject().put("product", "MEETINGS").put("sku", "A-MEET").put("quantity", 10);
        return order.toString();
    }

    private static RequestSpecification request(String token, String body) {
        RequestSpecification spec = given().accept("application/json").redirects().follow(false);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        return spec;
    }

    private JsonNode call(String method, String template, String token, String body, int expected, Object... args) {
        Map<String, String> query = Map.of();
        List<Object> ids = new ArrayList<>();
        List<Header> headers = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof Header header) {
                headers.add(header);
            } else if (arg instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, String> q = (Map<String, String>) map;
                query = q;
            } else {
                ids.add(arg);
            }
        }
        String path = template;
        for (Object id : ids) {
            path = path.replaceFirst("\\{[^}]+}", id.toString());
        }
        String key = method + " " + template;
        RequestSpecification spec = request(token, body).baseUri(system.gatewayUrl()).queryParams(query);
        for (Header header : headers) {
            spec = spec.header(header);
        }
        Response response = spec.request(method, path);
        last = response;
        int status = response.statusCode();
        called.put(key, status);
        String text = response.asString();
        JsonNode operation = document.root.path("paths").path(template).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            wrong.add(key + ": not in the document");
            return ApiDocument.parse(text.isEmpty() ? "null" : text);
        }
        if (status != expected) {
            wrong.add(key + ": answered " + status + " (expected " + expected + "): " + text);
        }
        JsonNode documented = operation.path("responses").path(String.valueOf(status));
        if (documented.isMissingNode()) {
            wrong.add(key + ": answered " + status + ", which the document does not list");
            return ApiDocument.parse(text.isEmpty() ? "null" : text);
        }
        String contentType = response.contentType() == null ? "" : response.contentType().split(";")[0].trim();
        if (status == 204 || text.isEmpty()) {
            return ApiDocument.parse("null");
        }
        JsonNode schema = documented.path("content").path(contentType).path("schema");
        if (schema.isMissingNode()) {
            wrong.add(key + ": " + status + " answered " + contentType + ", which the document does not list");
            return ApiDocument.parse(text);
        }
        JsonNode json = ApiDocument.parse(text);
        List<String> problems = document.validate(schema, json);
        if (!problems.isEmpty()) {
            wrong.add(key + ": " + status + " body does not match its schema: " + problems);
        }
        assertTrue(status < 500, key + " answered " + status);
        return json;
    }
}
