package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.e2e.JsonHttp.Answer;
import io.partnerhub.platform.devstack.DemoData;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.SystemLauncher.Instance;
import io.partnerhub.platform.devstack.TopicWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of every service (the gateway once) against the same PostgreSQL and Kafka, in the same consumer
 * groups: a workload spread over both instances is processed exactly once (the read models hold the exact figures
 * computed from the input, every event is recorded once by every consumer, no dead letters); the lifecycle job of both
 * instances changes each due subscription once; and when the instance holding the outbox relay's advisory lock is
 * killed with SIGKILL, the other one publishes every remaining event. The second instances talk to the test directly
 * (the gateway routes to the first ones). Afterwards the system is as the other e2e tests expect it: one instance of
 * each, with their usual settings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String CUSTOMERS = "customers-service";
    static final String SUBSCRIPTIONS = "subscriptions-service";
    static final String ANALYTICS = "analytics-service";
    static final String CALLING = "calling-metrics-service";
    static final List<String> SERVICES = List.of(CUSTOMERS, SUBSCRIPTIONS, ANALYTICS, CALLING);
    /** Both subscriptions instances run the lifecycle job every second, five subscriptions per transaction. */
    static final Map<String, String> FREQUENT_JOB = Map.of("PARTNERHUB_SUBSCRIPTIONS_JOB_EVERY", "1s",
            "PARTNERHUB_SUBSCRIPTIONS_JOB_DELAY", "1s", "PARTNERHUB_SUBSCRIPTIONS_JOB_BATCH_SIZE", "5");
    /** OutboxRelay's session advisory lock (platform/runtime OutboxRelay.LOCK_ID). */
    static final long RELAY_LOCK = 0x0b0e7e1a7L;
    static final Pattern TERMS_ENDED = Pattern.compile("termsEnded=(\\d+)");

    static SystemLauncher system;
    static Supplier<String> alice;
    static Supplier<String> orders;
    static Supplier<String> usage;
    static Admin kafka;

    @BeforeAll
    static void twoInstancesOfEveryService() throws Exception {
        system = RunningSystem.get();
        String realm = system.keycloak().realmUrl();
        alice = KeycloakTokens.refreshingPassword(realm, "alice@acme.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
        orders = KeycloakTokens.refreshingClientCredentials(realm, "order-integrator-acme",
                system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        usage = KeycloakTokens.refreshingClientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka().bootstrapServers());
        kafka = Admin.create(admin);

        List<Instance> second = new ArrayList<>();
        for (String service : SERVICES) {
            second.add(system.launchInstance(service, service.equals(SUBSCRIPTIONS) ? FREQUENT_JOB : Map.of()));
        }
        // the first subscriptions instance runs the job as often as the second one
        system.restartInstance(system.instances(SUBSCRIPTIONS).get(0), FREQUENT_JOB);
        for (Instance instance : second) {
            system.awaitReady(instance);
        }
        for (String service : SERVICES) {
            assertEquals(2, system.instances(service).size(), service);
        }
        // both instances consume: every grouped channel (group id = the service's name) has a member with partitions
        // in each instance
        Map<String, Integer> channels = Map.of(CUSTOMERS, 1, SUBSCRIPTIONS, 2, ANALYTICS, 2, CALLING, 2);
        for (String service : SERVICES) {
            int expected = 2 * channels.get(service);
            await(service + " group with " + expected + " consumers, each with partitions").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> kafka.describeConsumerGroups(List.of(service)).all().get(30, TimeUnit.SECONDS).get(service).members().stream()
                            .filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == expected);
        }
    }

    /** One instance of each again, the first one with its usual settings (alive, whatever the test did to it). */
    @AfterAll
    static void oneInstanceOfEachAgain() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (system == null) {
            return;
        }
        List<Exception> failures = new ArrayList<>();
        for (String service : SERVICES) {
            try {
                List<Instance> instances = system.instances(service);
                for (Instance instance : instances.subList(1, instances.size())) {
                    system.stopInstance(instance);
                }
                Instance first = instances.get(0);
                if (!first.process().isAlive() || service.equals(SUBSCRIPTIONS)) {
                    system.restartInstance(first, Map.of());
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    // ---------------------------------------------------------------- 1. every event processed exactly once

    @Test
    @Order(1)
    void aWorkloadSpreadOverBothInstancesIsProcessedExactlyOnce() throws Exception {
        Map<String, Long> deadLettersBefore = deadLetterEnds();
        Timestamp start = Timestamp.from(Instant.now());
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Instance> subscriptions = system.instances(SUBSCRIPTIONS);
        List<Instance> customers = system.instances(CUSTOMERS);
        List<Instance> calling = system.instances(CALLING);
        int ordersByApi = 16;
        int ordersByTopic = 4;
        int n = ordersByApi + ordersByTopic;

        // orders: 16 through the API, alternating between the two subscriptions instances, 4 on the CCW order topic
        // (the two instances share its consumer group); every order makes a new customer
        Map<String, Integer> meetings = new TreeMap<>();
        Map<String, Integer> callingLicenses = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subscriptionId = "REPL-%s-%02d".formatted(run, i);
            ids.add(subscriptionId);
            names.put(subscriptionId, "Replicas " + run + " " + i);
            meetings.put(subscriptionId, 10 + i);
            if (i % 2 == 0) {
                callingLicenses.put(subscriptionId, 5);
            }
        }
        try (TopicWriter writer = TopicWriter.open(system.kafka().bootstrapServers())) {
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                ObjectNode order = order(run, i, id, names.get(id), today.minusDays(40), 12, meetings.get(id), callingLicenses.get(id));
                if (i < ordersByApi) {
                    Answer placed = post(subscriptions.get(i % 2), orders.get(), "/api/v1/orders", order);
                    assertEquals(201, placed.status(), placed::toString);
                } else {
                    writer.send("partnerhub.ccw-orders.v1", "order-" + id, cloudEvent("/ccw", "partnerhub.ccw.order", "order", order));
                }
            }
        }
        Map<String, String> customerIds = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            Instance instance = subscriptions.get(i % 2);
            Answer subscription = await(id + " accepted").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                    .until(() -> get(instance, alice.get(), "/api/v1/subscriptions/" + id), a -> a.status() == 200);
            customerIds.put(id, subscription.body().path("customerId").asText());
        }

        // amendments (revision 2, more MEETINGS licenses) through the other instance than the order
        for (int i = 0; i < ordersByApi; i += 4) {
            String id = ids.get(i);
            meetings.put(id, 100 + i);
            ObjectNode amended = order(run, i, id, names.get(id), today.minusDays(40), 12, meetings.get(id), callingLicenses.get(id));
            amended.put("revision", 2);
            Answer answer = post(subscriptions.get((i + 1) % 2), orders.get(), "/api/v1/orders", amended);
            assertEquals(200, answer.status(), answer::toString);
        }

        // license usage, one post per subscription, alternating instances
        Map<String, int[]> meetingUsage = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            int[] assignedUsed = {3 + i % 7, 1 + i % 5};
            meetingUsage.put(id, assignedUsed);
            ArrayNode snapshots = JSON.createArrayNode();
            snapshots.add(snapshot(id, "MEETINGS", today, assignedUsed[0], assignedUsed[1]));
            if (callingLicenses.containsKey(id)) {
                snapshots.add(snapshot(id, "CALLING", today, 2, 1));
            }
            Answer recorded = post(subscriptions.get(i % 2), usage.get(), "/api/v1/license-usage", snapshots);
            assertEquals(200, recorded.status(), recorded::toString);
            assertEquals(snapshots.size(), recorded.body().path("accepted").asInt(), recorded::toString);
        }

        // call records of last week (Sunday to Saturday) for the first eight customers: i + 1 through the API,
        // alternating instances (a record of a customer calling-metrics has not heard of yet is refused, so each batch
        // is sent until taken), then two more on the call record topic (the instances share its consumer group)
        LocalDate lastWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(1);
        Map<String, long[]> expectedCalls = new TreeMap<>();
        Map<String, BigDecimal> expectedMinutes = new TreeMap<>();
        List<ObjectNode> onTopic = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String customerId = customerIds.get(ids.get(i));
            ArrayNode records = JSON.createArrayNode();
            int calls = i + 1;
            long seconds = 0;
            Set<String> outboundUsers = new HashSet<>();
            for (int k = 0; k < calls + 2; k++) {
                String user = UUID.nameUUIDFromBytes(("user-" + run + "-" + i + "-" + k % 3).getBytes(StandardCharsets.UTF_8)).toString();
                String direction = k % 2 == 0 ? "OUTBOUND" : "INBOUND";
                int duration = 45 + 20 * k + i;
                seconds += duration;
                if (direction.equals("OUTBOUND")) {
                    outboundUsers.add(user);
                }
                ObjectNode record = k < calls ? records.addObject() : JSON.createObjectNode();
                if (k >= calls) {
                    onTopic.add(record);
                }
                record.put("callId", "call-" + run + "-" + i + "-" + k);
                record.put("customerId", customerId);
                record.put("userId", user);
                record.put("startTime", LocalDateTime.of(lastWeek.plusDays(1 + k % 5), java.time.LocalTime.of(9, k)).toInstant(ZoneOffset.UTC).toString());
                record.put("durationSeconds", duration);
                record.put("direction", direction);
                record.put("endpointType", "IP_PHONE");
                record.putArray("features");
            }
            expectedCalls.put(customerId, new long[]{calls + 2, outboundUsers.size()});
            expectedMinutes.put(customerId, BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP));
            Instance instance = calling.get(i % 2);
            Answer taken = await("call records of " + customerId + " taken").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> post(instance, usage.get(), "/api/v1/calling/records", records),
                            a -> a.status() == 200 && a.body().path("rejected").isEmpty()
                                    && a.body().path("accepted").asInt() + a.body().path("duplicates").asInt() == calls);
            assertEquals(calls, taken.body().path("accepted").asInt() + taken.body().path("duplicates").asInt(), taken::toString);
        }
        try (TopicWriter writer = TopicWriter.open(system.kafka().bootstrapServers())) {
            for (ObjectNode record : onTopic) {
                writer.send("partnerhub.cdr.v1", record.path("customerId").asText(), cloudEvent("/cdr", "partnerhub.cdr", null, record));
            }
        }

        // analytics: each subscription's MEETINGS and CALLING lines, with the amended quantity, the usage and the name
        Map<String, String> expectedMeetings = new TreeMap<>();
        for (String id : ids) {
            int[] au = meetingUsage.get(id);
            expectedMeetings.put(id, line(customerIds.get(id), names.get(id), meetings.get(id), au[0], au[1]));
        }
        Map<String, String> expectedCallingLines = new TreeMap<>();
        callingLicenses.forEach((id, licenses) -> expectedCallingLines.put(id, line(customerIds.get(id), names.get(id), licenses, 2, 1)));
        List<Instance> analytics = system.instances(ANALYTICS);
        for (int a = 0; a < 2; a++) {
            Instance instance = analytics.get(a);
            awaitEqual(expectedMeetings, () -> recentlyAdded(instance, "MEETINGS", today, run), "analytics MEETINGS on " + instance.name());
            awaitEqual(expectedCallingLines, () -> recentlyAdded(instance, "CALLING", today, run), "analytics CALLING on " + instance.name());
        }

        // calling-metrics: calls, active users and minutes of last week per customer, with the customer's name
        Map<String, String> expectedUsage = new TreeMap<>();
        Map<String, String> nameOfCustomer = new HashMap<>();
        ids.forEach(id -> nameOfCustomer.put(customerIds.get(id), names.get(id)));
        expectedCalls.forEach((customerId, figures) -> expectedUsage.put(customerId, "%s calls=%d activeUsers=%d minutes=%s"
                .formatted(nameOfCustomer.get(customerId), figures[0], figures[1], expectedMinutes.get(customerId).toPlainString())));
        for (Instance instance : calling) {
            awaitEqual(expectedUsage, () -> callingUsage(instance, today, expectedUsage.keySet()), "calling usage on " + instance.name());
        }

        // customers-service: the customers the orders made, with the products and status of their subscription
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            Instance instance = customers.get(i % 2);
            String expected = names.get(id) + " products=" + (callingLicenses.containsKey(id) ? "[CALLING, MEETINGS]" : "[MEETINGS]")
                    + " ORDER_READY=true";
            await("customer of " + id + " on " + instance.name()).atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                    .until(() -> customerSummary(instance, customerIds.get(id)), expected::equals);
        }

        // every event of the run recorded once by every consumer, nothing dead-lettered
        List<String> customerEvents = outboxIds("customers", start, List.of("partnerhub.customer.created"));
        List<String> subscriptionEvents = outboxIds("subscriptions", start,
                List.of("partnerhub.subscription.created", "partnerhub.subscription.amended", "partnerhub.license.usage-recorded"));
        assertEquals(n, customerEvents.size(), "customer.created events of the run");
        assertEquals(n + ordersByApi / 4 + n, subscriptionEvents.size(), "created, amended and usage events of the run");
        Map<String, Integer> processed = new LinkedHashMap<>();
        awaitProcessed(processed, "subscriptions", "subscriptions-service.customers", customerEvents);
        awaitProcessed(processed, "analytics", "analytics-service.customers", customerEvents);
        awaitProcessed(processed, "calling_metrics", "calling-metrics-service.customers", customerEvents);
        awaitProcessed(processed, "analytics", "analytics-service.subscriptions", subscriptionEvents);
        awaitProcessed(processed, "customers", "customers-service.subscriptions", subscriptionEvents);
        assertEquals(deadLettersBefore, deadLetterEnds(), "records on the dead-letter topics");
        System.out.printf("replicas exactly once: %d orders (%d by API over 2 instances, %d on the topic), %d amendments, %d usage posts, "
                        + "%d call records (%d on the topic); %d customer and %d subscription events, each processed once per consumer %s; "
                        + "read models equal the computed figures on both instances; dead-letter topics unchanged%n",
                n, ordersByApi, ordersByTopic, ordersByApi / 4, n, expectedCalls.values().stream().mapToLong(f -> f[0]).sum(),
                onTopic.size(),
                customerEvents.size(), subscriptionEvents.size(), processed);
    }

    // ---------------------------------------------------------------- 2. the lifecycle job changes each subscription once

    @Test
    @Order(2)
    void theLifecycleJobOfBothInstancesEndsEachTermOnce() throws Exception {
        List<Instance> subscriptions = system.instances(SUBSCRIPTIONS);
        long[] logFrom = {Files.size(system.logFile(subscriptions.get(0))), Files.size(system.logFile(subscriptions.get(1)))};
        Timestamp start = Timestamp.from(Instant.now());
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int n = 30;
        List<String> ids = new ArrayList<>();
        // terms of 12 months that ended a month ago, without auto-renew: due to expire
        for (int i = 0; i < n; i++) {
            String id = "REPL-END-%s-%02d".formatted(run, i);
            ids.add(id);
            Answer placed = post(subscriptions.get(i % 2), orders.get(), "/api/v1/orders",
                    order(run, 100 + i, id, "Replicas ended " + run + " " + i, today.minusMonths(13), 12, 3, null));
            assertEquals(201, placed.status(), placed::toString);
        }
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            Instance instance = subscriptions.get(i % 2);
            await(id + " expired").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(instance, alice.get(), "/api/v1/subscriptions/" + id),
                            a -> a.status() == 200 && "EXPIRED".equals(a.body().path("status").asText()));
        }
        awaitAllSent("subscriptions", start);

        // on the topic: per subscription one created event and one expired event, one version later
        Map<String, List<String>> events = new TreeMap<>();
        for (String value : recordsSince("partnerhub.subscriptions.v1", start.toInstant())) {
            JsonNode event = JSON.readTree(value);
            String id = event.path("data").path("subscription").path("subscriptionId").asText();
            if (ids.contains(id) && event.path("type").asText().startsWith("partnerhub.subscription.")) {
                events.computeIfAbsent(id, k -> new ArrayList<>()).add(event.path("type").asText().replace("partnerhub.subscription.", "")
                        + "@" + event.path("data").path("version").asLong());
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (String id : ids) {
            List<String> seen = events.getOrDefault(id, List.of());
            long created = seen.stream().filter(e -> e.startsWith("created@")).mapToLong(e -> Long.parseLong(e.substring(8))).findFirst().orElse(-1);
            expected.put(id, List.of("created@" + created, "expired@" + (created + 1)));
        }
        assertEquals(expected, events, "subscription events of the ended terms on partnerhub.subscriptions.v1");
        for (String id : ids) {
            assertNotEquals("created@-1", events.get(id).get(0), id);
        }
        int[] ended = {termsEnded(subscriptions.get(0), logFrom[0]), termsEnded(subscriptions.get(1), logFrom[1])};
        assertEquals(n, ended[0] + ended[1], "terms ended by the two instances' jobs, from their logs");
        System.out.printf("replicas lifecycle job: %d due subscriptions expired exactly once (one expired event each, version +1); "
                + "%s ended %d, %s ended %d%n", n, subscriptions.get(0).name(), ended[0], subscriptions.get(1).name(), ended[1]);
    }

    // ---------------------------------------------------------------- 3. relay failover after SIGKILL

    @Test
    @Order(3)
    void whenTheRelayHolderIsKilledTheOtherInstancePublishesTheRest() throws Exception {
        Timestamp start = Timestamp.from(Instant.now());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Instance> customers = system.instances(CUSTOMERS);
        String holderName = relayHolder("customers");
        Instance holder = customers.stream().filter(i -> i.name().equals(holderName)).findFirst()
                .orElseThrow(() -> new AssertionError("the relay lock is held by " + holderName + ", not one of " + customers));
        Instance survivor = customers.stream().filter(i -> i != holder).findFirst().orElseThrow();

        // three writers create customers through the survivor all along; the holder's relay publishes them until killed
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                int k = 0;
                while (writing.get()) {
                    ObjectNode customer = JSON.createObjectNode();
                    customer.put("name", "Failover " + run + " " + writer + "-" + k++);
                    customer.put("managedBy", "PARTNER");
                    try {
                        Answer answer = post(survivor, alice.get(), "/api/v1/customers", customer);
                        (answer.status() == 201 ? created : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        await("customers written before the kill").atMost(DEADLINE).until(() -> created.get() >= 30);
        int beforeKill = created.get();
        Instant killed = Instant.now();
        holder.process().destroyForcibly(); // SIGKILL
        holder.process().onExit().get(10, TimeUnit.SECONDS);
        Instant dead = Instant.now();
        int unsentAtKill = count("customers", "select count(*) from outbox_event where sent_at is null");
        await("customers written after the kill").atMost(DEADLINE).until(() -> created.get() >= beforeKill + 60);
        writing.set(false);
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        writers.shutdown();
        assertEquals(0, failed.get(), "customer creations through the survivor that failed");

        awaitAllSent("customers", start);
        assertEquals(survivor.name(), relayHolder("customers"), "the relay lock after the kill");
        Instant firstBySurvivor;
        try (Connection db = connect("customers");
             PreparedStatement first = db.prepareStatement("select min(sent_at) from outbox_event where sent_at > ?")) {
            first.setTimestamp(1, Timestamp.from(killed));
            try (ResultSet rs = first.executeQuery()) {
                rs.next();
                firstBySurvivor = rs.getTimestamp(1).toInstant();
            }
        }

        // every outbox event of the test on the topic; a duplicate only for an event the killed relay had not marked sent
        List<String> written = outboxIds("customers", start, null);
        assertEquals(created.get(), outboxIds("customers", start, List.of("partnerhub.customer.created")).size(), "customer.created events");
        Map<String, Integer> onTopic = new HashMap<>();
        for (String value : recordsSince("partnerhub.customers.v1", start.toInstant())) {
            onTopic.merge(JSON.readTree(value).path("id").asText(), 1, Integer::sum);
        }
        assertEquals(new TreeMap<>(counted(written)).keySet(), new TreeMap<>(onTopic).keySet(), "events on partnerhub.customers.v1");
        List<String> duplicated = onTopic.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        Set<String> sentAfterKill = new HashSet<>(sentAfter("customers", start, killed));
        for (String id : duplicated) {
            assertTrue(sentAfterKill.contains(id), "event " + id + " published twice though marked sent before the kill");
        }
        // the consumers keep each event once
        Map<String, Integer> processed = new LinkedHashMap<>();
        List<String> createdIds = outboxIds("customers", start, List.of("partnerhub.customer.created"));
        awaitProcessed(processed, "subscriptions", "subscriptions-service.customers", createdIds);
        awaitProcessed(processed, "analytics", "analytics-service.customers", createdIds);
        awaitProcessed(processed, "calling_metrics", "calling-metrics-service.customers", createdIds);

        long delay = Duration.between(killed, firstBySurvivor).toMillis();
        System.out.printf("relay failover: SIGKILL of %s (holding the customers outbox lock) → first publish by %s after %d ms "
                        + "(process gone after %d ms); %d rows unsent at the kill; %d customers written through the survivor (%d before, %d after the kill); "
                        + "all %d outbox events on partnerhub.customers.v1, %d of them twice (at-least-once, not marked sent before the kill); "
                        + "consumers processed each once %s%n",
                holder.name(), survivor.name(), delay, Duration.between(killed, dead).toMillis(), unsentAtKill, created.get(), beforeKill,
                created.get() - beforeKill, written.size(), duplicated.size(), processed);
        assertTrue(delay >= 0, "first publish after the kill");
    }

    // ---------------------------------------------------------------- reads of the read models

    static String line(String customerId, String name, int licenses, int assigned, int used) {
        return "%s %s total=%d assigned=%d used=%d".formatted(customerId, name, licenses, assigned, used);
    }

    /** The run's rows of recently-added, as {@link #line}. */
    static Map<String, String> recentlyAdded(Instance instance, String product, LocalDate today, String run) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode row : pages(instance, "/api/v1/analytics/recently-added?product=" + product + "&asOf=" + today)) {
            String id = row.path("subscriptionId").asText();
            if (id.startsWith("REPL-" + run + "-")) {
                rows.put(id, line(row.path("customerId").asText(), row.path("customerName").asText(null), row.path("totalLicenses").asInt(),
                        row.path("assigned").asInt(), row.path("used").asInt()));
            }
        }
        return rows;
    }

    static Map<String, String> callingUsage(Instance instance, LocalDate today, Set<String> customerIds) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode row : pages(instance, "/api/v1/calling/usage/customers?week=last&asOf=" + today)) {
            String id = row.path("customerId").asText();
            if (customerIds.contains(id)) {
                rows.put(id, "%s calls=%d activeUsers=%d minutes=%s".formatted(row.path("customerName").asText(null), row.path("calls").asLong(),
                        row.path("activeUsers").asLong(), row.path("minutes").decimalValue().setScale(1, RoundingMode.UNNECESSARY).toPlainString()));
            }
        }
        return rows;
    }

    static String customerSummary(Instance instance, String customerId) throws Exception {
        Answer answer = get(instance, alice.get(), "/api/v1/customers/" + customerId);
        if (answer.status() != 200) {
            return answer.toString();
        }
        List<String> products = new ArrayList<>();
        answer.body().path("products").forEach(p -> products.add(p.asText()));
        products.sort(null);
        boolean ready = false;
        for (JsonNode status : answer.body().path("statuses")) {
            ready |= status.asText().equals("ORDER_READY");
        }
        return answer.body().path("name").asText() + " products=" + products + " ORDER_READY=" + ready;
    }

    static List<JsonNode> pages(Instance instance, String section) throws Exception {
        return JsonHttp.pages(instance.url() + section, 500, alice.get());
    }

    static <T> void awaitEqual(Map<String, T> expected, java.util.concurrent.Callable<Map<String, T>> actual, String what) throws Exception {
        try {
            await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(actual, expected::equals);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertEquals(expected, actual.call(), what);
        }
    }

    // ---------------------------------------------------------------- the databases

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(system.postgres().jdbcUrl(database), "postgres", "");
    }

    static int count(String database, String sql) throws SQLException {
        try (Connection db = connect(database); PreparedStatement query = db.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The ids of the outbox events written since {@code start}, of these types (all with null). */
    static List<String> outboxIds(String database, Timestamp start, List<String> types) throws SQLException {
        try (Connection db = connect(database); PreparedStatement query = db.prepareStatement(
                "select id::text from outbox_event where created_at >= ?" + (types == null ? "" : " and event_type = any(?)") + " order by seq")) {
            query.setTimestamp(1, start);
            if (types != null) {
                query.setArray(2, db.createArrayOf("text", types.toArray()));
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    static List<String> sentAfter(String database, Timestamp start, Instant after) throws SQLException {
        try (Connection db = connect(database); PreparedStatement query = db.prepareStatement(
                "select id::text from outbox_event where created_at >= ? and sent_at > ?")) {
            query.setTimestamp(1, start);
            query.setTimestamp(2, Timestamp.from(after));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    static void awaitAllSent(String database, Timestamp start) {
        await(database + " outbox sent").atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection db = connect(database);
                 PreparedStatement query = db.prepareStatement("select count(*) from outbox_event where created_at >= ? and sent_at is null")) {
                query.setTimestamp(1, start);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            }
        });
    }

    /** Waits until {@code consumer} recorded every one of {@code ids} in processed_event (once: its primary key). */
    static void awaitProcessed(Map<String, Integer> figures, String database, String consumer, List<String> ids) throws SQLException {
        java.util.concurrent.Callable<Integer> processed = () -> {
            try (Connection db = connect(database); PreparedStatement query = db.prepareStatement(
                    "select count(*) from processed_event where consumer = ? and event_id = any(?)")) {
                query.setString(1, consumer);
                query.setArray(2, db.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        };
        int seen = await(consumer + " processed " + ids.size() + " events").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(processed, c -> c == ids.size());
        figures.put(consumer, seen);
    }

    /** The instance (its JDBC ApplicationName) whose connection holds the outbox relay's advisory lock in {@code database}. */
    static String relayHolder(String database) {
        return await("an outbox relay holds the lock in " + database).atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection db = connect(database); PreparedStatement query = db.prepareStatement("""
                    select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
                     where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
                       and l.classid::text::bigint = ? and l.objid::text::bigint = ?""")) {
                query.setLong(1, RELAY_LOCK >>> 32);
                query.setLong(2, RELAY_LOCK & 0xffffffffL);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }, name -> name != null);
    }

    static Map<String, Integer> counted(List<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    static int termsEnded(Instance instance, long from) throws IOException {
        byte[] log = Files.readAllBytes(system.logFile(instance));
        String since = new String(log, (int) Math.min(from, log.length), (int) (log.length - Math.min(from, log.length)), StandardCharsets.UTF_8);
        Matcher m = TERMS_ENDED.matcher(since);
        int ended = 0;
        while (m.find()) {
            ended += Integer.parseInt(m.group(1));
        }
        return ended;
    }

    // ---------------------------------------------------------------- Kafka

    /** The end offsets of every dead-letter topic. */
    static Map<String, Long> deadLetterEnds() throws Exception {
        Set<String> topics = new HashSet<>();
        for (String topic : kafka.listTopics().names().get(30, TimeUnit.SECONDS)) {
            if (topic.endsWith(".dlq")) {
                topics.add(topic);
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        kafka.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<String, Long> ends = new TreeMap<>();
        kafka.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) ->
                ends.merge(partition.topic(), info.offset(), Long::sum));
        return ends;
    }

    /** Every record value of the topic with a timestamp from {@code since} on, up to the topic's current end. */
    static List<String> recordsSince(String topic, Instant since) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since.toEpochMilli()));
            consumer.offsetsForTimes(query).forEach((partition, offset) -> consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset()));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertTrue(System.nanoTime() < deadline, "reading " + topic + " to its end");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- request bodies and HTTP

    /** A CCW order for a new customer with a MEETINGS line (and a CALLING one when {@code calling} is not null), no auto-renew. */
    /** A structured CloudEvent of Acme around {@code data}, as CCW and the call platform publish; no subject when null. */
    static String cloudEvent(String source, String type, String subject, ObjectNode data) {
        ObjectNode event = Json.object().put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("source", source)
                .put("type", type);
        if (subject != null) {
            event.put("subject", subject);
        }
        event.put("time", Instant.now().toString()).put("datacontenttype", "application/json").put("partnerorgid", DemoData.ACME);
        event.set("data", data);
        return event.toString();
    }

    static ObjectNode order(String run, int i, String subscriptionId, String name, LocalDate start, int termMonths, int meetings,
                            Integer calling) {
        return CcwOrders.order("REPL-" + run, String.valueOf(i), subscriptionId, name, start, termMonths, meetings, calling);
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

    static Answer get(Instance instance, String token, String path) throws Exception {
        return JsonHttp.get(instance.url() + path, token);
    }

    static Answer post(Instance instance, String token, String path, JsonNode body) throws Exception {
        return JsonHttp.post(instance.url() + path, token, body);
    }
}
