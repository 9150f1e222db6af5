package io.partnerhub.customers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/product-rules.md's role table, row by row, enforced by customers-service itself. Invisible resources are 404,
 * a role that may see but not change gets 403.
 */
@QuarkusTest
class RoleTableIT {

    Callers acme;
    String assigned;
    String notAssigned;
    String tag;

    RequestSpecification full() {
        return acme.fullAdmin();
    }

    RequestSpecification admin() {
        return acme.as("hana", "partner-admin");
    }

    RequestSpecification readOnly() {
        return acme.readOnly();
    }

    RequestSpecification integrator() {
        return acme.as("svc-orders", "order-integrator");
    }

    RequestSpecification ingest() {
        return acme.as("svc-usage", "usage-ingest");
    }

    @BeforeEach
    void data() {
        acme = Callers.newPartner();
        admin().get("/api/v1/partner").then().statusCode(200); // hana signs in: now in the directory
        assigned = CustomerApiIT.create(acme, "Assigned KK", null);
        notAssigned = CustomerApiIT.create(acme, "Other KK", null);
        full().put("/api/v1/customers/" + assigned + "/admins/hana").then().statusCode(204);
        tag = CustomerListIT.tag(acme, "Role");
    }

    @Test
    void seeCustomers() {
        full().get("/api/v1/customers/" + notAssigned).then().statusCode(200);
        readOnly().get("/api/v1/customers/" + notAssigned).then().statusCode(200);
        admin().get("/api/v1/customers/" + assigned).then().statusCode(200);
        admin().get("/api/v1/customers/" + notAssigned).then().statusCode(404);
        integrator().get("/api/v1/customers/" + assigned).then().statusCode(403);
        ingest().get("/api/v1/customers").then().statusCode(403);
    }

    @Test
    void createAndUpdateCustomersAndLaunch() {
        String body = "{\"name\":\"New KK\",\"managedBy\":\"PARTNER\"}";
        full().contentType(ContentType.JSON).body(body).post("/api/v1/customers").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(body).post("/api/v1/customers").then().statusCode(201);
        readOnly().contentType(ContentType.JSON).body(body).post("/api/v1/customers").then().statusCode(403);
        integrator().contentType(ContentType.JSON).body(body).post("/api/v1/customers").then().statusCode(403);

        String patch = "{\"name\":\"Renamed KK\"}";
        admin().contentType(ContentType.JSON).body(patch).patch("/api/v1/customers/" + assigned).then().statusCode(200);
        admin().contentType(ContentType.JSON).body(patch).patch("/api/v1/customers/" + notAssigned).then().statusCode(404);
        readOnly().contentType(ContentType.JSON).body(patch).patch("/api/v1/customers/" + assigned).then().statusCode(403);
        full().contentType(ContentType.JSON).body(patch).patch("/api/v1/customers/" + notAssigned).then().statusCode(200);

        admin().post("/api/v1/customers/" + assigned + "/launch").then().statusCode(200);
        admin().post("/api/v1/customers/" + notAssigned + "/launch").then().statusCode(404);
        readOnly().post("/api/v1/customers/" + assigned + "/launch").then().statusCode(403);
    }

    @Test
    void deleteIsForFullAdminsOnly() {
        admin().delete("/api/v1/customers/" + assigned).then().statusCode(403);
        readOnly().delete("/api/v1/customers/" + assigned).then().statusCode(403);
        full().delete("/api/v1/customers/" + assigned).then().statusCode(204);
    }

    @Test
    void viewTagsEveryoneEditTagsFullAndPartnerAdmins() {
        full().get("/api/v1/tags").then().statusCode(200);
        admin().get("/api/v1/tags").then().statusCode(200);
        readOnly().get("/api/v1/tags").then().statusCode(200);
        ingest().get("/api/v1/tags").then().statusCode(403);

        full().contentType(ContentType.JSON).body(Map.of("name", "By full", "color", "#123456")).post("/api/v1/tags").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("name", "By admin", "color", "#123456")).post("/api/v1/tags").then().statusCode(201);
        readOnly().contentType(ContentType.JSON).body(Map.of("name", "By ro", "color", "#123456")).post("/api/v1/tags").then().statusCode(403);
        readOnly().contentType(ContentType.JSON).body("{\"color\":\"#654321\"}").patch("/api/v1/tags/" + tag).then().statusCode(403);
        readOnly().delete("/api/v1/tags/" + tag).then().statusCode(403);
    }

    @Test
    void tagCustomersTheyCanSee() {
        admin().put("/api/v1/customers/" + assigned + "/tags/" + tag).then().statusCode(204);
        admin().put("/api/v1/customers/" + notAssigned + "/tags/" + tag).then().statusCode(404);
        readOnly().put("/api/v1/customers/" + assigned + "/tags/" + tag).then().statusCode(403);
        full().put("/api/v1/customers/" + notAssigned + "/tags/" + tag).then().statusCode(204);
        admin().delete("/api/v1/customers/" + assigned + "/tags/" + tag).then().statusCode(204);
    }

    @Test
    void manageAdminsAndAssignmentsFullAdminOnly() {
        String newAdmin = "{\"id\":\"ren\",\"email\":\"ren@acme.example\",\"role\":\"partner-admin\"}";
        KeycloakStub.user("ren", acme.partner(), "default-roles-partner-hub");
        admin().contentType(ContentType.JSON).body(newAdmin).post("/api/v1/admins").then().statusCode(403);
        readOnly().contentType(ContentType.JSON).body(newAdmin).post("/api/v1/admins").then().statusCode(403);
        full().contentType(ContentType.JSON).body(newAdmin).post("/api/v1/admins").then().statusCode(201);
        admin().contentType(ContentType.JSON).body("{\"role\":\"partner-full-admin\"}").patch("/api/v1/admins/hana").then().statusCode(403);
        full().contentType(ContentType.JSON).body("{\"role\":\"partner-read-only-admin\"}").patch("/api/v1/admins/ren").then().statusCode(200);
        admin().put("/api/v1/customers/" + assigned + "/admins/ren").then().statusCode(403);
        readOnly().put("/api/v1/customers/" + assigned + "/admins/ren").then().statusCode(403);
        full().put("/api/v1/customers/" + assigned + "/admins/ren").then().statusCode(204);
        admin().get("/api/v1/customers/" + assigned + "/admins").then().statusCode(200);
        readOnly().delete("/api/v1/admins/ren").then().statusCode(403);
        full().delete("/api/v1/admins/ren").then().statusCode(204);
    }

    @Test
    void ingestionIsForMachineClientsOnly() {
        List<Map<String, String>> body = List.of(Map.of("customerId", assigned, "at", "2026-11-20T10:00:00Z"));
        ingest().contentType(ContentType.JSON).body(body).post("/api/v1/admin-activity").then().statusCode(200);
        full().contentType(ContentType.JSON).body(body).post("/api/v1/admin-activity").then().statusCode(403);
        integrator().contentType(ContentType.JSON).body(body).post("/api/v1/admin-activity").then().statusCode(403);
    }

    @Test
    void anotherPartnersResourcesAreNotFound() {
        Callers globex = Callers.newPartner();
        globex.fullAdmin().get("/api/v1/customers/" + assigned).then().statusCode(404);
        globex.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"Hijack\"}").patch("/api/v1/customers/" + assigned).then().statusCode(404);
        globex.fullAdmin().delete("/api/v1/customers/" + assigned).then().statusCode(404);
        globex.fullAdmin().put("/api/v1/customers/" + assigned + "/tags/" + tag).then().statusCode(404);
        globex.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"Hijack\"}").patch("/api/v1/tags/" + tag).then().statusCode(404);
        globex.fullAdmin().post("/api/v1/customers/" + assigned + "/launch").then().statusCode(404);
        globex.fullAdmin().put("/api/v1/customers/" + assigned + "/admins/hana").then().statusCode(404);
        globex.as("svc", "usage-ingest").contentType(ContentType.JSON)
                .body(List.of(Map.of("customerId", assigned, "at", "2026-11-20T10:00:00Z"))).post("/api/v1/admin-activity")
                .then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(0))
                .body("rejected[0].index", org.hamcrest.Matchers.equalTo(0));
    }
}
