package io.partnerhub.customers;

import io.partnerhub.customers.service.CustomerStatusRefresh;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads at today take statuses, types and products from the stored rows (customer_status), which every write keeps
 * current in its own transaction; a row not of the read's day is computed live. Both must always give the same answer.
 */
@QuarkusTest
class StoredStatusesIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    CustomerStatusRefresh refresh;

    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Callers partner;
    SubscriptionFeed feed;

    @BeforeEach
    void open() {
        partner = Callers.newPartner();
        feed = new SubscriptionFeed(bootstrap, partner.partner());
        refresh.refresh(today).await().atMost(Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        feed.close();
    }

    String day(int offset) {
        return today.plusDays(offset).toString();
    }

    /** Every customer of the partner by name: statuses, types and products as GET /customers/{id} and the list answer them. */
    Map<String, List<List<String>>> everything() {
        Map<String, List<List<String>>> all = new LinkedHashMap<>();
        var page = partner.fullAdmin().get("/api/v1/customers?limit=100").then().statusCode(200).extract().jsonPath();
        List<String> ids = page.getList("items.id", String.class);
        for (int i = 0; i < ids.size(); i++) {
            var one = partner.fullAdmin().get("/api/v1/customers/" + ids.get(i)).then().statusCode(200).extract().jsonPath();
            List<List<String>> values = List.of(one.getList("statuses", String.class), one.getList("subscriptionTypes", String.class),
                    one.getList("products", String.class));
            assertEquals(values, List.of(page.getList("items[" + i + "].statuses", String.class),
                    page.getList("items[" + i + "].subscriptionTypes", String.class), page.getList("items[" + i + "].products", String.class)));
            all.put(one.getString("name"), values);
        }
        return all;
    }

    List<String> names(String filter) {
        return partner.fullAdmin().get("/api/v1/customers?limit=100&" + filter).then().statusCode(200).extract().jsonPath()
                .getList("items.name", String.class);
    }

    Map<String, List<String>> filtered() {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String filter : List.of("status=TRIAL", "status=ACTIVE", "status=EXPIRING_SOON", "status=LICENSE_OVERAGE",
                "status=ORDER_READY", "status=SUSPENDED", "status=EXPIRED", "product=CALLING", "product=MEETINGS",
                "subscriptionType=TRIAL", "status=ACTIVE&product=CALLING")) {
            lists.put(filter, names(filter));
        }
        return lists;
    }

    long stored(String sql) throws Exception {
        try (Connection db = Devstack.connect(); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws Exception {
        try (Connection db = Devstack.connect()) {
            db.createStatement().executeUpdate(sql);
        }
    }

    String ofPartner() {
        return "(select id from customer where partner_org_id = '" + partner.partner() + "')";
    }

    void awaitVersion(String subscriptionId, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> stored("select count(*) from subscription_summary where partner_org_id = '"
                + partner.partner() + "' and subscription_id = '" + subscriptionId + "' and version = " + version) == 1);
    }

    @Test
    void storedStatusesAreTheLiveOnesAndAreWhatReadsAnswer() throws Exception {
        String trial = CustomerApiIT.create(partner, "A Trial KK", null);
        String overage = CustomerApiIT.create(partner, "B Overage KK", null);
        String ordered = CustomerApiIT.create(partner, "C Ordered KK", null);
        String expired = CustomerApiIT.create(partner, "D Expired KK", null);
        String suspended = CustomerApiIT.create(partner, "E Suspended KK", null);
        CustomerApiIT.create(partner, "F Quiet KK", null);
        feed.subscription("partnerhub.trial.started", trial, "T-1", "TRIAL", "ACTIVE", day(-5), day(2), false, 1,
                SubscriptionFeed.lines("MEETINGS", 25));
        feed.subscription("partnerhub.subscription.provisioned", overage, "S-1", "SUBSCRIPTION", "ACTIVE", day(-30), day(300), true, 1,
                SubscriptionFeed.lines("CALLING", 10));
        feed.usage(overage, "S-1", "CALLING", day(0), 11, 9);
        feed.subscription("partnerhub.subscription.order-ready", ordered, "S-2", "SUBSCRIPTION", "ORDER_READY", day(10), day(375), true, 1,
                SubscriptionFeed.lines("MEETINGS", 5));
        feed.subscription("partnerhub.subscription.expired", expired, "S-3", "SUBSCRIPTION", "ACTIVE", day(-400), day(-1), false, 1,
                SubscriptionFeed.lines("MEETINGS", 5));
        feed.subscription("partnerhub.subscription.suspended", suspended, "S-4", "SUBSCRIPTION", "SUSPENDED", day(-10), day(20), false, 1,
                SubscriptionFeed.lines("CALLING", 5));
        for (String subscription : List.of("T-1", "S-1", "S-2", "S-3", "S-4")) {
            awaitVersion(subscription, 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> everything().get("B Overage KK").get(0).contains("LICENSE_OVERAGE"));

        Map<String, List<List<String>>> expected = new LinkedHashMap<>();
        expected.put("A Trial KK", List.of(List.of("EXPIRING_SOON", "TRIAL"), List.of("TRIAL"), List.of("MEETINGS")));
        expected.put("B Overage KK", List.of(List.of("ACTIVE", "LICENSE_OVERAGE"), List.of("SUBSCRIPTION"), List.of("CALLING")));
        expected.put("C Ordered KK", List.of(List.of("ORDER_READY"), List.of("SUBSCRIPTION"), List.of("MEETINGS")));
        expected.put("D Expired KK", List.of(List.of("EXPIRED"), List.of(), List.of()));
        expected.put("E Suspended KK", List.of(List.of("SUSPENDED"), List.of("SUBSCRIPTION"), List.of("CALLING")));
        expected.put("F Quiet KK", List.of(List.of(), List.of(), List.of()));
        Map<String, List<List<String>>> fromRows = everything();
        assertEquals(expected, fromRows);
        Map<String, List<String>> listsFromRows = filtered();
        assertEquals(List.of("B Overage KK"), listsFromRows.get("status=ACTIVE&product=CALLING"));
        assertEquals(List.of("A Trial KK"), listsFromRows.get("status=EXPIRING_SOON"));
        assertEquals(6, stored("select count(*) from customer_status where day = '" + today + "' and customer_id in " + ofPartner()));

        // the rows are what reads answer: a row changed behind the service's back shows (then a write puts it right)
        execute("update customer_status set statuses = '{SUSPENDED}' where customer_id = '" + trial + "'");
        assertEquals(List.of("SUSPENDED"), everything().get("A Trial KK").get(0));
        assertEquals(List.of("A Trial KK", "E Suspended KK"), names("status=SUSPENDED"));

        // rows of another day are not used: the same customers computed live give the same answers
        execute("update customer_status set day = day - 1 where customer_id in " + ofPartner());
        assertEquals(expected, everything());
        assertEquals(listsFromRows, filtered());

        // one customer's row current again (its write), the others live: still the same
        feed.usage(trial, "T-1", "MEETINGS", day(0), 3, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored("select count(*) from customer_status where day = '" + today + "' and customer_id = '"
                + trial + "'") == 1);
        assertEquals(expected, everything());
        assertEquals(listsFromRows, filtered());
    }

    @Test
    void aSubscriptionMovedToAnotherCustomerChangesBothRows() throws Exception {
        String first = CustomerApiIT.create(partner, "First KK", null);
        String second = CustomerApiIT.create(partner, "Second KK", null);
        feed.subscription("partnerhub.subscription.provisioned", first, "S-MOVE", "SUBSCRIPTION", "ACTIVE", day(-30), day(300), true, 1,
                SubscriptionFeed.lines("MEETINGS", 10));
        awaitVersion("S-MOVE", 1);
        assertEquals(List.of("First KK"), names("status=ACTIVE"));

        feed.subscription("partnerhub.subscription.changed", second, "S-MOVE", "SUBSCRIPTION", "ACTIVE", day(-30), day(300), true, 2,
                SubscriptionFeed.lines("MEETINGS", 10));
        awaitVersion("S-MOVE", 2);
        assertEquals(List.of("Second KK"), names("status=ACTIVE"));
        assertEquals(List.of("Second KK"), names("product=MEETINGS"));
        assertEquals(0, stored("select count(*) from customer_status where customer_id = '" + first + "' and cardinality(products) > 0"));
        assertEquals(2, stored("select count(*) from customer_status where day = '" + today + "' and customer_id in " + ofPartner()));
    }

    @Test
    void onANewDayReadsComputeLiveUntilTheRefreshStoresTheDay() throws Exception {
        String id = CustomerApiIT.create(partner, "Day KK", null);
        feed.subscription("partnerhub.trial.started", id, "T-DAY", "TRIAL", "ACTIVE", day(-5), day(4), false, 1,
                SubscriptionFeed.lines("MEETINGS", 25));
        awaitVersion("T-DAY", 1);
        Map<String, List<List<String>>> before = everything();
        assertEquals(List.of(List.of("TRIAL"), List.of("TRIAL"), List.of("MEETINGS")), before.get("Day KK"));

        // as if every row were stored yesterday and today had just begun
        execute("update customer_status_day set day = day - 1");
        execute("update customer_status set day = day - 1");
        assertEquals(0, stored("select count(*) from customer_status where day = '" + today + "'"));
        assertEquals(before, everything());
        assertEquals(List.of("Day KK"), names("status=TRIAL"));

        long analyzed = stored("select analyze_count from pg_stat_user_tables where relname = 'customer_status'");
        assertTrue(refresh.refresh(today).await().atMost(Duration.ofSeconds(60)));
        // every row rewritten: the planner gets the table's new statistics at once, not when autovacuum comes by
        assertEquals(analyzed + 1, stored("select analyze_count from pg_stat_user_tables where relname = 'customer_status'"));
        assertFalse(refresh.refresh(today).await().atMost(Duration.ofSeconds(60)), "stored once per day");
        assertEquals(0, stored("select count(*) from customer_status where day <> '" + today + "'"));
        assertEquals(before, everything());
        List<String> ids = new ArrayList<>(List.of(id));
        assertEquals(ids.size(), stored("select count(*) from customer_status where day = '" + today + "' and customer_id in " + ofPartner()));
    }

    @Test
    void aLockHeldOnTheTableDelaysTheDaysRefreshByFiveSecondsAtMost() throws Exception {
        execute("update customer_status_day set day = day - 1");
        // someone's open transaction holding the lock an analyze needs (as a by-hand "analyze" not committed would)
        try (Connection other = Devstack.connect()) {
            other.setAutoCommit(false);
            other.createStatement().execute("lock table customer_status in share update exclusive mode");
            long started = System.nanoTime();
            assertTrue(refresh.refresh(today).await().atMost(Duration.ofSeconds(60)));
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(seconds < 30, "refresh waited " + seconds + " s");
            assertEquals(1, stored("select count(*) from customer_status_day where day = '" + today + "'"));
            other.rollback();
        }
    }
}
