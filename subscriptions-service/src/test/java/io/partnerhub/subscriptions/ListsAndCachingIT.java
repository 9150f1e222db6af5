package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Every list pages by keyset and answers CSV; a GET with an ETag answers 304 while the answer would be the same. */
@QuarkusTest
class ListsAndCachingIT {

    static String invoice(String number, String periodStart) {
        return Json.object().put("number", number).put("periodStart", periodStart).put("periodEnd", "2026-12-31")
                .put("amount", new BigDecimal("100.00")).put("currency", "EUR").put("dueDate", "2027-01-15").toString();
    }

    @Test
    void invoicesPageByKeysetWithALinkAndAnswerCsv() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        for (String n : List.of("INV-1", "INV-2", "INV-3")) {
            acme.fullAdmin().body(invoice(n, "2026-01-01")).post("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(201);
        }
        Response first = acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices?limit=2");
        first.then().statusCode(200).body("items.number", contains("INV-1", "INV-2"))
                .header("Link", containsString("limit=2")).header("Link", containsString("rel=\"next\""));
        String cursor = first.path("nextCursor");
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items.number", contains("INV-3")).body("nextCursor", nullValue()).header("Link", nullValue());
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices").then().statusCode(200)
                .body("items.number", contains("INV-1", "INV-2", "INV-3")).body("nextCursor", nullValue());
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/subscriptions/" + sub + "/invoices?limit=2").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Link", containsString("rel=\"next\"")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("invoiceId,number,subscriptionId,customerId,periodStart,periodEnd,amount,currency,dueDate,status,issuedAt,paidAt,version,paidAmount",
                lines.get(0));
        assertEquals(3, lines.size());
        assertEquals("INV-1", lines.get(1).split(",")[1]);
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices?limit=501").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "/invoices?cursor=bogus").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aSubscriptionAnswers304UntilItOrItsUsageChanges() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String path = "/api/v1/subscriptions/" + sub + "?asOf=2026-03-01";
        String etag = acme.readOnly().get(path).then().statusCode(200).extract().header("ETag");
        acme.readOnly().header("If-None-Match", etag).get(path).then().statusCode(304).body(equalTo(""));
        acme.admin().header("If-None-Match", "\"0-0000000000000000\", " + etag).get(path).then().statusCode(304);
        acme.readOnly().header("If-None-Match", "\"1\"").get(path).then().statusCode(200);
        // usage changes the answer but not the version: the tag changes with it
        acme.usageIngest().body(Json.array().add(Json.object().put("subscriptionId", sub).put("product", "MEETINGS").put("date", "2026-02-01")
                        .put("assigned", 4).put("used", 2)).toString())
                .post("/api/v1/license-usage").then().statusCode(200).body("accepted", equalTo(1));
        String afterUsage = acme.readOnly().header("If-None-Match", etag).get(path).then().statusCode(200)
                .body("version", equalTo(1)).extract().header("ETag");
        assertNotEquals(etag, afterUsage);
        acme.fullAdmin().post("/api/v1/subscriptions/" + sub + "/provision").then().statusCode(200);
        acme.readOnly().header("If-None-Match", afterUsage).get(path).then().statusCode(200)
                .body("version", equalTo(2)).header("ETag", org.hamcrest.Matchers.startsWith("\"2-"));
    }

    @Test
    void anInvoiceAnswersWithItsVersionAsETagAnd304() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        String id = acme.fullAdmin().body(invoice("INV-E", "2026-01-01")).post("/api/v1/subscriptions/" + sub + "/invoices")
                .then().statusCode(201).extract().path("invoiceId");
        acme.readOnly().get("/api/v1/invoices/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("number", equalTo("INV-E")).body("status", equalTo("OPEN"));
        acme.readOnly().header("If-None-Match", "\"1\"").get("/api/v1/invoices/" + id).then().statusCode(304);
        acme.fullAdmin().body("{\"amount\":100.00}").post("/api/v1/invoices/" + id + "/payments").then().statusCode(200);
        acme.readOnly().header("If-None-Match", "\"1\"").get("/api/v1/invoices/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\"")).body("status", equalTo("PAID"));
        Callers.newPartner().fullAdmin().get("/api/v1/invoices/" + id).then().statusCode(404).contentType("application/problem+json");
        acme.usageIngest().get("/api/v1/invoices/" + id).then().statusCode(403);
    }
}
