package io.partnerhub.callingmetrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Calling reads: parameters, roles and an empty partner, all answered as the API conventions say. */
@QuarkusTest
class CallingReadProblemsIT {

    @Test
    void aMalformedAsOfIs400NamingTheParameter() {
        Callers.newPartner().fullAdmin().get("/api/v1/calling/quality/trend?asOf=2026-13-40")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void anUnknownWeekIs400NamingTheParameter() {
        Callers.newPartner().fullAdmin().get("/api/v1/calling/features?week=next")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("week"));
    }

    @Test
    void theIngestClientMayNotReadDashboards() {
        Callers.newPartner().ingest().get("/api/v1/calling/usage/users")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aReadWithoutTokenIs401() {
        given().get("/api/v1/calling/queues").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aPartnerWithoutRecordsGetsZerosNotErrors() {
        Callers.newPartner().readOnly().get("/api/v1/calling/queues?asOf=2026-11-29")
                .then().statusCode(200)
                .body("weekStart", equalTo("2026-11-22"))
                .body("dataFreshAt", nullValue())
                .body("kpis.avgTimeToAnswerSeconds", nullValue())
                .body("kpis.abandonedRatePct", equalTo(new java.math.BigDecimal("0.0")))
                .body("items.size()", equalTo(0));
        Callers.newPartner().readOnly().get("/api/v1/calling/usage/users?asOf=2026-11-29")
                .then().statusCode(200)
                .body("weeks.size()", equalTo(8))
                .body("weeks[0].weekStart", equalTo("2026-10-04"))
                .body("buckets.heavy", equalTo(0));
    }

    @Test
    void anEmptyCsvTableStillHasItsHeader() {
        String csv = Callers.newPartner().fullAdmin().accept("text/csv").get("/api/v1/calling/usage/customers")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(
                "customerId,customerName,activeUsers,calls,minutes,callsPerUser,callsChangePct\r\n", csv);
    }
}
