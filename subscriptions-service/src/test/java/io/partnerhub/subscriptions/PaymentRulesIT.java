package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.Json;
import io.partnerhub.subscriptions.service.LifecycleJob;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/product-rules.md, Invoices: payments carry a positive amount; an invoice is PAID once its payments cover its amount;
 * partial payments are recorded and leave it OPEN or OVERDUE; the payment that settles the last invoice overdue past
 * grace resumes a suspended subscription.
 */
@QuarkusTest
class PaymentRulesIT {

    @Inject
    LifecycleJob job;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    static String issue(Callers partner, String sub, String number, String amount, String dueDate) {
        return partner.fullAdmin().body(Json.object().put("number", number).put("periodStart", "2026-05-01")
                        .put("periodEnd", "2026-05-31").put("amount", new BigDecimal(amount)).put("currency", "EUR")
                        .put("dueDate", dueDate).toString())
                .post("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(201).extract().path("invoiceId");
    }

    static Response pay(Callers partner, String invoice, String body) {
        return partner.fullAdmin().body(body).post("/api/v1/invoices/" + invoice + "/payments");
    }

    static long payments(String invoice) {
        return Devstack.count("select count(*) from invoice_payment where invoice_id = cast(? as uuid)", invoice);
    }

    @Test
    void aPaymentWithoutAPositiveAmountOfAtMostTwoDecimalsIs400AndChangesNothing() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String invoice = issue(acme, sub, "INV-V", "10.00", "2026-06-01");
        long events = Devstack.events(acme.partner(), null);

        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{}", "must not be null");
        bodies.put("{\"amount\":null}", "must not be null");
        bodies.put("{\"amount\":0}", "must be greater than 0");
        bodies.put("{\"amount\":0.00}", "must be greater than 0");
        bodies.put("{\"amount\":-5}", "must be greater than 0");
        bodies.put("{\"amount\":1.234}", "numeric value out of bounds (<12 digits>.<2 digits> expected)");
        bodies.put("{\"amount\":1000000000000}", "numeric value out of bounds (<12 digits>.<2 digits> expected)");
        bodies.put("{\"amount\":10.01}", "must not exceed what the invoice still owes: 10.00 EUR");
        bodies.put("{\"amount\":1e20}", "numeric value out of bounds (<12 digits>.<2 digits> expected)");
        for (var body : bodies.entrySet()) {
            pay(acme, invoice, body.getKey()).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("amount")).body("errors[0].message", equalTo(body.getValue()));
        }
        pay(acme, invoice, "{\"amount\":\"ten\"}").then().statusCode(400).contentType("application/problem+json");
        pay(acme, invoice, Json.object().put("amount", 1).put("reference", "r".repeat(129)).toString()).then().statusCode(400)
                .body("errors.field", contains("reference"));
        pay(acme, invoice, "{\"amount\":1,\"reference\":\"a\\u0000b\"}").then().statusCode(400)
                .body("errors.field", contains("reference"));
        acme.fullAdmin().post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(400)
                .contentType("application/problem+json");

        acme.readOnly().get("/api/v1/invoices/" + invoice).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("paidAmount", equalTo(0.0f)).body("payments", hasSize(0))
                .body("paidAt", nullValue()).body("version", equalTo(1));
        assertEquals(0, payments(invoice));
        assertEquals(events, Devstack.events(acme.partner(), null));
    }

    @Test
    void partialPaymentsAreRecordedAndThePaymentThatCoversTheAmountMakesItPaid() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String invoice = issue(acme, sub, "INV-P", "10.00", "2026-06-01");

        pay(acme, invoice, "{\"amount\":4.5,\"reference\":\" bank 1 \"}").then().statusCode(200)
                .body("status", equalTo("OPEN")).body("amount", equalTo(10.00f)).body("paidAmount", equalTo(4.50f))
                .body("paidAt", nullValue()).body("version", equalTo(2))
                .body("payments", hasSize(1)).body("payments[0].amount", equalTo(4.50f))
                .body("payments[0].reference", equalTo("bank 1")).body("payments[0].paymentId", notNullValue());
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.payment-recorded"));
        assertEquals(0, Devstack.events(acme.partner(), "partnerhub.invoice.paid"));
        assertEquals("4.50", Devstack.text("select cast(payload->'data'->'invoice'->>'paidAmount' as numeric(14,2))::text from outbox_event"
                + " where payload->>'partnerorgid' = ? and event_type = 'partnerhub.invoice.payment-recorded'", acme.partner()));

        pay(acme, invoice, "{\"amount\":5.51}").then().statusCode(400)
                .body("errors[0].message", equalTo("must not exceed what the invoice still owes: 5.50 EUR"));
        pay(acme, invoice, "{\"amount\":5.50}").then().statusCode(200)
                .body("status", equalTo("PAID")).body("paidAmount", equalTo(10.00f)).body("paidAt", notNullValue())
                .body("version", equalTo(3)).body("payments.amount", contains(4.50f, 5.50f));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.payment-recorded"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.paid"));
        assertEquals("10.00", Devstack.text("select cast(payload->'data'->'invoice'->>'paidAmount' as numeric(14,2))::text from outbox_event"
                + " where payload->>'partnerorgid' = ? and event_type = 'partnerhub.invoice.paid'", acme.partner()));
        pay(acme, invoice, "{\"amount\":0.01}").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Invoice INV-P is paid already"));
        assertEquals(2, payments(invoice));

        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(200)
                .body("items[0].paidAmount", equalTo(10.00f)).body("items[0].payments.amount", contains(4.50f, 5.50f));
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(200)
                .extract().asString();
        assertEquals(true, csv.lines().toList().get(0).endsWith(",version,paidAmount"), csv);
        assertEquals(true, csv.lines().toList().get(1).endsWith(",3,10.00"), csv);
    }

    @Test
    void onlyThePaymentThatSettlesTheLastInvoiceOverduePastGraceResumes() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(200);
        String first = issue(acme, sub, "INV-O1", "100.00", "2026-06-01");
        String second = issue(acme, sub, "INV-O2", "50.00", "2026-06-01");
        TestClock.set(LocalDate.parse("2026-06-16"));
        job.runNow();
        assertEquals("SUSPENDED", LifecycleJobIT.state(acme, sub).status());

        pay(acme, first, "{\"amount\":99.99}").then().statusCode(200).body("status", equalTo("OVERDUE"))
                .body("paidAmount", equalTo(99.99f));
        assertEquals("SUSPENDED", LifecycleJobIT.state(acme, sub).status());
        pay(acme, first, "{\"amount\":0.01}").then().statusCode(200).body("status", equalTo("PAID"));
        // the other invoice is still overdue past grace: still suspended
        assertEquals("SUSPENDED", LifecycleJobIT.state(acme, sub).status());
        assertEquals(0, Devstack.events(acme.partner(), "partnerhub.subscription.resumed"));
        pay(acme, second, "{\"amount\":50}").then().statusCode(200).body("status", equalTo("PAID"));
        assertEquals("ACTIVE", LifecycleJobIT.state(acme, sub).status());
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.subscription.resumed"));
        assertEquals(2, Devstack.events(acme.partner(), "partnerhub.invoice.paid"));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.payment-recorded"));
        job.runNow();
        assertEquals("ACTIVE", LifecycleJobIT.state(acme, sub).status());
    }

    @Test
    void racingPaymentsAllAddUpAndExactlyOneSettles() throws Exception {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String invoice = issue(acme, sub, "INV-R", "10.00", "2026-06-01");

        List<Response> answers = OrderRevisionAndKeyIT.concurrently(12, () -> pay(acme, invoice, "{\"amount\":1.00}"));
        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertEquals(Map.of(200, 10L, 409, 2L), byStatus);
        acme.readOnly().get("/api/v1/invoices/" + invoice).then().statusCode(200)
                .body("status", equalTo("PAID")).body("paidAmount", equalTo(10.00f)).body("payments", hasSize(10))
                .body("version", equalTo(11));
        assertEquals(10, payments(invoice));
        assertEquals(1, Devstack.events(acme.partner(), "partnerhub.invoice.paid"));
        assertEquals(9, Devstack.events(acme.partner(), "partnerhub.invoice.payment-recorded"));
    }

    @Test
    void anIdempotencyKeyRecordsOnePayment() throws Exception {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String invoice = issue(acme, sub, "INV-K", "10.00", "2026-06-01");
        String key = "pay-" + UUID.randomUUID();

        List<Response> answers = OrderRevisionAndKeyIT.concurrently(5, () -> acme.fullAdmin().header("Idempotency-Key", key)
                .body("{\"amount\":3}").post("/api/v1/invoices/" + invoice + "/payments"));
        Map<String, Long> outcomes = answers.stream().collect(Collectors.groupingBy(
                a -> a.statusCode() + ":" + a.getHeader("Idempotent-Replayed"), Collectors.counting()));
        assertEquals(Map.of("200:null", 1L, "200:true", 4L), outcomes, outcomes.toString());
        answers.forEach(a -> assertEquals(3.00f, a.jsonPath().getFloat("paidAmount")));
        acme.fullAdmin().header("Idempotency-Key", key).body("{\"amount\":4}").post("/api/v1/invoices/" + invoice + "/payments")
                .then().statusCode(422).contentType("application/problem+json");
        assertEquals(1, payments(invoice));
        acme.readOnly().get("/api/v1/invoices/" + invoice).then().body("paidAmount", equalTo(3.00f)).body("status", equalTo("OPEN"));
        // another partner's caller with the same key sees nothing of it
        Callers.newPartner().fullAdmin().header("Idempotency-Key", key).body("{\"amount\":3}")
                .post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(404);
    }

    @Test
    void anInvoiceOfNothingIsPaidWhenIssued() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String invoice = issue(acme, sub, "INV-Z", "0.00", "2026-06-01");
        acme.readOnly().get("/api/v1/invoices/" + invoice).then().statusCode(200)
                .body("status", equalTo("PAID")).body("paidAmount", equalTo(0.0f)).body("paidAt", notNullValue());
        pay(acme, invoice, "{\"amount\":1}").then().statusCode(409);
        TestClock.set(LocalDate.parse("2026-07-01"));
        job.runNow();
        acme.readOnly().get("/api/v1/invoices/" + invoice).then().body("status", equalTo("PAID"));
    }
}
