package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.SystemLauncher.Instance;
import io.partnerhub.platform.devstack.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deploy under load, for customers-service and for subscriptions-service: two instances of the service behind the
 * gateway (its upstream for the service is the list of both), mixed reads and writes (each write with an
 * {@code Idempotency-Key}: customers, orders) from several clients through the gateway, and SIGTERM to the second
 * instance with the production shutdown delay (its readiness goes DOWN and the gateway's instance probe takes it out of
 * turn while it still answers; then it stops taking connections and finishes what it has). The clients see no failed
 * request; every accepted write is stored once and its created event is on the service's topic once and processed once
 * by each consumer. Afterwards the gateway runs with its usual settings again and the service with one instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CUSTOMERS = "customers-service";
    static final int CLIENTS = 6;
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static SystemLauncher system;
    static Supplier<String> alice;
    static Supplier<String> orders;
    static HttpClient http;
    static Instance second;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        alice = KeycloakTokens.refreshingPassword(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        orders = KeycloakTokens.refreshingClientCredentials(system.keycloak().realmUrl(), "order-integrator-acme",
                system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Whatever a test left: its second instance stopped, the gateway with its usual settings. */
    @AfterEach
    void asUsual() throws Exception {
        if (second != null) {
            if (second.process().isAlive()) {
                system.stopInstance(second);
            }
            second = null;
            system.restartInstance(system.instances("gateway").get(0), Map.of());
        }
    }

    /** The reads of a scenario, from the ids of the writes made before the load. */
    interface Reads {
        List<String> paths(List<String> seeded);
    }

    @Test
    @Order(1)
    void customersServiceSigtermUnderLoadFailsNoRequestAndLosesNoWrite() throws Exception {
        run(CUSTOMERS, "CUSTOMERS", alice, "/api/v1/customers", name -> customer(name), "id",
                "customers", "select count(*) from customer where name like ?", "partnerhub.customers.v1",
                "partnerhub.customer.created", "customer/customerId",
                List.of(new String[] {"subscriptions", "subscriptions-service.customers"},
                        new String[] {"analytics", "analytics-service.customers"},
                        new String[] {"calling_metrics", "calling-metrics-service.customers"}),
                seeded -> List.of("/api/v1/customers/" + seeded.get(0), "/api/v1/customers/" + seeded.get(1),
                        "/api/v1/customers?limit=20&sort=name", "/api/v1/customers/" + seeded.get(2)));
    }

    @Test
    @Order(2)
    void subscriptionsServiceSigtermUnderLoadFailsNoRequestAndLosesNoWrite() throws Exception {
        run("subscriptions-service", "SUBSCRIPTIONS", orders, "/api/v1/orders", name -> order(name), "subscriptionId",
                "subscriptions", "select count(*) from subscription where subscription_id like ?", "partnerhub.subscriptions.v1",
                "partnerhub.subscription.created", "subscription/subscriptionId",
                List.of(new String[] {"analytics", "analytics-service.subscriptions"},
                        new String[] {"customers", "customers-service.subscriptions"}),
                seeded -> List.of("/api/v1/subscriptions/" + seeded.get(0), "/api/v1/subscriptions/" + seeded.get(1),
                        "/api/v1/subscriptions?limit=20", "/api/v1/subscriptions/" + seeded.get(2)));
    }

    void run(String app, String gatewayKey, Supplier<String> writer, String writePath, Function<String, JsonNode> body,
             String answerId, String database, String storedSql, String topicName, String createdType, String eventIdPath,
             List<String[]> consumers, Reads reads) throws Exception {
        Instance first = system.instances(app).get(0);
        // the production shutdown delay (5 s, as the prod profile): readiness DOWN first, still answering
        second = system.launchInstance(app, Map.of("QUARKUS_SHUTDOWN_DELAY", "5s"));
        system.awaitReady(second);
        system.restartInstance(system.instances("gateway").get(0), Map.of(
                "PARTNERHUB_GATEWAY_SERVICES_" + gatewayKey, first.url() + "," + second.url(),
                "PARTNERHUB_GATEWAY_HEALTH_SERVICES_" + gatewayKey, first.managementUrl() + "," + second.managementUrl(),
                "PARTNERHUB_GATEWAY_HEALTH_INSTANCE_PROBE_MILLIS", "500",
                // one partner's load beyond its usual budget: this test is about failures, not the rate limit
                "PARTNERHUB_GATEWAY_RATE_LIMIT_CAPACITY", "1000000",
                "PARTNERHUB_GATEWAY_RATE_LIMIT_REFILL", "1000000"));
        String gateway = system.gatewayUrl();
        String run = "GS-" + UUID.randomUUID().toString().substring(0, 8);

        // a few to read
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = post(gateway, writePath, writer, run + "-seed-" + i, body.apply(run + "-seed-" + i));
            assertEquals(201, created.statusCode(), created::body);
            seeded.add(JSON.readTree(created.body()).path(answerId).asText());
        }
        List<String> readPaths = reads.paths(seeded);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger readCount = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        try (TopicReader topic = TopicReader.fromEnd(system.kafka().bootstrapServers(), topicName)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int k = 0; loading.get(); k++) {
                        String what = "?";
                        try {
                            HttpResponse<String> answer;
                            if (k % 4 == 3) {
                                String name = run + "-" + client + "-" + k;
                                what = "POST " + writePath + " " + name;
                                answer = post(gateway, writePath, writer, name, body.apply(name));
                                if (answer.statusCode() == 201) {
                                    accepted.add(JSON.readTree(answer.body()).path(answerId).asText());
                                }
                            } else {
                                String path = readPaths.get(k % readPaths.size());
                                what = "GET " + path;
                                answer = get(gateway, path);
                                readCount.incrementAndGet();
                            }
                            requests.incrementAndGet();
                            if (answer.statusCode() >= 300) {
                                failures.add(what + " → " + answer.statusCode() + " " + answer.body());
                            }
                        } catch (Exception e) {
                            requests.incrementAndGet();
                            failures.add(what + " → " + e);
                        }
                    }
                    return null;
                }));
            }
            // both instances answer requests before the stop
            await("requests answered by " + second.name()).atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                    .until(() -> servedRequests(second) >= 20);
            long servedBySecond = servedRequests(second);
            int beforeStop = requests.get();
            long stopping = System.nanoTime();
            system.stopInstance(second); // SIGTERM; returns when the process is gone
            long stopMillis = Duration.ofNanos(System.nanoTime() - stopping).toMillis();
            int duringStop = requests.get() - beforeStop;
            // and on for a while with the first instance alone
            int afterStop = requests.get();
            await("requests after the stop").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> requests.get() >= afterStop + 300);
            loading.set(false);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();

            assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(10, failures.size())),
                    failures.size() + " failed requests of " + requests.get());
            assertTrue(stopMillis >= 5000, "the instance stopped after " + stopMillis + " ms, before its shutdown delay of 5 s");

            // every accepted write stored once ...
            Set<String> ids = new TreeSet<>(accepted);
            assertEquals(accepted.size(), ids.size(), "a write accepted twice");
            assertEquals(ids.size(), count(database, storedSql, run + "-_-%"), "writes of the load stored");
            // ... its event published once ...
            String[] eventPath = eventIdPath.split("/");
            Function<ConsumerRecord<String, String>, String> createdOf = record -> {
                try {
                    JsonNode event = JSON.readTree(record.value());
                    String id = event.path("data").path(eventPath[0]).path(eventPath[1]).asText();
                    return createdType.equals(event.path("type").asText()) && ids.contains(id) ? id : null;
                } catch (Exception e) {
                    return null;
                }
            };
            List<ConsumerRecord<String, String>> created = topic.await(r -> createdOf.apply(r) != null, ids.size(), DEADLINE);
            Map<String, Integer> byEvent = new HashMap<>();
            Map<String, Integer> byWrite = new TreeMap<>();
            for (ConsumerRecord<String, String> record : created) {
                byEvent.merge(JSON.readTree(record.value()).path("id").asText(), 1, Integer::sum);
                byWrite.merge(createdOf.apply(record), 1, Integer::sum);
            }
            assertEquals(ids, byWrite.keySet(), createdType + " events");
            assertTrue(byWrite.values().stream().allMatch(n -> n == 1), createdType + " events per write " + byWrite);
            assertTrue(byEvent.values().stream().allMatch(n -> n == 1), "an event published twice");
            // ... and processed once by each consumer
            List<String> eventIds = new ArrayList<>(byEvent.keySet());
            Map<String, Integer> processed = new TreeMap<>();
            for (String[] consumer : consumers) {
                processed.put(consumer[1], await(consumer[1] + " processed").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> processedEvents(consumer[0], consumer[1], eventIds), n -> n == eventIds.size()));
            }
            System.out.printf("graceful shutdown (%s, 2 instances, %d clients through the gateway): %d requests "
                            + "(%d reads, %d writes accepted), %d failed; %s answered %d API requests before its SIGTERM, stopped in %d ms "
                            + "(shutdown delay 5 s) while %d requests were answered; %d %s events on the topic, once each; "
                            + "processed once by %s%n",
                    app, CLIENTS, requests.get(), readCount.get(), ids.size(), failures.size(), second.name(), servedBySecond, stopMillis,
                    duringStop, created.size(), createdType, processed);
        }
        second = null;
        system.restartInstance(system.instances("gateway").get(0), Map.of());
    }

    static ObjectNode order(String name) {
        ObjectNode order = JSON.createObjectNode().put("ccwOrderId", name);
        order.putObject("customer").put("externalId", name).put("name", "Customer " + name).put("managedBy", "PARTNER");
        order.put("subscriptionId", name).put("startDate", LocalDate.now(ZoneOffset.UTC).toString()).put("termMonths", 12)
                .put("autoRenew", true);
        order.putArray("lines").addObject().put("product", "MEETINGS").put("sku", "A-MTG").put("quantity", 10);
        return order;
    }

    static ObjectNode customer(String name) {
        ObjectNode customer = JSON.createObjectNode();
        customer.put("name", name);
        customer.put("managedBy", "PARTNER");
        return customer;
    }

    static HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + alice.get()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String base, String path, Supplier<String> token, String idempotencyKey, JsonNode body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The API requests the instance answered, from its own metrics. */
    static long servedRequests(Instance instance) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double total = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/api/v1/")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }

    static int count(String database, String sql, String parameter) throws SQLException {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl(database), "postgres", "");
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static int processedEvents(String database, String consumer, List<String> eventIds) throws SQLException {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl(database), "postgres", "");
             PreparedStatement query = db.prepareStatement("select count(*) from processed_event where consumer = ? and event_id = any(?)")) {
            query.setString(1, consumer);
            query.setArray(2, db.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
