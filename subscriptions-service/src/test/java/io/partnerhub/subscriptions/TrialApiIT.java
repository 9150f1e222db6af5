package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TrialApiIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    static String start(Callers partner, String customer, int days, String startDate) {
        ObjectNode trial = Json.object();
        trial.putArray("products").add("MEETINGS").add("CALLING");
        trial.put("licenses", 25).put("durationDays", days);
        if (startDate != null) {
            trial.put("startDate", startDate);
        }
        return partner.fullAdmin().body(trial.toString())
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(201).extract().path("subscriptionId");
    }

    @Test
    void aTrialIsASubscriptionOfTypeTrial() {
        TestClock.set(LocalDate.parse("2026-05-10"));
        Callers acme = Callers.newPartner();
        // the partner-admin starting it is assigned to the customer (known from customers-service)
        String customer = CustomerTopic.knownCustomerOf(bootstrap, acme.partner(), "admin-" + acme.partner());
        String trial = acme.admin().body("{\"products\":[\"MEETINGS\"],\"licenses\":25,\"durationDays\":30}")
                .post("/api/v1/customers/" + customer + "/trials")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/subscriptions/TRIAL-"))
                .body("subscriptionId", startsWith("TRIAL-"))
                .body("customerId", equalTo(customer))
                .body("type", equalTo("TRIAL"))
                .body("status", equalTo("ACTIVE"))
                .body("startDate", equalTo("2026-05-10"))
                .body("endDate", equalTo("2026-06-09"))
                .body("renewalDate", nullValue())
                .body("autoRenew", equalTo(false))
                .body("termMonths", nullValue())
                .body("lines[0].product", equalTo("MEETINGS"))
                .body("lines[0].purchased", equalTo(25))
                .extract().path("subscriptionId");
        acme.readOnly().get("/api/v1/customers/" + customer + "/trials").then().statusCode(200)
                .body("items.subscriptionId", contains(trial));
        acme.readOnly().get("/api/v1/subscriptions?type=TRIAL").then().body("items.subscriptionId", contains(trial));
        assertEquals(1, Devstack.count("select count(*) from outbox_event where payload->>'partnerorgid' = ? and "
                + "event_type = 'partnerhub.trial.started' and payload->'data'->>'startedBy' = ? and "
                + "payload->'data'->'subscription'->>'type' = 'TRIAL' and payload->'data'->>'version' = '1'",
                acme.partner(), "admin-" + acme.partner()));
    }

    @Test
    void aCustomerHasAtMostOneActiveTrial() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String trial = start(acme, customer, 30, null);
        acme.fullAdmin().body("{\"products\":[\"CALLING\"],\"licenses\":5,\"durationDays\":10}")
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(409).contentType("application/problem+json");
        assertEquals(1, Devstack.events(acme.partner(), null));
        // once it is no longer ACTIVE, another may start
        acme.fullAdmin().post("/api/v1/subscriptions/" + trial + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.trial.cancelled"));
        start(acme, customer, 10, null);
    }

    @Test
    void concurrentStartsLeaveOneActiveTrial() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> acme.fullAdmin().body("{\"products\":[\"MEETINGS\"],\"licenses\":5,\"durationDays\":10}")
                        .post("/api/v1/customers/" + customer + "/trials").statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(11, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.trial.started"));
    }

    @Test
    void durationIsOneToNinetyDays() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        for (int days : new int[] {0, 91}) {
            ObjectNode trial = Json.object();
            trial.putArray("products").add("MEETINGS");
            trial.put("licenses", 5).put("durationDays", days);
            acme.fullAdmin().body(trial.toString())
                    .post("/api/v1/customers/" + customer + "/trials").then().statusCode(400)
                    .body("errors[0].field", equalTo("durationDays"));
        }
        acme.fullAdmin().body("{\"products\":[],\"licenses\":0,\"durationDays\":5}")
                .post("/api/v1/customers/" + customer + "/trials").then().statusCode(400)
                .body("errors.field", contains("licenses", "products"));
        String trial = start(acme, customer, 90, "2026-01-01");
        acme.readOnly().get("/api/v1/subscriptions/" + trial).then().body("endDate", equalTo("2026-04-01"));
    }

    @Test
    void aTrialExtendsToAtMostOneHundredEightyDaysInTotal() {
        Callers acme = Callers.newPartner();
        String trial = start(acme, CustomerTopic.known(acme), 90, "2026-01-01");
        acme.fullAdmin().body("{\"days\":60}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(200)
                .body("endDate", equalTo("2026-05-31")).body("version", equalTo(2));
        acme.fullAdmin().body("{\"days\":31}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(409);
        acme.fullAdmin().body("{\"days\":30}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(200)
                .body("endDate", equalTo("2026-06-30"));
        acme.fullAdmin().body("{\"days\":1}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(409);
        acme.fullAdmin().body("{\"days\":0}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(400);
        assertEquals(2, Devstack.events(acme.partner(), "partnerhub.trial.extended"));
        acme.readOnly().body("{\"days\":1}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(403);
        Callers.newPartner().fullAdmin().body("{\"days\":1}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(404);
    }

    @Test
    void aConvertedTrialBecomesAnActiveSubscriptionWithItsLines() {
        TestClock.set(LocalDate.parse("2026-02-01"));
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String trial = start(acme, customer, 30, "2026-01-20");
        String sub = acme.fullAdmin().body("{\"termMonths\":12,\"autoRenew\":true}").post("/api/v1/trials/" + trial + "/convert")
                .then().statusCode(201)
                .body("type", equalTo("SUBSCRIPTION"))
                .body("status", equalTo("ACTIVE"))
                .body("customerId", equalTo(customer))
                .body("startDate", equalTo("2026-02-01"))
                .body("endDate", equalTo("2027-02-01"))
                .body("autoRenew", equalTo(true))
                .body("lines.product", contains("CALLING", "MEETINGS"))
                .body("lines.purchased", contains(25, 25))
                .extract().path("subscriptionId");
        acme.readOnly().get("/api/v1/subscriptions/" + trial).then()
                .body("status", equalTo("CONVERTED")).body("convertedTo", equalTo(sub)).body("version", equalTo(2));
        acme.fullAdmin().body("{\"termMonths\":12}").post("/api/v1/trials/" + trial + "/convert").then().statusCode(409);
        acme.fullAdmin().body("{\"days\":5}").post("/api/v1/trials/" + trial + "/extend").then().statusCode(409);
        assertEquals(1, Devstack.count("select count(*) from outbox_event where payload->>'partnerorgid' = ? and "
                + "event_type = 'partnerhub.trial.converted' and payload->'data'->>'convertedTo' = ?", acme.partner(), sub));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.subscription.created"));
        // after conversion the customer may start a new trial
        start(acme, customer, 10, null);
    }

    @Test
    void aSubscriptionIsNotATrial() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, false);
        acme.fullAdmin().body("{\"days\":5}").post("/api/v1/trials/" + sub + "/extend").then().statusCode(404);
    }
}
