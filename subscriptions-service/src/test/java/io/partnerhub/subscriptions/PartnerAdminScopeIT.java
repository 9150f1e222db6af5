package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.Json;
import io.partnerhub.subscriptions.CustomerTopic.Customer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A partner-admin sees and changes only the customers assigned to them or created by them (docs/product-rules.md, Roles), as
 * customers-service describes them on {@code partnerhub.customers.v1}; anything else answers as if it did not exist.
 * Every test has its own partner: a partner-admin assigned to customer A, creator of customer C, not assigned to B.
 */
@QuarkusTest
class PartnerAdminScopeIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    CustomerTopic topic;

    /** One partner's customers and what they have. */
    record Partner(Callers callers, String adminId, Customer a, Customer b, Customer c, String subA, String subB, String subC,
                   String trialB, String invoiceB, String invoiceKeyB) {

        RequestSpecification admin() {
            return callers.as(adminId, "partner-admin");
        }

        RequestSpecification full() {
            return callers.fullAdmin();
        }
    }

    @BeforeEach
    void open() {
        topic = new CustomerTopic(bootstrap);
    }

    @AfterEach
    void close() {
        topic.close();
    }

    /** A, B, C known from the topic; a subscription each; B also has an ACTIVE trial and an OPEN invoice (subB ACTIVE). */
    Partner partner() {
        Callers acme = Callers.newPartner();
        String adam = "adam-" + UUID.randomUUID();
        String full = "full-" + acme.partner();
        Customer a = CustomerTopic.customer(acme.partner(), full, adam);
        Customer b = CustomerTopic.customer(acme.partner(), full, "berta-" + UUID.randomUUID());
        Customer c = CustomerTopic.customer(acme.partner(), adam);
        topic.publishAndAwait(a);
        topic.publishAndAwait(b);
        topic.publishAndAwait(c);
        String subA = Orders.place(acme, a.customerId(), "2026-01-01", 12, true);
        String subB = Orders.place(acme, b.customerId(), "2026-01-01", 12, true);
        String subC = Orders.place(acme, c.customerId(), "2026-01-01", 12, true);
        String trialB = TrialApiIT.start(acme, b.customerId(), 30, null);
        acme.fullAdmin().post("/api/v1/subscriptions/" + subB + "/provision").then().statusCode(200);
        String key = "invoice-" + UUID.randomUUID();
        String invoiceB = acme.fullAdmin().header("Idempotency-Key", key).body(invoice("INV-B1"))
                .post("/api/v1/subscriptions/" + subB + "/invoices").then().statusCode(201).extract().path("invoiceId");
        return new Partner(acme, adam, a, b, c, subA, subB, subC, trialB, invoiceB, key);
    }

    static String invoice(String number) {
        return Json.object().put("number", number).put("periodStart", "2026-05-01").put("periodEnd", "2026-05-31")
                .put("amount", new BigDecimal("1200.50")).put("currency", "EUR").put("dueDate", "2026-06-01").toString();
    }

    static final String TRIAL = "{\"products\":[\"MEETINGS\"],\"licenses\":5,\"durationDays\":30}";

    @Test
    void partnerAdminListsOnlyTheSubscriptionsOfAssignedAndSelfCreatedCustomers() {
        Partner p = partner();
        p.admin().get("/api/v1/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", containsInAnyOrder(p.subA(), p.subC())).body("nextCursor", nullValue());
        p.admin().get("/api/v1/subscriptions?customerId=" + p.b().customerId()).then().statusCode(200).body("items", empty());
        p.admin().get("/api/v1/subscriptions?type=TRIAL").then().statusCode(200).body("items", empty());
        p.admin().get("/api/v1/customers/" + p.a().customerId() + "/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", containsInAnyOrder(p.subA()));
        p.admin().get("/api/v1/customers/" + p.c().customerId() + "/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", containsInAnyOrder(p.subC()));
        p.admin().get("/api/v1/customers/" + p.c().customerId() + "/trials").then().statusCode(200).body("items", empty());
        p.admin().get("/api/v1/customers/" + p.a().customerId() + "/orders").then().statusCode(200)
                .body("items.subscriptionId", containsInAnyOrder(p.subA()));
        // keyset pages hold only visible rows: two pages of one, then none
        Response first = p.admin().get("/api/v1/subscriptions?limit=1");
        first.then().statusCode(200).body("items", hasSize(1));
        String cursor = first.path("nextCursor");
        assertNotNull(cursor);
        Response second = p.admin().get("/api/v1/subscriptions?limit=1&cursor=" + cursor);
        second.then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        assertEquals(Stream.of(p.subA(), p.subC()).sorted().toList(),
                Stream.of(first.<String>path("items[0].subscriptionId"), second.<String>path("items[0].subscriptionId")).sorted().toList());
        // CSV: a header and one row per line (two lines each)
        String csv = p.admin().accept("text/csv").get("/api/v1/subscriptions").then().statusCode(200).extract().asString();
        assertEquals(5, csv.lines().count());
        assertEquals(2, csv.lines().filter(l -> l.startsWith(p.subA() + ",")).count());
        assertEquals(2, csv.lines().filter(l -> l.startsWith(p.subC() + ",")).count());
    }

    @Test
    void partnerAdminReadsOfAnInvisibleCustomerAre404LikeSomethingThatDoesNotExist() {
        Partner p = partner();
        String b = p.b().customerId();
        String missingCustomer = UUID.randomUUID().toString();
        assertSameNotFound(p.admin().get("/api/v1/subscriptions/" + p.subB()), p.admin().get("/api/v1/subscriptions/SUB-NONE"));
        assertSameNotFound(p.admin().get("/api/v1/subscriptions/" + p.trialB()), p.admin().get("/api/v1/subscriptions/SUB-NONE"));
        assertSameNotFound(p.admin().get("/api/v1/subscriptions/" + p.subB() + "/invoices"),
                p.admin().get("/api/v1/subscriptions/SUB-NONE/invoices"));
        assertEquals("Customer not found", notFound(p.admin().get("/api/v1/customers/" + b + "/subscriptions")));
        assertEquals("Customer not found", notFound(p.admin().get("/api/v1/customers/" + b + "/trials")));
        assertEquals("Customer not found", notFound(p.admin().get("/api/v1/customers/" + b + "/orders")));
        assertEquals("Customer not found", notFound(p.admin().get("/api/v1/customers/" + missingCustomer + "/subscriptions")));
        // the same reads of A and C answer
        p.admin().get("/api/v1/subscriptions/" + p.subA()).then().statusCode(200).body("customerId", equalTo(p.a().customerId()));
        p.admin().get("/api/v1/subscriptions/" + p.subC() + "/invoices").then().statusCode(200).body("items", empty());
    }

    @Test
    void partnerAdminChangesOnAnInvisibleCustomerAre404AndChangeNothing() {
        Partner p = partner();
        long events = Devstack.events(p.callers().partner(), null);
        for (String action : List.of("provision", "suspend", "resume", "cancel")) {
            assertEquals("Subscription not found", notFound(p.admin().post("/api/v1/subscriptions/" + p.subB() + "/" + action)));
            assertEquals("Subscription not found", notFound(p.admin().post("/api/v1/subscriptions/" + p.trialB() + "/" + action)));
        }
        assertEquals("Subscription not found", notFound(p.admin().body(invoice("INV-B2"))
                .post("/api/v1/subscriptions/" + p.subB() + "/invoices")));
        // a replayed Idempotency-Key does not hand out the stored answer of B's invoice
        assertEquals("Subscription not found", notFound(p.admin().header("Idempotency-Key", p.invoiceKeyB()).body(invoice("INV-B1"))
                .post("/api/v1/subscriptions/" + p.subB() + "/invoices")));
        assertEquals("Invoice not found", notFound(p.admin().body("{\"amount\":1200.50}").post("/api/v1/invoices/" + p.invoiceB() + "/payments")));
        assertEquals("Customer not found", notFound(p.admin().body(TRIAL).post("/api/v1/customers/" + p.b().customerId() + "/trials")));
        assertEquals("Trial not found", notFound(p.admin().body("{\"days\":10}").post("/api/v1/trials/" + p.trialB() + "/extend")));
        assertEquals("Trial not found", notFound(p.admin().body("{\"termMonths\":12}").post("/api/v1/trials/" + p.trialB() + "/convert")));

        assertEquals(events, Devstack.events(p.callers().partner(), null));
        p.full().get("/api/v1/subscriptions/" + p.subB()).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(2));
        p.full().get("/api/v1/subscriptions/" + p.trialB()).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(1)).body("convertedTo", nullValue());
        p.full().get("/api/v1/subscriptions/" + p.subB() + "/invoices").then().statusCode(200)
                .body("items.invoiceId", containsInAnyOrder(p.invoiceB())).body("items[0].status", equalTo("OPEN"));
        assertEquals(2, Devstack.count("select count(*) from subscription where customer_id = cast(? as uuid)", p.b().customerId()));
        assertEquals(1, Devstack.count("select count(*) from invoice where customer_id = cast(? as uuid)", p.b().customerId()));
    }

    @Test
    void partnerAdminChangesOnAssignedAndSelfCreatedCustomersWork() {
        Partner p = partner();
        p.admin().post("/api/v1/subscriptions/" + p.subA() + "/provision").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(2));
        p.admin().post("/api/v1/subscriptions/" + p.subA() + "/suspend").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        p.admin().post("/api/v1/subscriptions/" + p.subA() + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
        String invoiceA = p.admin().header("Idempotency-Key", "invoice-a-" + UUID.randomUUID()).body(invoice("INV-A1"))
                .post("/api/v1/subscriptions/" + p.subA() + "/invoices").then().statusCode(201)
                .body("customerId", equalTo(p.a().customerId())).extract().path("invoiceId");
        p.admin().body("{\"amount\":1200.50}").post("/api/v1/invoices/" + invoiceA + "/payments").then().statusCode(200).body("status", equalTo("PAID"));
        String trialA = p.admin().body(TRIAL).post("/api/v1/customers/" + p.a().customerId() + "/trials").then().statusCode(201)
                .body("customerId", equalTo(p.a().customerId())).extract().path("subscriptionId");
        p.admin().body("{\"days\":10}").post("/api/v1/trials/" + trialA + "/extend").then().statusCode(200).body("version", equalTo(2));
        p.admin().body("{\"termMonths\":12}").post("/api/v1/trials/" + trialA + "/convert").then().statusCode(201)
                .body("customerId", equalTo(p.a().customerId())).body("status", equalTo("ACTIVE"));
        p.admin().body(TRIAL).post("/api/v1/customers/" + p.c().customerId() + "/trials").then().statusCode(201);
        p.admin().post("/api/v1/subscriptions/" + p.subC() + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        String partner = p.callers().partner();
        assertEquals(3, Devstack.events(partner, "partnerhub.trial.started")); // B's (set-up, full admin), A's and C's
        assertEquals(1, Devstack.events(partner, "partnerhub.trial.converted"));
        assertEquals(1, Devstack.events(partner, "partnerhub.invoice.paid"));
        p.admin().get("/api/v1/subscriptions").then().statusCode(200).body("items", hasSize(5)); // subA, subC, trialA, its conversion, trialC
    }

    @Test
    void fullAndReadOnlyAdminsStillSeeEveryCustomerAndReadOnlyChangesNothing() {
        Partner p = partner();
        // a customer only CCW knows yet: its order is the partner's, before customers-service has described it
        String subUnknown = Orders.placeForNewCustomer(p.callers(), "EXT-" + UUID.randomUUID(), "2026-01-01");
        List<String> all = List.of(p.subA(), p.subB(), p.subC(), p.trialB(), subUnknown);
        p.full().get("/api/v1/subscriptions").then().statusCode(200).body("items.subscriptionId", containsInAnyOrder(all.toArray()));
        p.callers().readOnly().get("/api/v1/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", containsInAnyOrder(all.toArray()));
        p.callers().readOnly().get("/api/v1/customers/" + p.b().customerId() + "/subscriptions").then().statusCode(200)
                .body("items.subscriptionId", containsInAnyOrder(p.subB(), p.trialB()));
        p.callers().readOnly().get("/api/v1/subscriptions/" + p.subB() + "/invoices").then().statusCode(200)
                .body("items.invoiceId", containsInAnyOrder(p.invoiceB()));
        p.callers().readOnly().post("/api/v1/subscriptions/" + p.subA() + "/provision").then().statusCode(403)
                .contentType("application/problem+json");
        p.full().post("/api/v1/subscriptions/" + p.subA() + "/provision").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aSubscriptionOfACustomerNotYetKnownIsInvisibleToAPartnerAdminUntilTheCustomerArrives() {
        Partner p = partner();
        String externalId = "EXT-" + UUID.randomUUID();
        String unknown = io.partnerhub.platform.runtime.ids.CustomerIds.fromExternalId(p.callers().partner(), externalId).toString();
        String sub = Orders.placeForNewCustomer(p.callers(), externalId, "2026-01-01");
        assertSameNotFound(p.admin().get("/api/v1/subscriptions/" + sub), p.admin().get("/api/v1/subscriptions/SUB-NONE"));
        assertEquals("Subscription not found", notFound(p.admin().post("/api/v1/subscriptions/" + sub + "/provision")));
        p.admin().get("/api/v1/subscriptions").then().body("items.subscriptionId", containsInAnyOrder(p.subA(), p.subC()));
        p.full().get("/api/v1/subscriptions/" + sub).then().statusCode(200).body("status", equalTo("ORDER_READY"));
        p.callers().readOnly().get("/api/v1/subscriptions/" + sub).then().statusCode(200);

        topic.publishAndAwait(new Customer(p.callers().partner(), unknown, "full-" + p.callers().partner(), List.of(p.adminId()), false, 1));
        p.admin().get("/api/v1/subscriptions/" + sub).then().statusCode(200).body("status", equalTo("ORDER_READY"));
        p.admin().get("/api/v1/subscriptions").then().body("items.subscriptionId", containsInAnyOrder(p.subA(), p.subC(), sub));
    }

    @Test
    void aCustomerEventThatUnassignsTheAdminHidesTheCustomerFromThenOn() {
        Partner p = partner();
        p.admin().get("/api/v1/subscriptions/" + p.subA()).then().statusCode(200);
        topic.publishAndAwait(p.a().withAdmins(2, "berta-" + UUID.randomUUID()));
        assertEquals("Subscription not found", notFound(p.admin().get("/api/v1/subscriptions/" + p.subA())));
        assertEquals("Subscription not found", notFound(p.admin().post("/api/v1/subscriptions/" + p.subA() + "/provision")));
        assertEquals("Customer not found", notFound(p.admin().get("/api/v1/customers/" + p.a().customerId() + "/orders")));
        p.admin().get("/api/v1/subscriptions").then().body("items.subscriptionId", containsInAnyOrder(p.subC()));
        p.full().get("/api/v1/subscriptions/" + p.subA()).then().statusCode(200).body("status", equalTo("ORDER_READY"));
    }

    @Test
    void aDeletedCustomerIsInvisibleToAPartnerAdminEvenItsCreator() {
        Partner p = partner();
        topic.publishAndAwait(p.c().asDeleted(2));
        assertEquals("Subscription not found", notFound(p.admin().get("/api/v1/subscriptions/" + p.subC())));
        p.admin().get("/api/v1/subscriptions").then().body("items.subscriptionId", containsInAnyOrder(p.subA()));
    }

    @Test
    void anOlderCustomerEventDoesNotOverwriteANewerOne() {
        Partner p = partner();
        topic.publishAndAwait(p.a().withAdmins(3, p.adminId(), "berta"));
        String older = topic.publish(p.a().withAdmins(2));
        CustomerTopic.awaitTaken(older);
        assertEquals(3, Devstack.count("select version from customer where customer_id = cast(? as uuid)", p.a().customerId()));
        assertEquals(2, Devstack.count("select cardinality(admin_ids) from customer where customer_id = cast(? as uuid)",
                p.a().customerId()));
        p.admin().get("/api/v1/subscriptions/" + p.subA()).then().statusCode(200);
    }

    /** The detail of a 404 problem+json answer. */
    static String notFound(Response response) {
        response.then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        return response.path("detail");
    }

    /** An invisible resource answers exactly what a missing one does (apart from naming its own request). */
    static void assertSameNotFound(Response invisible, Response missing) {
        missing.then().statusCode(404).contentType("application/problem+json");
        invisible.then().statusCode(404).contentType("application/problem+json");
        assertEquals(withoutRequest(missing), withoutRequest(invisible));
    }

    private static java.util.Map<String, Object> withoutRequest(Response response) {
        java.util.Map<String, Object> problem = new java.util.TreeMap<>(response.jsonPath().getMap(""));
        assertEquals(response.getHeader("X-Request-Id"), problem.remove("requestId"));
        problem.remove("instance");
        return problem;
    }
}
