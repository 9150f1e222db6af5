package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.platform.devstack.Directories;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.Kafka;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.Ports;
import io.partnerhub.platform.devstack.Postgres;
import io.partnerhub.platform.devstack.Processes;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest throughput of subscriptions-service: orders/s through
 * {@code POST /orders/batch} (1,000 orders a call) and snapshots/s through {@code POST /license-usage} (10,000 a
 * call), each next to PostgreSQL's own bulk insert rate of the same rows measured in the same run on the same
 * server (one {@code INSERT ... SELECT FROM unnest(...)} of 10,000 rows per statement into a copy of the table).
 * The ratio service/PostgreSQL is the figure; absolute numbers depend on the machine.
 * <p>
 * Two setups: by default ({@code -Dbench.target=service}) this class starts PostgreSQL, Kafka and the
 * subscriptions-service production jar alone, with tokens signed by the devstack test key (no other service's build
 * is involved); {@code -Dbench.target=system} runs the whole system and goes through the gateway with real Keycloak
 * client-credentials tokens.
 * <p>
 * Not part of {@code verify}: {@code ./mvnw -o test -pl e2e -Dtest=SubscriptionsIngestBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} after {@code ./mvnw install -DskipTests}. Sizes:
 * {@code -Dbench.orderBatches=5 -Dbench.usageCalls=5 -Dbench.usageSubscriptions=1000} (one usage event per
 * subscription and call).
 */
class SubscriptionsIngestBenchmark {

    static final int ORDERS_PER_BATCH = 1000;
    static final int SNAPSHOTS_PER_CALL = 10_000;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ordersAndLicenseUsageIngestNextToPostgresBulkInsert() throws Exception {
        int orderBatches = Integer.getInteger("bench.orderBatches", 5);
        int usageCalls = Integer.getInteger("bench.usageCalls", 5);
        int usageSubscriptions = Integer.getInteger("bench.usageSubscriptions", 1000);
        try (Target target = "system".equals(System.getProperty("bench.target")) ? Target.system() : Target.service()) {
            measure(target, orderBatches, usageCalls, usageSubscriptions);
        }
    }

    void measure(Target target, int orderBatches, int usageCalls, int usageSubscriptions) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> report = new ArrayList<>();

        // warm-up: one small batch of each, so JIT and connection pools do not count against the service
        // a token per call: the system's access tokens live 5 minutes (Target.system() refreshes them)
        post(target, target.token("order-integrator"), "/api/v1/orders/batch", orders("W" + run, 0, 50));
        // a term that ended long ago: the lifecycle job, running by itself meanwhile, must expire it
        String ended = "E" + run;
        ArrayNode endedBatch = Json.array();
        ObjectNode endedOrder = endedBatch.addObject().put("ccwOrderId", ended);
        endedOrder.putObject("customer").put("externalId", ended).put("name", "Ended " + ended).put("managedBy", "PARTNER");
        endedOrder.put("subscriptionId", ended).put("startDate", "2020-01-01").put("termMonths", 1);
        endedOrder.putArray("lines").addObject().put("product", "MEETINGS").put("sku", "A-MTG").put("quantity", 1);
        post(target, target.token("order-integrator"), "/api/v1/orders/batch", endedBatch.toString());

        // orders: every order creates a subscription with two lines, its order row and two outbox events
        long ordersStart = System.nanoTime();
        for (int b = 0; b < orderBatches; b++) {
            String answer = post(target, target.token("order-integrator"), "/api/v1/orders/batch", orders("B" + run, b * ORDERS_PER_BATCH, ORDERS_PER_BATCH));
            assertTrue(answer.startsWith("{\"accepted\":" + ORDERS_PER_BATCH + ","), answer.substring(0, Math.min(200, answer.length())));
        }
        double ordersSeconds = seconds(ordersStart);
        int orders = orderBatches * ORDERS_PER_BATCH;

        // license usage: 10,000 snapshots a call over the subscriptions just created (2 products × N days)
        post(target, target.token("usage-ingest"), "/api/v1/license-usage", snapshots("B" + run, 0, 0, 100));
        long usageStart = System.nanoTime();
        for (int c = 0; c < usageCalls; c++) {
            String answer = post(target, target.token("usage-ingest"), "/api/v1/license-usage", snapshots("B" + run, Math.min(orders, usageSubscriptions), c, SNAPSHOTS_PER_CALL));
            assertTrue(answer.startsWith("{\"accepted\":" + SNAPSHOTS_PER_CALL + ","), answer.substring(0, Math.min(300, answer.length())));
        }
        double usageSeconds = seconds(usageStart);
        int snapshots = usageCalls * SNAPSHOTS_PER_CALL;

        // PostgreSQL itself: the same rows, bulk-inserted from this JVM into copies of the tables
        double pgSnapshotRate;
        double pgOrderRowRate;
        try (Connection db = DriverManager.getConnection(target.jdbcUrl(), "postgres", "")) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("create temporary table bench_usage (like license_usage including all)");
                ddl.execute("create temporary table bench_order (like customer_order including all)");
            }
            pgSnapshotRate = bulkUsage(db, usageCalls);
            pgOrderRowRate = bulkOrders(db, orderBatches);
        }

        HttpRequest check = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/subscriptions/" + ended))
                .header("Authorization", "Bearer " + target.token("partner-read-only-admin")).build();
        String endedState = HTTP.send(check, HttpResponse.BodyHandlers.ofString()).body();
        boolean jobRan = endedState.contains("\"status\":\"EXPIRED\"");

        double orderRate = orders / ordersSeconds;
        double snapshotRate = snapshots / usageSeconds;
        report.add("subscriptions-service ingest benchmark (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + target.description() + ")");
        report.add(String.format(Locale.ROOT, "orders:    %,d in %d calls of %,d: %.1f s -> %,.0f orders/s", orders, orderBatches,
                ORDERS_PER_BATCH, ordersSeconds, orderRate));
        report.add(String.format(Locale.ROOT, "           PostgreSQL bulk insert of order rows: %,.0f rows/s -> ratio %.4f",
                pgOrderRowRate, orderRate / pgOrderRowRate));
        report.add(String.format(Locale.ROOT, "snapshots: %,d in %d calls of %,d over %,d subscriptions: %.1f s -> %,.0f snapshots/s",
                snapshots, usageCalls, SNAPSHOTS_PER_CALL, Math.min(orders, usageSubscriptions), usageSeconds, snapshotRate));
        report.add(String.format(Locale.ROOT, "           PostgreSQL bulk insert of usage rows: %,.0f rows/s -> ratio %.3f",
                pgSnapshotRate, snapshotRate / pgSnapshotRate));
        report.add("lifecycle job ran by itself during the run (a term ended in 2020 is EXPIRED): " + jobRan);
        report.forEach(System.out::println);
        Path out = Path.of("target", "subscriptions-ingest-benchmark.txt");
        Files.write(out, report, StandardCharsets.UTF_8);
        Figures figures = new Figures("subscriptions-ingest");
        figures.add("orders/s", orderRate, "/s", "PostgreSQL bulk insert of the order rows", pgOrderRowRate, null);
        figures.add("license snapshots/s", snapshotRate, "/s", "PostgreSQL bulk insert of the usage rows", pgSnapshotRate, null);
        figures.section("## Subscriptions ingest\n\n```\n" + String.join("\n", report) + "\n```\n");
        figures.write();
        assertEquals(6, report.size());
    }

    static String post(Target target, String token, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    static String orders(String prefix, int from, int count) {
        ArrayNode body = Json.array();
        for (int i = from; i < from + count; i++) {
            ObjectNode order = body.addObject().put("ccwOrderId", prefix + "-O" + i);
            order.putObject("customer").put("externalId", prefix + "-C" + (i / 3)).put("name", "Bench Customer " + (i / 3))
                    .put("managedBy", "PARTNER");
            order.put("subscriptionId", prefix + i).put("startDate", "2026-01-01").put("termMonths", 12).put("autoRenew", true);
            ArrayNode lines = order.putArray("lines");
            lines.addObject().put("product", "MEETINGS").put("sku", "A-MTG").put("quantity", 50);
            lines.addObject().put("product", "CALLING").put("sku", "A-CALL").put("quantity", 20);
        }
        return body.toString();
    }

    /** Snapshots of call {@code call}: subscriptions 0..subscriptions-1, both products, a distinct date range per call. */
    static String snapshots(String prefix, int subscriptions, int call, int count) {
        int subs = Math.max(subscriptions, 1);
        ArrayNode body = Json.array();
        LocalDate base = LocalDate.parse("2026-01-01").plusDays((long) call * 1000);
        for (int i = 0; i < count; i++) {
            int sub = i % subs;
            int rest = i / subs;
            String product = rest % 2 == 0 ? "MEETINGS" : "CALLING";
            body.addObject().put("subscriptionId", prefix + sub).put("product", product).put("date", base.plusDays(rest / 2).toString())
                    .put("assigned", i % 50).put("used", i % 20);
        }
        return body.toString();
    }

    static double bulkUsage(Connection db, int calls) throws Exception {
        String sql = "insert into bench_usage (subscription_ref, product, usage_date, assigned, used, recorded_at) "
                + "select * from unnest(?::uuid[], ?::text[], ?::date[], ?::int[], ?::int[], ?::timestamptz[])";
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            Object[] refs = new Object[SNAPSHOTS_PER_CALL];
            String[] products = new String[SNAPSHOTS_PER_CALL];
            Object[] dates = new Object[SNAPSHOTS_PER_CALL];
            Integer[] assigned = new Integer[SNAPSHOTS_PER_CALL];
            Integer[] used = new Integer[SNAPSHOTS_PER_CALL];
            Object[] at = new Object[SNAPSHOTS_PER_CALL];
            UUID ref = UUID.randomUUID();
            for (int i = 0; i < SNAPSHOTS_PER_CALL; i++) {
                refs[i] = i % 100 == 0 ? (ref = UUID.randomUUID()) : ref;
                products[i] = i % 2 == 0 ? "MEETINGS" : "CALLING";
                dates[i] = java.sql.Date.valueOf(LocalDate.parse("2026-01-01").plusDays(i / 2));
                assigned[i] = i % 50;
                used[i] = i % 20;
                at[i] = java.sql.Timestamp.from(java.time.Instant.now());
            }
            try (PreparedStatement insert = db.prepareStatement(sql)) {
                insert.setArray(1, db.createArrayOf("uuid", refs));
                insert.setArray(2, db.createArrayOf("text", products));
                insert.setArray(3, db.createArrayOf("date", dates));
                insert.setArray(4, db.createArrayOf("int4", assigned));
                insert.setArray(5, db.createArrayOf("int4", used));
                insert.setArray(6, db.createArrayOf("timestamptz", at));
                insert.executeUpdate();
            }
        }
        return (double) calls * SNAPSHOTS_PER_CALL / seconds(start);
    }

    static double bulkOrders(Connection db, int batches) throws Exception {
        String sql = "insert into bench_order (id, partner_org_id, ccw_order_id, revision, subscription_id, customer_id, start_date, "
                + "term_months, auto_renew, lines, received_at, outcome) "
                + "select id, 'bench', 'O' || n, 1, 'S' || n, id, date '2026-01-01', 12, true, "
                + "'[{\"product\":\"MEETINGS\",\"sku\":\"A-MTG\",\"quantity\":50}]', now(), 'CREATED' "
                + "from (select gen_random_uuid() as id, n from unnest(?::int[]) as n) x";
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            Integer[] numbers = new Integer[ORDERS_PER_BATCH];
            for (int i = 0; i < ORDERS_PER_BATCH; i++) {
                numbers[i] = b * ORDERS_PER_BATCH + i;
            }
            try (PreparedStatement insert = db.prepareStatement(sql)) {
                insert.setArray(1, db.createArrayOf("int4", numbers));
                insert.executeUpdate();
            }
        }
        return (double) batches * ORDERS_PER_BATCH / seconds(start);
    }

    /** Where the requests go, how callers get tokens, and the database to compare with. */
    interface Target extends AutoCloseable {
        String baseUrl();

        String token(String role) throws Exception;

        String jdbcUrl();

        String description();

        @Override
        default void close() {
        }

        /** The whole system: gateway, real Keycloak, the demo partner Acme's machine clients. */
        static Target system() {
            SystemLauncher system = RunningSystem.get();
            return new Target() {
                public String baseUrl() {
                    return system.gatewayUrl();
                }

                // access tokens live 5 minutes: one refreshing supplier per role
                final Map<String, Supplier<String>> tokens = new ConcurrentHashMap<>();

                public String token(String role) {
                    return tokens.computeIfAbsent(role, r -> {
                        if (r.equals("partner-read-only-admin")) {
                            return KeycloakTokens.refreshingPassword(system.keycloak().realmUrl(), "rita@acme.example",
                                    system.secret("PARTNERHUB_DEMO_PASSWORD"));
                        }
                        String secret = r.equals("order-integrator") ? "PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET" : "PARTNERHUB_ACME_USAGE_INGEST_SECRET";
                        return KeycloakTokens.refreshingClientCredentials(system.keycloak().realmUrl(), r + "-acme", system.secret(secret));
                    }).get();
                }

                public String jdbcUrl() {
                    return system.postgres().jdbcUrl("subscriptions");
                }

                public String description() {
                    return "through the gateway with Keycloak tokens";
                }
            };
        }

        /** PostgreSQL, Kafka and the subscriptions-service jar only, with test-key tokens. */
        static Target service() throws Exception {
            Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
            Path state = root.resolve("e2e/target/subscriptions-bench-" + ProcessHandle.current().pid());
            Files.createDirectories(state);
            Postgres postgres = Postgres.start(state.resolve("pg-work"), state.resolve("postgres"), 0);
            postgres.createDatabases(List.of("subscriptions"));
            Kafka kafka = Kafka.start(state.resolve("kafka"), 0, 0);
            int port = Ports.free();
            int managementPort = Ports.free();
            Path jar = root.resolve("subscriptions-service/target/quarkus-app/quarkus-run.jar");
            String javaCommand = ProcessHandle.current().info().command().orElse("java");
            // profile "bench": the production jar without the prod-only settings (Keycloak URL, JSON logs)
            ProcessBuilder builder = new ProcessBuilder(javaCommand, "-Xmx384m", "-XX:+UseSerialGC", "-Dquarkus.profile=bench", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(state.resolve("subscriptions-service.log").toFile());
            builder.environment().put("QUARKUS_HTTP_HOST", SystemLauncher.BIND_HOST);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_HOST", SystemLauncher.BIND_HOST);
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("subscriptions"));
            builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("subscriptions"));
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            builder.environment().put("QUARKUS_OIDC_PUBLIC_KEY", TestTokens.publicKeyBase64());
            builder.environment().put("QUARKUS_OIDC_TOKEN_ISSUER", TestTokens.ISSUER);
            builder.environment().put("PARTNERHUB_SUBSCRIPTIONS_JOB_EVERY", "5s");
            builder.environment().put("PARTNERHUB_SUBSCRIPTIONS_JOB_DELAY", "5s");
            Process app = builder.start();
            String base = "http://127.0.0.1:" + port;
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (true) {
                if (!app.isAlive() || System.nanoTime() > deadline) {
                    app.destroy();
                    kafka.close();
                    postgres.close();
                    throw new IllegalStateException("subscriptions-service did not become ready; see " + state.resolve("subscriptions-service.log"));
                }
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                Processes.pause(Duration.ofMillis(250));
            }
            String partner = UUID.randomUUID().toString();
            return new Target() {
                public String baseUrl() {
                    return base;
                }

                public String token(String role) {
                    return TestTokens.issue(partner, "bench-" + role, role);
                }

                public String jdbcUrl() {
                    return postgres.jdbcUrl("subscriptions");
                }

                public String description() {
                    return "subscriptions-service alone, PostgreSQL and Kafka from devstack";
                }

                @Override
                public void close() {
                    app.destroy();
                    try {
                        app.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
                        kafka.close();
                        postgres.close();
                        // ~250 MB per run (binaries, database, broker): the report and the log stay
                        Directories.delete(state.resolve("pg-work"));
                        Directories.delete(state.resolve("postgres"));
                        Directories.delete(state.resolve("kafka"));
                    } catch (Exception e) {
                        // the JVM is ending
                    }
                }
            };
        }
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
