package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.BaselineFixture;
import io.partnerhub.e2e.data.Demo;
import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.e2e.bench.LoadGenerator;
import io.partnerhub.e2e.bench.LoadGenerator.Result;
import io.partnerhub.e2e.bench.LoadGenerator.Target;
import io.partnerhub.platform.devstack.DemoData;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17's read path (not part of {@code verify}): throughput and latency of the reads a frontend's list and detail
 * screens make, next to a minimal Quarkus reactive GET-by-id of the same row from the same PostgreSQL
 * ({@link BaselineFixture}, no authentication), all measured in one run on this machine.
 * <p>
 * Run after {@code ./mvnw install -DskipTests}:
 * {@code ./mvnw -pl e2e verify -Dtest=ReadPathBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Options:
 * {@code -Dbench.read.connections} (32), {@code -Dbench.read.prewarm} (120 s: every read at once, two connections
 * each, before any is measured), {@code -Dbench.read.warmup} (30 s: each read alone right before it is measured, its
 * requests and CPU not counted), {@code -Dbench.read.seconds} (20 s),
 * {@code -Dbench.read.customers} (1,000), {@code -Dbench.read.jvm=local} (the local run's C1-only, 384 MB JVMs
 * instead of production's), {@code -Dbench.jvm="..."} (more JVM options for every application, e.g.
 * {@code -XX:StartFlightRecording=filename=/tmp/{instance}.jfr}).
 * <p>
 * The system is started as the e2e tests do, with the demo data, then {@code bench.read.customers} customers of Acme
 * (with subscriptions, lines and snapshots; {@link CustomerListBenchmark#load}). Each read runs as a closed loop at
 * the given connections (maximum throughput); the gateway's latency overhead is measured apart, as an open loop at
 * half the gateway's throughput for the customer read direct and through the gateway. The gateway runs with its
 * per-partner rate limit (a quota of 200 requests/s) lifted, so that its cost, not the quota, is measured. Report:
 * {@code e2e/target/bench/read-path.md}.
 */
class ReadPathBenchmark {

    static final String CUSTOMER_DIRECT = "GET /customers/{id} direct";
    static final String CUSTOMER_VIA_GATEWAY = "GET /customers/{id} via gateway";
    static final String LIST = "/api/v1/customers?status=ACTIVE&product=CALLING&managedBy=PARTNER&sort=name&limit=20";

    final int connections = Integer.getInteger("bench.read.connections", 32);
    final Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.read.warmup", 30));
    /** Every read at once, before any is measured: the services' JIT compiles under the mix, not per read's warm-up. */
    final Duration preWarm = Duration.ofSeconds(Integer.getInteger("bench.read.prewarm", 120));
    final Duration measured = Duration.ofSeconds(Integer.getInteger("bench.read.seconds", 20));
    final int customers = Integer.getInteger("bench.read.customers", 1_000);
    final boolean localJvm = "local".equals(System.getProperty("bench.read.jvm"));
    /**
     * Only the reads whose name contains one of these (comma-separated), next to the baseline: a table, no goals (and
     * the open loop of the gateway's overhead when both customer reads are kept).
     */
    final List<String> only = System.getProperty("bench.read.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.read.only").split(","));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void readPathNextToTheMinimalBaseline() throws Exception {
        SystemLauncher system = localJvm ? RunningSystem.get() : RunningSystem.production();
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path work = root.resolve("e2e/target/bench/read-path-" + ProcessHandle.current().pid());
        Files.createDirectories(work);
        Demo.load(system, "");
        CustomerListBenchmark.load(system, DemoData.ACME, customers);
        List<String> ids = customerIds(system, DemoData.ACME);
        assertEquals(customers, ids.size());
        String subscription = firstSubscription(system, DemoData.ACME);

        // the per-partner rate limit (200/s) is a quota, not a cost: lifted so the gateway's own cost is measured
        system.restartInstance(system.instances("gateway").get(0), Map.of(
                "PARTNERHUB_GATEWAY_RATE_LIMIT_CAPACITY", "100000000", "PARTNERHUB_GATEWAY_RATE_LIMIT_REFILL", "100000000"));
        Supplier<String> token = KeycloakTokens.refreshingPassword(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        String customersUrl = system.serviceUrl("customers-service");
        String gateway = system.gatewayUrl();
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        for (SystemLauncher.App app : SystemLauncher.APPS) {
            processes.put(app.name(), system.instances(app.name()).get(0).process().toHandle());
        }

        StringBuilder table = new StringBuilder("| request | connections | req/s | p50 ms | p99 ms | p99.9 ms | errors "
                + "| CPU ms/request (app, gateway, PostgreSQL) |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, Result> results = new LinkedHashMap<>();
        try (BaselineFixture baseline = BaselineFixture.start(system, root, work.resolve("baseline-fixture.log"));
             LoadGenerator load = new LoadGenerator()) {
            processes.put("baseline-fixture", ProcessHandle.of(baseline.pid()).orElseThrow());
            List<Read> reads = new ArrayList<>();
            reads.add(new Read("baseline GET /items/{id} (no auth)", "baseline-fixture", baseline.url(),
                    n -> "/items/" + ids.get((int) (n % ids.size())), null));
            for (boolean viaGateway : new boolean[] {false, true}) {
                String where = viaGateway ? " via gateway" : " direct";
                reads.add(new Read(viaGateway ? CUSTOMER_VIA_GATEWAY : CUSTOMER_DIRECT, "customers-service", viaGateway ? gateway : customersUrl,
                        n -> "/api/v1/customers/" + ids.get((int) (n % ids.size())), token));
                reads.add(new Read("customer list first page (filters, sort, 20)" + where, "customers-service",
                        viaGateway ? gateway : customersUrl, n -> LIST, token));
                reads.add(new Read("GET /subscriptions/{id}" + where, "subscriptions-service",
                        viaGateway ? gateway : system.serviceUrl("subscriptions-service"), n -> "/api/v1/subscriptions/" + subscription, token));
                reads.add(new Read("subscription list first page" + where, "subscriptions-service",
                        viaGateway ? gateway : system.serviceUrl("subscriptions-service"), n -> "/api/v1/subscriptions?limit=20", token));
                reads.add(new Read("GET /analytics/kpis" + where, "analytics-service",
                        viaGateway ? gateway : system.serviceUrl("analytics-service"), n -> "/api/v1/analytics/kpis", token));
                reads.add(new Read("GET /calling/usage/customers" + where, "calling-metrics-service",
                        viaGateway ? gateway : system.serviceUrl("calling-metrics-service"), n -> "/api/v1/calling/usage/customers", token));
            }
            if (!only.isEmpty()) {
                reads.removeIf(read -> !read.app().equals("baseline-fixture") && only.stream().noneMatch(read.name()::contains));
            }
            for (Read read : reads) {
                check(read);
            }
            preWarm(load, reads);
            for (Read read : reads) {
                boolean viaGateway = read.base().equals(gateway);
                ProcessHandle app = processes.get(read.app());
                ProcessHandle gw = processes.get("gateway");
                // the read's own warm-up right before it is measured (the JIT finishes what the mix left), not counted
                load.closedLoop(read.target(), connections, Duration.ZERO, warmUp);
                long appCpu = cpu(app);
                long gwCpu = cpu(gw);
                long pgCpu = system.postgres().cpu().toNanos();
                Result result = load.closedLoop(read.target(), connections, Duration.ZERO, measured);
                double requests = Math.max(1, result.requests());
                String cpu = String.format(Locale.ROOT, "%.3f, %s, %.3f", (cpu(app) - appCpu) / 1e6 / requests,
                        viaGateway ? String.format(Locale.ROOT, "%.3f", (cpu(gw) - gwCpu) / 1e6 / requests) : "–",
                        (system.postgres().cpu().toNanos() - pgCpu) / 1e6 / requests);
                System.out.println(result + "; CPU ms/request " + cpu);
                results.put(read.name(), result);
                table.append(LoadGenerator.row(result)).append(' ').append(cpu).append(" |\n");
            }

            // gateway latency overhead below saturation: the same rate direct and through the gateway (with
            // bench.read.only too, when it kept both customer reads)
            Map<String, Read> byName = new LinkedHashMap<>();
            reads.forEach(read -> byName.put(read.name(), read));
            boolean overhead = byName.containsKey(CUSTOMER_DIRECT) && byName.containsKey(CUSTOMER_VIA_GATEWAY);
            Result gatewayMax = results.get(CUSTOMER_VIA_GATEWAY);
            double rate = overhead ? Math.max(50, Math.floor(gatewayMax.throughput() / 2)) : 0;
            Result directAtRate = overhead ? load.openLoop(byName.get(CUSTOMER_DIRECT).target(), connections, rate, warmUp, measured) : null;
            Result gatewayAtRate = overhead ? load.openLoop(byName.get(CUSTOMER_VIA_GATEWAY).target(), connections, rate, warmUp, measured) : null;
            if (overhead) {
                System.out.println(directAtRate + "\n" + gatewayAtRate);
            }
            if (!only.isEmpty()) {
                if (overhead) {
                    table.append(String.format(Locale.ROOT, "%nOpen loop at %.0f requests/s:%n%n", rate)).append(LoadGenerator.header())
                            .append('\n').append(LoadGenerator.row(directAtRate)).append('\n').append(LoadGenerator.row(gatewayAtRate)).append('\n');
                }
                System.out.println(table);
                Files.writeString(work.resolve("read-path-only.md"), table);
                return;
            }

            Result base = results.get("baseline GET /items/{id} (no auth)");
            Result direct = results.get(CUSTOMER_DIRECT);
            Result list = results.get("customer list first page (filters, sort, 20) direct");
            StringBuilder report = new StringBuilder("## Read path (ReadPathBenchmark)\n\n");
            report.append(String.format(Locale.ROOT, "%s, %d customers of one partner, %d connections, every read at once for %d s first, then per read a warm-up of %d s, "
                            + "measured %d s per read, applications on %s JVM settings (%s), %d cores.%n%n",
                    Instant.now().toString().substring(0, 10), customers, connections, preWarm.toSeconds(), warmUp.toSeconds(), measured.toSeconds(),
                    localJvm ? "the local run's" : "production", String.join(" ", system.jvmOptions()),
                    Runtime.getRuntime().availableProcessors()));
            report.append("Closed loop (maximum throughput):\n\n").append(table).append('\n');
            report.append(String.format(Locale.ROOT, "Gateway overhead at a fixed %.0f requests/s (open loop, latency from "
                    + "when each request was due):%n%n", rate));
            report.append(LoadGenerator.header()).append('\n').append(LoadGenerator.row(directAtRate)).append('\n')
                    .append(LoadGenerator.row(gatewayAtRate)).append("\n\n");
            report.append("| goal | measured | target |\n|---|---|---|\n");
            report.append(goal("GET /customers/{id} direct / baseline", direct.throughput() / base.throughput(), ">= 0.50"));
            report.append(goal("GET /customers/{id} via gateway / direct", gatewayMax.throughput() / direct.throughput(), ">= 0.80"));
            report.append(String.format(Locale.ROOT, "| gateway p99 overhead at %.0f req/s | %.2f ms | <= 3 ms |%n", rate,
                    gatewayAtRate.p99() - directAtRate.p99()));
            report.append(goal("customer list first page / baseline", list.throughput() / base.throughput(), ">= 0.20"));
            System.out.println(report);
            Path out = root.resolve("e2e/target/bench/read-path.md");
            Files.writeString(out, report.toString());
            // the report's figures (ReportBenchmark): issue 17's goals as ratios of this run
            Figures figures = new Figures("read-path");
            figures.add("GET /customers/{id} direct, req/s", direct.throughput(), "/s", "baseline GET by id (no auth)",
                    base.throughput(), Figures.Goal.ratioAtLeast(0.5));
            figures.add("GET /customers/{id} via gateway, req/s", gatewayMax.throughput(), "/s", "direct", direct.throughput(),
                    Figures.Goal.ratioAtLeast(0.8, "direct"));
            figures.add(String.format(Locale.ROOT, "gateway p99 overhead at %.0f req/s", rate), gatewayAtRate.p99() - directAtRate.p99(),
                    "ms", Figures.Goal.atMost(3, "ms"));
            figures.add("customer list first page (filters, sort, 20) direct, req/s", list.throughput(), "/s",
                    "baseline GET by id (no auth)", base.throughput(), Figures.Goal.ratioAtLeast(0.2));
            for (Result result : results.values()) {
                if (result != base && result != direct && result != gatewayMax && result != list) {
                    figures.add(result.name() + ", req/s", result.throughput(), "/s", "baseline GET by id (no auth)", base.throughput(), null);
                }
            }
            figures.write();
            for (Result result : results.values()) {
                assertEquals(0, result.errors(), result.toString());
            }
            assertEquals(0, directAtRate.errors() + gatewayAtRate.errors());
        }
    }

    record Read(String name, String app, String base, java.util.function.LongFunction<String> path, Supplier<String> token) {

        Target target() {
            return new Target(name, URI.create(base), path, Target.bearer(token));
        }
    }

    /**
     * Every read at once, two connections each, for {@link #preWarm}: on 2 cores shared by the whole system, a
     * service's JIT compilation takes minutes of CPU; a warm-up per read of seconds would measure the compiler.
     */
    void preWarm(LoadGenerator load, List<Read> reads) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(reads.size());
        try {
            List<java.util.concurrent.Future<Result>> runs = new ArrayList<>();
            for (Read read : reads) {
                runs.add(threads.submit(() -> load.closedLoop(read.target(), 2, Duration.ZERO, preWarm)));
            }
            for (java.util.concurrent.Future<Result> run : runs) {
                System.out.println("pre-warm: " + run.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** One call of the read answers 200 (else the run stops, naming the answer). */
    void check(Read read) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(read.base() + read.path().apply(0)));
        if (read.token() != null) {
            request.header("Authorization", "Bearer " + read.token().get());
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), read.name() + ": " + answer.body());
    }

    static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static String goal(String name, double ratio, String target) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, ratio, target);
    }

    /** The partner's first subscription (by id) of the demo data. */
    static String firstSubscription(SystemLauncher system, String partner) throws Exception {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl("subscriptions"), "postgres", "");
             PreparedStatement statement = db.prepareStatement(
                     "select subscription_id from subscription where partner_org_id = ? order by subscription_id limit 1")) {
            statement.setString(1, partner);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("the demo data holds no subscription of " + partner);
                }
                return rows.getString(1);
            }
        }
    }

    static List<String> customerIds(SystemLauncher system, String partner) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl("customers"), "postgres", "");
             PreparedStatement statement = db.prepareStatement(
                     "select id from customer where partner_org_id = ? and not deleted order by id")) {
            statement.setString(1, partner);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
