package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.e2e.JsonHttp.Answer;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscription analytics end to end, through the gateway with real Keycloak tokens: a CCW order accepted by
 * subscriptions-service and a license-usage post travel through the outbox and Kafka into analytics-service and show
 * up in {@code /analytics/kpis} and the sections; and how fresh the analytics are (order accepted → reflected) over
 * 100 orders. Partner Acme is shared with the other e2e tests, so only the test's own rows and growth are asserted.
 */
class AnalyticsFreshnessIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final int ORDERS = 100;
    static final int PAGE = 500;

    static SystemLauncher system;

    String alice;
    String adam;
    String orders;
    String usage;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
    }

    /** Fresh tokens per test: the freshness run must not outlive an access token. */
    @BeforeEach
    void tokens() throws IOException {
        String realm = system.keycloak().realmUrl();
        String password = system.secret("PARTNERHUB_DEMO_PASSWORD");
        alice = KeycloakTokens.password(realm, "alice@acme.example", password);
        adam = KeycloakTokens.password(realm, "adam@acme.example", password);
        orders = KeycloakTokens.clientCredentials(realm, "order-integrator-acme", system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        usage = KeycloakTokens.clientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
    }

    @Test
    void aCcwOrderAndLicenseUsageShowUpInTheKpisAndSections() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String run = UUID.randomUUID().toString();
        String subscriptionId = "SUB-AN-" + run;
        String customerName = "Analytics Freshness " + run;
        long customersBefore = kpis(alice).path("totalCustomers").asLong();

        ObjectNode order = order("CCW-AN-" + run, "EXT-AN-" + run, customerName, subscriptionId, today.minusDays(40), 10);
        ((ArrayNode) order.get("lines")).add(line("CALLING", "A-CALL-PRO", 5));
        Answer placed = post(orders, "/api/v1/orders", order);
        assertEquals(201, placed.status(), placed::toString);
        assertEquals(subscriptionId, placed.body().path("subscriptionId").asText(), placed::toString);
        String customerId = placed.body().path("customerId").asText();
        assertFalse(customerId.isEmpty(), placed::toString);

        // the order: a recently added line of 10 MEETINGS licenses, 40 days old, nothing assigned yet
        String recentMeetings = "/api/v1/analytics/recently-added?product=MEETINGS&asOf=" + today;
        JsonNode row = awaitRow(alice, recentMeetings, subscriptionId, r -> r.path("assigned").asLong() == 0);
        assertEquals(customerId, row.path("customerId").asText(), row::toString);
        assertFalse(row.path("trial").asBoolean(), row::toString);
        assertEquals(40, row.path("daysSinceAdded").asLong(), row::toString);
        assertEquals(10, row.path("totalLicenses").asLong(), row::toString);
        assertEquals(0, row.path("used").asLong(), row::toString);
        assertEquals(10, row.path("available").asLong(), row::toString);
        JsonNode calling = awaitRow(alice, "/api/v1/analytics/recently-added?product=CALLING&asOf=" + today, subscriptionId, r -> true);
        assertEquals(5, calling.path("totalLicenses").asLong(), calling::toString);
        assertEquals(40, calling.path("daysSinceAdded").asLong(), calling::toString);
        JsonNode kpis = kpis(alice);
        assertTrue(kpis.path("totalCustomers").asLong() > customersBefore,
                () -> "totalCustomers did not grow from " + customersBefore + ": " + kpis);
        assertEquals(today.toString(), kpis.path("asOf").asText(), kpis::toString);
        assertNotNull(kpis.get("dataFreshAt"), kpis::toString);

        // the license usage: 12 of 10 MEETINGS licenses assigned (an overage of 2), 2 of 5 CALLING ones
        ArrayNode snapshots = JSON.createArrayNode();
        snapshots.add(snapshot(subscriptionId, "MEETINGS", today, 12, 7));
        snapshots.add(snapshot(subscriptionId, "CALLING", today, 2, 1));
        Answer recorded = post(usage, "/api/v1/license-usage", snapshots);
        assertEquals(200, recorded.status(), recorded::toString);
        assertEquals(2, recorded.body().path("accepted").asInt(), recorded::toString);
        assertEquals(0, recorded.body().path("rejected").size(), recorded::toString);

        JsonNode over = awaitRow(alice, "/api/v1/analytics/overage?product=MEETINGS&asOf=" + today, subscriptionId,
                r -> r.path("assigned").asLong() == 12);
        assertEquals(customerId, over.path("customerId").asText(), over::toString);
        assertEquals(10, over.path("totalLicenses").asLong(), over::toString);
        assertEquals(7, over.path("used").asLong(), over::toString);
        assertEquals(2, over.path("overage").asLong(), over::toString);
        assertEquals(0, new BigDecimal("120.0").compareTo(over.path("assignedPct").decimalValue()), over::toString);
        assertEquals(0, new BigDecimal("70.0").compareTo(over.path("usedPct").decimalValue()), over::toString);
        assertFalse(over.path("autoRenew").asBoolean(), over::toString);

        JsonNode used = awaitRow(alice, recentMeetings, subscriptionId, r -> r.path("assigned").asLong() == 12);
        assertEquals(7, used.path("used").asLong(), used::toString);
        assertEquals(0, used.path("available").asLong(), used::toString);
        assertEquals(12, used.path("weeklyAssignedChange").asLong(), used::toString);
        assertEquals(7, used.path("weeklyUsedChange").asLong(), used::toString);
        JsonNode callingUsed = awaitRow(alice, "/api/v1/analytics/recently-added?product=CALLING&asOf=" + today, subscriptionId,
                r -> r.path("assigned").asLong() == 2);
        assertEquals(1, callingUsed.path("used").asLong(), callingUsed::toString);
        assertEquals(3, callingUsed.path("available").asLong(), callingUsed::toString);
        JsonNode after = kpis(alice);
        assertTrue(after.path("totalCustomers").asLong() > customersBefore, after::toString);
        assertTrue(after.path("overage").asLong() >= 1, after::toString);

        // the customer made from the order reaches analytics with its name; adam is neither its creator nor its admin
        Answer customer = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(() -> get(alice, "/api/v1/customers/" + customerId), a -> a.status() == 200);
        assertEquals(200, customer.status(), "customers-service did not create the ordered customer: " + customer);
        assertEquals(customerName, customer.body().path("name").asText(), customer::toString);
        awaitRow(alice, recentMeetings, subscriptionId, r -> customerName.equals(r.path("customerName").asText(null)));
        assertTrue(rows(adam, recentMeetings).stream().noneMatch(r -> subscriptionId.equals(r.path("subscriptionId").asText())),
                "adam sees alice's new customer in recently-added");
        assertTrue(rows(adam, "/api/v1/analytics/overage?product=MEETINGS&asOf=" + today).stream()
                .noneMatch(r -> subscriptionId.equals(r.path("subscriptionId").asText())), "adam sees alice's new customer in overage");

        Answer machine = get(usage, "/api/v1/analytics/kpis");
        assertEquals(403, machine.status(), machine::toString);
        assertTrue(machine.contentType().startsWith("application/problem+json"), machine::toString);
    }

    @Test
    void freshnessOfOneHundredOrders() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long[] latencies = new long[ORDERS];
        String[] ids = new String[ORDERS];
        int refused = 0;
        for (int i = 0; i < ORDERS; i++) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            // recently-added lists the newest start first, then by subscription id: each order's id sorts before the
            // ids of every line started today so far, so the first row of the first page is the new line
            String subscriptionId = "0FRESH-%03d-%s".formatted(999 - i, run);
            ids[i] = subscriptionId;
            String query = "/api/v1/analytics/recently-added?product=MEETINGS&limit=1&asOf=" + today;
            ObjectNode order = order("CCW-FRESH-" + run + "-" + i, "EXT-FRESH-" + run + "-" + i, "Freshness " + run + " " + i,
                    subscriptionId, today, 1);
            Answer placed = post(orders, "/api/v1/orders", order);
            long accepted = System.nanoTime();
            assertEquals(201, placed.status(), placed::toString);

            long[] reflected = {-1};
            int[] notOk = {0};
            await("order " + i + " (" + subscriptionId + ") reflected").atMost(DEADLINE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).until(() -> {
                        Answer last = get(alice, query);
                        long now = System.nanoTime();
                        if (last.status() != 200) {
                            notOk[0]++;
                            return false;
                        }
                        if (subscriptionId.equals(last.body().path("items").path(0).path("subscriptionId").asText())) {
                            reflected[0] = now;
                            return true;
                        }
                        return false;
                    });
            refused += notOk[0];
            latencies[i] = (reflected[0] - accepted) / 1_000_000;
        }

        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        String report = "analytics freshness (order 201 → reflected in /analytics/recently-added), %d orders: p50=%d ms p90=%d ms p99=%d ms max=%d ms%n"
                .formatted(ORDERS, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1])
                + "latencies in order (ms): " + Arrays.toString(latencies) + System.lineSeparator()
                + "polls not answered 200: " + refused + System.lineSeparator()
                + "where the time went for the slowest orders (outbox row written → sent to Kafka → applied by analytics):"
                + System.lineSeparator() + slowest(latencies, ids);
        System.out.print(report);
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path file = root.resolve("e2e/target/analytics-freshness.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /** For the three slowest orders: when subscriptions-service wrote and sent the event and when analytics applied it. */
    static String slowest(long[] latencies, String[] ids) throws Exception {
        StringBuilder out = new StringBuilder();
        Integer[] order = new Integer[latencies.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(latencies[b], latencies[a]));
        try (java.sql.Connection subscriptions = java.sql.DriverManager.getConnection(system.postgres().jdbcUrl("subscriptions"), "postgres", "");
             java.sql.Connection analytics = java.sql.DriverManager.getConnection(system.postgres().jdbcUrl("analytics"), "postgres", "")) {
            for (int k = 0; k < Math.min(3, order.length); k++) {
                int i = order[k];
                try (java.sql.PreparedStatement outbox = subscriptions.prepareStatement("""
                        select id::text, created_at, sent_at from outbox_event
                         where event_type = 'partnerhub.subscription.created' and payload -> 'data' -> 'subscription' ->> 'subscriptionId' = ?""")) {
                    outbox.setString(1, ids[i]);
                    try (java.sql.ResultSet row = outbox.executeQuery()) {
                        if (!row.next()) {
                            continue;
                        }
                        java.time.Instant written = row.getTimestamp(2).toInstant();
                        java.time.Instant sent = row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant();
                        try (java.sql.PreparedStatement applied = analytics.prepareStatement(
                                "select processed_at from processed_event where event_id = ?")) {
                            applied.setString(1, row.getString(1));
                            try (java.sql.ResultSet at = applied.executeQuery()) {
                                java.time.Instant processed = at.next() ? at.getTimestamp(1).toInstant() : null;
                                out.append("  %s: %d ms in all; sent %s ms after written, applied %s ms after sent%n".formatted(ids[i],
                                        latencies[i], sent == null ? "?" : Duration.between(written, sent).toMillis(),
                                        sent == null || processed == null ? "?" : Duration.between(sent, processed).toMillis()));
                            }
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    /** Nearest rank. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    // ---- request bodies

    /** A CCW order for a new customer (by external id), 12 months without auto-renew, with a MEETINGS line. */
    static ObjectNode order(String ccwOrderId, String externalId, String customerName, String subscriptionId, LocalDate start,
                            int meetings) {
        ObjectNode order = JSON.createObjectNode();
        order.put("ccwOrderId", ccwOrderId);
        ObjectNode customer = order.putObject("customer");
        customer.put("externalId", externalId);
        customer.put("name", customerName);
        customer.put("managedBy", "PARTNER");
        order.put("subscriptionId", subscriptionId);
        order.put("startDate", start.toString());
        order.put("termMonths", 12);
        order.put("autoRenew", false);
        order.putArray("lines").add(line("MEETINGS", "A-MTG-ENT", meetings));
        return order;
    }

    static ObjectNode line(String product, String sku, int quantity) {
        ObjectNode line = JSON.createObjectNode();
        line.put("product", product);
        line.put("sku", sku);
        line.put("quantity", quantity);
        return line;
    }

    static ObjectNode snapshot(String subscriptionId, String product, LocalDate date, int assigned, int used) {
        ObjectNode snapshot = JSON.createObjectNode();
        snapshot.put("subscriptionId", subscriptionId);
        snapshot.put("product", product);
        snapshot.put("date", date.toString());
        snapshot.put("assigned", assigned);
        snapshot.put("used", used);
        return snapshot;
    }

    // ---- reads

    JsonNode kpis(String token) throws Exception {
        Answer answer = get(token, "/api/v1/analytics/kpis?asOf=" + LocalDate.now(ZoneOffset.UTC));
        assertEquals(200, answer.status(), answer::toString);
        return answer.body();
    }

    /** Polls a section (every page) until it lists the subscription with a row matching {@code until}. */
    static JsonNode awaitRow(String token, String section, String subscriptionId, Predicate<JsonNode> until) throws Exception {
        return await(section + " lists " + subscriptionId + " as expected").atMost(DEADLINE).pollInterval(Duration.ofMillis(10))
                .until(() -> rows(token, section).stream().filter(r -> subscriptionId.equals(r.path("subscriptionId").asText()))
                        .findFirst(), row -> row.isPresent() && until.test(row.get()))
                .get();
    }

    /** Every row of a section, page by page. */
    static List<JsonNode> rows(String token, String section) throws Exception {
        return JsonHttp.pages(system.gatewayUrl() + section, PAGE, token);
    }

    // ---- HTTP

    static Answer get(String token, String path) throws Exception {
        return JsonHttp.get(system.gatewayUrl() + path, token);
    }

    static Answer post(String token, String path, JsonNode body) throws Exception {
        return JsonHttp.post(system.gatewayUrl() + path, token, body);
    }
}
