package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
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
}
