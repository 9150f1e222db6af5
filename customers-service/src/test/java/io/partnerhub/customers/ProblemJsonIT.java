package io.partnerhub.customers;

import io.partnerhub.platform.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Every error class answers RFC 9457 problem+json without internals. */
@QuarkusTest
class ProblemJsonIT {

    private final Callers acme = Callers.newPartner();

    @Test
    void malformedJsonIs400() {
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body(not(containsString("Exception")));
    }

    @Test
    void wrongTypeIs400WithTheField() {
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\": [1,2], \"managedBy\": \"PARTNER\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body(not(containsString("java.")));
    }

    @Test
    void unknownEnumValueIs400NamingTheAllowedValues() {
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\": \"X\", \"managedBy\": \"SOMEONE\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("managedBy"))
                .body("errors[0].message", equalTo("must be one of PARTNER, EXTERNAL"));
    }

    @Test
    void validationErrorsAre400WithEveryField() {
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\": \" \", \"externalId\": \"bad id!\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("externalId", "managedBy", "name"));
    }

    @Test
    void unknownRouteIs404() {
        acme.fullAdmin().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void malformedIdIs404() {
        acme.fullAdmin().get("/api/v1/customers/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMethodIs405() {
        acme.fullAdmin().delete("/api/v1/customers")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void wrongContentTypeIs415() {
        acme.fullAdmin().contentType(ContentType.XML).body("<customer/>")
                .post("/api/v1/customers")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void missingTokenIs401() {
        given().get("/api/v1/customers/" + java.util.UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void garbageTokenIs401() {
        given().auth().oauth2("not.a.token").get("/api/v1/customers/" + java.util.UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenWithoutPartnerIs403() {
        given().auth().oauth2(TestTokens.issue(null, "nobody", "partner-full-admin"))
                .get("/api/v1/customers/" + java.util.UUID.randomUUID())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String name = "x".repeat(1024 * 1024 + 10);
        acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "managedBy", "PARTNER"))
                .post("/api/v1/customers")
                .then().statusCode(413).contentType("application/problem+json")
                .body(allOf(containsString("\"status\":413"), not(containsString("Exception"))));
    }
}
