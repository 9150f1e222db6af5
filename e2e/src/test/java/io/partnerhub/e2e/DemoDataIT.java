package io.partnerhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.e2e.data.DataGenerator;
import io.partnerhub.e2e.data.DataGenerator.Customer;
import io.partnerhub.e2e.data.DataGenerator.Kind;
import io.partnerhub.e2e.data.DataGenerator.Snapshot;
import io.partnerhub.e2e.data.DataGenerator.Subscription;
import io.partnerhub.e2e.data.Demo;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Done-when 4 of issue 17 without {@code ./partnerhub up}: the local run's demo loader ({@link Demo#load}, the very
 * code {@code LocalRun} runs) loads the generated demo data into the test system through the gateway with real
 * tokens, then every analytics read of both products and every calling read answers non-empty figures for both demo
 * partners, with the exact figures the deterministic generator implies for the demo's own rows. The data is loaded
 * under a namespace of its own (ids, order and call ids, tag names), next to what the other tests of the run put there;
 * partner-wide totals are therefore checked as at least the demo's share.
 */
class DemoDataIT {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void theDemoDataFillsEveryAnalyticsAndCallingReadOfBothPartners() throws Exception {
        SystemLauncher system = RunningSystem.get();
        String namespace = "D" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<Demo.Loaded> loaded = Demo.load(system, namespace);
        assertEquals(2, loaded.size());
        String realm = system.keycloak().realmUrl();
        String password = system.secret("PARTNERHUB_DEMO_PASSWORD");
        Map<String, String> readers = Map.of(Demo.ACME.code(), KeycloakTokens.password(realm, "alice@acme.example", password),
                Demo.GLOBEX.code(), KeycloakTokens.password(realm, "gina@globex.example", password));
        for (Demo.Loaded partner : loaded) {
            DataGenerator data = partner.data();
            assertEquals(data.partner().size().customers(), partner.loaded().customerIds().size());
            assertEquals(data.partner().size().callRecords(), partner.loaded().callRecords());
            Reader reader = new Reader(system.gatewayUrl(), readers.get(data.partner().code()), data.partner().code());
            analytics(reader, data, partner.loaded());
            calling(reader, data, partner.loaded());
        }
    }

    // ---- analytics: KPIs and the six sections of each product

    void analytics(Reader reader, DataGenerator data, io.partnerhub.e2e.data.ApiLoader.Loaded loaded) throws Exception {
        LocalDate today = data.today();
        Map<Kind, Integer> byKind = new HashMap<>();
        for (int i = 0; i < Kind.values().length && i < data.partner().size().customers(); i++) {
            byKind.put(data.customer(i).kind(), i);
        }
        String expiring = subscriptionId(data, loaded, byKind.get(Kind.EXPIRING));
        String renewing = subscriptionId(data, loaded, byKind.get(Kind.RENEWING_LOW));
        String overage = subscriptionId(data, loaded, byKind.get(Kind.OVERAGE));
        String trial = subscriptionId(data, loaded, byKind.get(Kind.TRIAL));
        String fresh = subscriptionId(data, loaded, byKind.get(Kind.NEW_FROM_CCW));

        JsonNode kpis = reader.await("/api/v1/analytics/kpis?asOf=" + today, k -> k.path("totalCustomers").asLong() >= 6
                && k.path("expiring").asLong() >= 2 && k.path("renewingSoon").asLong() >= 1
                && k.path("lowAllocation").asLong() >= 1 && k.path("overage").asLong() >= 1);
        reader.note("kpis", kpis);

        for (String product : DataGenerator.PRODUCTS) {
            String q = "?product=" + product + "&asOf=" + today + "&limit=500";
            // license trend: the newest week end holds at least the demo's live lines
            int livePurchased = 0;
            for (int i = 0; i < data.partner().size().customers(); i++) {
                Subscription s = data.subscription(data.customer(i));
                LocalDate weekEnd = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SATURDAY));
                if (!s.state().equals("CANCELLED") && !s.start().isAfter(weekEnd) && s.end().isAfter(weekEnd)) {
                    livePurchased += s.purchased(product);
                }
            }
            int purchased = livePurchased;
            JsonNode trend = reader.await("/api/v1/analytics/license-trend?product=" + product + "&asOf=" + today,
                    t -> t.path("points").size() == 12 && t.path("points").get(11).path("purchased").asLong() >= purchased
                            && t.path("points").get(11).path("assigned").asLong() > 0);
            reader.note("license-trend " + product, trend.path("points").get(11));

            JsonNode expiringRow = reader.row("/api/v1/analytics/expiring" + q, expiring);
            Subscription expiringSub = data.subscription(data.customer(byKind.get(Kind.EXPIRING)));
            assertEquals(ChronoUnit.DAYS.between(today, expiringSub.end()), expiringRow.path("daysToExpiry").asLong(), expiringRow::toString);
            assertEquals(expiringSub.purchased(product), expiringRow.path("totalLicenses").asLong(), expiringRow::toString);
            assertEquals(assignedToday(data, byKind.get(Kind.EXPIRING), product), expiringRow.path("assigned").asLong(), expiringRow::toString);
            JsonNode trialRow = reader.row("/api/v1/analytics/expiring" + q, trial);
            assertTrue(trialRow.path("trial").asBoolean(), trialRow::toString);
            reader.note("expiring " + product, reader.get("/api/v1/analytics/expiring" + q).path("kpis"));

            JsonNode renewingRow = reader.row("/api/v1/analytics/renewing" + q, renewing);
            Subscription renewingSub = data.subscription(data.customer(byKind.get(Kind.RENEWING_LOW)));
            assertEquals(ChronoUnit.DAYS.between(today, renewingSub.end()), renewingRow.path("daysToRenewal").asLong(), renewingRow::toString);
            reader.note("renewing " + product, reader.get("/api/v1/analytics/renewing" + q).path("kpis"));

            JsonNode lowRow = reader.row("/api/v1/analytics/low-allocation" + q, renewing);
            assertEquals(assignedToday(data, byKind.get(Kind.RENEWING_LOW), product), lowRow.path("assigned").asLong(), lowRow::toString);
            reader.note("low-allocation " + product, reader.get("/api/v1/analytics/low-allocation" + q).path("kpis"));

            JsonNode overageRow = reader.row("/api/v1/analytics/overage" + q, overage);
            Subscription overageSub = data.subscription(data.customer(byKind.get(Kind.OVERAGE)));
            long assigned = assignedToday(data, byKind.get(Kind.OVERAGE), product);
            assertEquals(assigned - overageSub.purchased(product), overageRow.path("overage").asLong(), overageRow::toString);
            assertEquals(assigned, overageRow.path("assigned").asLong(), overageRow::toString);
            reader.note("overage " + product, reader.get("/api/v1/analytics/overage" + q).path("kpis"));

            reader.row("/api/v1/analytics/recently-added" + q, trial);
            JsonNode freshRow = reader.row("/api/v1/analytics/recently-added" + q, fresh);
            assertEquals(ChronoUnit.DAYS.between(data.subscription(data.customer(byKind.get(Kind.NEW_FROM_CCW))).start(), today),
                    freshRow.path("daysSinceAdded").asLong(), freshRow::toString);
            reader.note("recently-added " + product, reader.get("/api/v1/analytics/recently-added" + q).path("kpis"));
        }
    }

    static String subscriptionId(DataGenerator data, io.partnerhub.e2e.data.ApiLoader.Loaded loaded, int customer) {
        Subscription s = data.subscription(data.customer(customer));
        return s.trial() ? loaded.trialIds().get(customer) : s.subscriptionId();
    }

    static long assignedToday(DataGenerator data, int customer, String product) {
        Customer c = data.customer(customer);
        return data.snapshots(c, data.subscription(c)).stream()
                .filter(s -> s.product().equals(product) && s.date().equals(data.today()))
                .mapToLong(Snapshot::assigned).findFirst().orElseThrow();
    }

    // ---- calling: usage, users, quality per customer, endpoint and week, features, queues (last completed week)

    /** What the generated records imply for one week. */
    static final class Week {
        long calls;
        long poor;
        long queued;
        long abandoned;
        final Map<Integer, long[]> customers = new HashMap<>(); // calls, poor, queued, abandoned
    }

    void calling(Reader reader, DataGenerator data, io.partnerhub.e2e.data.ApiLoader.Loaded loaded) throws Exception {
        LocalDate today = data.today();
        List<Week> weeks = new ArrayList<>();
        for (int w = 0; w < DataGenerator.CALL_WEEKS; w++) {
            weeks.add(new Week());
        }
        data.callRecords(5_000, batch -> {
            for (DataGenerator.CallRecord r : batch) {
                int w = (int) ChronoUnit.WEEKS.between(data.firstCallWeek(), r.start().atZone(ZoneOffset.UTC).toLocalDate());
                if (w >= DataGenerator.CALL_WEEKS) {
                    continue;
                }
                Week week = weeks.get(w);
                long[] c = week.customers.computeIfAbsent(r.customer(), k -> new long[4]);
                boolean queued = r.queue() != null;
                // the queue table counts a call not answered (abandoned or sent to voicemail) as abandoned
                boolean abandoned = queued && (r.queue().outcome().equals("ABANDONED") || r.queue().outcome().equals("VOICEMAIL"));
                week.calls++;
                c[0]++;
                if (r.poor()) {
                    week.poor++;
                    c[1]++;
                }
                if (queued) {
                    week.queued++;
                    c[2]++;
                }
                if (abandoned) {
                    week.abandoned++;
                    c[3]++;
                }
            }
        });
        Week last = weeks.get(DataGenerator.CALL_WEEKS - 1);
        assertTrue(last.calls > 0 && last.poor > 0 && last.queued > 0 && last.abandoned > 0, "the generator left last week thin");
        String at = "?asOf=" + today;

        for (Map.Entry<Integer, long[]> customer : last.customers.entrySet()) {
            String id = loaded.customerId(customer.getKey());
            JsonNode usage = reader.customerRow("/api/v1/calling/usage/customers" + at + "&limit=500", id,
                    r -> r.path("calls").asLong() == customer.getValue()[0]);
            assertTrue(usage.path("activeUsers").asLong() > 0, usage::toString);
            reader.customerRow("/api/v1/calling/quality/customers" + at + "&limit=500", id,
                    r -> r.path("calls").asLong() == customer.getValue()[0] && r.path("poorCalls").asLong() == customer.getValue()[1]);
            if (customer.getValue()[2] > 0) {
                reader.customerRow("/api/v1/calling/queues" + at + "&limit=500", id,
                        r -> r.path("queued").asLong() == customer.getValue()[2] && r.path("abandoned").asLong() == customer.getValue()[3]);
            }
        }
        reader.note("usage/customers", reader.get("/api/v1/calling/usage/customers" + at).path("items").get(0));
        reader.note("quality/customers", reader.get("/api/v1/calling/quality/customers" + at).path("items").get(0));
        JsonNode queues = reader.await("/api/v1/calling/queues" + at, q -> q.path("kpis").path("abandonedRatePct").asDouble() > 0
                && q.path("kpis").path("avgTimeToAnswerSeconds").asDouble() > 0 && q.path("kpis").path("avgWaitBeforeAbandonSeconds").asDouble() > 0);
        reader.note("queues", queues.path("kpis"));

        JsonNode trend = reader.await("/api/v1/calling/quality/trend" + at, t -> {
            if (t.path("weeks").size() != DataGenerator.CALL_WEEKS) {
                return false;
            }
            for (int w = 0; w < DataGenerator.CALL_WEEKS; w++) {
                JsonNode week = t.path("weeks").get(w);
                if (week.path("calls").asLong() < weeks.get(w).calls || week.path("poorCalls").asLong() < weeks.get(w).poor) {
                    return false;
                }
            }
            return true;
        });
        reader.note("quality/trend (last week)", trend.path("weeks").get(DataGenerator.CALL_WEEKS - 1));

        JsonNode endpoints = reader.await("/api/v1/calling/quality/endpoints" + at, e -> {
            long calls = 0;
            long poor = 0;
            for (JsonNode row : e.path("items")) {
                calls += row.path("calls").asLong();
                poor += row.path("poorCalls").asLong();
            }
            return calls >= last.calls && poor >= last.poor;
        });
        reader.note("quality/endpoints", endpoints.path("items"));

        JsonNode features = reader.await("/api/v1/calling/features" + at, f -> {
            for (JsonNode row : f.path("items")) {
                if (row.path("feature").asText().equals("CALL_QUEUE")) {
                    return row.path("calls").asLong() >= last.queued;
                }
            }
            return false;
        });
        reader.note("features", features.path("items"));

        JsonNode users = reader.await("/api/v1/calling/usage/users" + at, u -> {
            if (u.path("weeks").size() != DataGenerator.CALL_WEEKS) {
                return false;
            }
            for (int w = 0; w < DataGenerator.CALL_WEEKS; w++) {
                JsonNode week = u.path("weeks").get(w);
                if (week.path("calls").asLong() < weeks.get(w).calls || week.path("activeUsers").asLong() == 0) {
                    return false;
                }
            }
            JsonNode b = u.path("buckets");
            return b.path("heavy").asLong() > 0 && b.path("regular").asLong() > 0 && b.path("light").asLong() > 0;
        });
        reader.note("usage/users buckets", users.path("buckets"));
    }

    /** GETs through the gateway as one partner's admin, polling until the projections show what is wanted. */
    static final class Reader {
        private final String base;
        private final String token;
        private final String partner;

        Reader(String base, String token, String partner) {
            this.base = base;
            this.token = token;
            this.partner = partner;
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            JsonHttp.Answer answer = JsonHttp.get(base + path, token);
            assertEquals(200, answer.status(), () -> path + ": " + answer.raw());
            return answer.body();
        }

        JsonNode await(String path, Predicate<JsonNode> wanted) {
            JsonNode[] seen = new JsonNode[1];
            try {
                return DemoDataIT.poll(path, () -> {
                    seen[0] = get(path);
                    return wanted.test(seen[0]) ? seen[0] : null;
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(partner + " " + path + " never showed the demo's figures; last: " + seen[0], e);
            }
        }

        /** The row of the subscription, following the pages. */
        JsonNode row(String path, String subscriptionId) {
            assertNotNull(subscriptionId, path);
            return rowOf(path, "subscriptionId", subscriptionId, r -> true);
        }

        JsonNode customerRow(String path, String customerId, Predicate<JsonNode> wanted) {
            return rowOf(path, "customerId", customerId, wanted);
        }

        private JsonNode rowOf(String path, String field, String value, Predicate<JsonNode> wanted) {
            try {
                return DemoDataIT.poll(path, () -> findAll(path, field, value, wanted));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(partner + " " + path + ": no row with " + field + " " + value + " and the demo's figures", e);
            }
        }

        private JsonNode findAll(String path, String field, String value, Predicate<JsonNode> wanted) {
            try {
                String cursor = null;
                do {
                    JsonNode page = get(path + (cursor == null ? "" : "&cursor=" + cursor));
                    JsonNode row = find(page, field, value, wanted);
                    if (row != null) {
                        return row;
                    }
                    cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
                } while (cursor != null);
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static JsonNode find(JsonNode page, String field, String value, Predicate<JsonNode> wanted) {
            for (JsonNode row : page.path("items")) {
                if (value.equals(row.path(field).asText()) && wanted.test(row)) {
                    return row;
                }
            }
            return null;
        }

        void note(String what, JsonNode figures) {
            assertTrue(figures != null && !figures.isMissingNode() && !figures.isNull(), partner + " " + what + " is empty");
            System.out.println("demo data " + partner + " " + what + ": " + figures);
        }
    }

    interface Read {
        JsonNode get() throws Exception;
    }

    static JsonNode poll(String what, Read read) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().alias(what)
                .until(() -> (found[0] = read.get()) != null);
        return found[0];
    }
}
