package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.Json;
import io.partnerhub.subscriptions.service.LifecycleJob;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lifecycle job against real PostgreSQL, with the clock moved instead of waiting. */
@QuarkusTest
class LifecycleJobIT {

    @Inject
    LifecycleJob job;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    record State(String status, String endDate, int version) {
    }

    static State state(Callers partner, String sub) {
        var body = partner.readOnly().get("/api/v1/subscriptions/" + sub).then().statusCode(200).extract().jsonPath();
        return new State(body.getString("status"), body.getString("endDate"), body.getInt("version"));
    }

    /** Subscriptions and a trial around a term end on 2026-06-01, a week of downtime, then the job twice. */
    @Test
    void aRunAfterAWeekOfDowntimeCatchesUpAndASecondRunChangesNothing() {
        Callers acme = Callers.newPartner();
        String c = CustomerTopic.known(acme);
        String renewing = Orders.place(acme, c, "2025-06-01", 12, true);
        String expiring = Orders.place(acme, c, "2025-06-01", 12, false);
        String neverProvisioned = Orders.place(acme, c, "2025-06-01", 12, true);
        String monthly = Orders.place(acme, c, "2026-04-03", 1, true);
        String later = Orders.place(acme, c, "2025-06-20", 12, true);
        for (String s : List.of(renewing, expiring, monthly, later)) {
            acme.fullAdmin().post("/api/v1/subscriptions/" + s + "/provision").then().statusCode(200);
        }
        String trial = TrialApiIT.start(acme, CustomerTopic.known(acme), 30, "2026-05-05");
        long before = Devstack.events(acme.partner(), null);

        TestClock.set(LocalDate.parse("2026-06-08"));
        job.runNow();
        assertEquals(new State("ACTIVE", "2027-06-01", 3), state(acme, renewing));
        assertEquals(new State("EXPIRED", "2026-06-01", 3), state(acme, expiring));
        assertEquals(new State("EXPIRED", "2026-06-01", 2), state(acme, neverProvisioned));
        // monthly: ended 2026-05-03 and 2026-06-03 during the downtime: two renewals, one event each
        assertEquals(new State("ACTIVE", "2026-07-03", 4), state(acme, monthly));
        assertEquals(new State("ACTIVE", "2026-06-20", 2), state(acme, later));
        assertEquals(new State("EXPIRED", "2026-06-04", 2), state(acme, trial));
        assertEquals(1 + 2, Devstack.events(acme.partner(), "partnerhub.subscription.renewed"));
        assertEquals(2, Devstack.events(acme.partner(), "partnerhub.subscription.expired"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.trial.expired"));
        long after = Devstack.events(acme.partner(), null);
        assertEquals(before + 6, after);

        job.runNow();
        assertEquals(after, Devstack.events(acme.partner(), null));
        assertEquals(new State("ACTIVE", "2026-07-03", 4), state(acme, monthly));
        assertEquals(new State("ACTIVE", "2027-06-01", 3), state(acme, renewing));
    }

    @Test
    void dailyRunsAndOneCatchUpRunEndInTheSameState() {
        Callers daily = Callers.newPartner();
        Callers catchUp = Callers.newPartner();
        String[] d = scenario(daily);
        String[] u = scenario(catchUp);
        for (LocalDate day = LocalDate.parse("2026-05-25"); !day.isAfter(LocalDate.parse("2026-06-25")); day = day.plusDays(1)) {
            TestClock.set(day);
            job.runNow();
        }
        TestClock.set(LocalDate.parse("2026-06-25"));
        job.runNow();
        for (int i = 0; i < d.length; i++) {
            State a = state(daily, d[i]);
            State b = state(catchUp, u[i]);
            assertEquals(a.status(), b.status(), "status of " + i);
            assertEquals(a.endDate(), b.endDate(), "end of " + i);
        }
    }

    private String[] scenario(Callers partner) {
        String c = CustomerTopic.known(partner);
        String a = Orders.place(partner, c, "2026-04-28", 1, true);
        String b = Orders.place(partner, c, "2025-06-10", 12, false);
        partner.fullAdmin().post("/api/v1/subscriptions/" + a + "/provision").then().statusCode(200);
        partner.fullAdmin().post("/api/v1/subscriptions/" + b + "/provision").then().statusCode(200);
        // unpaid: overdue from 2026-05-21, suspends on 2026-06-04, and the term still renews while SUSPENDED
        issue(partner, a, "INV-" + UUID.randomUUID(), "2026-05-20");
        return new String[] {a, b};
    }

    static String issue(Callers partner, String sub, String number, String dueDate) {
        return partner.fullAdmin().body(Json.object().put("number", number).put("periodStart", "2026-05-01")
                        .put("periodEnd", "2026-05-31").put("amount", new BigDecimal("1200.50")).put("currency", "EUR")
                        .put("dueDate", dueDate).toString())
                .post("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(201).extract().path("invoiceId");
    }

    @Test
    void anInvoiceOverduePastTheGracePeriodSuspendsAndPaymentResumes() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(200);
        String invoice = acme.fullAdmin().body("""
                {"number":"INV-1","periodStart":"2026-05-01","periodEnd":"2026-05-31","amount":1200.50,"currency":"EUR","dueDate":"2026-06-01"}
                """).post("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(201)
                .body("status", equalTo("OPEN")).body("amount", equalTo(1200.50f)).body("subscriptionId", equalTo(sub))
                .extract().path("invoiceId");
        acme.fullAdmin().body("""
                {"number":"INV-1","periodStart":"2026-05-01","periodEnd":"2026-05-31","amount":1,"currency":"EUR","dueDate":"2026-06-01"}
                """).post("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(409);

        TestClock.set(LocalDate.parse("2026-06-01"));
        job.runNow();
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices").then().body("items[0].status", equalTo("OPEN"));
        TestClock.set(LocalDate.parse("2026-06-02"));
        job.runNow();
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices").then().body("items[0].status", equalTo("OVERDUE"));
        // grace: 14 days after the due date it is still ACTIVE, the day after it is suspended
        TestClock.set(LocalDate.parse("2026-06-15"));
        job.runNow();
        assertEquals("ACTIVE", state(acme, sub).status());
        TestClock.set(LocalDate.parse("2026-06-16"));
        job.runNow();
        job.runNow();
        assertEquals("SUSPENDED", state(acme, sub).status());
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.subscription.suspended"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.overdue"));

        acme.readOnly().post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(403);
        Callers.newPartner().fullAdmin().body("{\"amount\":1200.50}").post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(404);
        acme.fullAdmin().body("{\"amount\":1200.50}").post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(200)
                .body("status", equalTo("PAID")).body("paidAt", org.hamcrest.Matchers.notNullValue());
        assertEquals("ACTIVE", state(acme, sub).status());
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.subscription.resumed"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.paid"));
        acme.fullAdmin().body("{\"amount\":1}").post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(409);
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(200)
                .extract().asString();
        assertEquals(2, csv.lines().count());
        org.junit.jupiter.api.Assertions.assertTrue(csv.lines().toList().get(1).contains(",INV-1," + sub + ","), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.lines().toList().get(1).contains(",1200.50,EUR,2026-06-01,PAID,"), csv);
        job.runNow();
        assertEquals("ACTIVE", state(acme, sub).status());
    }
}
