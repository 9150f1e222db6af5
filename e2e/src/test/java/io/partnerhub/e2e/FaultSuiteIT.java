package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Directories;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.SystemLauncher.Instance;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite: while 10,000 CCW orders (the batch endpoint, 100 per request) and 100,000 call records (1,000 per
 * request) stream in through the gateway with integrator tokens, in turn: the Kafka broker is killed with SIGKILL and
 * started again; each of the four services and the gateway is killed with SIGKILL and started again; PostgreSQL is
 * stopped ({@code pg_ctl stop -m fast}) for a few seconds and started again.
 *
 * <p>The clients behave like integrators: a request refused during a fault must be a {@code 503} problem+json with
 * {@code Retry-After} (or, while the gateway itself is down, a refused connection), which they retry after
 * {@code Retry-After} with the same Idempotency-Key and the same natural ids (order and call ids), so a retry is safe;
 * any other answer (another 5xx, a 4xx, a wrong count) and any request without an answer within slightly more than the
 * gateway's upstream timeout fail the test. After each fault, and at the end through the API, every read model
 * converges to exactly the figures computed from what was accepted: subscriptions and customers of the orders, the
 * analytics KPIs and license totals, the calling calls, minutes and active users per customer.
 *
 * <p>Runs against a system of its own (Kafka in its own JVM, so it can be killed), stopped afterwards: the faults do not
 * disturb the other e2e tests, and every figure of its partner is the suite's own. Per fault it prints (and writes to
 * {@code e2e/target/bench/faults.md}) the requests accepted and refused, the outage and the convergence time.
 */
class FaultSuiteIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int ORDERS = Integer.getInteger("partnerhub.faults.orders", 10_000);
    static final int CALLS = Integer.getInteger("partnerhub.faults.calls", 100_000);
    static final int ORDER_BATCH = 100;
    static final int CALL_BATCH = 1_000;
    /** The customers the call records are for (made by orders before the stream starts) and their users. */
    static final int SEEDS = 20;
    static final int USERS_PER_CUSTOMER = 12;
    /** partnerhub.gateway.upstream-timeout-millis: a client waits slightly longer; a request without answer by then hangs. */
    static final Duration UPSTREAM_TIMEOUT = Duration.ofMillis(30_000);
    static final Duration CLIENT_TIMEOUT = UPSTREAM_TIMEOUT.plusSeconds(5);
    static final Duration OUTAGE = Duration.ofSeconds(5);
    static final Duration DEADLINE = Duration.ofMinutes(3);
    /** The pause of a client between two batches, so that the streams span the faults. */
    static final Duration PACE = Duration.ofMillis(100);
    static final String CUSTOMERS = "customers-service";
    static final String SUBSCRIPTIONS = "subscriptions-service";
    static final String ANALYTICS = "analytics-service";
    static final String CALLING = "calling-metrics-service";
    static final String GATEWAY = "gateway";

    static SystemLauncher system;
    static Path state;
    static HttpClient http;
    static Supplier<String> alice;
    static Supplier<String> orderToken;
    static Supplier<String> usageToken;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate LAST_WEEK = TODAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(1);

    @BeforeAll
    static void aSystemOfItsOwn() throws Exception {
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        state = root.resolve("e2e/target/faults-state-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        system = new SystemLauncher(new SystemLauncher.Layout(root, state, false)).withKafkaInOwnProcess().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String realm = system.keycloak().realmUrl();
        alice = KeycloakTokens.refreshingPassword(realm, "alice@acme.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
        orderToken = KeycloakTokens.refreshingClientCredentials(realm, "order-integrator-acme",
                system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        usageToken = KeycloakTokens.refreshingClientCredentials(realm, "usage-ingest-acme",
                system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
    }

    @AfterAll
    static void stopIt() {
        if (system != null) {
            system.close();
        }
        if (state != null) {
            RunningSystem.keepLogs(state, "faults");
            try {
                Directories.delete(state);
            } catch (java.io.UncheckedIOException e) {
                // target/ goes with the next clean build
            }
        }
    }

    // ---------------------------------------------------------------- the faults

    interface Action {
        void run() throws Exception;
    }

    record Fault(String name, Action inject) {
    }

    static List<Fault> faults() {
        List<Fault> faults = new ArrayList<>();
        faults.add(new Fault("Kafka broker: kill -9, restarted after " + OUTAGE.toSeconds() + " s", () -> {
            system.kafka().kill();
            pause(OUTAGE);
            system.kafka().startServer();
        }));
        for (String app : List.of(CUSTOMERS, SUBSCRIPTIONS, ANALYTICS, CALLING, GATEWAY)) {
            faults.add(new Fault(app + ": kill -9, restarted", () -> {
                Instance instance = system.instances(app).get(0);
                instance.process().destroyForcibly(); // SIGKILL
                instance.process().onExit().get(30, TimeUnit.SECONDS);
                system.restartInstance(instance, Map.of());
            }));
        }
        faults.add(new Fault("PostgreSQL: stopped (fast), started after " + OUTAGE.toSeconds() + " s", () -> {
            system.postgres().stopServer();
            pause(OUTAGE);
            system.postgres().startServer();
        }));
        return faults;
    }

    /** What happened to the requests of one phase (a fault and the traffic around it). */
    static final class Tally {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger connectionRefused = new AtomicInteger();
        final AtomicInteger rateLimited = new AtomicInteger();
        final AtomicLong slowestMillis = new AtomicLong();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    }

    static volatile Tally tally = new Tally();
    static volatile String faultTarget = "";

    // ---------------------------------------------------------------- the test

    @Test
    void everyReadModelConvergesToExactlyWhatWasAcceptedThroughEveryFault() throws Exception {
        long testStart = System.nanoTime();
        Baseline base = baseline();

        // the customers the call records are for: made by orders, known to calling-metrics before the stream starts
        List<ObjectNode> seedOrders = new ArrayList<>();
        for (int s = 0; s < SEEDS; s++) {
            seedOrders.add(order("S" + s, "Fault seed " + RUN + " " + s, 10, 5));
        }
        Tally seedTally = new Tally();
        tally = seedTally;
        JsonNode seeded = sendUntilAccepted("/api/v1/orders/batch", orderToken, array(seedOrders), "seed-" + RUN);
        assertTrue(seedTally.failures.isEmpty(), seedTally.failures::toString);
        List<String> seedCustomers = new ArrayList<>();
        for (JsonNode item : seeded.path("items")) {
            assertEquals(201, item.path("status").asInt(), item::toString);
            seedCustomers.add(item.path("result").path("customerId").asText());
        }
        await("calling-metrics knows the " + SEEDS + " seed customers").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> count("calling_metrics", "select count(*) from customer where customer_id::text in ('"
                        + String.join("','", seedCustomers) + "')") == SEEDS);

        Stream orders = new Stream("orders", ORDERS / ORDER_BATCH, b -> {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = b * ORDER_BATCH; i < (b + 1) * ORDER_BATCH; i++) {
                batch.add(order(String.valueOf(i), "Fault " + RUN + " " + i, meetings(i), calling(i)));
            }
            return new Request("/api/v1/orders/batch", orderToken, array(batch), "orders-" + RUN + "-" + b, ORDER_BATCH);
        });
        Stream calls = new Stream("call records", CALLS / CALL_BATCH, b -> {
            ArrayNode batch = JSON.createArrayNode();
            for (int n = b * CALL_BATCH; n < (b + 1) * CALL_BATCH; n++) {
                batch.add(callRecord(n, seedCustomers));
            }
            return new Request("/api/v1/calling/records", usageToken, batch, null, CALL_BATCH);
        });
        orders.start();
        calls.start();

        List<Fault> faults = faults();
        List<String> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            for (int f = 0; f < faults.size(); f++) {
                Fault fault = faults.get(f);
                Tally phase = new Tally();
                tally = phase;
                faultTarget = fault.name();
                int orderQuota = share(orders.batches, faults.size(), f);
                int callQuota = share(calls.batches, faults.size(), f);
                int ordersBefore = orders.done.get();
                int callsBefore = calls.done.get();
                orders.allow(orderQuota);
                calls.allow(callQuota);
                // the fault strikes while both streams are sending
                await(fault.name() + ": both streams sending").atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                        .until(() -> orders.sending.get() && calls.sending.get() || orders.done.get() > ordersBefore && calls.done.get() > callsBefore);
                long struck = System.nanoTime();
                fault.inject().run();
                long recovered = System.nanoTime();
                faultTarget = "";
                await(fault.name() + ": the streams' share sent and accepted").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                        .until(() -> orders.failed != null || calls.failed != null
                                || orders.done.get() == ordersBefore + orderQuota && calls.done.get() == callsBefore + callQuota);
                assertTrue(orders.failed == null && calls.failed == null, () -> "a stream stopped: " + orders.failed + " " + calls.failed);
                long sent = System.nanoTime();
                Expected expected = base.after(SEEDS + orders.done.get() * ORDER_BATCH, calls.done.get() * CALL_BATCH);
                awaitConverged(fault.name(), expected);
                long converged = System.nanoTime();
                failures.addAll(phase.failures);
                String row = "| %s | %d | %d | %d | %d | %.1f | %.1f | %.1f | %d |".formatted(fault.name(), phase.accepted.get(),
                        phase.refused.get(), phase.connectionRefused.get(), phase.rateLimited.get(), seconds(recovered - struck),
                        seconds(converged - sent), seconds(converged - recovered), phase.slowestMillis.get());
                rows.add(row);
                System.out.println("[faults] " + row + (phase.failures.isEmpty() ? "" : " FAILURES " + phase.failures));
            }
        } finally {
            orders.stop();
            calls.stop();
        }

        // at the end, through the API: every read model holds exactly what was accepted
        long finalStart = System.nanoTime();
        assertEquals(orders.batches, orders.done.get());
        assertEquals(calls.batches, calls.done.get());
        awaitEqual(expectedSubscriptions(), FaultSuiteIT::subscriptions, "subscriptions-service: the orders' subscriptions and MEETINGS licenses");
        awaitEqual(expectedCustomerNames(), FaultSuiteIT::customerNames, "customers-service: the orders' customers");
        awaitEqual(expectedAnalytics(base), FaultSuiteIT::analytics, "analytics-service: KPIs and license totals");
        awaitEqual(expectedCalling(seedCustomers), () -> calling(seedCustomers), "calling-metrics-service: calls, minutes, active users per customer");
        double finalSeconds = seconds(System.nanoTime() - finalStart);
        double testSeconds = seconds(System.nanoTime() - testStart);

        StringBuilder report = new StringBuilder("# Fault suite\n\n")
                .append("%d orders (batches of %d) and %d call records (batches of %d) through the gateway; per fault: the requests "
                        .formatted(ORDERS, ORDER_BATCH, CALLS, CALL_BATCH))
                .append("accepted, refused with 503 + Retry-After, refused connections (gateway down), 429s, the outage (fault to "
                        + "recovered), convergence of the read models after the phase's traffic and after recovery, the slowest "
                        + "answer.\n\n")
                .append("| fault | accepted | refused 503 | connection refused | 429 | outage s | converged after traffic s | "
                        + "converged after recovery s | slowest answer ms |\n|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> report.append(row).append('\n'));
        report.append("\nFinal check through the API (subscriptions, customers, analytics, calling): converged in %.1f s; whole test %.1f s.\n"
                .formatted(finalSeconds, testSeconds));
        Path bench = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize().resolve("e2e/target/bench");
        Files.createDirectories(bench);
        Files.writeString(bench.resolve("faults.md"), report.toString());
        System.out.println("[faults]\n" + report);
        assertEquals(List.of(), failures, "answers a client must never get during a fault");
    }

    static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    // ---------------------------------------------------------------- the clients

    record Request(String path, Supplier<String> token, JsonNode body, String idempotencyKey, int items) {
    }

    interface Batches {
        Request batch(int index) throws Exception;
    }

    /** One integrator: sends its batches in order, each until accepted, as many as the fault driver allows. */
    static final class Stream {
        final String name;
        final int batches;
        final Batches make;
        final Semaphore allowed = new Semaphore(0);
        final AtomicInteger done = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean();
        volatile Throwable failed;
        volatile boolean stopped;
        Thread thread;

        Stream(String name, int batches, Batches make) {
            this.name = name;
            this.batches = batches;
            this.make = make;
        }

        void allow(int more) {
            allowed.release(more);
        }

        void start() {
            thread = new Thread(() -> {
                try {
                    for (int b = 0; b < batches && !stopped; b++) {
                        allowed.acquire();
                        Request request = make.batch(b);
                        sending.set(true);
                        sendUntilAccepted(request.path(), request.token(), request.body(), request.idempotencyKey());
                        sending.set(false);
                        done.incrementAndGet();
                        pause(PACE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    failed = e;
                }
            }, "faults-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(CLIENT_TIMEOUT.toMillis());
        }
    }

    /**
     * Sends the request until it is accepted (200), as an integrator does: a 503 problem+json with Retry-After is retried
     * after Retry-After, a refused connection while the gateway is down after a second, a 429 after its Retry-After. Any
     * other answer, or none within {@link #CLIENT_TIMEOUT}, is recorded as a failure of the phase (and retried, so the
     * figures stay comparable).
     */
    static JsonNode sendUntilAccepted(String path, Supplier<String> token, JsonNode body, String idempotencyKey) throws Exception {
        String json = JSON.writeValueAsString(body);
        int attempts = 0;
        while (true) {
            if (++attempts > 200) {
                throw new AssertionError(path + " not accepted after 200 attempts");
            }
            Tally counts = tally;
            String target = faultTarget;
            String bearer;
            try {
                bearer = token.get();
            } catch (RuntimeException e) {
                // the identity provider keeps its data in the same PostgreSQL: while that is down, a new token waits
                pause(Duration.ofSeconds(1));
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path)).timeout(CLIENT_TIMEOUT)
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            long sent = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                counts.failures.add(path + ": no answer within " + CLIENT_TIMEOUT.toSeconds() + " s during " + target);
                continue;
            } catch (IOException e) {
                if (target.startsWith(GATEWAY)) {
                    counts.connectionRefused.incrementAndGet(); // the public door itself is down
                    pause(Duration.ofSeconds(1));
                } else {
                    counts.failures.add(path + ": " + e + " while the gateway was up, during " + (target.isEmpty() ? "no fault" : target));
                    pause(Duration.ofSeconds(1));
                }
                continue;
            }
            counts.slowestMillis.accumulateAndGet((System.nanoTime() - sent) / 1_000_000, Math::max);
            int status = response.statusCode();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (status == 503 || status == 429) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                boolean clear = contentType.startsWith("application/problem+json") && retryAfter != null && retryAfter.matches("\\d+")
                        && parse(response.body()).path("status").asInt() == status;
                if (!clear) {
                    counts.failures.add(path + ": " + status + " without problem+json and Retry-After: " + response.headers().map() + " "
                            + response.body());
                }
                (status == 503 ? counts.refused : counts.rateLimited).incrementAndGet();
                pause(Duration.ofSeconds(retryAfter != null && retryAfter.matches("\\d+") ? Math.min(Long.parseLong(retryAfter), 10) : 1));
                continue;
            }
            if (status != 200) {
                counts.failures.add(path + ": " + status + " during " + (target.isEmpty() ? "no fault" : target) + ": " + response.body());
                pause(Duration.ofSeconds(1));
                continue;
            }
            JsonNode answer = parse(response.body());
            int items = body.size();
            if (path.endsWith("/orders/batch")) {
                for (JsonNode item : answer.path("items")) {
                    int itemStatus = item.path("status").asInt();
                    // 201 first time; 200 replayed: the same order received before (a retry after an answer was lost)
                    if (itemStatus != 201 && !(itemStatus == 200 && item.path("replayed").asBoolean())) {
                        counts.failures.add(path + " item " + item);
                    }
                }
                if (answer.path("items").size() != items) {
                    counts.failures.add(path + ": " + answer.path("items").size() + " items answered of " + items);
                }
            } else {
                int accepted = answer.path("accepted").asInt();
                int duplicates = answer.path("duplicates").asInt();
                if (accepted + duplicates != items || answer.path("rejected").size() != 0) {
                    counts.failures.add(path + ": " + answer);
                }
            }
            counts.accepted.incrementAndGet();
            return answer;
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** A client's wait (between batches, Retry-After): a timer, not a poll of the system. */
    static void pause(Duration duration) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS)).join();
    }

    // ---------------------------------------------------------------- the data

    static int meetings(int i) {
        return 1 + i % 40;
    }

    static Integer calling(int i) {
        return i % 3 == 0 ? 1 + i % 7 : null;
    }

    static ObjectNode order(String n, String name, int meetings, Integer calling) {
        return CcwOrders.order("FLT-" + RUN, n, "FLT-" + RUN + "-" + n, name, TODAY.minusDays(10), 12, meetings, calling);
    }

    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(array::add);
        return array;
    }

    static final String[] ENDPOINTS = {"WEBEX_APP_DESKTOP", "WEBEX_APP_MOBILE", "IP_PHONE", "ROOM_DEVICE"};

    /**
     * Whether call record n is outbound: a user is active in a week only with an outbound call, so every customer has
     * users whose calls are all inbound (user index divisible by 3: 4 of 12) and active users (the other 8).
     */
    static boolean outbound(int n) {
        return (n / SEEDS) % 3 != 0;
    }

    /** Call record n: customer n % SEEDS, one of its users, last week (Sunday to Friday), 6 s to 5 min. */
    static ObjectNode callRecord(int n, List<String> customers) {
        ObjectNode record = JSON.createObjectNode();
        record.put("callId", "FLT-" + RUN + "-" + n);
        record.put("customerId", customers.get(n % SEEDS));
        record.put("userId", user(n % SEEDS, (n / SEEDS) % USERS_PER_CUSTOMER));
        record.put("startTime", LAST_WEEK.atStartOfDay(ZoneOffset.UTC).plusDays(n % 6).plusHours(6 + n % 12).plusSeconds(n % 3600)
                .toInstant().toString());
        record.put("durationSeconds", duration(n));
        record.put("direction", outbound(n) ? "OUTBOUND" : "INBOUND");
        record.put("endpointType", ENDPOINTS[n % ENDPOINTS.length]);
        record.putArray("features");
        return record;
    }

    static int duration(int n) {
        return 6 * (1 + n % 50);
    }

    static String user(int customer, int user) {
        return UUID.nameUUIDFromBytes(("faults-" + RUN + "-" + customer + "-" + user).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---------------------------------------------------------------- convergence after each fault (the databases)

    /** Row counts in the services' databases before the suite: a fresh system, yet counted rather than assumed. */
    record Baseline(int subscriptions, int customers, int analyticsSubscriptions, long calls) {
        Expected after(int orders, long callRecords) {
            return new Expected(subscriptions + orders, customers + orders, analyticsSubscriptions + orders, calls + callRecords);
        }
    }

    record Expected(int subscriptions, int customers, int analyticsSubscriptions, long calls) {
    }

    static Baseline baseline() throws Exception {
        return new Baseline(count("subscriptions", "select count(*) from subscription"), count("customers", "select count(*) from customer"),
                count("analytics", "select count(*) from subscription"),
                count("calling_metrics", "select coalesce(sum(calls), 0) from customer_week"));
    }

    static Expected current() throws Exception {
        return new Expected(count("subscriptions", "select count(*) from subscription"), count("customers", "select count(*) from customer"),
                count("analytics", "select count(*) from subscription"),
                count("calling_metrics", "select coalesce(sum(calls), 0) from customer_week"));
    }

    static void awaitConverged(String fault, Expected expected) throws Exception {
        try {
            await(fault + ": read models converged").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(FaultSuiteIT::current, expected::equals);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertEquals(expected, current(), fault + ": read models");
        }
    }

    static int count(String database, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl(database), "postgres", "");
             Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // ---------------------------------------------------------------- the final figures, through the API

    static Map<String, Integer> expectedSubscriptions() {
        Map<String, Integer> expected = new TreeMap<>();
        for (int s = 0; s < SEEDS; s++) {
            expected.put("FLT-" + RUN + "-S" + s, 10);
        }
        for (int i = 0; i < ORDERS; i++) {
            expected.put("FLT-" + RUN + "-" + i, meetings(i));
        }
        return expected;
    }

    static Map<String, Integer> subscriptions() throws Exception {
        Map<String, Integer> meetings = new TreeMap<>();
        for (JsonNode row : pages("/api/v1/subscriptions")) {
            String id = row.path("subscriptionId").asText();
            if (id.startsWith("FLT-" + RUN + "-")) {
                int purchased = 0;
                for (JsonNode line : row.path("lines")) {
                    if (line.path("product").asText().equals("MEETINGS")) {
                        purchased += line.path("purchased").asInt();
                    }
                }
                meetings.merge(id, purchased, Integer::sum);
            }
        }
        return meetings;
    }

    static Map<String, Integer> expectedCustomerNames() {
        Map<String, Integer> names = new TreeMap<>();
        for (int s = 0; s < SEEDS; s++) {
            names.put("Fault seed " + RUN + " " + s, 1);
        }
        for (int i = 0; i < ORDERS; i++) {
            names.put("Fault " + RUN + " " + i, 1);
        }
        return names;
    }

    /** Each customer name of the run, with how often it is listed (once: nothing counted twice). */
    static Map<String, Integer> customerNames() throws Exception {
        Map<String, Integer> names = new TreeMap<>();
        for (JsonNode row : pages("/api/v1/customers?q=" + RUN)) {
            names.merge(row.path("name").asText(), 1, Integer::sum);
        }
        return names;
    }

    static Map<String, Long> expectedAnalytics(Baseline base) {
        long meetings = SEEDS * 10L;
        long calling = SEEDS * 5L;
        long callingCustomers = SEEDS;
        for (int i = 0; i < ORDERS; i++) {
            meetings += meetings(i);
            if (calling(i) != null) {
                calling += calling(i);
                callingCustomers++;
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        expected.put("kpis.totalCustomers", (long) (SEEDS + ORDERS));
        expected.put("recently-added MEETINGS newCustomers", (long) (SEEDS + ORDERS));
        expected.put("recently-added MEETINGS totalLicenses", meetings);
        expected.put("recently-added CALLING newCustomers", callingCustomers);
        expected.put("recently-added CALLING totalLicenses", calling);
        return expected;
    }

    static Map<String, Long> analytics() throws Exception {
        Map<String, Long> figures = new TreeMap<>();
        figures.put("kpis.totalCustomers", read("/api/v1/analytics/kpis?asOf=" + TODAY).path("totalCustomers").asLong());
        for (String product : List.of("MEETINGS", "CALLING")) {
            JsonNode kpis = read("/api/v1/analytics/recently-added?limit=1&product=" + product + "&asOf=" + TODAY).path("kpis");
            figures.put("recently-added " + product + " newCustomers", kpis.path("newCustomers").asLong());
            figures.put("recently-added " + product + " totalLicenses", kpis.path("totalLicenses").asLong());
        }
        return figures;
    }

    static Map<String, String> expectedCalling(List<String> customers) {
        long[] calls = new long[SEEDS];
        long[] seconds = new long[SEEDS];
        List<Set<Integer>> users = new ArrayList<>();
        for (int s = 0; s < SEEDS; s++) {
            users.add(new HashSet<>());
        }
        for (int n = 0; n < CALLS; n++) {
            calls[n % SEEDS]++;
            seconds[n % SEEDS] += duration(n);
            if (outbound(n)) {
                users.get(n % SEEDS).add((n / SEEDS) % USERS_PER_CUSTOMER);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (int s = 0; s < SEEDS; s++) {
            expected.put(customers.get(s), "calls=%d minutes=%s activeUsers=%d".formatted(calls[s],
                    BigDecimal.valueOf(seconds[s]).divide(BigDecimal.valueOf(60)).setScale(1).toPlainString(), users.get(s).size()));
        }
        return expected;
    }

    static Map<String, String> calling(List<String> customers) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode row : pages("/api/v1/calling/usage/customers?week=last&asOf=" + TODAY)) {
            String id = row.path("customerId").asText();
            if (customers.contains(id)) {
                rows.put(id, "calls=%d minutes=%s activeUsers=%d".formatted(row.path("calls").asLong(),
                        row.path("minutes").decimalValue().setScale(1, java.math.RoundingMode.HALF_UP).toPlainString(),
                        row.path("activeUsers").asLong()));
            }
        }
        return rows;
    }

    static <T> void awaitEqual(T expected, Callable<T> actual, String what) throws Exception {
        try {
            await(what).atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(actual, expected::equals);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertEquals(expected, actual.call(), what);
        }
    }

    static List<JsonNode> pages(String section) throws Exception {
        return JsonHttp.pages(system.gatewayUrl() + section, 500, alice.get());
    }

    static JsonNode read(String path) throws Exception {
        JsonHttp.Answer answer = JsonHttp.get(system.gatewayUrl() + path, alice.get());
        assertEquals(200, answer.status(), answer::toString);
        return answer.body();
    }
}
