package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LicenseUsageApiIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static ObjectNode snapshot(String sub, String product, String date, int assigned, int used) {
        return Json.object().put("subscriptionId", sub).put("product", product).put("date", date).put("assigned", assigned)
                .put("used", used);
    }

    /** A usage body: the snapshots (or other JSON values) in one JSON array. */
    static String snapshots(JsonNode... items) {
        return Json.array().addAll(List.of(items)).toString();
    }

    @Test
    void theLineShowsTheLatestSnapshotOnOrBeforeAsOf() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true); // MEETINGS 10, CALLING 5
        acme.usageIngest().body(snapshots(
                        snapshot(sub, "MEETINGS", "2026-03-01", 4, 2),
                        snapshot(sub, "MEETINGS", "2026-03-08", 12, 9),
                        snapshot(sub, "CALLING", "2026-03-05", 5, 5)))
                .post("/api/v1/license-usage").then().statusCode(200)
                .body("accepted", equalTo(3)).body("rejected", hasSize(0));
        // before any snapshot
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=2026-02-28").then()
                .body("asOf", equalTo("2026-02-28"))
                .body("lines.assigned", contains(0, 0)).body("lines.used", contains(0, 0)).body("lines.available", contains(5, 10));
        // on the first snapshot's date, and between snapshots
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=2026-03-07").then()
                .body("lines.product", contains("CALLING", "MEETINGS"))
                .body("lines.assigned", contains(5, 4)).body("lines.used", contains(5, 2))
                .body("lines.available", contains(0, 6)).body("lines.overage", contains(0, 0));
        // on and after the latest: assigned 12 > purchased 10
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=2026-03-08").then()
                .body("lines[1].assigned", equalTo(12)).body("lines[1].used", equalTo(9))
                .body("lines[1].available", equalTo(0)).body("lines[1].overage", equalTo(2));
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=2027-01-01").then().body("lines[1].assigned", equalTo(12));
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=yesterday").then().statusCode(400);
    }

    @Test
    void aSnapshotForTheSameDateReplacesTheEarlierOne() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        acme.usageIngest().body(snapshots(snapshot(sub, "MEETINGS", "2026-03-01", 4, 2))).post("/api/v1/license-usage").then().statusCode(200);
        acme.usageIngest().body(snapshots(snapshot(sub, "MEETINGS", "2026-03-01", 6, 3), snapshot(sub, "MEETINGS", "2026-03-01", 7, 1)))
                .post("/api/v1/license-usage").then().statusCode(200).body("accepted", equalTo(2));
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=2026-03-01").then()
                .body("lines[1].assigned", equalTo(7)).body("lines[1].used", equalTo(1));
    }

    @Test
    void badSnapshotsAreRejectedByIndexAndTheOthersStored() {
        Callers acme = Callers.newPartner();
        String sub = Orders.place(acme, CustomerTopic.known(acme), "2026-01-01", 12, true);
        Callers other = Callers.newPartner();
        String otherPartners = Orders.place(other, CustomerTopic.known(other), "2026-01-01", 12, true);
        acme.usageIngest().body(snapshots(
                        snapshot(sub, "MEETINGS", "2026-03-01", 4, 2),
                        snapshot(sub, "WEBINARS", "2026-03-01", 4, 2),
                        snapshot("NO-SUCH-SUB", "MEETINGS", "2026-03-01", 4, 2),
                        snapshot(sub, "PAGERS", "2026-13-01", -1, 2),
                        snapshot(otherPartners, "MEETINGS", "2026-03-01", 1, 1),
                        NullNode.getInstance(),
                        snapshot(sub, "CALLING", "2026-03-01", 3, 3)))
                .post("/api/v1/license-usage").then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected.index", contains(1, 2, 3, 4, 5))
                .body("rejected[0].errors[0].field", equalTo("subscriptionId"))
                .body("rejected[2].errors.field", contains("product", "date", "assigned"));
        acme.readOnly().get("/api/v1/subscriptions/" + sub + "?asOf=2026-03-01").then().body("lines.assigned", contains(3, 4));
    }

    @Test
    void oneUsageEventPerSubscriptionCarriesTheDatedValues() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        String s1 = Orders.place(acme, customer, "2026-01-01", 12, true);
        String s2 = Orders.place(acme, customer, "2026-01-01", 12, true);
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, OrderApiIT.TOPIC)) {
            acme.usageIngest().body(snapshots(
                            snapshot(s1, "MEETINGS", "2026-03-01", 4, 2),
                            snapshot(s2, "CALLING", "2026-03-02", 1, 0),
                            snapshot(s1, "CALLING", "2026-03-01", 5, 5)))
                    .post("/api/v1/license-usage").then().statusCode(200).body("accepted", equalTo(3));
            var records = reader.await(r -> customer.equals(r.key()) && r.value().contains("partnerhub.license.usage-recorded"), 2,
                    Duration.ofSeconds(30));
            assertEquals(2, records.size());
            JsonNode first = JSON.readTree(records.get(0).value());
            assertEquals("partnerhub.license.usage-recorded", first.get("type").asText());
            assertEquals(s1, first.get("data").get("subscriptionId").asText());
            assertEquals(customer, first.get("data").get("customerId").asText());
            JsonNode snapshots = first.get("data").get("snapshots");
            assertEquals(2, snapshots.size());
            assertEquals("MEETINGS", snapshots.get(0).get("product").asText());
            assertEquals("2026-03-01", snapshots.get(0).get("date").asText());
            assertEquals(4, snapshots.get(0).get("assigned").asInt());
            assertEquals(2, snapshots.get(0).get("used").asInt());
            assertEquals(s2, JSON.readTree(records.get(1).value()).get("data").get("subscriptionId").asText());
        }
    }

    @Test
    void tenThousandSnapshotsInOneCallAreStored() {
        Callers acme = Callers.newPartner();
        String[] subs = new String[10];
        String customer = CustomerTopic.known(acme);
        // short ids, as CCW's are: 10,000 snapshots must fit in the 1 MiB body limit
        for (int i = 0; i < subs.length; i++) {
            subs[i] = "S" + i;
            acme.integrator().body(Orders.body("O" + i, 1, customer, subs[i], "2026-01-01", 12, true, 10, 5))
                    .post("/api/v1/orders").then().statusCode(201);
        }
        ArrayNode body = Json.array();
        LocalDate day = LocalDate.parse("2024-01-01");
        for (int i = 0; i < 10_000; i++) {
            // 10 subscriptions × 2 products × 500 days
            body.add(snapshot(subs[i % 10], (i / 10) % 2 == 0 ? "MEETINGS" : "CALLING", day.plusDays(i / 20).toString(), i % 7, i % 3));
        }
        acme.usageIngest().body(body.toString()).post("/api/v1/license-usage").then().statusCode(200)
                .body("accepted", equalTo(10_000)).body("rejected", hasSize(0));
        assertEquals(10_000, Devstack.count("select count(*) from license_usage u join subscription s on s.id = u.subscription_ref "
                + "where s.partner_org_id = ?", acme.partner()));
        assertEquals(10, Devstack.events(acme.partner(), "partnerhub.license.usage-recorded"));
    }

    @Test
    void onlyUsageIngestMayPostUsage() {
        Callers acme = Callers.newPartner();
        acme.fullAdmin().body("[]").post("/api/v1/license-usage").then().statusCode(403);
        acme.integrator().body("[]").post("/api/v1/license-usage").then().statusCode(403);
        acme.usageIngest().body("[]").post("/api/v1/license-usage").then().statusCode(200).body("accepted", equalTo(0));
    }
}
