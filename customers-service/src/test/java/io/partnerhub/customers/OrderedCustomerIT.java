package io.partnerhub.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.runtime.ids.CustomerIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A new customer named in a CCW order (partnerhub.order.received) is created here, once, under the derived id. */
@QuarkusTest
class OrderedCustomerIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anOrderForANewCustomerCreatesItOnceUnderTheDerivedId() {
        Callers acme = Callers.newPartner();
        String externalId = "CCW-" + UUID.randomUUID();
        String id = CustomerIds.fromExternalId(acme.partner(), externalId).toString();
        ObjectNode order = Json.object();
        ObjectNode received = order.putObject("order").put("orderId", UUID.randomUUID().toString()).put("ccwOrderId", "PO-1")
                .put("revision", 1).put("subscriptionId", "SUB-1").put("customerId", id);
        received.putObject("customer").put("externalId", externalId).put("name", "Kobe Steelworks").put("managedBy", "EXTERNAL");
        received.put("startDate", "2026-11-01").put("termMonths", 12).put("autoRenew", true);
        received.putArray("lines").addObject().put("product", "CALLING").put("sku", "A-CALL").put("quantity", 40);
        received.put("receivedAt", "2026-11-25T10:00:00Z").put("outcome", "CREATED");
        try (SubscriptionFeed feed = new SubscriptionFeed(bootstrap, acme.partner());
             TopicReader customers = TopicReader.fromEnd(bootstrap, "partnerhub.customers.v1")) {
            String eventId = UUID.randomUUID().toString();
            feed.send("partnerhub.order.received", id, order, eventId);
            feed.send("partnerhub.order.received", id, order, UUID.randomUUID().toString()); // a replayed order
            await().atMost(Duration.ofSeconds(30)).until(() -> acme.readOnly().get("/api/v1/customers/" + id).statusCode() == 200);
            acme.readOnly().get("/api/v1/customers/" + id).then()
                    .body("name", equalTo("Kobe Steelworks")).body("externalId", equalTo(externalId))
                    .body("managedBy", equalTo("EXTERNAL")).body("version", equalTo(1));
            assertEquals(1, customers.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).size());
        }
        // the API and the order meet on one customer
        acme.fullAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Kobe Steelworks", "externalId", externalId, "managedBy", "PARTNER"))
                .post("/api/v1/customers").then().statusCode(409);
    }

    @Test
    void aCustomerCreatedThroughTheApiWithAnExternalIdHasTheIdOrdersUse() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Sapporo Dairy", "SAP-9");
        assertEquals(CustomerIds.fromExternalId(acme.partner(), "SAP-9").toString(), id);
        acme.fullAdmin().delete("/api/v1/customers/" + id).then().statusCode(204);
        String again = CustomerApiIT.create(acme, "Sapporo Dairy", "SAP-9");
        assertEquals(false, again.equals(id), "ids are never reused");
    }
}
