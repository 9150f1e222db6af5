package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One order revision says one thing: received again with the same content it is a replay (200, the first result,
 * {@code Idempotent-Replayed: true}), with other content a conflict (409, nothing changes) on every way in. And an
 * Idempotency-Key names one request: another body under it is 422, concurrent requests with it have one effect.
 */
@QuarkusTest
class OrderRevisionAndKeyIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theSameRevisionWithOtherContentIs409AndChangesNothing() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String first = acme.integrator().body(Orders.body("CCW-1", 1, customer, "SUB-1", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().asString();
        acme.integrator().body(Orders.body("CCW-1", 1, customer, "SUB-1", "2026-02-01", 12, false, 10, 6))
                .post("/api/v1/orders").then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("Revision 1 of order CCW-1 was received before with other content; send changes as a higher revision"))
                .body("errors.field", contains("startDate", "autoRenew", "lines"))
                .body("errors[0].message", equalTo("differs from revision 1 received before"));
        // the same revision with the same content (lines in another order) is a replay: the first result, marked
        ObjectNode reordered = Json.object().put("ccwOrderId", "CCW-1").put("revision", 1).put("customerId", customer)
                .put("subscriptionId", "SUB-1").put("startDate", "2026-01-01").put("termMonths", 12).put("autoRenew", true);
        reordered.putArray("lines").add(Orders.line("CALLING", "A-CALL", 5)).add(Orders.line("MEETINGS", "A-MTG", 10));
        String replay = acme.integrator().body(reordered.toString())
                .post("/api/v1/orders").then().statusCode(200).header("Idempotent-Replayed", equalTo("true")).extract().asString();
        assertEquals(first, replay);
        // an amendment is news, not a replay
        acme.integrator().body(Orders.body("CCW-1", 2, customer, "SUB-1", "2026-01-01", 12, true, 20, 5))
                .post("/api/v1/orders").then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("status", equalTo("AMENDED"));
        acme.fullAdmin().get("/api/v1/subscriptions/SUB-1").then().statusCode(200)
                .body("startDate", equalTo("2026-01-01")).body("autoRenew", equalTo(true))
                .body("lines.purchased", contains(5, 20)).body("version", equalTo(2));
        assertEquals(2, Devstack.count("select count(*) from customer_order where partner_org_id = ?", acme.partner()));
        assertEquals(4, Devstack.events(acme.partner(), null));
    }

    @Test
    void aBatchReportsTheSameOutcomesPerItem() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-B", 1, customer, "SUB-B", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201);
        long events = Devstack.events(acme.partner(), null);
        acme.integrator().body(Orders.batch(
                        Orders.body("CCW-B", 1, customer, "SUB-B", "2026-01-01", 12, true, 10, 5),
                        Orders.body("CCW-B", 1, customer, "SUB-B", "2026-01-01", 24, true, 10, 5),
                        Orders.body("CCW-N", 1, customer, "SUB-N", "2026-01-01", 12, true, 1, 1),
                        Orders.body("CCW-N", 1, customer, "SUB-N", "2026-01-01", 12, true, 2, 1),
                        Orders.body("CCW-N", 1, customer, "SUB-N", "2026-01-01", 12, true, 1, 1)))
                .post("/api/v1/orders/batch").then().statusCode(200)
                .body("items.status", contains(200, 409, 201, 409, 200))
                .body("items.replayed", contains(true, null, null, null, true))
                .body("items[1].errors.field", contains("termMonths"))
                .body("items[1].result", nullValue())
                .body("items[3].errors.field", contains("lines"))
                .body("items[4].result.subscriptionId", equalTo("SUB-N"))
                .body("accepted", equalTo(3)).body("rejected", equalTo(2));
        acme.readOnly().get("/api/v1/subscriptions/SUB-B").then().body("termMonths", equalTo(12)).body("version", equalTo(1));
        acme.readOnly().get("/api/v1/subscriptions/SUB-N").then().body("lines.purchased", contains(1, 1));
        assertEquals(events + 2, Devstack.events(acme.partner(), null));
    }

    @Test
    void aBatchItemNamesEveryProblemWithItsFieldPath() {
        Callers acme = Callers.newPartner();
        String item = """
                {"ccwOrderId":"CCW-E","revision":"two","customerId":"not-a-uuid","subscriptionId":"SUB E","startDate":"soon",
                 "termMonths":0,"lines":[{"product":"MEETINGS","sku":"","quantity":-1},{"product":"PAGERS","sku":"P","quantity":"x"},
                 {"product":"MEETINGS","sku":"M","quantity":1}]}""";
        acme.integrator().body(Orders.batch(item)).post("/api/v1/orders/batch").then().statusCode(200)
                .body("items[0].status", equalTo(400))
                .body("items[0].errors.field", contains("customerId", "lines[0].quantity", "lines[0].sku", "lines[1].product",
                        "lines[1].quantity", "lines[2].product", "revision", "startDate", "subscriptionId", "termMonths"))
                .body("items[0].errors.find { it.field == 'lines[1].product' }.message",
                        equalTo("must be one of MEETINGS, CALLING, MESSAGING, REALTIME_TRANSLATION, CONTACT_CENTER, WEBINARS"))
                .body("items[0].errors.find { it.field == 'lines[2].product' }.message", equalTo("appears in more than one line"));
        assertEquals(0, Devstack.events(acme.partner(), null));
    }

    @Test
    void aConflictingRevisionOnTheTopicGoesToTheDeadLetterTopicWithTheReason() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.body("CCW-T", 1, customer, "SUB-T", "2026-01-01", 12, true, 10, 5))
                .post("/api/v1/orders").then().statusCode(201);
        try (TopicReader dlq = TopicReader.fromEnd(bootstrap, CcwOrderTopicIT.TOPIC + ".dlq");
             TopicWriter writer = TopicWriter.open(bootstrap)) {
            writer.send(CcwOrderTopicIT.TOPIC, customer, CcwOrderTopicIT.event(UUID.randomUUID().toString(), acme.partner(),
                    Orders.body("CCW-T", 1, customer, "SUB-T", "2026-01-01", 12, true, 99, 5)));
            String reason = CcwOrderTopicIT.reason(dlq.await(r -> customer.equals(r.key()), 1, Duration.ofSeconds(30)).get(0));
            assertEquals("order rejected: Revision 1 of order CCW-T was received before with other content; "
                    + "send changes as a higher revision", reason);
        }
        acme.readOnly().get("/api/v1/subscriptions/SUB-T").then().body("lines.purchased", contains(5, 10)).body("version", equalTo(1));
        assertEquals(2, Devstack.events(acme.partner(), null));
    }

    @Test
    void aKeyReusedWithAnotherBodyIs422AndCreatesNothing() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String key = "trial-" + UUID.randomUUID();
        String trial = acme.fullAdmin().header("Idempotency-Key", key)
                .body("{\"products\":[\"MEETINGS\"],\"licenses\":5,\"durationDays\":30}")
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(201).extract().path("subscriptionId");
        // member order and layout do not make another request
        acme.fullAdmin().header("Idempotency-Key", key).body("{ \"durationDays\": 30, \"licenses\": 5, \"products\": [\"MEETINGS\"] }")
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true")).body("subscriptionId", equalTo(trial));
        acme.fullAdmin().header("Idempotency-Key", key).body("{\"products\":[\"CALLING\"],\"licenses\":9,\"durationDays\":30}")
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", equalTo("This Idempotency-Key was used for another request within the last 24 hours; send this one with a new key"));
        // the key on another endpoint is another request too
        acme.fullAdmin().header("Idempotency-Key", key).body("{\"termMonths\":12}")
                .post("/api/v1/trials/" + trial + "/convert").then().statusCode(422);
        // another caller of the partner has keys of their own
        acme.admin().header("Idempotency-Key", key).body("{\"products\":[\"CALLING\"],\"licenses\":9,\"durationDays\":30}")
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(409); // one ACTIVE trial per customer
        assertEquals(1, Devstack.count("select count(*) from subscription where partner_org_id = ?", acme.partner()));
        assertEquals(1, Devstack.events(acme.partner(), null));
        acme.readOnly().get("/api/v1/subscriptions/" + trial).then().body("status", equalTo("ACTIVE")).body("lines.product", contains("MEETINGS"));
    }

    @Test
    void tenConcurrentRequestsWithOneKeyHaveOneEffect() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String key = "order-" + UUID.randomUUID();
        String body = Orders.body("CCW-C", 1, customer, "SUB-C", "2026-01-01", 12, true, 10, 5);
        List<Response> answers = concurrently(10, () -> acme.integrator().header("Idempotency-Key", key).body(body).post("/api/v1/orders"));
        assertEquals(10, answers.stream().filter(a -> a.statusCode() == 201).count(), statuses(answers));
        assertEquals(9, answers.stream().filter(a -> "true".equals(a.getHeader("Idempotent-Replayed"))).count(), statuses(answers));
        assertEquals(1, answers.stream().map(Response::asString).distinct().count());
        assertEquals(1, Devstack.count("select count(*) from subscription where partner_org_id = ?", acme.partner()));
        assertEquals(2, Devstack.events(acme.partner(), null));

        String trialKey = "trial-" + UUID.randomUUID();
        List<Response> trials = concurrently(10, () -> acme.fullAdmin().header("Idempotency-Key", trialKey)
                .body("{\"products\":[\"MEETINGS\"],\"licenses\":5,\"durationDays\":30}").post("/api/v1/customers/" + customer + "/trials"));
        assertEquals(10, trials.stream().filter(a -> a.statusCode() == 201).count(), statuses(trials));
        assertEquals(9, trials.stream().filter(a -> "true".equals(a.getHeader("Idempotent-Replayed"))).count(), statuses(trials));
        assertEquals(1, trials.stream().map(a -> a.<String>path("subscriptionId")).distinct().count());
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.trial.started"));

        String batchKey = "batch-" + UUID.randomUUID();
        String batch = Orders.batch(Orders.body("CCW-D", 1, customer, "SUB-D", "2026-01-01", 12, true, 1, 1));
        List<Response> batches = concurrently(10, () -> acme.integrator().header("Idempotency-Key", batchKey).body(batch)
                .post("/api/v1/orders/batch"));
        assertEquals(10, batches.stream().filter(a -> a.statusCode() == 200).count(), statuses(batches));
        assertEquals(9, batches.stream().filter(a -> "true".equals(a.getHeader("Idempotent-Replayed"))).count(), statuses(batches));
        assertEquals(1, batches.stream().map(Response::asString).distinct().count());
        batches.get(0).then().body("items[0].status", equalTo(201));
        assertEquals(1, Devstack.count("select count(*) from customer_order where partner_org_id = ? and ccw_order_id = 'CCW-D'",
                acme.partner()));
    }

    static List<Response> concurrently(int n, java.util.concurrent.Callable<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(request));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    static String statuses(List<Response> answers) {
        return answers.stream().map(a -> a.statusCode() + ":" + a.getHeader("Idempotent-Replayed")).toList().toString();
    }
}
