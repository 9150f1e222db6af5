package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One set of conventions on every endpoint, through the gateway with real tokens: every list pages by keyset
 * ({@code limit}, {@code nextCursor}, a {@code Link} at the gateway's address) and exports CSV; every PATCH of a
 * versioned resource honours {@code If-Match}; every GET with an {@code ETag} answers 304 to {@code If-None-Match}.
 */
class ApiConventionsIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    static SystemLauncher system;
    static String alice;
    static String adam;
    static String rita;
    static String orders;
    static String customer;
    static String subscription;
    static String tag;
    static String supportRequest;
    static String invoice;
    static String ritaId;

    @BeforeAll
    static void fixtures() throws Exception {
        system = RunningSystem.get();
        String realm = system.keycloak().realmUrl();
        String password = system.secret("PARTNERHUB_DEMO_PASSWORD");
        alice = KeycloakTokens.password(realm, "alice@acme.example", password);
        adam = KeycloakTokens.password(realm, "adam@acme.example", password);
        rita = KeycloakTokens.password(realm, "rita@acme.example", password);
        orders = KeycloakTokens.clientCredentials(realm, "order-integrator-acme",
                system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        // every admin has signed in once, so the directory lists them
        for (String token : List.of(alice, adam, rita)) {
            call(token).get("/api/v1/partner").then().statusCode(200);
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        customer = created(call(alice).body(Map.of("name", "Conventions A " + suffix, "managedBy", "PARTNER"))
                .post("/api/v1/customers"), "id");
        created(call(alice).body(Map.of("name", "Conventions B " + suffix, "managedBy", "PARTNER"))
                .post("/api/v1/customers"), "id");
        tag = created(call(alice).body(Map.of("name", "conv-1-" + suffix, "color", "#1A2B3C")).post("/api/v1/tags"), "id");
        created(call(alice).body(Map.of("name", "conv-2-" + suffix, "color", "#3C2B1A")).post("/api/v1/tags"), "id");
        supportRequest = created(call(alice).body(Map.of("subject", "Conventions 1", "description", "first", "customerId", customer))
                .post("/api/v1/support/requests"), "id");
        created(call(alice).body(Map.of("subject", "Conventions 2", "description", "second", "customerId", customer))
                .post("/api/v1/support/requests"), "id");
        Map<String, Object> admins = call(alice).get("/api/v1/admins?limit=500").then().statusCode(200).extract().path("");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) admins.get("items");
        ritaId = items.stream().filter(a -> "rita@acme.example".equals(a.get("email"))).findFirst()
                .map(a -> (String) a.get("id")).orElseThrow();
        String adamId = items.stream().filter(a -> "adam@acme.example".equals(a.get("email"))).findFirst()
                .map(a -> (String) a.get("id")).orElseThrow();
        call(alice).put("/api/v1/customers/" + customer + "/admins/" + adamId).then().statusCode(204);
        call(alice).put("/api/v1/customers/" + customer + "/admins/" + ritaId).then().statusCode(204);

        String start = LocalDate.now(ZoneOffset.UTC).toString();
        subscription = "SUB-CONV-" + suffix;
        for (int i = 1; i <= 2; i++) {
            ObjectNode order = Json.object().put("ccwOrderId", "CCW-CONV-" + suffix + "-" + i).put("customerId", customer)
                    .put("subscriptionId", subscription + (i == 1 ? "" : "-2")).put("startDate", start).put("termMonths", 12)
                    .put("autoRenew", true);
            order.putArray("lines").addObject().put("product", "MEETINGS").put("sku", "A-MTG").put("quantity", 5);
            created(call(orders).body(order.toString())
                    .post("/api/v1/orders"), "subscriptionId");
            String trial = created(call(alice).body("{\"products\":[\"CALLING\"],\"licenses\":3,\"durationDays\":30}")
                    .post("/api/v1/customers/" + customer + "/trials"), "subscriptionId");
            if (i == 1) { // one active trial per customer: the first becomes a subscription before the second starts
                call(alice).body("{\"termMonths\":12,\"autoRenew\":false}").post("/api/v1/trials/" + trial + "/convert")
                        .then().statusCode(201);
            }
            invoice = created(call(alice).body(Json.object().put("number", "INV-" + suffix + "-" + i).put("periodStart", start)
                    .put("periodEnd", start).put("amount", new BigDecimal("10.00")).put("currency", "EUR").put("dueDate", start).toString())
                    .post("/api/v1/subscriptions/" + subscription + "/invoices"), "invoiceId");
        }
    }

    static RequestSpecification call(String token) {
        return given().baseUri(system.gatewayUrl()).auth().oauth2(token).contentType("application/json");
    }

    static String created(Response response, String field) {
        assertEquals(201, response.statusCode(), response.asString());
        String value = response.path(field);
        assertNotNull(value, response.asString());
        return value;
    }

    @Test
    void everyListWithTwoOrMoreRowsPagesOneByOneAtTheGatewayAndExportsCsv() {
        for (String list : List.of("/api/v1/customers", "/api/v1/admins", "/api/v1/tags", "/api/v1/resources",
                "/api/v1/support/contacts", "/api/v1/support/requests", "/api/v1/customers/" + customer + "/admins",
                "/api/v1/audit", "/api/v1/subscriptions", "/api/v1/customers/" + customer + "/subscriptions",
                "/api/v1/customers/" + customer + "/trials", "/api/v1/customers/" + customer + "/orders",
                "/api/v1/subscriptions/" + subscription + "/invoices")) {
            pagesAndExports(list, true);
        }
    }

    @Test
    void everyAnalyticsAndCallingListPagesAndExportsCsv() {
        for (String list : List.of("/api/v1/analytics/recently-added?product=MEETINGS", "/api/v1/analytics/expiring?product=MEETINGS",
                "/api/v1/analytics/renewing?product=MEETINGS", "/api/v1/analytics/low-allocation?product=MEETINGS",
                "/api/v1/analytics/overage?product=MEETINGS", "/api/v1/calling/usage/customers",
                "/api/v1/calling/quality/customers", "/api/v1/calling/queues")) {
            pagesAndExports(list, false);
        }
    }

    @Test
    void theFixedTablesOfCallingExportCsvWithOneRowPerKind() {
        // one row per endpoint type and per feature, always all of them: a table, not a growing list
        fixedTable("/api/v1/calling/quality/endpoints", 7);
        fixedTable("/api/v1/calling/features", 9);
    }

    static void fixedTable(String path, int rows) {
        Response table = call(alice).get(path);
        assertEquals(200, table.statusCode(), path + ": " + table.asString());
        assertEquals(rows, table.<List<Object>>path("items").size(), path);
        Response csv = call(alice).accept("text/csv").get(path);
        assertEquals(200, csv.statusCode(), path + " as CSV: " + csv.asString());
        assertTrue(csv.contentType().startsWith("text/csv"), path + ": " + csv.contentType());
        assertEquals(rows + 1, csv.asString().split("\r\n").length, path + " CSV: header and one line per row");
    }

    /** A first page of one row; with two rows or more a next page at the gateway's address, of another row. */
    static void pagesAndExports(String list, boolean twoOrMore) {
        String first = list + (list.contains("?") ? "&" : "?") + "limit=1";
        Response page = call(alice).get(first);
        assertEquals(200, page.statusCode(), list + ": " + page.asString());
        List<Object> items = page.path("items");
        assertTrue(items.size() <= 1, list + " gave " + items.size() + " rows for limit=1");
        Map<String, Object> body = page.path("");
        assertTrue(body.containsKey("nextCursor"), list + " has no nextCursor");
        String cursor = page.path("nextCursor");
        if (twoOrMore) {
            assertEquals(1, items.size(), list);
            assertNotNull(cursor, list + " has a second row but no nextCursor");
        }
        if (cursor == null) {
            assertNull(page.header("Link"), list);
        } else {
            Matcher link = NEXT.matcher(String.valueOf(page.header("Link")));
            assertTrue(link.find(), list + ": Link " + page.header("Link"));
            String next = link.group(1);
            assertTrue(next.startsWith(system.gatewayUrl() + list.split("\\?")[0] + "?"), list + ": " + next);
            assertTrue(next.contains("limit=1"), list + ": " + next);
            Response second = given().auth().oauth2(alice).get(next);
            assertEquals(200, second.statusCode(), next + ": " + second.asString());
            List<Object> secondItems = second.path("items");
            assertEquals(1, secondItems.size(), next);
            assertNotEquals(items.get(0), secondItems.get(0), list + ": the second page repeats the first");
        }

        Response csv = call(alice).accept("text/csv").get(list);
        assertEquals(200, csv.statusCode(), list + " as CSV: " + csv.asString());
        assertTrue(csv.contentType().startsWith("text/csv"), list + ": " + csv.contentType());
        String[] lines = csv.asString().split("\r\n");
        assertTrue(!lines[0].isBlank() && lines[0].matches("[A-Za-z0-9_\",.\\[\\] ]+"), list + " CSV header: " + lines[0]);
        if (twoOrMore) {
            assertTrue(lines.length >= 3, list + " CSV has " + lines.length + " lines");
        }
    }

    @Test
    void everyPatchOfAVersionedResourceHonoursIfMatch() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ifMatch("/api/v1/customers/" + customer, Json.write(Map.of("name", "Conventions A " + suffix)),
                Json.write(Map.of("name", "Conventions A stale " + suffix)));
        ifMatch("/api/v1/tags/" + tag, Json.write(Map.of("description", "first " + suffix)), Json.write(Map.of("description", "stale " + suffix)));
        ifMatch("/api/v1/admins/" + ritaId, Json.write(Map.of("displayName", "Rita " + suffix)), "{\"displayName\":\"Rita stale\"}");
        ifMatch("/api/v1/support/requests/" + supportRequest, "{\"status\":\"IN_PROGRESS\"}", "{\"status\":\"RESOLVED\"}");
    }

    /**
     * A change with the current ETag is applied and gets a new ETag; another change sent with the ETag it
     * replaced (a client that did not see the first change) is 412 problem+json and changes nothing.
     */
    static void ifMatch(String path, String change, String staleChange) {
        Response before = call(alice).get(path);
        assertEquals(200, before.statusCode(), path + ": " + before.asString());
        String etag = before.header("ETag");
        assertNotNull(etag, path + " has no ETag");

        Response applied = call(alice).header("If-Match", etag).body(change).patch(path);
        assertEquals(200, applied.statusCode(), path + ": " + applied.asString());
        assertNotEquals(etag, applied.header("ETag"), path + " kept its ETag after a change");
        String afterChange = call(alice).get(path).asString();

        Response stale = call(alice).header("If-Match", etag).body(staleChange).patch(path);
        assertEquals(412, stale.statusCode(), path + ": " + stale.asString());
        assertEquals("application/problem+json", stale.contentType());
        assertEquals(afterChange, call(alice).get(path).asString(), path + " changed on a stale If-Match");
    }

    @Test
    void everyGetWithAnETagAnswers304ToIfNoneMatch() {
        for (String path : List.of("/api/v1/customers/" + customer, "/api/v1/tags/" + tag, "/api/v1/admins/" + ritaId,
                "/api/v1/support/requests/" + supportRequest, "/api/v1/subscriptions/" + subscription,
                "/api/v1/invoices/" + invoice)) {
            Response current = call(alice).get(path);
            assertEquals(200, current.statusCode(), path + ": " + current.asString());
            String etag = current.header("ETag");
            assertNotNull(etag, path + " has no ETag");
            Response unchanged = call(alice).header("If-None-Match", etag).get(path);
            assertEquals(304, unchanged.statusCode(), path);
            assertEquals("", unchanged.asString(), path);
            assertEquals(etag, unchanged.header("ETag"), path);
            call(alice).header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        }
    }
}
