package io.partnerhub.customers;

import io.partnerhub.platform.devstack.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client sends, the answer is a 4xx problem (or a success), never a 5xx, and never leaks internals. */
@QuarkusTest
class HostileInputIT {

    final Callers acme = Callers.newPartner();

    static void clientError(Response response) {
        response.then().statusCode(lessThan(500))
                .body(not(containsString("Exception")))
                .body(not(containsString("org.")))
                .body(not(containsString("select ")));
        int status = response.statusCode();
        if (status >= 400) {
            assertEquals("application/problem+json", response.contentType().split(";")[0], "status " + status);
        }
    }

    @Test
    void hostileBodiesOnCreate() {
        List<String> bodies = List.of("", "null", "[]", "\"text\"", "42", "{", "{\"name\":\"A\u0000B\",\"managedBy\":\"PARTNER\"}",
                "{\"name\":\"A\",\"managedBy\":\"PARTNER\",\"externalId\":\"x\u0000\"}",
                "{\"name\":\"A\",\"managedBy\":null}", "{\"name\":{},\"managedBy\":\"PARTNER\"}",
                Json.object().put("name", "A").put("managedBy", "PARTNER").put("id", UUID.randomUUID().toString()).put("version", 99)
                        .toString(),
                Json.object().put("name", "n".repeat(201)).put("managedBy", "PARTNER").toString(),
                "{\"name\":\"'; drop table customer; --\",\"managedBy\":\"PARTNER\"}",
                "{\"name\":\"\uD83D\uDE00 絵文字 KK\",\"managedBy\":\"PARTNER\"}",
                "[" .repeat(2000) + "]".repeat(2000),
                "{\"name\":\"A\",\"name\":\"B\",\"managedBy\":\"PARTNER\"}");
        for (String body : bodies) {
            clientError(acme.fullAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/customers"));
        }
    }

    @Test
    void aBodyNeverSetsIdVersionOrTenant() {
        String forcedId = UUID.randomUUID().toString();
        Response created = acme.fullAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Forced KK", "managedBy", "PARTNER", "id", forcedId, "version", 99, "partnerOrgId", "other"))
                .post("/api/v1/customers");
        created.then().statusCode(201);
        assertTrue(!created.jsonPath().getString("id").equals(forcedId));
        assertEquals(1, created.jsonPath().getInt("version"));
    }

    @Test
    void hostileQueryParameters() {
        List<Map<String, String>> queries = List.of(Map.of("q", "\u0000"), Map.of("q", "x".repeat(5000)), Map.of("q", "' or 1=1 --"),
                Map.of("sort", "name; drop table customer"), Map.of("status", "ACTIVE' --"), Map.of("limit", "-1"),
                Map.of("limit", "99999999999999999999"), Map.of("limit", "abc"), Map.of("cursor", "\u0000"),
                Map.of("cursor", "AAAA"), Map.of("cursor", java.util.Base64.getUrlEncoder().encodeToString("a\u001fb".getBytes())),
                Map.of("cursor", java.util.Base64.getUrlEncoder().encodeToString(("x\u001f" + UUID.randomUUID()).getBytes()), "sort", "createdAt"),
                Map.of("asOf", "0000-00-00"), Map.of("asOf", "99999-01-01"), Map.of("tag", "' or 1=1"), Map.of("adminId", "\u0000"),
                Map.of("managedBy", "partner"));
        for (Map<String, String> query : queries) {
            clientError(acme.readOnly().queryParams(query).get("/api/v1/customers"));
        }
    }

    @Test
    void hostilePathsAndHeaders() {
        for (String path : List.of("/api/v1/customers/..%2F..%2Fetc%2Fpasswd", "/api/v1/customers/%00", "/api/v1/customers/"
                + "9".repeat(300), "/api/v1/tags/%27", "/api/v1/customers/" + UUID.randomUUID() + "/tags/not-a-uuid")) {
            clientError(acme.fullAdmin().get(path));
            clientError(acme.fullAdmin().put(path));
        }
        String id = CustomerApiIT.create(acme, "Header KK", null);
        clientError(acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"99999999999999999999\"")
                .body("{\"name\":\"X\"}").patch("/api/v1/customers/" + id));
        clientError(acme.fullAdmin().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(5000))
                .body("{\"name\":\"X\",\"managedBy\":\"PARTNER\"}").post("/api/v1/customers"));
        clientError(acme.as("svc", "usage-ingest").contentType(ContentType.JSON)
                .body("[{\"customerId\":\"x\",\"at\":\"yesterday\"}]").post("/api/v1/admin-activity"));
        clientError(acme.as("svc", "usage-ingest").contentType(ContentType.JSON)
                .body(Json.array().addNull().add(Json.object().putNull("customerId"))
                        .add(Json.object().put("customerId", id).put("at", "+999999999-12-31T23:59:59Z")).toString())
                .post("/api/v1/admin-activity"));
    }

    @Test
    void anythingAfterTheJsonBodyIs400AndCreatesNothing() {
        String name = "Trailing " + UUID.randomUUID();
        String body = Json.object().put("name", name).put("managedBy", "PARTNER").toString();
        for (String trailing : List.of(" {}", "x", "]", " \"more\"", "{\"name\":\"B\",\"managedBy\":\"PARTNER\"}")) {
            acme.fullAdmin().contentType(ContentType.JSON).body(body + trailing).post("/api/v1/customers")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        acme.fullAdmin().queryParam("q", name).get("/api/v1/customers")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void anIdTokenIsNotABearerToken() {
        var claims = io.partnerhub.platform.devstack.TestTokens.claims("full-" + acme.partner(), "partner-full-admin");
        claims.setStringClaim("partner_org_id", acme.partner());
        claims.setStringClaim("typ", "ID");
        io.restassured.RestAssured.given().auth().oauth2(io.partnerhub.platform.devstack.TestTokens.sign(claims))
                .get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
