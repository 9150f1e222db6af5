package io.partnerhub.callingmetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hand-computed scenario over 9 weeks (2026-09-27 … 2026-11-22), ingested through REST and the
 * {@code partnerhub.cdr.v1} topic with duplicates, a redelivery, an invalid record and a late record; every figure of
 * every read is asserted at asOf 2026-11-22 (last week = 11-15) and 2026-11-29 (last week = 11-22).
 * <p>
 * Customers: C1 "Aoi Foods" (assigned to adam), C2 "Bento Corp" (created by adam), C3 "Chiba Rail" (call queues),
 * C4 "Dojo Labs" (new in the last week). Users: U1 (C1) outbound W2–W9; U2 (C1) outbound W1, W3, W5, W7, inbound
 * later; U3 (C2) outbound W6–W9; U4 (C3) outbound W3–W9; U5 (C3) inbound queue calls only; U6, U7 (C4) W9.
 * Degraded-quality events (test threshold 30 % of at least 3 calls): C1 in week 11-15 (3 calls, 1 poor), C1 in
 * week 10-25 (pushed over by the late record), C4 in week 11-22.
 */
@QuarkusTest
class CallingScenarioIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASOF_1 = "2026-11-22";
    static final String ASOF_2 = "2026-11-29";

    static Scenario scenario;

    record Scenario(Callers partner, String c1, String c2, String c3, String c4, Instant beforeIngest, Instant afterBatch1,
                    List<JsonNode> degradedEvents, List<ConsumerRecord<String, String>> deadLetters, String badCallKey) {
    }

    static synchronized Scenario scenario() throws Exception {
        if (scenario != null) {
            return scenario;
        }
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Callers acme = Callers.newPartner();
        String c1 = UUID.randomUUID().toString();
        String c2 = UUID.randomUUID().toString();
        String c3 = UUID.randomUUID().toString();
        String c4 = UUID.randomUUID().toString();
        String u1 = UUID.randomUUID().toString();
        String u2 = UUID.randomUUID().toString();
        String u3 = UUID.randomUUID().toString();
        String u4 = UUID.randomUUID().toString();
        String u5 = UUID.randomUUID().toString();
        String u6 = UUID.randomUUID().toString();
        String u7 = UUID.randomUUID().toString();
        String p = acme.partner();

        try (Kafka kafka = new Kafka(bootstrap);
             TopicReader calling = TopicReader.fromEnd(bootstrap, "partnerhub.calling.v1");
             TopicReader dlq = TopicReader.fromEnd(bootstrap, "partnerhub.cdr.v1.dlq")) {
            kafka.send("partnerhub.customers.v1", c1, Kafka.customerEvent(p, c1, "Aoi Foods", "full-admin", 2, "adam"));
            kafka.send("partnerhub.customers.v1", c2, Kafka.customerEvent(p, c2, "Bento Corp", "adam", 1));
            kafka.send("partnerhub.customers.v1", c3, Kafka.customerEvent(p, c3, "Chiba Rail", "full-admin", 1));
            kafka.send("partnerhub.customers.v1", c4, Kafka.customerEvent(p, c4, "Dojo Labs", "full-admin", 1));
            // call records are taken only for the partner's customers: wait until the service has them
            Customers.awaitKnown(4, "select count(*) from customer where customer_id = any(?)", c1, c2, c3, c4);

            // Weeks 1–7: one 60 s good outbound desktop call per active user and week.
            List<Cdr> batch1 = new ArrayList<>();
            String[][] base = {
                    {"2026-09-28", u2, c1},
                    {"2026-10-05", u1, c1},
                    {"2026-10-12", u1, c1}, {"2026-10-12", u2, c1}, {"2026-10-12", u4, c3},
                    {"2026-10-19", u1, c1}, {"2026-10-19", u4, c3},
                    {"2026-10-26", u1, c1}, {"2026-10-26", u2, c1}, {"2026-10-26", u4, c3},
                    {"2026-11-02", u1, c1}, {"2026-11-02", u3, c2}, {"2026-11-02", u4, c3},
                    {"2026-11-09", u1, c1}, {"2026-11-09", u2, c1}, {"2026-11-09", u3, c2}, {"2026-11-09", u4, c3}};
            for (int i = 0; i < base.length; i++) {
                batch1.add(Cdr.call("base-" + i, base[i][2], base[i][1], base[i][0] + "T09:00:00Z").seconds(60));
            }
            // Week 8 (2026-11-15 … 11-21)
            batch1.add(Cdr.call("r8a", c1, u1, "2026-11-16T09:00:00Z").seconds(120).features("AUTO_ATTENDANT"));
            batch1.add(Cdr.call("r8b", c1, u1, "2026-11-16T10:00:00Z").seconds(180).endpoint("IP_PHONE").loss("5.5"));
            batch1.add(Cdr.call("r8c", c1, u2, "2026-11-17T10:00:00Z").seconds(60).inbound().endpoint("WEBEX_APP_MOBILE").mos("4.1"));
            batch1.add(Cdr.call("r8d", c2, u3, "2026-11-17T11:00:00Z").seconds(90).endpoint("IP_PHONE").jitter("150").features("CALL_PARK"));
            batch1.add(Cdr.call("r8e", c2, u3, "2026-11-18T11:00:00Z").seconds(30).endpoint("ROOM_DEVICE").mos("3.4"));
            batch1.add(Cdr.call("r8f", c3, u4, "2026-11-18T12:00:00Z").seconds(300).features("TRANSFER", "RECORDING")
                    .loss("5").latency("400").mos("3.5"));
            batch1.add(Cdr.call("r8g", c3, u5, "2026-11-19T12:00:00Z").seconds(60).inbound().endpoint("IP_PHONE").queue("q1", "ANSWERED", 10));
            batch1.add(Cdr.call("r8h", c3, u5, "2026-11-19T13:00:00Z").seconds(45).inbound().endpoint("IP_PHONE")
                    .features("CALL_QUEUE", "TRANSFER").queue("q1", "TRANSFERRED", 25));
            batch1.add(Cdr.call("r8i", c3, u5, "2026-11-20T13:00:00Z").seconds(0).inbound().endpoint("THIRD_PARTY_DEVICE")
                    .latency("401").queue("q2", "ABANDONED", 40));
            batch1.add(Cdr.call("r8j", c3, u5, "2026-11-21T23:59:59Z").seconds(20).inbound().endpoint("OTHER")
                    .features("VOICEMAIL").queue("q2", "VOICEMAIL", 31));
            String body1 = Cdr.array(batch1).replaceFirst("\\[", "[{\"callId\":\"no-customer\"},");

            Instant beforeIngest = Instant.now();
            acme.ingest().body(body1).post("/api/v1/calling/records").then().statusCode(200)
                    .body("accepted", org.hamcrest.Matchers.equalTo(27)).body("duplicates", org.hamcrest.Matchers.equalTo(0))
                    .body("rejected.index", org.hamcrest.Matchers.contains(0));
            Instant afterBatch1 = Instant.now();

            // Week 9 (2026-11-22 …) by REST, with two replays of week-8 records.
            String body2 = Cdr.array(
                    Cdr.call("r9a", c1, u1, "2026-11-23T09:00:00Z").seconds(600).features("CONFERENCE"),
                    Cdr.call("r9b", c1, u2, "2026-11-23T10:00:00Z").seconds(60).inbound(),
                    Cdr.call("r9c", c2, u3, "2026-11-23T11:00:00Z").seconds(60).endpoint("WEBEX_APP_WEB").loss("6"),
                    Cdr.call("r9g", c4, u6, "2026-11-24T09:00:00Z").seconds(45),
                    Cdr.call("r9h", c4, u6, "2026-11-24T10:00:00Z").seconds(15),
                    Cdr.call("r9i", c4, u7, "2026-11-24T11:00:00Z").seconds(30).endpoint("IP_PHONE").jitter("151"),
                    Cdr.call("r9j", c1, u2, "2026-11-25T08:00:00Z").seconds(30).inbound().queue("q9", "ANSWERED", 5),
                    Cdr.call("r8a", c1, u1, "2026-11-16T09:00:00Z").seconds(120).features("AUTO_ATTENDANT"),
                    Cdr.call("r8g", c3, u5, "2026-11-19T12:00:00Z").seconds(60).inbound().endpoint("IP_PHONE").queue("q1", "ANSWERED", 10));
            acme.ingest().body(body2).post("/api/v1/calling/records").then().statusCode(200)
                    .body("accepted", org.hamcrest.Matchers.equalTo(7)).body("duplicates", org.hamcrest.Matchers.equalTo(2))
                    .body("rejected", org.hamcrest.Matchers.empty());

            // Week 9 of C3 through the topic, one redelivered event, a replayed call id, an invalid record, and the late
            // record of week 5 (2026-10-25 …) that pushes C1's week 5 over the quality threshold.
            String r9d = cdrEvent(p, Cdr.call("r9d", c3, u4, "2026-11-24T12:00:00Z").seconds(120).features("HUNT_GROUP"));
            kafka.send("partnerhub.cdr.v1", c3, r9d);
            kafka.send("partnerhub.cdr.v1", c3, cdrEvent(p, Cdr.call("r9e", c3, u5, "2026-11-24T13:00:00Z").seconds(30).inbound()
                    .endpoint("IP_PHONE").queue("q1", "ANSWERED", 7)));
            kafka.send("partnerhub.cdr.v1", c3, cdrEvent(p, Cdr.call("r9f", c3, u5, "2026-11-22T00:00:00Z").seconds(10).inbound()
                    .endpoint("IP_PHONE").queue("q1", "ABANDONED", 3)));
            kafka.send("partnerhub.cdr.v1", c3, r9d);
            kafka.send("partnerhub.cdr.v1", c2, cdrEvent(p, Cdr.call("r9c", c2, u3, "2026-11-23T11:00:00Z").seconds(60)
                    .endpoint("WEBEX_APP_WEB").loss("6")));
            String badKey = "bad-" + UUID.randomUUID();
            kafka.send("partnerhub.cdr.v1", badKey, cdrEvent(p, Cdr.call("bad", c1, u1, "2026-11-24T09:00:00Z").seconds(-5)));
            kafka.send("partnerhub.cdr.v1", c1, cdrEvent(p, Cdr.call("late-w5", c1, u1, "2026-10-27T09:00:00Z").seconds(240).mos("2.9")));

            // The topic is applied when week 9 has its 10 calls and week 5 its 4.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode trend = read(acme.fullAdmin(), "/api/v1/calling/quality/trend?asOf=" + ASOF_2);
                return trend.at("/weeks/7/calls").asLong() == 10 && trend.at("/weeks/3/calls").asLong() == 4;
            });
            // ... and the customers topic when all four rows have their names (a name not known yet is null).
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    read(acme.fullAdmin(), "/api/v1/calling/usage/customers?asOf=" + ASOF_2).findValues("customerName").stream()
                            .filter(name -> !name.isNull()).count() == 4);

            List<JsonNode> events = new ArrayList<>();
            for (ConsumerRecord<String, String> record : calling.await(r -> r.value().contains(p), 3, Duration.ofSeconds(60))) {
                events.add(JSON.readTree(record.value()));
            }
            events.sort(Comparator.comparing(e -> e.at("/data/weekStart").asText()));
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> badKey.equals(r.key()), 1, Duration.ofSeconds(60));
            scenario = new Scenario(acme, c1, c2, c3, c4, beforeIngest, afterBatch1, events, dead, badKey);
            return scenario;
        }
    }

    static String cdrEvent(String partner, Cdr cdr) {
        return Kafka.event(UUID.randomUUID().toString(), "partnerhub.cdr", "cdr", partner, cdr.json());
    }

    static JsonNode read(RequestSpecification as, String path) throws Exception {
        String body = as.accept("application/json").get(path).then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    /** Compares the whole answer with the expected JSON, except dataFreshAt (returned for separate checks). */
    static Instant assertAnswer(String expected, RequestSpecification as, String path) throws Exception {
        JsonNode actual = read(as, path);
        String fresh = actual.path("dataFreshAt").asText(null);
        ((ObjectNode) actual).remove("dataFreshAt");
        assertEquals(JSON.readTree(expected).toPrettyString(), actual.toPrettyString(), path);
        return fresh == null ? null : Instant.parse(fresh);
    }

    String ids(Scenario s, String json) {
        return withIds(json, Map.of("C1", s.c1(), "C2", s.c2(), "C3", s.c3(), "C4", s.c4()));
    }

    /** The expected answer {@code json} with each text value that is a placeholder of {@code ids} replaced by its id. */
    static String withIds(String json, Map<String, String> ids) {
        JsonNode tree = Json.read(json);
        replace(tree, ids);
        return tree.toString();
    }

    private static void replace(JsonNode node, Map<String, String> ids) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && ids.containsKey(value.asText())) {
                    object.put(name, ids.get(value.asText()));
                } else {
                    replace(value, ids);
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && ids.containsKey(value.asText())) {
                    array.set(i, ids.get(value.asText()));
                } else {
                    replace(value, ids);
                }
            }
        }
    }

    // ---- users by usage trend ----

    @Test
    void usersByUsageTrendAtBothDates() throws Exception {
        Scenario s = scenario();
        Instant fresh = assertAnswer("""
                {"asOf":"2026-11-22","weekStart":"2026-11-15","weeks":[
                 {"weekStart":"2026-09-27","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":3,"calls":3,"minutes":3.0},
                 {"weekStart":"2026-10-18","activeUsers":2,"calls":2,"minutes":2.0},
                 {"weekStart":"2026-10-25","activeUsers":3,"calls":4,"minutes":7.0},
                 {"weekStart":"2026-11-01","activeUsers":3,"calls":3,"minutes":3.0},
                 {"weekStart":"2026-11-08","activeUsers":4,"calls":4,"minutes":4.0},
                 {"weekStart":"2026-11-15","activeUsers":3,"calls":10,"minutes":15.1}],
                 "buckets":{"heavy":1,"regular":2,"light":1}}
                """, s.partner().fullAdmin(), "/api/v1/calling/usage/users?asOf=" + ASOF_1);
        // the late week-5 record arrived after batch 1
        assertTrue(fresh.isAfter(s.afterBatch1()), "dataFreshAt includes the late record: " + fresh);
        assertAnswer("""
                {"asOf":"2026-11-29","weekStart":"2026-11-22","weeks":[
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":3,"calls":3,"minutes":3.0},
                 {"weekStart":"2026-10-18","activeUsers":2,"calls":2,"minutes":2.0},
                 {"weekStart":"2026-10-25","activeUsers":3,"calls":4,"minutes":7.0},
                 {"weekStart":"2026-11-01","activeUsers":3,"calls":3,"minutes":3.0},
                 {"weekStart":"2026-11-08","activeUsers":4,"calls":4,"minutes":4.0},
                 {"weekStart":"2026-11-15","activeUsers":3,"calls":10,"minutes":15.1},
                 {"weekStart":"2026-11-22","activeUsers":5,"calls":10,"minutes":16.7}],
                 "buckets":{"heavy":2,"regular":1,"light":3}}
                """, s.partner().fullAdmin(), "/api/v1/calling/usage/users?asOf=" + ASOF_2);
    }

    @Test
    void currentWeekOnTheFirstDateIsToDateAndOnItsSaturdayTheLastWeekOfTheSecond() throws Exception {
        Scenario s = scenario();
        // on Sunday 11-22 the running week holds only what started that day: r9f (10 s, inbound)
        assertAnswer("""
                {"asOf":"2026-11-22","weekStart":"2026-11-22","weeks":[
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":3,"calls":3,"minutes":3.0},
                 {"weekStart":"2026-10-18","activeUsers":2,"calls":2,"minutes":2.0},
                 {"weekStart":"2026-10-25","activeUsers":3,"calls":4,"minutes":7.0},
                 {"weekStart":"2026-11-01","activeUsers":3,"calls":3,"minutes":3.0},
                 {"weekStart":"2026-11-08","activeUsers":4,"calls":4,"minutes":4.0},
                 {"weekStart":"2026-11-15","activeUsers":3,"calls":10,"minutes":15.1},
                 {"weekStart":"2026-11-22","activeUsers":0,"calls":1,"minutes":0.2}],
                 "buckets":{"heavy":1,"regular":1,"light":2}}
                """, s.partner().fullAdmin(), "/api/v1/calling/usage/users?asOf=" + ASOF_1 + "&week=current");
        JsonNode current = read(s.partner().fullAdmin(), "/api/v1/calling/usage/users?asOf=2026-11-28&week=current");
        JsonNode last = read(s.partner().fullAdmin(), "/api/v1/calling/usage/users?asOf=" + ASOF_2);
        assertEquals(last.get("weeks"), current.get("weeks"));
        assertEquals(last.get("buckets"), current.get("buckets"));
        assertEquals(last.get("dataFreshAt"), current.get("dataFreshAt"));
        assertEquals("2026-11-22", current.get("weekStart").asText());
    }

    // ---- customers & usage ----

    @Test
    void customersAndUsageAtBothDates() throws Exception {
        Scenario s = scenario();
        Instant fresh = assertAnswer(ids(s, """
                {"asOf":"2026-11-22","weekStart":"2026-11-15","items":[
                 {"customerId":"C1","customerName":"Aoi Foods","activeUsers":1,"calls":3,"minutes":6.0,"callsPerUser":3.0,"callsChangePct":50.0},
                 {"customerId":"C2","customerName":"Bento Corp","activeUsers":1,"calls":2,"minutes":2.0,"callsPerUser":2.0,"callsChangePct":100.0},
                 {"customerId":"C3","customerName":"Chiba Rail","activeUsers":1,"calls":5,"minutes":7.1,"callsPerUser":5.0,"callsChangePct":400.0}],"nextCursor":null}
                """), s.partner().fullAdmin(), "/api/v1/calling/usage/customers?asOf=" + ASOF_1);
        // weeks 11-08 and 11-15 were last changed by batch 1 (the replays of batch 2 changed nothing)
        assertTrue(!fresh.isBefore(s.beforeIngest()) && !fresh.isAfter(s.afterBatch1()), "dataFreshAt " + fresh);
        assertAnswer(ids(s, """
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[
                 {"customerId":"C1","customerName":"Aoi Foods","activeUsers":1,"calls":3,"minutes":11.5,"callsPerUser":3.0,"callsChangePct":0.0},
                 {"customerId":"C2","customerName":"Bento Corp","activeUsers":1,"calls":1,"minutes":1.0,"callsPerUser":1.0,"callsChangePct":-50.0},
                 {"customerId":"C3","customerName":"Chiba Rail","activeUsers":1,"calls":3,"minutes":2.7,"callsPerUser":3.0,"callsChangePct":-40.0},
                 {"customerId":"C4","customerName":"Dojo Labs","activeUsers":2,"calls":3,"minutes":1.5,"callsPerUser":1.5,"callsChangePct":null}],"nextCursor":null}
                """), s.partner().fullAdmin(), "/api/v1/calling/usage/customers?asOf=" + ASOF_2);
    }

    // ---- call quality & trend ----

    @Test
    void qualityTrendAtBothDates() throws Exception {
        Scenario s = scenario();
        assertAnswer("""
                {"asOf":"2026-11-22","weekStart":"2026-11-15","weeks":[
                 {"weekStart":"2026-09-27","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-04","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-11","calls":3,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-18","calls":2,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-25","calls":4,"poorCalls":1,"poorPct":25.0},
                 {"weekStart":"2026-11-01","calls":3,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-11-08","calls":4,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-11-15","calls":10,"poorCalls":3,"poorPct":30.0}]}
                """, s.partner().fullAdmin(), "/api/v1/calling/quality/trend?asOf=" + ASOF_1);
        assertAnswer("""
                {"asOf":"2026-11-29","weekStart":"2026-11-22","weeks":[
                 {"weekStart":"2026-10-04","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-11","calls":3,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-18","calls":2,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-25","calls":4,"poorCalls":1,"poorPct":25.0},
                 {"weekStart":"2026-11-01","calls":3,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-11-08","calls":4,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-11-15","calls":10,"poorCalls":3,"poorPct":30.0},
                 {"weekStart":"2026-11-22","calls":10,"poorCalls":2,"poorPct":20.0}]}
                """, s.partner().fullAdmin(), "/api/v1/calling/quality/trend?asOf=" + ASOF_2);
    }

    // ---- quality by endpoint type ----

    @Test
    void qualityByEndpointTypeAtBothDates() throws Exception {
        Scenario s = scenario();
        Instant fresh = assertAnswer("""
                {"asOf":"2026-11-22","weekStart":"2026-11-15","items":[
                 {"endpointType":"WEBEX_APP_DESKTOP","calls":2,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_MOBILE","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_WEB","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"IP_PHONE","calls":4,"poorCalls":1,"poorPct":25.0},
                 {"endpointType":"ROOM_DEVICE","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"THIRD_PARTY_DEVICE","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"OTHER","calls":1,"poorCalls":0,"poorPct":0.0}]}
                """, s.partner().fullAdmin(), "/api/v1/calling/quality/endpoints?asOf=" + ASOF_1);
        assertTrue(!fresh.isBefore(s.beforeIngest()) && !fresh.isAfter(s.afterBatch1()), "dataFreshAt " + fresh);
        assertAnswer("""
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[
                 {"endpointType":"WEBEX_APP_DESKTOP","calls":6,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_MOBILE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_WEB","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"IP_PHONE","calls":3,"poorCalls":1,"poorPct":33.3},
                 {"endpointType":"ROOM_DEVICE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"THIRD_PARTY_DEVICE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"OTHER","calls":0,"poorCalls":0,"poorPct":0.0}]}
                """, s.partner().fullAdmin(), "/api/v1/calling/quality/endpoints?asOf=" + ASOF_2);
    }

    // ---- customers & call quality ----

    @Test
    void customersAndCallQualityAtBothDates() throws Exception {
        Scenario s = scenario();
        assertAnswer(ids(s, """
                {"asOf":"2026-11-22","weekStart":"2026-11-15","items":[
                 {"customerId":"C1","customerName":"Aoi Foods","calls":3,"poorCalls":1,"poorPct":33.3,"poorPctChange":33.3},
                 {"customerId":"C2","customerName":"Bento Corp","calls":2,"poorCalls":1,"poorPct":50.0,"poorPctChange":50.0},
                 {"customerId":"C3","customerName":"Chiba Rail","calls":5,"poorCalls":1,"poorPct":20.0,"poorPctChange":20.0}],"nextCursor":null}
                """), s.partner().fullAdmin(), "/api/v1/calling/quality/customers?asOf=" + ASOF_1);
        assertAnswer(ids(s, """
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[
                 {"customerId":"C1","customerName":"Aoi Foods","calls":3,"poorCalls":0,"poorPct":0.0,"poorPctChange":-33.3},
                 {"customerId":"C2","customerName":"Bento Corp","calls":1,"poorCalls":1,"poorPct":100.0,"poorPctChange":50.0},
                 {"customerId":"C3","customerName":"Chiba Rail","calls":3,"poorCalls":0,"poorPct":0.0,"poorPctChange":-20.0},
                 {"customerId":"C4","customerName":"Dojo Labs","calls":3,"poorCalls":1,"poorPct":33.3,"poorPctChange":null}],"nextCursor":null}
                """), s.partner().fullAdmin(), "/api/v1/calling/quality/customers?asOf=" + ASOF_2);
    }

    // ---- advanced calling features ----

    @Test
    void advancedFeaturesCountOnlyCustomersWithQueuesAtBothDates() throws Exception {
        Scenario s = scenario();
        // 11-15: only C3 had queues (C1's AUTO_ATTENDANT and C2's CALL_PARK do not count)
        assertAnswer("""
                {"asOf":"2026-11-22","weekStart":"2026-11-15","items":[
                 {"feature":"CALL_QUEUE","calls":4},{"feature":"HUNT_GROUP","calls":0},{"feature":"AUTO_ATTENDANT","calls":0},
                 {"feature":"TRANSFER","calls":2},{"feature":"CALL_PARK","calls":0},{"feature":"CALL_PICKUP","calls":0},
                 {"feature":"VOICEMAIL","calls":1},{"feature":"RECORDING","calls":1},{"feature":"CONFERENCE","calls":0}]}
                """, s.partner().fullAdmin(), "/api/v1/calling/features?asOf=" + ASOF_1);
        // 11-22: C1 has a queued record too, so its CONFERENCE counts
        assertAnswer("""
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[
                 {"feature":"CALL_QUEUE","calls":3},{"feature":"HUNT_GROUP","calls":1},{"feature":"AUTO_ATTENDANT","calls":0},
                 {"feature":"TRANSFER","calls":0},{"feature":"CALL_PARK","calls":0},{"feature":"CALL_PICKUP","calls":0},
                 {"feature":"VOICEMAIL","calls":0},{"feature":"RECORDING","calls":0},{"feature":"CONFERENCE","calls":1}]}
                """, s.partner().fullAdmin(), "/api/v1/calling/features?asOf=" + ASOF_2);
    }

    // ---- call queue insights ----

    @Test
    void callQueueInsightsAtBothDates() throws Exception {
        Scenario s = scenario();
        assertAnswer(ids(s, """
                {"asOf":"2026-11-22","weekStart":"2026-11-15",
                 "kpis":{"avgTimeToAnswerSeconds":17.5,"avgWaitBeforeAbandonSeconds":35.5,"abandonedRatePct":50.0},
                 "items":[{"customerId":"C3","customerName":"Chiba Rail","queued":4,"answered":2,"abandoned":2,"abandonedPct":50.0,
                           "avgTimeToAnswerSeconds":17.5,"avgWaitBeforeAbandonSeconds":35.5}],"nextCursor":null}
                """), s.partner().fullAdmin(), "/api/v1/calling/queues?asOf=" + ASOF_1);
        assertAnswer(ids(s, """
                {"asOf":"2026-11-29","weekStart":"2026-11-22",
                 "kpis":{"avgTimeToAnswerSeconds":6.0,"avgWaitBeforeAbandonSeconds":3.0,"abandonedRatePct":33.3},
                 "items":[{"customerId":"C1","customerName":"Aoi Foods","queued":1,"answered":1,"abandoned":0,"abandonedPct":0.0,
                           "avgTimeToAnswerSeconds":5.0,"avgWaitBeforeAbandonSeconds":null},
                          {"customerId":"C3","customerName":"Chiba Rail","queued":2,"answered":1,"abandoned":1,"abandonedPct":50.0,
                           "avgTimeToAnswerSeconds":7.0,"avgWaitBeforeAbandonSeconds":3.0}],"nextCursor":null}
                """), s.partner().fullAdmin(), "/api/v1/calling/queues?asOf=" + ASOF_2);
    }

    // ---- scope, CSV, events, dead letters ----

    @Test
    void aPartnerAdminSeesOnlyCustomersAssignedToOrCreatedByThem() throws Exception {
        Scenario s = scenario();
        assertAnswer(ids(s, """
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[
                 {"customerId":"C1","customerName":"Aoi Foods","activeUsers":1,"calls":3,"minutes":11.5,"callsPerUser":3.0,"callsChangePct":0.0},
                 {"customerId":"C2","customerName":"Bento Corp","activeUsers":1,"calls":1,"minutes":1.0,"callsPerUser":1.0,"callsChangePct":-50.0}],"nextCursor":null}
                """), s.partner().admin("adam"), "/api/v1/calling/usage/customers?asOf=" + ASOF_2);
        assertAnswer(ids(s, """
                {"asOf":"2026-11-29","weekStart":"2026-11-22",
                 "kpis":{"avgTimeToAnswerSeconds":5.0,"avgWaitBeforeAbandonSeconds":null,"abandonedRatePct":0.0},
                 "items":[{"customerId":"C1","customerName":"Aoi Foods","queued":1,"answered":1,"abandoned":0,"abandonedPct":0.0,
                           "avgTimeToAnswerSeconds":5.0,"avgWaitBeforeAbandonSeconds":null}],"nextCursor":null}
                """), s.partner().admin("adam"), "/api/v1/calling/queues?asOf=" + ASOF_2);
        JsonNode users = read(s.partner().admin("adam"), "/api/v1/calling/usage/users?asOf=" + ASOF_2);
        assertEquals(2, users.at("/weeks/7/activeUsers").asLong());
        assertEquals(4, users.at("/weeks/7/calls").asLong());
        // an admin with no customers sees nothing, a read-only admin sees everything
        assertAnswer("""
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[],"nextCursor":null}
                """, s.partner().admin("nobody"), "/api/v1/calling/usage/customers?asOf=" + ASOF_2);
        assertEquals(4, read(s.partner().readOnly(), "/api/v1/calling/quality/customers?asOf=" + ASOF_2).get("items").size());
    }

    @Test
    void anotherPartnerSeesNoneOfIt() throws Exception {
        scenario();
        assertAnswer("""
                {"asOf":"2026-11-29","weekStart":"2026-11-22","items":[],"nextCursor":null}
                """, Callers.newPartner().fullAdmin(), "/api/v1/calling/quality/customers?asOf=" + ASOF_2);
    }

    @Test
    void customerTablesArePagedByNameWithANextLink() throws Exception {
        Scenario s = scenario();
        io.restassured.response.Response first = s.partner().fullAdmin()
                .get("/api/v1/calling/usage/customers?asOf=" + ASOF_2 + "&limit=3");
        first.then().statusCode(200);
        JsonNode page1 = JSON.readTree(first.asString());
        assertEquals(List.of("Aoi Foods", "Bento Corp", "Chiba Rail"), page1.findValuesAsText("customerName"));
        String next = page1.get("nextCursor").asText();
        String link = first.header("Link");
        assertTrue(link.contains("asOf=" + ASOF_2) && link.contains("limit=3") && link.contains("cursor=" + next)
                && link.endsWith("rel=\"next\""), link);
        JsonNode page2 = read(s.partner().fullAdmin(), "/api/v1/calling/usage/customers?asOf=" + ASOF_2 + "&limit=3&cursor=" + next);
        assertEquals(List.of("Dojo Labs"), page2.findValuesAsText("customerName"));
        assertTrue(page2.get("nextCursor").isNull());
        s.partner().fullAdmin().get("/api/v1/calling/queues?limit=501").then().statusCode(400);
        s.partner().fullAdmin().get("/api/v1/calling/queues?cursor=garbage").then().statusCode(400);
    }

    @Test
    void tablesAnswerCsv() throws Exception {
        Scenario s = scenario();
        String csv = s.partner().fullAdmin().accept("text/csv").get("/api/v1/calling/queues?asOf=" + ASOF_2)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals("customerId,customerName,queued,answered,abandoned,abandonedPct,avgTimeToAnswerSeconds,avgWaitBeforeAbandonSeconds\r\n"
                + s.c1() + ",Aoi Foods,1,1,0,0.0,5.0,\r\n"
                + s.c3() + ",Chiba Rail,2,1,1,50.0,7.0,3.0\r\n", csv);
        String trend = s.partner().fullAdmin().accept("text/csv").get("/api/v1/calling/quality/trend?asOf=" + ASOF_1)
                .then().statusCode(200).extract().asString();
        assertTrue(trend.startsWith("weekStart,calls,poorCalls,poorPct\r\n2026-09-27,1,0,0.0\r\n"), trend);
        assertTrue(trend.endsWith("2026-11-15,10,3,30.0\r\n"), trend);
    }

    @Test
    void degradedQualityIsPublishedOncePerCrossingIncludingTheLateWeek() throws Exception {
        Scenario s = scenario();
        assertEquals(3, s.degradedEvents().size());
        JsonNode late = s.degradedEvents().get(0);
        assertEquals("partnerhub.calling.quality-degraded", late.get("type").asText());
        assertEquals(s.partner().partner(), late.get("partnerorgid").asText());
        assertEquals(s.c1(), late.get("subject").asText());
        assertEquals(JSON.readTree(ids(s, """
                {"customerId":"C1","weekStart":"2026-10-25","calls":3,"poorCalls":1,"poorPct":33.3,"threshold":30}""")),
                late.get("data"));
        assertEquals(JSON.readTree(ids(s, """
                {"customerId":"C1","weekStart":"2026-11-15","calls":3,"poorCalls":1,"poorPct":33.3,"threshold":30}""")),
                s.degradedEvents().get(1).get("data"));
        assertEquals(JSON.readTree(ids(s, """
                {"customerId":"C4","weekStart":"2026-11-22","calls":3,"poorCalls":1,"poorPct":33.3,"threshold":30}""")),
                s.degradedEvents().get(2).get("data"));
        // committed with the records: exactly these three rows in the outbox
        try (Connection db = Devstack.connect();
             PreparedStatement query = db.prepareStatement("select count(*) from outbox_event where payload->>'partnerorgid' = ?")) {
            query.setString(1, s.partner().partner());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals(3, rs.getInt(1));
            }
        }
    }

    @Test
    void anInvalidRecordOnTheTopicGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        Scenario s = scenario();
        ConsumerRecord<String, String> dead = s.deadLetters().get(0);
        assertTrue(dead.value().contains("\"callId\":\"bad\""));
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("durationSeconds"), reason);
    }

    @Test
    void theRedeliveredAndReplayedTopicRecordsWereCountedOnce() throws Exception {
        Scenario s = scenario();
        try (Connection db = Devstack.connect();
             PreparedStatement query = db.prepareStatement("select count(*) from call_record r join partner p on p.id = r.partner_id where p.partner_org_id = ?")) {
            query.setString(1, s.partner().partner());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals(27 + 7 + 3 + 1, rs.getInt(1));
            }
        }
    }
}
