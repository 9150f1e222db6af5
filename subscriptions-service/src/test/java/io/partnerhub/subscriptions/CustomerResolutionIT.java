package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.TopicReader;
import io.partnerhub.platform.devstack.TopicWriter;
import io.partnerhub.platform.runtime.ids.CustomerIds;
import io.partnerhub.subscriptions.service.CustomerDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A customer id is resolved in the caller's partner: an order, a trial or a customer-scoped read of a customer the
 * partner does not have is 404 and creates nothing; a customer only CCW knows is the partner's from its first order;
 * a customer that has not arrived from customers-service yet is waited for (1 s in tests) before 404.
 */
@QuarkusTest
class CustomerResolutionIT {

    static final String TRIAL = "{\"products\":[\"MEETINGS\"],\"licenses\":5,\"durationDays\":30}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    CustomerDirectory directory;

    @Test
    void anOrderOrTrialForAnUnknownOrAnotherPartnersCustomerIs404AndCreatesNothing() {
        Callers acme = Callers.newPartner();
        Callers globex = Callers.newPartner();
        String globexCustomer = CustomerTopic.known(globex);
        for (String customer : List.of(UUID.randomUUID().toString(), globexCustomer)) {
            notFound(acme.integrator().body(Orders.body("CCW-" + UUID.randomUUID(), 1, customer, "SUB-" + UUID.randomUUID(),
                    "2026-01-01", 12, true, 1, 1)).post("/api/v1/orders"));
            notFound(acme.fullAdmin().body(TRIAL).post("/api/v1/customers/" + customer + "/trials"));
            notFound(acme.admin().body(TRIAL).post("/api/v1/customers/" + customer + "/trials"));
            notFound(acme.fullAdmin().header("Idempotency-Key", "k-" + customer).body(TRIAL).post("/api/v1/customers/" + customer + "/trials"));
        }
        String batchCustomer = CustomerTopic.known(acme);
        acme.integrator().body(Orders.batch(
                        Orders.body("CCW-1", 1, UUID.randomUUID().toString(), "SUB-1", "2026-01-01", 12, true, 1, 1),
                        Orders.body("CCW-2", 1, batchCustomer, "SUB-2", "2026-01-01", 12, true, 1, 1),
                        Orders.body("CCW-3", 1, globexCustomer, "SUB-3", "2026-01-01", 12, true, 1, 1)))
                .post("/api/v1/orders/batch").then().statusCode(200)
                .body("items.status", contains(404, 201, 404))
                .body("items[0].detail", equalTo("Customer not found"))
                .body("accepted", equalTo(1)).body("rejected", equalTo(2));
        assertEquals(1, Devstack.count("select count(*) from subscription where partner_org_id = ?", acme.partner()));
        assertEquals(1, Devstack.count("select count(*) from customer_order where partner_org_id = ?", acme.partner()));
        assertEquals(2, Devstack.events(acme.partner(), null));
        assertEquals(0, Devstack.count("select count(*) from subscription where customer_id = cast(? as uuid)", globexCustomer));
    }

    @Test
    void aDeletedCustomerTakesNoOrder() {
        Callers acme = Callers.newPartner();
        CustomerTopic.Customer customer = CustomerTopic.customer(acme.partner(), "full-" + acme.partner());
        try (CustomerTopic topic = new CustomerTopic(bootstrap)) {
            topic.publishAndAwait(customer);
            topic.publishAndAwait(customer.asDeleted(2));
        }
        notFound(acme.integrator().body(Orders.body("CCW-X", 1, customer.customerId(), "SUB-X", "2026-01-01", 12, true, 1, 1))
                .post("/api/v1/orders"));
        notFound(acme.readOnly().get("/api/v1/customers/" + customer.customerId() + "/subscriptions"));
        assertEquals(0, Devstack.events(acme.partner(), null));
    }

    @Test
    void aCustomerOnlyCcwKnowsIsThePartnersFromItsFirstOrder() {
        Callers acme = Callers.newPartner();
        String externalId = "EXT-" + UUID.randomUUID();
        String derived = CustomerIds.fromExternalId(acme.partner(), externalId).toString();
        String first = Orders.placeForNewCustomer(acme, externalId, "2026-01-01");
        // customers-service has not described it here (nobody runs it in this test): the order made it the partner's
        String second = Orders.place(acme, derived, "2026-02-01", 12, true);
        acme.fullAdmin().body(TRIAL).post("/api/v1/customers/" + derived + "/trials").then().statusCode(201);
        acme.readOnly().get("/api/v1/customers/" + derived + "/subscriptions?type=SUBSCRIPTION").then().statusCode(200)
                .body("items.subscriptionId", org.hamcrest.Matchers.containsInAnyOrder(first, second));
        acme.readOnly().get("/api/v1/customers/" + derived + "/orders").then().statusCode(200)
                .body("items.subscriptionId", contains(second, first));
        // another partner's order for the same external id is another customer
        notFound(Callers.newPartner().readOnly().get("/api/v1/customers/" + derived + "/orders"));
    }

    @Test
    void theThreeCustomerReadsAre404ForEveryAdminRoleOfAnUnknownOrAnotherPartnersCustomer() throws Exception {
        Callers acme = Callers.newPartner();
        String globexCustomer = CustomerTopic.known(Callers.newPartner());
        String unknown = UUID.randomUUID().toString();
        List<Supplier<RequestSpecification>> roles = List.of(acme::fullAdmin, acme::admin, acme::readOnly);
        // all at once: each read of the unknown customer waits (1 s in tests) for it before its 404
        List<CompletableFuture<Response>> reads = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(36);
        for (String customer : List.of(unknown, globexCustomer)) {
            for (Supplier<RequestSpecification> role : roles) {
                for (String list : List.of("subscriptions", "trials", "orders")) {
                    RequestSpecification json = role.get();
                    RequestSpecification csv = role.get().accept("text/csv");
                    reads.add(CompletableFuture.supplyAsync(() -> json.get("/api/v1/customers/" + customer + "/" + list), pool));
                    reads.add(CompletableFuture.supplyAsync(() -> csv.get("/api/v1/customers/" + customer + "/" + list), pool));
                }
            }
        }
        assertEquals(36, reads.size());
        try {
            for (CompletableFuture<Response> read : reads) {
                assertEquals("Customer not found", notFound(read.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        // the partner's customer with nothing: an empty list for each (the partner-admin is assigned to it)
        String known = CustomerTopic.known(acme);
        for (Supplier<RequestSpecification> role : roles) {
            for (String list : List.of("subscriptions", "trials", "orders")) {
                role.get().get("/api/v1/customers/" + known + "/" + list).then().statusCode(200)
                        .body("items", empty()).body("nextCursor", equalTo(null));
            }
        }
    }

    @Test
    void aCustomerThatArrivesWhileTheOrderWaitsIsFoundAndOneThatDoesNotIs404AfterTheWait() throws Exception {
        Callers acme = Callers.newPartner();
        CustomerTopic.Customer late = CustomerTopic.customer(acme.partner(), "full-" + acme.partner());
        CompletableFuture<Response> order = CompletableFuture.supplyAsync(() -> acme.integrator()
                .body(Orders.body("CCW-LATE", 1, late.customerId(), "SUB-LATE", "2026-01-01", 12, true, 3, 3)).post("/api/v1/orders"));
        // the order is waiting for the customer (not answered 404): now customers-service describes it
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> directory.waiting() > 0 || order.isDone());
        assertTrue(!order.isDone(), () -> "answered before the customer arrived: " + order.join().asString());
        try (CustomerTopic topic = new CustomerTopic(bootstrap)) {
            topic.publish(late);
        }
        order.get().then().statusCode(201).body("customerId", equalTo(late.customerId()));

        // a customer that never comes: 404 once the wait (1 s in tests) is over, not before
        long start = System.nanoTime();
        notFound(acme.integrator().body(Orders.body("CCW-NEVER", 1, UUID.randomUUID().toString(), "SUB-NEVER", "2026-01-01", 12, true, 3, 3))
                .post("/api/v1/orders"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1000 && millis < 5000, "answered after " + millis + " ms");
        // known as another partner's: no wait
        String globexCustomer = CustomerTopic.known(Callers.newPartner());
        start = System.nanoTime();
        notFound(acme.integrator().body(Orders.body("CCW-OTHER", 1, globexCustomer, "SUB-OTHER", "2026-01-01", 12, true, 3, 3))
                .post("/api/v1/orders"));
        millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "answered after " + millis + " ms");
        assertEquals(2, Devstack.events(acme.partner(), null));
    }

    @Test
    void anOrderOnTheTopicForACustomerThePartnerDoesNotHaveGoesToTheDeadLetterTopic() {
        Callers acme = Callers.newPartner();
        String globexCustomer = CustomerTopic.known(Callers.newPartner());
        try (TopicReader dlq = TopicReader.fromEnd(bootstrap, CcwOrderTopicIT.TOPIC + ".dlq");
             TopicWriter writer = TopicWriter.open(bootstrap)) {
            writer.send(CcwOrderTopicIT.TOPIC, globexCustomer, CcwOrderTopicIT.event(UUID.randomUUID().toString(), acme.partner(),
                    Orders.body("CCW-G", 1, globexCustomer, "SUB-G", "2026-01-01", 12, true, 1, 1)));
            String reason = CcwOrderTopicIT.reason(dlq.await(r -> globexCustomer.equals(r.key()), 1, Duration.ofSeconds(30)).get(0));
            assertEquals("order rejected: Customer not found", reason);
        }
        assertEquals(0, Devstack.events(acme.partner(), null));
    }

    static String notFound(Response response) {
        response.then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        return response.path("detail");
    }
}
