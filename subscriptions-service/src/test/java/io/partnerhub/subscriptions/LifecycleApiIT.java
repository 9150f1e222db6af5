package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LifecycleApiIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everyLegalTransitionAnswersTheNewStateAndPublishesItsEvent() throws Exception {
        Callers acme = Callers.newPartner();
        // the partner-admin who suspends it is assigned to the customer (known from customers-service)
        String customer = CustomerTopic.knownCustomerOf(bootstrap, acme.partner(), "admin-" + acme.partner());
        String sub = Orders.place(acme, customer, "2026-01-01", 12, true);
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, OrderApiIT.TOPIC)) {
            acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("version", equalTo(2));
            acme.admin().post("/api/v1/subscriptions/" + sub + "/suspend").then().statusCode(200)
                    .body("status", equalTo("SUSPENDED")).body("version", equalTo(3));
            acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/resume").then().statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("version", equalTo(4));
            acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/cancel").then().statusCode(200)
                    .body("status", equalTo("CANCELLED")).body("version", equalTo(5));
            // the order's own events may still be on their way from the outbox: only the lifecycle events count here
            List<ConsumerRecord<String, String>> records = reader.await(r -> customer.equals(r.key())
                    && !r.value().contains("partnerhub.order.received") && !r.value().contains("partnerhub.subscription.created"),
                    4, Duration.ofSeconds(30));
            assertEquals(List.of("partnerhub.subscription.provisioned", "partnerhub.subscription.suspended",
                    "partnerhub.subscription.resumed", "partnerhub.subscription.cancelled"),
                    records.stream().map(r -> OrderApiIT.type(r.value())).toList());
            JsonNode last = JSON.readTree(records.get(3).value()).get("data");
            assertEquals(5, last.get("version").asInt());
            assertEquals("CANCELLED", last.get("subscription").get("status").asText());
            assertEquals(2, last.get("subscription").get("lines").size());
        }
    }

    @Test
    void illegalTransitionsAreConflictsAndPublishNothing() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        // ORDER_READY
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/suspend").then().statusCode(409).contentType("application/problem+json");
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/resume").then().statusCode(409);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(200);
        // ACTIVE
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(409);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/resume").then().statusCode(409);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/suspend").then().statusCode(200);
        // SUSPENDED
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/suspend").then().statusCode(409);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(409);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/cancel").then().statusCode(200);
        // CANCELLED is final
        for (String action : List.of("provision", "suspend", "resume", "cancel")) {
            acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/" + action).then().statusCode(409).body("status", equalTo(409));
        }
        assertEquals(2 + 3, Devstack.events(acme.partner(), null));
        acme.readOnly().get("/api/v1/subscriptions/" + sub).then().body("status", equalTo("CANCELLED")).body("version", equalTo(4));
    }

    @Test
    void anAmendmentOfACancelledSubscriptionIsAConflict() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-C", 1, customer, "SUB-C", "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders")
                .then().statusCode(201);
        acme.fullAdmin().post("/api/v1/subscriptions/SUB-C/cancel").then().statusCode(200);
        acme.integrator().body(Orders.body("CCW-C", 2, customer, "SUB-C", "2026-01-01", 12, true, 5, 5)).post("/api/v1/orders")
                .then().statusCode(409);
    }

    @Test
    void rolesAndTenantsAreEnforced() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        acme.readOnly().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(403).contentType("application/problem+json");
        acme.integrator().get("/api/v1/subscriptions/" + sub).then().statusCode(403);
        acme.usageIngest().get("/api/v1/subscriptions").then().statusCode(403);
        acme.integrator().post("/api/v1/subscriptions/" + sub + "/cancel").then().statusCode(403);
        Callers globex = Callers.newPartner();
        globex.fullAdmin().get("/api/v1/subscriptions/" + sub).then().statusCode(404).contentType("application/problem+json");
        globex.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(404);
        acme.fullAdmin().get("/api/v1/subscriptions/not%20an%20id").then().statusCode(404);
        io.restassured.RestAssured.given().get("/api/v1/subscriptions/" + sub).then().statusCode(401);
    }

    @Test
    void theSubscriptionListFiltersAndPagesByKeyset() {
        Callers acme = Callers.newPartner();
        String c1 = CustomerTopic.known(acme);
        String c2 = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("O1", 1, c1, "S-1", "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders").then().statusCode(201);
        acme.integrator().body(Orders.body("O2", 1, c1, "S-2", "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders").then().statusCode(201);
        acme.integrator().body(Orders.body("O3", 1, c2, "S-3", "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders").then().statusCode(201);
        ObjectNode webinars = Json.object().put("ccwOrderId", "O4").put("customerId", c2).put("subscriptionId", "S-4")
                .put("startDate", "2026-01-01").put("termMonths", 12);
        webinars.putArray("lines").add(Orders.line("WEBINARS", "W", 3));
        acme.integrator().body(webinars.toString()).post("/api/v1/orders").then().statusCode(201);
        acme.fullAdmin().post("/api/v1/subscriptions/S-2/provision").then().statusCode(200);

        String cursor = acme.readOnly().get("/api/v1/subscriptions?limit=3").then().statusCode(200)
                .body("items.subscriptionId", contains("S-1", "S-2", "S-3"))
                .header("Link", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("limit=3"),
                        org.hamcrest.Matchers.containsString("rel=\"next\"")))
                .extract().path("nextCursor");
        acme.readOnly().get("/api/v1/subscriptions?limit=3&cursor=" + cursor).then().statusCode(200)
                .body("items.subscriptionId", contains("S-4")).body("nextCursor", nullValue());
        acme.readOnly().get("/api/v1/subscriptions?customerId=" + c1).then().body("items.subscriptionId", contains("S-1", "S-2"));
        acme.readOnly().get("/api/v1/subscriptions?status=ACTIVE").then().body("items.subscriptionId", contains("S-2"));
        acme.readOnly().get("/api/v1/subscriptions?product=WEBINARS").then().body("items.subscriptionId", contains("S-4"));
        acme.readOnly().get("/api/v1/subscriptions?type=TRIAL").then().body("items", hasSize(0));
        acme.readOnly().get("/api/v1/subscriptions?status=ACTIVE&status=ORDER_READY&customerId=" + c2)
                .then().body("items.subscriptionId", contains("S-3", "S-4"));
        acme.readOnly().get("/api/v1/customers/" + c2 + "/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", contains("S-3", "S-4"));
        acme.readOnly().get("/api/v1/subscriptions?status=NOPE").then().statusCode(400).body("errors[0].field", equalTo("status"));
        acme.readOnly().get("/api/v1/subscriptions?limit=501").then().statusCode(400);
        acme.readOnly().get("/api/v1/subscriptions?cursor=%25%25%25").then().statusCode(400);
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/subscriptions?customerId=" + c1)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertEquals("subscriptionId,customerId,type,status,startDate,endDate,renewalDate,autoRenew,termMonths,product,sku,"
                + "purchased,assigned,used,available,overage", csv.lines().findFirst().orElseThrow());
        assertEquals(5, csv.lines().count());
    }
}
