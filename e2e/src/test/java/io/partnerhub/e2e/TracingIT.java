package io.partnerhub.e2e;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.partnerhub.e2e.OtlpReceiver.ReceivedSpan;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.TopicReader;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across the system: a customer created through the gateway with a sampled W3C {@code traceparent} is
 * traced in the gateway, customers-service (request, outbox relay) and every service consuming
 * {@code partnerhub.customers.v1}, all under the request's trace id, as the applications export it by OTLP.
 */
class TracingIT {

    static final String TOPIC = "partnerhub.customers.v1";
    static final List<String> CONSUMERS = List.of("subscriptions-service", "analytics-service", "calling-metrics-service");

    static SystemLauncher system;
    static OtlpReceiver traces;
    static String alice;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        traces = RunningSystem.traces();
        alice = KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
    }

    @Test
    void aCustomerCreatedThroughTheGatewayIsOneTraceFromTheRequestToEveryConsumer() throws Exception {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        String name = "Traced " + UUID.randomUUID();

        String id;
        ConsumerRecord<String, String> received;
        try (TopicReader topic = TopicReader.fromEnd(system.kafka().bootstrapServers(), TOPIC)) {
            id = given().baseUri(system.gatewayUrl()).auth().oauth2(alice)
                    .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                    .contentType("application/json")
                    .body(Map.of("name", name, "managedBy", "PARTNER"))
                    .post("/api/v1/customers")
                    .then().statusCode(201)
                    .extract().path("id");
            String customerId = id;
            received = topic.await(r -> customerId.equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
        }
        ConsumerRecord<String, String> record = received;

        String eventId = JsonPath.from(record.value()).getString("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<ReceivedSpan> trace = traces.trace(traceId);
            ReceivedSpan gatewayServer = one(trace, "gateway", SpanKind.SPAN_KIND_SERVER, s -> true);
            assertEquals(callerSpanId, gatewayServer.parentSpanId(), "the gateway continues the caller's trace");
            ReceivedSpan gatewayClient = one(trace, "gateway", SpanKind.SPAN_KIND_CLIENT, s -> true);
            assertEquals(gatewayServer.spanId(), gatewayClient.parentSpanId(), "the proxied call is the gateway request's child");
            ReceivedSpan customersServer = one(trace, "customers-service", SpanKind.SPAN_KIND_SERVER, s -> true);
            assertEquals(gatewayClient.spanId(), customersServer.parentSpanId(), "customers-service continues the gateway's call");
            assertEquals("POST /api/v1/customers", customersServer.name());
            ReceivedSpan publish = one(trace, "customers-service", SpanKind.SPAN_KIND_PRODUCER, s -> true);
            assertEquals(TOPIC + " publish", publish.name());
            assertEquals(eventId, publish.attributes().get("messaging.message.id"));
            assertEquals(TOPIC, publish.attributes().get("messaging.destination.name"));
            assertEquals(customersServer.spanId(), publish.parentSpanId(), "the relay continues the request that wrote the event");
            for (String consumer : CONSUMERS) {
                ReceivedSpan consumed = one(trace, consumer, SpanKind.SPAN_KIND_CONSUMER,
                        s -> TOPIC.equals(s.attributes().get("messaging.destination.name")));
                assertEquals(TOPIC + " receive", consumed.name());
                assertEquals(String.valueOf(record.partition()), consumed.attributes().get("messaging.destination.partition.id"));
                assertEquals(String.valueOf(record.offset()), consumed.attributes().get("messaging.kafka.offset"));
                assertEquals(publish.spanId(), consumed.parentSpanId(), consumer + " consumes the relay's record");
            }
        });

        // The record carries the relay's span as its headers, the envelope the request's span (CloudEvents
        // distributed-tracing extension).
        List<ReceivedSpan> trace = traces.trace(traceId);
        ReceivedSpan publish = one(trace, "customers-service", SpanKind.SPAN_KIND_PRODUCER, s -> true);
        ReceivedSpan customersServer = one(trace, "customers-service", SpanKind.SPAN_KIND_SERVER, s -> true);
        assertEquals("00-" + traceId + "-" + publish.spanId() + "-01", header(record, "traceparent"));
        JsonPath event = JsonPath.from(record.value());
        assertEquals("partnerhub.customer.created", event.getString("type"));
        assertEquals(name, event.getString("data.customer.name"));
        assertEquals("00-" + traceId + "-" + customersServer.spanId() + "-01", event.getString("traceparent"));
    }

    @Test
    void aRequestWithoutTraceparentExportsNothingHereAndItsEventCarriesAnUnsampledContext() throws Exception {
        String name = "Untraced " + UUID.randomUUID();
        try (TopicReader topic = TopicReader.fromEnd(system.kafka().bootstrapServers(), TOPIC)) {
            String id = given().baseUri(system.gatewayUrl()).auth().oauth2(alice)
                    .contentType("application/json")
                    .body(Map.of("name", name, "managedBy", "PARTNER"))
                    .post("/api/v1/customers")
                    .then().statusCode(201)
                    .extract().path("id");
            ConsumerRecord<String, String> record = topic.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
            String traceparent = JsonPath.from(record.value()).getString("traceparent");
            assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), traceparent);
            String traceId = traceparent.substring(3, 35);
            assertEquals(traceparent.substring(0, 36), header(record, "traceparent").substring(0, 36));
            assertTrue(header(record, "traceparent").endsWith("-00"));
            // consumed (analytics-service's read model has it), yet nothing of this trace is exported in the
            // following two seconds (the applications export every 200 ms)
            await().atMost(Duration.ofSeconds(60)).until(() -> name.equals(analyticsCustomerName(id)));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> traces.trace(traceId).isEmpty());
        }
    }

    private static ReceivedSpan one(List<ReceivedSpan> trace, String service, SpanKind kind, Predicate<ReceivedSpan> also) {
        List<ReceivedSpan> found = trace.stream()
                .filter(span -> service.equals(span.service()) && span.kind() == kind && also.test(span)).toList();
        assertEquals(1, found.size(), () -> "one " + kind + " span of " + service + " in\n" + describe(trace));
        return found.get(0);
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String describe(List<ReceivedSpan> trace) {
        StringBuilder out = new StringBuilder();
        trace.forEach(span -> out.append(span.service()).append(' ').append(span.kind()).append(" '").append(span.name())
                .append("' ").append(span.spanId()).append(" <- ").append(span.parentSpanId()).append('\n'));
        return out.toString();
    }

    private static String analyticsCustomerName(String id) throws Exception {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl("analytics"), "postgres", "");
             PreparedStatement query = db.prepareStatement("select name from customer where customer_id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
