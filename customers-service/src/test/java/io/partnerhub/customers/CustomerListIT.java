package io.partnerhub.customers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The customer list: every filter alone and combined, search, sort, keyset paging, CSV. */
@QuarkusTest
class CustomerListIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    Callers acme;
    String alpha;
    String bravo;
    String charlie;
    String delta;
    String vip;
    String churn;

    static String create(Callers partner, String name, String managedBy) {
        return partner.fullAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", name, "managedBy", managedBy))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    static String tag(Callers partner, String name) {
        return partner.fullAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "color", "#112233"))
                .post("/api/v1/tags").then().statusCode(201).extract().path("id");
    }

    @BeforeEach
    void data() {
        acme = Callers.newPartner();
        alpha = create(acme, "Alpha Foods", "PARTNER");
        bravo = create(acme, "bravo Logistics", "EXTERNAL");
        charlie = create(acme, "Charlie Foods", "EXTERNAL");
        delta = create(acme, "Delta_Medical 100%", "PARTNER");
        vip = tag(acme, "VIP");
        churn = tag(acme, "Churn risk");
        acme.fullAdmin().put("/api/v1/customers/" + alpha + "/tags/" + vip).then().statusCode(204);
        acme.fullAdmin().put("/api/v1/customers/" + charlie + "/tags/" + vip).then().statusCode(204);
        acme.fullAdmin().put("/api/v1/customers/" + charlie + "/tags/" + churn).then().statusCode(204);
        KeycloakStub.user("kenji", acme.partner(), "default-roles-partner-hub");
        acme.fullAdmin().contentType(ContentType.JSON)
                .body("{\"id\":\"kenji\",\"email\":\"kenji@acme.example\",\"displayName\":\"Kenji\",\"role\":\"partner-admin\"}")
                .post("/api/v1/admins").then().statusCode(201);
        acme.fullAdmin().put("/api/v1/customers/" + bravo + "/admins/kenji").then().statusCode(204);
        try (SubscriptionFeed feed = new SubscriptionFeed(bootstrap, acme.partner())) {
            feed.subscription("partnerhub.trial.started", alpha, "T-A", "TRIAL", "ACTIVE", "2026-11-01", "2026-12-31", false, 1,
                    SubscriptionFeed.lines("MEETINGS", 10));
            feed.subscription("partnerhub.subscription.provisioned", bravo, "S-B", "SUBSCRIPTION", "ACTIVE", "2026-01-01",
                    "2027-01-01", true, 2, SubscriptionFeed.lines("CALLING", 50));
            feed.subscription("partnerhub.subscription.provisioned", charlie, "S-C", "SUBSCRIPTION", "ACTIVE", "2026-01-01",
                    "2027-01-01", true, 2, SubscriptionFeed.lines("CALLING", "C", 5).add(SubscriptionFeed.line("MEETINGS", "M", 5)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids("subscriptionType=SUBSCRIPTION&subscriptionType=TRIAL").size() == 3);
    }

    List<String> ids(String query) {
        return acme.readOnly().get("/api/v1/customers?asOf=2026-11-25&" + query)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    @Test
    void withoutFiltersEveryCustomerSortedByNameIgnoringCase() {
        assertEquals(List.of(alpha, bravo, charlie, delta), ids(""));
        assertEquals(List.of(delta, charlie, bravo, alpha), ids("sort=-name"));
        assertEquals(List.of(alpha, bravo, charlie, delta), ids("sort=createdAt"));
        assertEquals(List.of(delta, charlie, bravo, alpha), ids("sort=-createdAt"));
    }

    @Test
    void eachFilterAlone() {
        assertEquals(List.of(alpha, charlie), ids("q=foods"));
        assertEquals(List.of(delta), acme.readOnly().queryParam("q", "_medical 100%").get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class));
        assertEquals(List.of(), acme.readOnly().queryParam("q", "%%").get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class));
        assertEquals(List.of(alpha, delta), ids("managedBy=PARTNER"));
        assertEquals(List.of(alpha), ids("status=TRIAL"));
        assertEquals(List.of(bravo, charlie), ids("status=ACTIVE"));
        assertEquals(List.of(alpha, charlie), ids("product=MEETINGS"));
        assertEquals(List.of(bravo, charlie), ids("product=CALLING"));
        assertEquals(List.of(bravo, charlie), ids("subscriptionType=SUBSCRIPTION"));
        assertEquals(List.of(alpha, charlie), ids("tag=" + vip));
        assertEquals(List.of(bravo), ids("adminId=kenji"));
    }

    @Test
    void valuesOfOneFilterAreOredAndFiltersAreAnded() {
        assertEquals(List.of(alpha, bravo, charlie), ids("status=TRIAL&status=ACTIVE"));
        assertEquals(List.of(alpha, bravo, charlie), ids("status=TRIAL,ACTIVE"));
        assertEquals(List.of(charlie), ids("tag=" + vip + "&product=CALLING"));
        assertEquals(List.of(charlie), ids("q=foods&managedBy=EXTERNAL&status=ACTIVE&tag=" + churn));
        assertEquals(List.of(), ids("adminId=kenji&managedBy=PARTNER"));
        assertEquals(List.of(alpha, charlie), ids("tag=" + vip + "&tag=" + churn));
    }

    @Test
    void badFilterValuesAre400NamingTheParameter() {
        acme.readOnly().get("/api/v1/customers?status=SLEEPING").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        acme.readOnly().get("/api/v1/customers?tag=nope").then().statusCode(400).body("errors[0].field", equalTo("tag"));
        acme.readOnly().get("/api/v1/customers?asOf=2026-13-01").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        acme.readOnly().get("/api/v1/customers?limit=501").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        acme.readOnly().get("/api/v1/customers?sort=size").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        acme.readOnly().get("/api/v1/customers?cursor=garbage").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void pagesFollowTheLinkHeaderAndStayStableUnderConcurrentInserts() {
        Response first = acme.readOnly().get("/api/v1/customers?limit=2&managedBy=PARTNER&managedBy=EXTERNAL");
        first.then().statusCode(200)
                .header("Link", containsString("managedBy=PARTNER"))
                .header("Link", containsString("rel=\"next\""));
        assertEquals(List.of(alpha, bravo), first.jsonPath().getList("items.id", String.class));
        // inserts before and after the cursor while the client pages
        create(acme, "Aardvark Inc", "PARTNER");
        create(acme, "Bravo Zulu", "PARTNER");
        String cursor = first.jsonPath().getString("nextCursor");
        Response second = acme.readOnly().get("/api/v1/customers?limit=2&managedBy=PARTNER&managedBy=EXTERNAL&cursor=" + cursor);
        List<String> seen = new ArrayList<>(second.jsonPath().getList("items.id", String.class));
        assertEquals(2, seen.size());
        assertEquals("Bravo Zulu", second.jsonPath().getString("items[0].name"));
        assertEquals(charlie, seen.get(1));
        Response third = acme.readOnly().get("/api/v1/customers?limit=2&managedBy=PARTNER&managedBy=EXTERNAL&cursor="
                + second.jsonPath().getString("nextCursor"));
        assertEquals(List.of(delta), third.jsonPath().getList("items.id", String.class));
        assertNull(third.jsonPath().getString("nextCursor"));
    }

    @Test
    void csvExportHasTheSameRowsWithAHeader() {
        String csv = acme.readOnly().accept("text/csv").get("/api/v1/customers?asOf=2026-11-25&tag=" + vip)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,name,externalId,managedBy,statuses,products,subscriptionTypes,tags,adminIds,lastAdminActivityAt,createdAt,version",
                lines[0]);
        assertEquals(3, lines.length);
        assertEquals(true, lines[1].startsWith(alpha + ",Alpha Foods,,PARTNER,TRIAL,MEETINGS,TRIAL,VIP,,,"));
        assertEquals(true, lines[2].startsWith(charlie + ",Charlie Foods,,EXTERNAL,ACTIVE,CALLING;MEETINGS,SUBSCRIPTION,Churn risk;VIP,,,"));
    }

    @Test
    void partnerAdminListsOnlyAssignedCustomers() {
        assertEquals(List.of(bravo), acme.as("kenji", "partner-admin").get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class));
        assertEquals(List.of(), Callers.newPartner().fullAdmin().get("/api/v1/customers")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class));
    }
}
