package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every role of the realm against a representative endpoint of every kind, through the gateway with real Keycloak
 * tokens: allowed calls are never 401/403, refused ones are 403 problem+json (PRODUCT.md, Roles).
 */
class AuthorizationMatrixIT {

    record Call(String method, String path, String body) {
    }

    static SystemLauncher system;
    static Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    static void tokens() throws Exception {
        system = RunningSystem.get();
        String realm = system.keycloak().realmUrl();
        String password = system.secret("PARTNERHUB_DEMO_PASSWORD");
        tokens.put("full", KeycloakTokens.password(realm, "alice@acme.example", password));
        tokens.put("admin", KeycloakTokens.password(realm, "adam@acme.example", password));
        tokens.put("readonly", KeycloakTokens.password(realm, "rita@acme.example", password));
        tokens.put("orders", KeycloakTokens.clientCredentials(realm, "order-integrator-acme", system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET")));
        tokens.put("usage", KeycloakTokens.clientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET")));
    }

    /** Which of full, admin, readonly, orders, usage may make the call. */
    static final Map<Call, List<String>> MATRIX = new LinkedHashMap<>();

    static {
        List<String> admins = List.of("full", "admin", "readonly");
        List<String> writers = List.of("full", "admin");
        MATRIX.put(new Call("GET", "/api/v1/customers", null), admins);
        MATRIX.put(new Call("POST", "/api/v1/customers", "{\"name\":\"Matrix KK\",\"managedBy\":\"PARTNER\"}"), writers);
        MATRIX.put(new Call("GET", "/api/v1/tags", null), admins);
        MATRIX.put(new Call("POST", "/api/v1/tags", "{\"name\":\"m-%s\",\"color\":\"#000000\"}"), writers);
        MATRIX.put(new Call("GET", "/api/v1/admins", null), admins);
        MATRIX.put(new Call("POST", "/api/v1/partner/setup", "{\"acceptTerms\":true}"), List.of("full"));
        MATRIX.put(new Call("GET", "/api/v1/audit", null), admins);
        MATRIX.put(new Call("GET", "/api/v1/resources", null), admins);
        MATRIX.put(new Call("POST", "/api/v1/admin-activity", "[]"), List.of("usage"));
        MATRIX.put(new Call("GET", "/api/v1/subscriptions", null), admins);
        // a subscription that does not exist: 404 for those who may change one, 403 for everyone else
        MATRIX.put(new Call("POST", "/api/v1/subscriptions/SUB-MATRIX-NONE/provision", null), writers);
        MATRIX.put(new Call("POST", "/api/v1/orders", "{}"), List.of("orders"));
        MATRIX.put(new Call("POST", "/api/v1/license-usage", "[]"), List.of("usage"));
        MATRIX.put(new Call("POST", "/api/v1/calling/records", "[]"), List.of("usage"));
        MATRIX.put(new Call("GET", "/api/v1/calling/usage/users", null), admins);
        MATRIX.put(new Call("GET", "/api/v1/calling/queues", null), admins);
    }

    @Test
    void everyRoleGetsExactlyWhatTheRoleTableGrants() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Call, List<String>> row : MATRIX.entrySet()) {
            Call call = row.getKey();
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                var request = given().baseUri(system.gatewayUrl()).auth().oauth2(role.getValue());
                if (call.body() != null) {
                    request = request.contentType("application/json").body(call.body().formatted(role.getKey() + System.nanoTime()));
                }
                Response response = request.request(call.method(), call.path());
                int status = response.statusCode();
                boolean allowed = row.getValue().contains(role.getKey());
                if (allowed && (status == 401 || status == 403 || status >= 500)) {
                    wrong.add(role.getKey() + " " + call.method() + " " + call.path() + " → " + status + " (should be allowed)");
                }
                if (!allowed && (status != 403 || !response.contentType().startsWith("application/problem+json"))) {
                    wrong.add(role.getKey() + " " + call.method() + " " + call.path() + " → " + status + " (should be 403 problem+json)");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** PRODUCT.md, Roles: a partner-admin sees only customers assigned to them or created by them, subscriptions too. */
    @Test
    void aPartnerAdminSeesOnlyTheSubscriptionsOfTheirCustomers() {
        String alices = customer("full", "Matrix Full " + System.nanoTime());
        String adams = customer("admin", "Matrix Admin " + System.nanoTime()); // assigned to adam: he created it
        String subAlices = order(alices);
        String subAdams = order(adams);
        // adam's customer reaches subscriptions-service through partnerhub.customers.v1
        await().atMost(Duration.ofSeconds(60)).until(() -> as("admin").get("/api/v1/subscriptions/" + subAdams).statusCode() == 200);
        as("admin").get("/api/v1/subscriptions/" + subAlices).then().statusCode(404).contentType("application/problem+json");
        as("admin").post("/api/v1/subscriptions/" + subAlices + "/provision").then().statusCode(404)
                .contentType("application/problem+json");
        as("admin").get("/api/v1/customers/" + alices + "/subscriptions").then().statusCode(404)
                .contentType("application/problem+json");
        as("admin").get("/api/v1/subscriptions?customerId=" + alices + "," + adams).then().statusCode(200)
                .body("items.subscriptionId", contains(subAdams));
        for (String role : List.of("full", "readonly")) {
            as(role).get("/api/v1/subscriptions?customerId=" + alices + "," + adams).then().statusCode(200)
                    .body("items.subscriptionId", containsInAnyOrder(subAlices, subAdams));
        }
        as("full").get("/api/v1/subscriptions/" + subAlices).then().statusCode(200).body("status", equalTo("ORDER_READY"));
    }

    static RequestSpecification as(String role) {
        return given().baseUri(system.gatewayUrl()).auth().oauth2(tokens.get(role)).contentType("application/json");
    }

    static String customer(String role, String name) {
        return as(role).body("{\"name\":\"" + name + "\",\"managedBy\":\"PARTNER\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    /** A CCW order for the customer through the gateway; returns its subscription id. */
    static String order(String customerId) {
        String sub = "SUB-MATRIX-" + UUID.randomUUID();
        as("orders").body("""
                {"ccwOrderId":"CCW-%s","revision":1,"customerId":"%s","subscriptionId":"%s","startDate":"2026-01-01",
                 "termMonths":12,"autoRenew":true,"lines":[{"product":"MEETINGS","sku":"A-MTG","quantity":5}]}
                """.formatted(UUID.randomUUID(), customerId, sub)).post("/api/v1/orders").then().statusCode(201);
        return sub;
    }
}
