package io.partnerhub.customers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CustomerApiIT {

    static String create(Callers partner, String name, String externalId) {
        Map<String, String> body = externalId == null
                ? Map.of("name", name, "managedBy", "PARTNER")
                : Map.of("name", name, "externalId", externalId, "managedBy", "PARTNER");
        return partner.fullAdmin().contentType(ContentType.JSON).body(body)
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void fullAdminCreatesACustomerAndReadsItBack() {
        Callers acme = Callers.newPartner();
        String id = acme.fullAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"  Hokkaido Logistics \",\"externalId\":\"HK-1\",\"managedBy\":\"EXTERNAL\"}")
                .post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/customers/"))
                .extract().path("id");
        acme.readOnly().get("/api/v1/customers/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("name", equalTo("Hokkaido Logistics"))
                .body("externalId", equalTo("HK-1"))
                .body("managedBy", equalTo("EXTERNAL"))
                .body("statuses", empty())
                .body("adminIds", empty())
                .body("createdAt", notNullValue())
                .body("version", equalTo(1));
    }

    @Test
    void anotherPartnersCustomerIsNotFound() {
        String id = create(Callers.newPartner(), "Kansai Medical", null);
        Callers.newPartner().fullAdmin().get("/api/v1/customers/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void partnerAdminIsAssignedToWhatTheyCreateAndSeesNothingElse() {
        Callers acme = Callers.newPartner();
        String own = acme.as("adam", "partner-admin").contentType(ContentType.JSON)
                .body("{\"name\":\"Nagoya Parts\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers").then().statusCode(201)
                .body("adminIds", contains("adam")).extract().path("id");
        String others = create(acme, "Tokyo Design", null);
        acme.as("adam", "partner-admin").get("/api/v1/customers/" + own).then().statusCode(200);
        acme.as("adam", "partner-admin").get("/api/v1/customers/" + others).then().statusCode(404);
        acme.as("other-admin", "partner-admin").get("/api/v1/customers/" + own).then().statusCode(404);
    }

    @Test
    void readOnlyAdminCannotCreateCustomers() {
        Callers.newPartner().readOnly().contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));
    }

    @Test
    void machineClientsCannotReadOrCreateCustomers() {
        Callers acme = Callers.newPartner();
        String id = create(acme, "Sendai University", null);
        acme.as("svc", "usage-ingest").get("/api/v1/customers/" + id).then().statusCode(403);
        acme.as("svc", "order-integrator").contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"managedBy\":\"PARTNER\"}").post("/api/v1/customers").then().statusCode(403);
    }

    @Test
    void duplicateExternalIdIsAConflict() {
        Callers acme = Callers.newPartner();
        create(acme, "Osaka Foods", "OSK-1");
        acme.fullAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"Osaka Foods again\",\"externalId\":\"OSK-1\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        // another partner may use the same external id
        create(Callers.newPartner(), "Osaka Foods", "OSK-1");
    }
}
