package io.partnerhub.subscriptions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** This service's endpoints answer problem+json without internals. */
@QuarkusTest
class ProblemJsonIT {

    @Test
    void malformedOrderJsonIs400() {
        Callers.newPartner().integrator().body("{\"ccwOrderId\": ").post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json").body(not(containsString("Exception")));
    }

    @Test
    void aBatchThatIsNotAnArrayIs400() {
        Callers.newPartner().integrator().body("{\"orders\":[]}").post("/api/v1/orders/batch")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        Callers.newPartner().integrator().contentType(ContentType.XML).body("<order/>").post("/api/v1/orders")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownCustomerIdShapeIs404() {
        Callers.newPartner().readOnly().get("/api/v1/customers/not-a-uuid/subscriptions")
                .then().statusCode(404).contentType("application/problem+json");
        Callers.newPartner().fullAdmin().body("{\"amount\":1}").post("/api/v1/invoices/" + UUID.randomUUID() + "/payments")
                .then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void invoiceValidationNamesTheFields() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        acme.fullAdmin().body("{\"number\":\"\",\"amount\":-1,\"currency\":\"euro\"}").post("/api/v1/subscriptions/" + sub + "/invoices")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("amount", "currency", "dueDate", "number",
                        "periodEnd", "periodStart"));
    }
}
