package io.partnerhub.analytics;

import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Paging, CSV, roles and bad input of the analytics reads. */
@QuarkusTest
class AnalyticsReadsIT {

    static final LocalDate AS_OF = LocalDate.parse("2026-06-15");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    final String partner = "p-" + UUID.randomUUID();

    /** Three customers, each with a MEETINGS line started 10, 20 and 30 days before AS_OF. */
    @BeforeEach
    void threeRecentLines() {
        try (TopicWriter writer = TopicWriter.open(bootstrap)) {
            for (int i = 1; i <= 3; i++) {
                UUID customer = UUID.randomUUID();
                String name = "Customer " + i;
                writer.send("partnerhub.customers.v1", customer.toString(), CustomerEventJson.of(UUID.randomUUID().toString(), partner,
                        customer.toString(), name, "alice", List.of(), false, 1));
                writer.send("partnerhub.subscriptions.v1", customer.toString(), Events.subscription(partner,
                        "partnerhub.subscription.created", "SUB-" + i, customer, false, "ACTIVE", AS_OF.minusDays(10L * i),
                        AS_OF.plusYears(1), true, 1, "MEETINGS", 10 * i));
            }
        }
        ConsumerLag.awaitCaughtUp(bootstrap, "analytics-service", List.of("partnerhub.customers.v1", "partnerhub.subscriptions.v1"),
                Duration.ofSeconds(60));
    }

    @Test
    void aTableIsPagedByCursorWithTheSectionKpisOverTheWholeSet() {
        Response first = full().get("/api/v1/analytics/recently-added?product=MEETINGS&limit=2&asOf=" + AS_OF);
        first.then().statusCode(200)
                .body("kpis.newCustomers", equalTo(3)).body("kpis.totalLicenses", equalTo(60))
                .body("items.subscriptionId", contains("SUB-1", "SUB-2"));
        String next = first.jsonPath().getString("nextCursor");
        String link = first.header("Link");
        assertEquals(true, link.endsWith("; rel=\"next\"") && link.contains("cursor=" + next) && link.contains("limit=2")
                && link.contains("product=MEETINGS"), link);
        full().get("/api/v1/analytics/recently-added?product=MEETINGS&limit=2&asOf=" + AS_OF + "&cursor=" + next)
                .then().statusCode(200)
                .body("kpis.newCustomers", equalTo(3))
                .body("items.subscriptionId", contains("SUB-3"))
                .body("nextCursor", nullValue());
    }

    @Test
    void csvHoldsTheWholeTable() {
        String csv = full().accept("text/csv").get("/api/v1/analytics/recently-added?product=MEETINGS&limit=1&asOf=" + AS_OF)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("customerId,customerName,subscriptionId,trial,daysSinceAdded,totalLicenses,used,assigned,available,"
                + "weeklyAssignedChange,weeklyUsedChange", lines.get(0));
        assertEquals(4, lines.size());
        assertEquals(true, lines.get(1).endsWith(",Customer 1,SUB-1,false,10,10,0,0,10,0,0"), lines.get(1));
        assertEquals(true, lines.get(3).endsWith(",Customer 3,SUB-3,false,30,30,0,0,30,0,0"), lines.get(3));
    }

    @Test
    void machineClientsAndUnknownCallersMayNotRead() {
        given().auth().oauth2(TestTokens.issue(partner, "svc", "usage-ingest")).get("/api/v1/analytics/kpis")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.issue(partner, "svc", "order-integrator")).get("/api/v1/analytics/overage?product=CALLING")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/analytics/kpis").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anotherPartnerSeesNoneOfIt() {
        given().auth().oauth2(TestTokens.issue("p-" + UUID.randomUUID(), "gina", "partner-read-only-admin"))
                .get("/api/v1/analytics/recently-added?product=MEETINGS&asOf=" + AS_OF)
                .then().statusCode(200).body("kpis.newCustomers", equalTo(0)).body("items.size()", equalTo(0));
    }

    @Test
    void lowAllocationAndOverageSetsAreKeptForAtMostSixteenDates() throws Exception {
        for (int i = 0; i < 20; i++) {
            full().get("/api/v1/analytics/kpis?asOf=" + AS_OF.plusDays(i)).then().statusCode(200).body("totalCustomers", equalTo(3));
        }
        try (java.sql.Connection db = Devstack.connect();
             java.sql.PreparedStatement query = db.prepareStatement(
                     "select count(distinct as_of), min(as_of) from line_set_state where partner_org_id = ?")) {
            query.setString(1, partner);
            try (java.sql.ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals(16, rs.getInt(1));
                assertEquals(AS_OF.plusDays(4), rs.getObject(2, LocalDate.class));
            }
        }
    }

    @Test
    void badParametersAre400ProblemJsonNamingTheParameter() {
        bad("/api/v1/analytics/expiring", "product");
        bad("/api/v1/analytics/expiring?product=MESSAGING", "product");
        bad("/api/v1/analytics/kpis?asOf=2026-13-01", "asOf");
        bad("/api/v1/analytics/overage?product=CALLING&limit=0", "limit");
        bad("/api/v1/analytics/overage?product=CALLING&limit=501", "limit");
        bad("/api/v1/analytics/overage?product=CALLING&limit=ten", "limit");
        bad("/api/v1/analytics/low-allocation?product=CALLING&cursor=bm90LWEtY3Vyc29y", "cursor");
        bad("/api/v1/analytics/recently-added?product=CALLING&cursor=%%%", "cursor");
        bad("/api/v1/analytics/license-trend?product=CALLING&weeks=0", "weeks");
        bad("/api/v1/analytics/license-trend?product=CALLING&weeks=105", "weeks");
    }

    void bad(String path, String field) {
        String body = full().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).extract().asString();
        assertFalse(body.contains("Exception") || body.contains("select "), body);
    }

    io.restassured.specification.RequestSpecification full() {
        return given().auth().oauth2(TestTokens.issue(partner, "alice", "partner-full-admin"));
    }
}
