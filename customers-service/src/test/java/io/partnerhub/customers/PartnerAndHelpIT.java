package io.partnerhub.customers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PartnerAndHelpIT {

    @Test
    void firstTimeSetupAcceptsTheTermsOnce() {
        Callers acme = Callers.newPartner();
        acme.readOnly().get("/api/v1/partner").then().statusCode(200)
                .body("id", equalTo(acme.partner())).body("setupCompleted", equalTo(false)).body("termsAcceptedAt", nullValue());
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"acceptTerms\":false}").post("/api/v1/partner/setup")
                .then().statusCode(400).body("errors[0].field", equalTo("acceptTerms"));
        acme.readOnly().contentType(ContentType.JSON).body("{\"acceptTerms\":true}").post("/api/v1/partner/setup").then().statusCode(403);
        String accepted = acme.fullAdmin().contentType(ContentType.JSON).body("{\"acceptTerms\":true}").post("/api/v1/partner/setup")
                .then().statusCode(200).body("setupCompleted", equalTo(true)).extract().path("termsAcceptedAt");
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"acceptTerms\":true}").post("/api/v1/partner/setup")
                .then().statusCode(200).body("termsAcceptedAt", equalTo(accepted));
    }

    @Test
    void adminsAreRecordedFromTheirTokensOnFirstCall() {
        Callers acme = Callers.newPartner();
        acme.as("mika", "partner-admin").get("/api/v1/tags").then().statusCode(200);
        acme.readOnly().get("/api/v1/admins").then().statusCode(200)
                .body("items.id", hasItem("mika"))
                .body("items.find { it.id == 'mika' }.email", equalTo("mika@example.test"))
                .body("items.find { it.id == 'mika' }.displayName", equalTo("Test mika"))
                .body("items.find { it.id == 'mika' }.role", equalTo("partner-admin"));
        Callers.newPartner().fullAdmin().get("/api/v1/admins").then().body("items.id", everyItem(org.hamcrest.Matchers.not("mika")));
    }

    @Test
    void helpResourcesAreSearchableByTextAndFilters() {
        Callers acme = Callers.newPartner();
        acme.readOnly().get("/api/v1/resources?q=trial").then().statusCode(200)
                .body("items[0].title", equalTo("Starting an enterprise trial"));
        acme.readOnly().queryParam("q", "packet loss").get("/api/v1/resources").then().statusCode(200)
                .body("items.title", contains("Call quality troubleshooting"));
        acme.readOnly().get("/api/v1/resources?product=CONTACT_CENTER&type=GUIDE").then().statusCode(200)
                .body("items.title", contains("Call queue best practices", "Contact Center onboarding", "Managing subscriptions and renewals"));
        acme.readOnly().get("/api/v1/resources?quickLink=true&topic=integration").then().statusCode(200)
                .body("items.title", contains("Partner Hub API reference", "Event catalogue for integrators"));
        acme.readOnly().get("/api/v1/resources?product=FAX").then().statusCode(400).body("errors[0].field", equalTo("product"));
        acme.readOnly().get("/api/v1/resources").then().statusCode(200).body("items.size()", equalTo(20))
                .body("items[0].featured", equalTo(true));
    }

    @Test
    void supportRequestsAreOpenedListedAndTracked() {
        Callers acme = Callers.newPartner();
        acme.readOnly().get("/api/v1/support/contacts").then().statusCode(200)
                .body("items.product", contains("CALLING", "CONTACT_CENTER"));
        String id = acme.fullAdmin().contentType(ContentType.JSON)
                .body("{\"subject\":\"Calls drop after 30 minutes\",\"description\":\"Since Monday\",\"product\":\"CALLING\"}")
                .post("/api/v1/support/requests").then().statusCode(201)
                .body("status", equalTo("OPEN")).body("createdAt", notNullValue()).extract().path("id");
        acme.readOnly().contentType(ContentType.JSON).body("{\"subject\":\"x\",\"description\":\"y\"}")
                .post("/api/v1/support/requests").then().statusCode(403);
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"status\":\"RESOLVED\"}").patch("/api/v1/support/requests/" + id)
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        acme.readOnly().get("/api/v1/support/requests?status=RESOLVED").then().statusCode(200).body("items.id", contains(id));
        acme.readOnly().get("/api/v1/support/requests?status=OPEN").then().statusCode(200).body("items.size()", equalTo(0));
        Callers.newPartner().fullAdmin().get("/api/v1/support/requests/" + id).then().statusCode(404);
    }

    @Test
    void aSupportRequestIsAboutACustomerOfTheCallerAndSeenOnlyByWhoSeesThatCustomer() {
        Callers acme = Callers.newPartner();
        Callers globex = Callers.newPartner();
        String ours = acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"Support Ours\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String theirs = globex.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"Support Theirs\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        // another partner's customer, or one that does not exist: 404, nothing opened
        for (String customerId : java.util.List.of(theirs, java.util.UUID.randomUUID().toString())) {
            acme.fullAdmin().contentType(ContentType.JSON)
                    .body(Map.of("subject", "S", "description", "D", "customerId", customerId))
                    .post("/api/v1/support/requests").then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("Customer not found"));
        }
        acme.fullAdmin().get("/api/v1/support/requests").then().statusCode(200).body("items.size()", equalTo(0));

        String about = acme.fullAdmin().contentType(ContentType.JSON)
                .body(Map.of("subject", "About ours", "description", "D", "customerId", ours))
                .post("/api/v1/support/requests").then().statusCode(201).extract().path("id");
        String general = acme.fullAdmin().contentType(ContentType.JSON).body("{\"subject\":\"General\",\"description\":\"D\"}")
                .post("/api/v1/support/requests").then().statusCode(201).extract().path("id");

        // a partner-admin not assigned to the customer sees the general request only, and cannot reach the other
        acme.as("pia", "partner-admin").get("/api/v1/support/requests").then().statusCode(200).body("items.id", contains(general));
        acme.as("pia", "partner-admin").get("/api/v1/support/requests/" + about).then().statusCode(404);
        acme.as("pia", "partner-admin").contentType(ContentType.JSON).body("{\"status\":\"CLOSED\"}")
                .patch("/api/v1/support/requests/" + about).then().statusCode(404);
        acme.as("pia", "partner-admin").contentType(ContentType.JSON)
                .body(Map.of("subject", "S", "description", "D", "customerId", ours))
                .post("/api/v1/support/requests").then().statusCode(404);
        acme.fullAdmin().get("/api/v1/support/requests/" + about).then().statusCode(200).body("status", equalTo("OPEN"));

        // once assigned, the partner-admin sees it
        acme.fullAdmin().put("/api/v1/customers/" + ours + "/admins/pia").then().statusCode(204);
        acme.as("pia", "partner-admin").get("/api/v1/support/requests").then().statusCode(200)
                .body("items.id", contains(general, about));
        acme.as("pia", "partner-admin").get("/api/v1/support/requests/" + about).then().statusCode(200);
    }
}
