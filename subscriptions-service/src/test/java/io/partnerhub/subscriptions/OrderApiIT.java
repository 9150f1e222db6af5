package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.runtime.ids.CustomerIds;
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
class OrderApiIT {

    static final String TOPIC = "partnerhub.subscriptions.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aNewOrderCreatesAnOrderReadySubscription() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String orderId = acme.integrator().body(Orders.body("CCW-1", 1, customer, "SUB-1", "2026-01-15", 12, true, 25, 10))
                .post("/api/v1/orders")
                .then().statusCode(201)
                .body("subscriptionId", equalTo("SUB-1"))
                .body("customerId", equalTo(customer))
                .body("revision", equalTo(1))
                .body("status", equalTo("CREATED"))
                .extract().path("orderId");
        UUID.fromString(orderId);
        acme.readOnly().get("/api/v1/subscriptions/SUB-1?asOf=2026-02-01")
                .then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.matchesPattern("\"1-[0-9a-f]{16}\""))
                .body("subscriptionId", equalTo("SUB-1"))
                .body("customerId", equalTo(customer))
                .body("type", equalTo("SUBSCRIPTION"))
                .body("status", equalTo("ORDER_READY"))
                .body("startDate", equalTo("2026-01-15"))
                .body("endDate", equalTo("2027-01-15"))
                .body("renewalDate", equalTo("2027-01-15"))
                .body("autoRenew", equalTo(true))
                .body("termMonths", equalTo(12))
                .body("lines.product", contains("CALLING", "MEETINGS"))
                .body("lines[1].sku", equalTo("A-MTG"))
                .body("lines[1].purchased", equalTo(25))
                .body("lines[1].assigned", equalTo(0))
                .body("lines[1].used", equalTo(0))
                .body("lines[1].available", equalTo(25))
                .body("lines[1].overage", equalTo(0))
                .body("version", equalTo(1));
    }

    @Test
    void anOrderReplayedAHundredTimesCreatesOneSubscriptionAndOneEvent() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String body = Orders.body("CCW-R", 1, customer, "SUB-R", "2026-03-01", 12, false, 5, 5);
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            String first = acme.integrator().body(body).post("/api/v1/orders").then().statusCode(201).extract().asString();
            for (int i = 0; i < 100; i++) {
                String replay = acme.integrator().body(body).post("/api/v1/orders").then().statusCode(200)
                        .header("Idempotent-Replayed", equalTo("true")).extract().asString();
                assertEquals(JSON.readTree(first), JSON.readTree(replay));
            }
            // a marker event after the replays: everything before it on the customer's partition has been read
            acme.integrator().body(Orders.body("CCW-R2", 1, customer, "SUB-R2", "2026-03-01", 12, false, 1, 1))
                    .post("/api/v1/orders").then().statusCode(201);
            List<ConsumerRecord<String, String>> records = reader.await(r -> customer.equals(r.key()) && r.value().contains("SUB-R2")
                    && r.value().contains("partnerhub.subscription.created"), 1, Duration.ofSeconds(30));
            assertEquals(1, records.size());
            List<String> types = reader.seen().stream().filter(r -> customer.equals(r.key()) && r.value().contains("\"SUB-R\""))
                    .map(r -> type(r.value())).toList();
            assertEquals(List.of("partnerhub.order.received", "partnerhub.subscription.created"), types);
        }
        assertEquals(1, Devstack.count("select count(*) from subscription where partner_org_id = ? and subscription_id = 'SUB-R'", acme.partner()));
        assertEquals(1, Devstack.count("select count(*) from customer_order where partner_org_id = ? and ccw_order_id = 'CCW-R'", acme.partner()));
        assertEquals(4, Devstack.events(acme.partner(), null));
    }

    @Test
    void concurrentReplaysOfOneOrderCreateOneSubscription() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String body = Orders.body("CCW-P", 1, customer, "SUB-P", "2026-03-01", 12, false, 5, 5);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> acme.integrator().body(body).post("/api/v1/orders")));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            java.util.Set<JsonNode> bodies = new java.util.HashSet<>();
            for (var answer : answers) {
                io.restassured.response.Response response = answer.get();
                statuses.add(response.statusCode());
                bodies.add(JSON.readTree(response.asString()));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(39, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, bodies.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Devstack.count("select count(*) from subscription where partner_org_id = ?", acme.partner()));
        assertEquals(2, Devstack.events(acme.partner(), null));
    }

    @Test
    void aHigherRevisionAmendsTheQuantities() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-A", 1, customer, "SUB-A", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201);
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            acme.integrator().body(Orders.body("CCW-A", 2, customer, "SUB-A", "2026-01-01", 12, true, 40, 0))
                    .post("/api/v1/orders").then().statusCode(200)
                    .body("revision", equalTo(2)).body("status", equalTo("AMENDED"));
            ConsumerRecord<String, String> amended = reader.await(r -> customer.equals(r.key())
                    && type(r.value()).equals("partnerhub.subscription.amended"), 1, Duration.ofSeconds(30)).get(0);
            JsonNode data = JSON.readTree(amended.value()).get("data");
            assertEquals(2, data.get("version").asInt());
            JsonNode subscription = data.get("subscription");
            assertEquals("SUB-A", subscription.get("subscriptionId").asText());
            assertEquals(customer, subscription.get("customerId").asText());
            assertEquals("SUBSCRIPTION", subscription.get("type").asText());
            assertEquals("ORDER_READY", subscription.get("status").asText());
            assertEquals("2026-01-01", subscription.get("startDate").asText());
            assertEquals("2027-01-01", subscription.get("endDate").asText());
            assertEquals(true, subscription.get("autoRenew").asBoolean());
            assertEquals(12, subscription.get("termMonths").asInt());
            assertEquals(40, subscription.get("lines").get(0).get("purchased").asInt());
            assertEquals("MEETINGS", subscription.get("lines").get(0).get("product").asText());
            assertEquals(0, subscription.get("lines").get(1).get("purchased").asInt());
        }
        acme.fullAdmin().get("/api/v1/subscriptions/SUB-A").then().statusCode(200)
                .body("lines.purchased", contains(0, 40)).body("version", equalTo(2));
    }

    @Test
    void aLowerRevisionIsAConflictAndChangesNothing() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-L", 3, customer, "SUB-L", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201);
        long events = Devstack.events(acme.partner(), null);
        acme.integrator().body(Orders.body("CCW-L", 2, customer, "SUB-L", "2026-01-01", 12, true, 99, 99))
                .post("/api/v1/orders").then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409));
        assertEquals(events, Devstack.events(acme.partner(), null));
        acme.fullAdmin().get("/api/v1/subscriptions/SUB-L").then().body("lines.purchased", contains(5, 10));
    }

    @Test
    void anOrderForASubscriptionOfAnotherOrderIsAConflict() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-X1", 1, customer, "SUB-X", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201);
        acme.integrator().body(Orders.body("CCW-X2", 1, customer, "SUB-X", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(409);
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstAnswer() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String first = acme.integrator().header("Idempotency-Key", "key-1")
                .body(Orders.body("CCW-K", 1, customer, "SUB-K", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201).extract().asString();
        // same key, same body: the first answer, marked as a replay
        String again = acme.integrator().header("Idempotency-Key", "key-1")
                .body(Orders.body("CCW-K", 1, customer, "SUB-K", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201).header("Idempotent-Replayed", equalTo("true")).extract().asString();
        assertEquals(first, again);
        // same key, a different body: 422, nothing applied
        acme.integrator().header("Idempotency-Key", "key-1")
                .body(Orders.body("CCW-K", 2, customer, "SUB-K", "2026-01-01", 12, true, 77, 77))
                .post("/api/v1/orders").then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422)).header("Idempotent-Replayed", nullValue());
        acme.fullAdmin().get("/api/v1/subscriptions/SUB-K").then().body("lines.purchased", contains(5, 10)).body("version", equalTo(1));
        assertEquals(1, Devstack.count("select count(*) from customer_order where partner_org_id = ?", acme.partner()));
        assertEquals(2, Devstack.events(acme.partner(), null));
    }

    @Test
    void aNewCustomerByExternalIdGetsAStableDerivedIdAndTravelsInTheOrderEvent() throws Exception {
        Callers acme = Callers.newPartner();
        String expected = CustomerIds.fromExternalId(acme.partner(), "EXT-42").toString();
        String body = """
                {"ccwOrderId":"CCW-N","customer":{"externalId":"EXT-42","name":" Hokkaido Logistics ","managedBy":"EXTERNAL"},
                 "subscriptionId":"SUB-N","startDate":"2026-04-01","termMonths":6,"autoRenew":false,
                 "lines":[{"product":"CALLING","sku":"A-CALL","quantity":3}]}
                """;
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, TOPIC)) {
            acme.integrator().body(body).post("/api/v1/orders").then().statusCode(201)
                    .body("customerId", equalTo(expected)).body("revision", equalTo(1));
            JsonNode event = JSON.readTree(reader.await(r -> expected.equals(r.key())
                    && type(r.value()).equals("partnerhub.order.received"), 1, Duration.ofSeconds(30)).get(0).value());
            assertEquals(acme.partner(), event.get("partnerorgid").asText());
            assertEquals(expected, event.get("subject").asText());
            JsonNode order = event.get("data").get("order");
            assertEquals("CCW-N", order.get("ccwOrderId").asText());
            assertEquals(1, order.get("revision").asInt());
            assertEquals("SUB-N", order.get("subscriptionId").asText());
            assertEquals(expected, order.get("customerId").asText());
            assertEquals("EXT-42", order.get("customer").get("externalId").asText());
            assertEquals("Hokkaido Logistics", order.get("customer").get("name").asText());
            assertEquals("EXTERNAL", order.get("customer").get("managedBy").asText());
            assertEquals("CALLING", order.get("lines").get(0).get("product").asText());
            assertEquals(3, order.get("lines").get(0).get("quantity").asInt());
            assertEquals("CREATED", order.get("outcome").asText());
        }
        // a second order of the same external customer lands on the same customer
        acme.integrator().body(body.replace("CCW-N", "CCW-N2").replace("SUB-N", "SUB-N2")).post("/api/v1/orders")
                .then().statusCode(201).body("customerId", equalTo(expected));
    }

    @Test
    void aBatchAcceptsTheGoodOrdersAndReportsTheBadOnesByIndex() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String good1 = Orders.body("CCW-B1", 1, customer, "SUB-B1", "2026-01-01", 12, true, 10, 5);
        ObjectNode invalidOrder = Json.object().put("ccwOrderId", "bad id!").put("customerId", customer).put("subscriptionId", "SUB-B2")
                .put("startDate", "2026-01-01").put("termMonths", 0);
        invalidOrder.putArray("lines");
        String invalid = invalidOrder.toString();
        String wrongType = "{\"ccwOrderId\":\"CCW-B3\",\"revision\":\"three\"}";
        String good2 = Orders.body("CCW-B4", 1, customer, "SUB-B4", "2026-01-01", 12, true, 1, 1);
        String conflict = Orders.body("CCW-B5", 1, customer, "SUB-B1", "2026-01-01", 12, true, 1, 1);
        acme.integrator().body(Orders.batch(good1, invalid, wrongType, good2, conflict, good1))
                .post("/api/v1/orders/batch")
                .then().statusCode(200)
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(3))
                .body("items.index", contains(0, 1, 2, 3, 4, 5))
                .body("items.status", contains(201, 400, 400, 201, 409, 200))
                .body("items[0].result.subscriptionId", equalTo("SUB-B1"))
                .body("items[1].result", nullValue())
                .body("items[1].errors.field", contains("ccwOrderId", "lines", "termMonths"))
                // every problem of an item, not the first: the wrong type and each missing field
                .body("items[2].errors.field", contains("customerId", "lines", "revision", "startDate", "subscriptionId", "termMonths"))
                .body("items[2].errors[2].message", equalTo("has the wrong type"))
                .body("items[5].replayed", equalTo(true))
                .body("items[0].replayed", nullValue())
                .body("items[3].result.subscriptionId", equalTo("SUB-B4"))
                .body("items[5].result.status", equalTo("CREATED"));
        acme.fullAdmin().get("/api/v1/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", contains("SUB-B1", "SUB-B4"));
    }

    @Test
    void aBatchAppliesAnOrderAndItsAmendmentInIndexOrder() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-C", 2, customer, "SUB-C", "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders")
                .then().statusCode(201);
        acme.integrator().body(Orders.batch(
                        Orders.body("CCW-A", 1, customer, "SUB-A", "2026-01-01", 12, true, 10, 5),
                        Orders.body("CCW-A", 2, customer, "SUB-A", "2026-01-01", 12, true, 40, 5),
                        Orders.body("CCW-B", 1, customer, "SUB-B", "2026-01-01", 12, true, 3, 3),
                        Orders.body("CCW-A", 1, customer, "SUB-A", "2026-01-01", 12, true, 10, 5),
                        Orders.body("CCW-C", 1, customer, "SUB-C", "2026-01-01", 12, true, 9, 9),
                        Orders.body("CCW-C", 3, customer, "SUB-C", "2026-01-01", 12, true, 7, 7)))
                .post("/api/v1/orders/batch").then().statusCode(200)
                .body("items.status", contains(201, 200, 201, 200, 409, 200))
                .body("items.result.status", contains("CREATED", "AMENDED", "CREATED", "CREATED", "AMENDED"))
                .body("items[4].result", nullValue())
                .body("items[4].detail", org.hamcrest.Matchers.startsWith("Revision 1 of order CCW-C is older than revision"))
                .body("accepted", equalTo(5)).body("rejected", equalTo(1));
        acme.readOnly().get("/api/v1/subscriptions/SUB-A").then().body("lines.purchased", contains(5, 40)).body("version", equalTo(2));
        acme.readOnly().get("/api/v1/subscriptions/SUB-C").then().body("lines.purchased", contains(7, 7)).body("version", equalTo(2));
        assertEquals(2 + 4 + 2 + 2, Devstack.events(acme.partner(), null));
        assertEquals(5, Devstack.count("select count(*) from customer_order where partner_org_id = ?", acme.partner()));
    }

    @Test
    void aBatchOfMoreThanAThousandOrdersIsRefused() {
        String item = Orders.body("CCW-T", 1, UUID.randomUUID().toString(), "SUB-T", "2026-01-01", 12, true, 1, 1);
        String body = Orders.batch(java.util.Collections.nCopies(1001, item).toArray(String[]::new));
        Callers.newPartner().integrator().body(body).post("/api/v1/orders/batch").then().statusCode(400);
    }

    @Test
    void onlyTheOrderIntegratorMayPostOrders() {
        Callers acme = Callers.newPartner();
        String body = Orders.body("CCW-F", 1, UUID.randomUUID().toString(), "SUB-F", "2026-01-01", 12, true, 1, 1);
        acme.fullAdmin().body(body).post("/api/v1/orders").then().statusCode(403).contentType("application/problem+json");
        acme.usageIngest().body(body).post("/api/v1/orders").then().statusCode(403);
        acme.readOnly().body(Orders.batch(body)).post("/api/v1/orders/batch").then().statusCode(403);
    }

    @Test
    void anInvalidOrderIs400WithTheFields() {
        ObjectNode pagers = Json.object().put("ccwOrderId", "CCW-V").put("customerId", UUID.randomUUID().toString())
                .put("subscriptionId", "SUB-V").put("startDate", "2026-01-01").put("termMonths", 12);
        pagers.putArray("lines").add(Orders.line("PAGERS", "S", 1));
        Callers.newPartner().integrator()
                .body("{\"ccwOrderId\":\"CCW-V\",\"subscriptionId\":\"SUB-V\",\"startDate\":\"2026-01-01\",\"termMonths\":12,"
                        + "\"lines\":[{\"product\":\"MEETINGS\",\"sku\":\"S\",\"quantity\":1}]}")
                .post("/api/v1/orders").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("customerId"));
        Callers.newPartner().integrator()
                .body(pagers.toString())
                .post("/api/v1/orders").then().statusCode(400).body("errors[0].field", equalTo("lines[0].product"));
    }

    @Test
    void theOrderHistoryListsEveryRevisionNewestFirst() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-H", 1, customer, "SUB-H", "2026-01-01", 12, true, 10, 5)).post("/api/v1/orders");
        acme.integrator().body(Orders.body("CCW-H", 2, customer, "SUB-H", "2026-01-01", 12, true, 20, 5)).post("/api/v1/orders");
        acme.integrator().body(Orders.body("CCW-H", 3, customer, "SUB-H", "2026-01-01", 12, true, 30, 5)).post("/api/v1/orders");
        String next = acme.readOnly().get("/api/v1/customers/" + customer + "/orders?limit=2")
                .then().statusCode(200)
                .body("items.revision", contains(3, 2))
                .body("items[0].lines.quantity", contains(30, 5))
                .body("items[0].status", equalTo("AMENDED"))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .extract().path("nextCursor");
        acme.readOnly().get("/api/v1/customers/" + customer + "/orders?limit=2&cursor=" + next)
                .then().statusCode(200).body("items.revision", contains(1)).body("items[0].status", equalTo("CREATED"))
                .body("nextCursor", nullValue());
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/customers/" + customer + "/orders?limit=2")
                .then().statusCode(200).header("Link", org.hamcrest.Matchers.containsString("rel=\"next\"")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("orderId,ccwOrderId,revision,subscriptionId,customerId,startDate,termMonths,autoRenew,product,sku,quantity,"
                + "receivedAt,status", lines.get(0));
        assertEquals(5, lines.size());
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(1).contains(",CCW-H,3,SUB-H,"), lines.get(1));
        Callers.newPartner().fullAdmin().get("/api/v1/customers/" + customer + "/orders").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("Customer not found"));
    }

    static String type(String value) {
        try {
            return JSON.readTree(value).get("type").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
