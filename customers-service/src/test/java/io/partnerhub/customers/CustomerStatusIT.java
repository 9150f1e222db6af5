package io.partnerhub.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each status rule of docs/product-rules.md at its boundary, computed from real subscription events at any asOf. */
@QuarkusTest
class CustomerStatusIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    Callers partner;
    SubscriptionFeed feed;

    @BeforeEach
    void open() {
        partner = Callers.newPartner();
        feed = new SubscriptionFeed(bootstrap, partner.partner());
    }

    @AfterEach
    void close() {
        feed.close();
    }

    List<String> statuses(String customerId, String asOf) {
        return partner.fullAdmin().get("/api/v1/customers/" + customerId + "?asOf=" + asOf)
                .then().statusCode(200).extract().jsonPath().getList("statuses", String.class);
    }

    void awaitVersion(String subscriptionId, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection db = Devstack.connect(); ResultSet rs = db.createStatement().executeQuery(
                    "select version from subscription_summary where partner_org_id = '" + partner.partner()
                            + "' and subscription_id = '" + subscriptionId + "'")) {
                return rs.next() && rs.getLong(1) == version;
            }
        });
    }

    @Test
    void aCustomerWithoutSubscriptionsHasNoLifecycleStatus() {
        String id = CustomerApiIT.create(partner, "Quiet KK", null);
        assertEquals(List.of(), statuses(id, LocalDate.now(ZoneOffset.UTC).toString()));
    }

    @Test
    void trialIsLiveFromItsStartUntilTheDayBeforeItsEnd() {
        String id = CustomerApiIT.create(partner, "Trial KK", null);
        feed.subscription("partnerhub.trial.started", id, "T-1", "TRIAL", "ACTIVE", "2026-01-01", "2026-01-31", false, 1,
                SubscriptionFeed.lines("MEETINGS", 25));
        awaitVersion("T-1", 1);
        assertEquals(List.of(), statuses(id, "2025-12-31").stream().filter(s -> !s.equals("NO_RECENT_ACTIVITY")).toList());
        assertEquals(List.of("TRIAL"), statuses(id, "2026-01-01"));
        assertEquals(List.of("EXPIRING_SOON", "TRIAL"), statuses(id, "2026-01-28"));
        assertEquals(List.of("TRIAL"), statuses(id, "2026-01-27"));
        assertEquals(List.of("EXPIRING_SOON", "TRIAL"), statuses(id, "2026-01-30"));
        assertEquals(List.of("EXPIRED"), statuses(id, "2026-01-31"));
    }

    @Test
    void expiringSoonIsThreeDaysNotFourAndNeverForAutoRenew() {
        String id = CustomerApiIT.create(partner, "Expiring KK", null);
        String renewing = CustomerApiIT.create(partner, "Renewing KK", null);
        feed.subscription("partnerhub.subscription.provisioned", id, "S-EXP", "SUBSCRIPTION", "ACTIVE", "2026-01-01",
                "2026-07-01", false, 2, SubscriptionFeed.lines("CALLING", 10));
        feed.subscription("partnerhub.subscription.provisioned", renewing, "S-REN", "SUBSCRIPTION", "ACTIVE", "2026-01-01",
                "2026-07-01", true, 2, SubscriptionFeed.lines("CALLING", 10));
        awaitVersion("S-EXP", 2);
        awaitVersion("S-REN", 2);
        assertEquals(List.of("ACTIVE"), statuses(id, "2026-06-27"));
        assertEquals(List.of("ACTIVE", "EXPIRING_SOON"), statuses(id, "2026-06-28"));
        assertEquals(List.of("ACTIVE", "EXPIRING_SOON"), statuses(id, "2026-06-30"));
        assertEquals(List.of("EXPIRED"), statuses(id, "2026-07-01"));
        assertEquals(List.of("ACTIVE"), statuses(renewing, "2026-06-30"));
    }

    @Test
    void suspendedOrderReadyAndCancelledSubscriptions() {
        String suspended = CustomerApiIT.create(partner, "Unpaid KK", null);
        String ordered = CustomerApiIT.create(partner, "Ordered KK", null);
        String cancelled = CustomerApiIT.create(partner, "Cancelled KK", null);
        feed.subscription("partnerhub.subscription.suspended", suspended, "S-SUS", "SUBSCRIPTION", "SUSPENDED", "2026-01-01",
                "2027-01-01", true, 3, SubscriptionFeed.lines("MEETINGS", 5));
        feed.subscription("partnerhub.subscription.created", ordered, "S-ORD", "SUBSCRIPTION", "ORDER_READY", "2026-03-01",
                "2027-03-01", true, 1, SubscriptionFeed.lines("MEETINGS", 5));
        feed.subscription("partnerhub.subscription.cancelled", cancelled, "S-CAN", "SUBSCRIPTION", "CANCELLED", "2026-01-01",
                "2027-01-01", false, 4, SubscriptionFeed.lines("MEETINGS", 5));
        awaitVersion("S-SUS", 3);
        awaitVersion("S-ORD", 1);
        awaitVersion("S-CAN", 4);
        assertEquals(List.of("SUSPENDED"), statuses(suspended, "2026-06-01"));
        assertEquals(List.of("ORDER_READY"), statuses(ordered, "2026-02-01"));
        assertEquals(List.of("ORDER_READY"), statuses(ordered, "2026-06-01"));
        // a term that ended without ever being provisioned has ended: nothing live, nothing ordered
        assertEquals(List.of("EXPIRED"), statuses(ordered, "2027-03-01").stream().filter(s -> !s.equals("NO_RECENT_ACTIVITY")).toList());
        assertEquals(List.of("EXPIRED"), statuses(cancelled, "2026-06-01"));
    }

    @Test
    void licenseOverageStartsOnTheDateOfTheSnapshotThatExceedsPurchased() {
        String id = CustomerApiIT.create(partner, "Overage KK", null);
        feed.subscription("partnerhub.subscription.provisioned", id, "S-OVR", "SUBSCRIPTION", "ACTIVE", "2026-01-01",
                "2027-01-01", true, 2, SubscriptionFeed.lines("MEETINGS", 10));
        feed.usage(id, "S-OVR", "MEETINGS", "2026-02-01", 10, 8);
        feed.usage(id, "S-OVR", "MEETINGS", "2026-03-01", 11, 9);
        awaitVersion("S-OVR", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(id, "2026-03-01").contains("LICENSE_OVERAGE"));
        assertEquals(List.of("ACTIVE"), statuses(id, "2026-02-28"));
        assertEquals(List.of("ACTIVE", "LICENSE_OVERAGE"), statuses(id, "2026-03-01"));
    }

    @Test
    void aLicenseValueKeepsTheLaterWriteWhenAnOlderEventArrivesAgain() throws Exception {
        String id = CustomerApiIT.create(partner, "Redelivered KK", null);
        String later = feed.usageAt("2026-11-25T11:00:00Z", id, "S-RED", "MEETINGS", "2026-02-01", 12, 11);
        awaitTaken(later);
        // an older event for the same date, e.g. redelivered after housekeeping purged its processed_event row
        String older = feed.usageAt("2026-11-25T10:00:00Z", id, "S-RED", "MEETINGS", "2026-02-01", 10, 8);
        awaitTaken(older);
        try (Connection db = Devstack.connect(); var query = db.prepareStatement(
                "select assigned || '/' || used || ' ' || event_id from license_snapshot where partner_org_id = ? and subscription_id = 'S-RED'")) {
            query.setString(1, partner.partner());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals("12/11 " + later, rs.getString(1));
            }
        }
    }

    private static void awaitTaken(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection db = Devstack.connect(); var query = db.prepareStatement(
                    "select count(*) from processed_event where consumer = 'customers-service.subscriptions' and event_id = ?")) {
                query.setString(1, eventId);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 1;
                }
            }
        });
    }

    @Test
    void noRecentActivityAfterThirtyDaysWithoutSignIn() {
        String id = CustomerApiIT.create(partner, "Sleepy KK", null);
        LocalDate created = LocalDate.now(ZoneOffset.UTC);
        assertEquals(List.of(), statuses(id, created.plusDays(29).toString()));
        assertEquals(List.of("NO_RECENT_ACTIVITY"), statuses(id, created.plusDays(30).toString()));
        partner.as("ingest", "usage-ingest").contentType(ContentType.JSON)
                .body(List.of(Map.of("customerId", id, "at", created.plusDays(10) + "T09:30:00Z")))
                .post("/api/v1/admin-activity").then().statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(1));
        assertEquals(List.of(), statuses(id, created.plusDays(39).toString()));
        assertEquals(List.of("NO_RECENT_ACTIVITY"), statuses(id, created.plusDays(40).toString()));
        // a sign-in after asOf does not count at asOf
        partner.as("ingest", "usage-ingest").contentType(ContentType.JSON)
                .body(List.of(Map.of("customerId", id, "at", created.plusDays(45) + "T00:00:00Z")))
                .post("/api/v1/admin-activity").then().statusCode(200);
        assertEquals(List.of("NO_RECENT_ACTIVITY"), statuses(id, created.plusDays(44).toString()));
        assertEquals(List.of(), statuses(id, created.plusDays(45).toString()));
    }

    @Test
    void aReplayedOrOlderSubscriptionEventChangesNothing() throws Exception {
        String id = CustomerApiIT.create(partner, "Replay KK", null);
        String eventId = UUID.randomUUID().toString();
        ObjectNode data = Json.object();
        data.putObject("subscription").put("subscriptionId", "S-RPL").put("customerId", id).put("type", "SUBSCRIPTION")
                .put("status", "SUSPENDED").put("startDate", "2026-01-01").put("endDate", "2027-01-01").put("autoRenew", true)
                .put("termMonths", 12).putArray("lines");
        data.put("version", 5);
        feed.send("partnerhub.subscription.suspended", id, data, eventId);
        feed.send("partnerhub.subscription.suspended", id, data, eventId);
        feed.subscription("partnerhub.subscription.resumed", id, "S-RPL", "SUBSCRIPTION", "ACTIVE", "2026-01-01",
                "2027-01-01", true, 4, Json.array());
        awaitVersion("S-RPL", 5);
        String marker = feed.subscription("partnerhub.subscription.created", id, "S-MARK", "SUBSCRIPTION", "ORDER_READY",
                "2027-01-01", "2028-01-01", true, 1, Json.array());
        awaitVersion("S-MARK", 1);
        assertEquals(List.of("ORDER_READY", "SUSPENDED"), statuses(id, "2026-06-01"));
        try (Connection db = Devstack.connect(); ResultSet rs = db.createStatement().executeQuery(
                "select count(*) from processed_event where event_id = '" + eventId + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
