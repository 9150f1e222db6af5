package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.e2e.bench.LoadGenerator;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * The traffic of a working day through the gateway, for the footprint and soak benchmarks: one partner's customers
 * with subscriptions (made by orders), then reads — customer detail and list, a customer's subscriptions, analytics KPIs,
 * calling usage — and writes — orders, license usage, call records — each write with its own {@code Idempotency-Key}.
 */
final class MixedWorkload {

    static final ObjectMapper JSON = new ObjectMapper();

    final SystemLauncher system;
    final Supplier<String> reader;
    final Supplier<String> orders;
    final Supplier<String> usage;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<String> customerIds = new ArrayList<>();
    final List<String> subscriptionIds = new ArrayList<>();
    final AtomicLong writes = new AtomicLong();
    final Map<String, Long> writeErrors = new TreeMap<>();

    MixedWorkload(SystemLauncher system) {
        this.system = system;
        String realm = system.keycloak().realmUrl();
        reader = KeycloakTokens.refreshingPassword(realm, "alice@acme.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
        orders = KeycloakTokens.refreshingClientCredentials(realm, "order-integrator-acme",
                system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        usage = KeycloakTokens.refreshingClientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
    }

    /** {@code customers} customers, each with a subscription of both products, visible in customers-service. */
    MixedWorkload seed(int customers) throws Exception {
        for (int from = 0; from < customers; from += 500) {
            ArrayNode batch = JSON.createArrayNode();
            for (int i = from; i < Math.min(customers, from + 500); i++) {
                batch.add(order("seed-" + i));
            }
            HttpResponse<String> answer = send("POST", "/api/v1/orders/batch", orders.get(), batch.toString(), "seed-" + run + "-" + from);
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("seeding orders: " + answer.statusCode() + " " + answer.body());
            }
            for (JsonNode item : JSON.readTree(answer.body()).path("items")) {
                customerIds.add(item.path("result").path("customerId").asText());
                subscriptionIds.add(item.path("result").path("subscriptionId").asText());
            }
        }
        if (customerIds.size() != customers) {
            throw new IllegalStateException("seeded " + customerIds.size() + " of " + customers + " customers");
        }
        String last = customerIds.get(customerIds.size() - 1);
        await("seeded customers visible in customers-service").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> send("GET", "/api/v1/customers/" + last, reader.get(), null, null).statusCode() == 200);
        return this;
    }

    /** The reads in turn: request n reads {@code paths.get(n % size)}. */
    List<String> readPaths() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < Math.min(8, customerIds.size()); i++) {
            paths.add("/api/v1/customers/" + customerIds.get(i));
        }
        paths.add("/api/v1/customers?limit=20&sort=name");
        paths.add("/api/v1/customers?limit=20&sort=-createdAt&managedBy=PARTNER");
        paths.add("/api/v1/customers/" + customerIds.get(0) + "/subscriptions");
        paths.add("/api/v1/subscriptions/" + subscriptionIds.get(0));
        paths.add("/api/v1/analytics/kpis?product=MEETINGS&asOf=" + today);
        paths.add("/api/v1/analytics/recently-added?product=CALLING&asOf=" + today);
        paths.add("/api/v1/calling/usage/customers?week=last&asOf=" + today);
        return paths;
    }

    /** The load generator's target: the reads in turn with the reader's token. */
    LoadGenerator.Target reads(String name) {
        List<String> paths = readPaths();
        return new LoadGenerator.Target(name, URI.create(system.gatewayUrl()), n -> paths.get((int) (n % paths.size())),
                LoadGenerator.Target.bearer(reader));
    }

    /** Write number n: an order, license usage of 20 subscriptions, or 50 call records, in turn. */
    void write(long n) {
        String key = "w-" + run + "-" + n;
        try {
            HttpResponse<String> answer = switch ((int) (n % 3)) {
                case 0 -> send("POST", "/api/v1/orders", orders.get(), order("w" + n).toString(), key);
                case 1 -> send("POST", "/api/v1/license-usage", usage.get(), licenseUsage(n).toString(), key);
                default -> send("POST", "/api/v1/calling/records", usage.get(), callRecords(n).toString(), key);
            };
            if (answer.statusCode() / 100 != 2) {
                error(answer.statusCode() + " " + answer.body());
            }
        } catch (Exception e) {
            error(e.getClass().getSimpleName());
        }
        writes.incrementAndGet();
    }

    private synchronized void error(String what) {
        writeErrors.merge(what.length() > 200 ? what.substring(0, 200) : what, 1L, Long::sum);
    }

    synchronized long writeErrorCount() {
        return writeErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    ObjectNode order(String id) {
        ObjectNode order = JSON.createObjectNode().put("ccwOrderId", "MW-" + run + "-" + id);
        order.putObject("customer").put("externalId", "MW-" + run + "-" + id).put("name", "Workload " + run + " " + id)
                .put("managedBy", "PARTNER");
        order.put("subscriptionId", "MW-" + run + "-S" + id).put("startDate", LocalDate.now(ZoneOffset.UTC).minusDays(30).toString())
                .put("termMonths", 12).put("autoRenew", true);
        ArrayNode lines = order.putArray("lines");
        lines.addObject().put("product", "MEETINGS").put("sku", "A-MTG").put("quantity", 50);
        lines.addObject().put("product", "CALLING").put("sku", "A-CALL").put("quantity", 20);
        return order;
    }

    ArrayNode licenseUsage(long n) {
        ArrayNode body = JSON.createArrayNode();
        LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(n / 3 % 28);
        for (int i = 0; i < 20; i++) {
            String subscription = subscriptionIds.get((int) ((n + i) % subscriptionIds.size()));
            body.addObject().put("subscriptionId", subscription).put("product", i % 2 == 0 ? "MEETINGS" : "CALLING")
                    .put("date", date.toString()).put("assigned", (int) (n % 40) + 5).put("used", (int) (n % 20));
        }
        return body;
    }

    ArrayNode callRecords(long n) {
        ArrayNode body = JSON.createArrayNode();
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
            body.addObject().put("callId", "MW-" + run + "-" + n + "-" + i)
                    .put("customerId", customerIds.get((int) ((n + i) % customerIds.size())))
                    .put("userId", "user-" + (i % 17)).put("startTime", start.plusSeconds(i).toString())
                    .put("durationSeconds", 30 + i).put("direction", i % 3 == 0 ? "INBOUND" : "OUTBOUND")
                    .put("endpointType", "IP_PHONE");
        }
        return body;
    }

    HttpResponse<String> send(String method, String path, String token, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
