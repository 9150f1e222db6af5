package io.partnerhub.callingmetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.CustomerEventJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.partnerhub.callingmetrics.CallingScenarioIT.assertAnswer;
import static io.partnerhub.callingmetrics.CallingScenarioIT.read;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code week=current} counts the week containing asOf to date: only its records starting before the end of asOf's
 * day. The week is Sunday 2026-11-01 … Saturday 11-07, read as of Tuesday 11-03 (to date) and Saturday 11-07 (whole).
 * <p>
 * Customers: A "Alpha Ltd" and C "Cedar Co" assigned to ann, B "Beta Inc", D deleted. Records of the week, by start:
 * <pre>
 * Sun  s1 A uA1 08:00    OUT 120 s desktop  TRANSFER
 * Sun  s2 B uB1 23:59:59 IN   60 s ip-phone MOS 3.4 (poor)
 * Mon  m1 D uD1          OUT  60 s          (deleted customer: never counted)
 * Tue  t4 B uB1 09:00    OUT  90 s ip-phone loss 7 (poor)
 * Tue  t1 A uA2 10:00    OUT 300 s mobile   jitter 151 (poor)
 * Tue  t3 A uA1 12:00    IN   30 s other    queue q2 ABANDONED 20 s
 * Tue  t2 B uB2 23:59:59 IN   45 s ip-phone queue q1 ANSWERED 12 s, CALL_PARK
 * ---- end of Tuesday (the cut); from here in a second batch ----
 * Wed  w1 A uA3 00:00    OUT 600 s room     CONFERENCE (uA3 active this week only after the cut)
 * Thu  h1 B uB2 09:00    IN   90 s ip-phone loss 7 (poor), queue q1 ABANDONED 30 s
 * Thu  h2 C uC1 15:00    OUT 240 s ip-phone AUTO_ATTENDANT
 * Fri  h3 C uC2 11:00    IN   50 s ip-phone queue q3 VOICEMAIL 40 s (C's only queued record)
 * Sat  f2 A uA2 10:00    IN   20 s web      queue q2 ANSWERED 8 s
 * Sat  f1 B uB3 23:59:59 OUT  60 s third-party latency 401 (poor), HUNT_GROUP
 * </pre>
 * The week before (10-25): A uA1 two 60 s desktop calls, B uB1 one 120 s poor ip-phone call. uA3 made one outbound
 * call in each of the weeks 10-04, 10-11 and 10-18 (customer A): 3 of the 8 weeks to date (LIGHT), 4 in the whole
 * week (REGULAR).
 */
@QuarkusTest
class CurrentWeekToDateIT {

    static final String TUESDAY = "2026-11-03";
    static final String SATURDAY = "2026-11-07";

    static Fixture fixture;

    record Fixture(Callers partner, String a, String b, String c, Instant beforeBatch1, Instant afterBatch1,
                   Instant beforeBatch2) {
    }

    static synchronized Fixture fixture() throws Exception {
        if (fixture != null) {
            return fixture;
        }
        Callers partner = Callers.newPartner();
        String p = partner.partner();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String d = UUID.randomUUID().toString();
        String uA1 = UUID.randomUUID().toString();
        String uA2 = UUID.randomUUID().toString();
        String uA3 = UUID.randomUUID().toString();
        String uB1 = UUID.randomUUID().toString();
        String uB2 = UUID.randomUUID().toString();
        String uB3 = UUID.randomUUID().toString();
        String uC1 = UUID.randomUUID().toString();
        String uC2 = UUID.randomUUID().toString();
        String uD1 = UUID.randomUUID().toString();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Kafka kafka = new Kafka(bootstrap)) {
            kafka.send("partnerhub.customers.v1", a, Kafka.customerEvent(p, a, "Alpha Ltd", "full-admin", 1, "ann"));
            kafka.send("partnerhub.customers.v1", b, Kafka.customerEvent(p, b, "Beta Inc", "full-admin", 1));
            kafka.send("partnerhub.customers.v1", c, Kafka.customerEvent(p, c, "Cedar Co", "full-admin", 1, "ann"));
            // d is live when its call is recorded and deleted afterwards (a deleted customer's records are refused)
            kafka.send("partnerhub.customers.v1", d, CustomerEventJson.of(UUID.randomUUID().toString(), p, d, "Gone Gmbh",
                    "full-admin", List.of("ann"), false, 1));
        }
        Customers.awaitKnown(4, "select count(*) from customer where customer_id = any(?)", a, b, c, d);

        String toDate = Cdr.array(
                Cdr.call("e1", a, uA3, "2026-10-05T10:00:00Z").seconds(60),
                Cdr.call("e2", a, uA3, "2026-10-12T10:00:00Z").seconds(60),
                Cdr.call("e3", a, uA3, "2026-10-19T10:00:00Z").seconds(60),
                Cdr.call("p1", a, uA1, "2026-10-27T10:00:00Z").seconds(60),
                Cdr.call("p2", a, uA1, "2026-10-30T10:00:00Z").seconds(60),
                Cdr.call("p3", b, uB1, "2026-10-28T10:00:00Z").seconds(120).endpoint("IP_PHONE").loss("6"),
                Cdr.call("s1", a, uA1, "2026-11-01T08:00:00Z").seconds(120).features("TRANSFER"),
                Cdr.call("s2", b, uB1, "2026-11-01T23:59:59Z").seconds(60).inbound().endpoint("IP_PHONE").mos("3.4"),
                Cdr.call("m1", d, uD1, "2026-11-02T10:00:00Z").seconds(60),
                Cdr.call("t4", b, uB1, "2026-11-03T09:00:00Z").seconds(90).endpoint("IP_PHONE").loss("7"),
                Cdr.call("t1", a, uA2, "2026-11-03T10:00:00Z").seconds(300).endpoint("WEBEX_APP_MOBILE").jitter("151"),
                Cdr.call("t3", a, uA1, "2026-11-03T12:00:00Z").seconds(30).inbound().endpoint("OTHER").queue("q2", "ABANDONED", 20),
                Cdr.call("t2", b, uB2, "2026-11-03T23:59:59Z").seconds(45).inbound().endpoint("IP_PHONE")
                        .features("CALL_PARK").queue("q1", "ANSWERED", 12));
        String later = Cdr.array(
                Cdr.call("w1", a, uA3, "2026-11-04T00:00:00Z").seconds(600).endpoint("ROOM_DEVICE").features("CONFERENCE"),
                Cdr.call("h1", b, uB2, "2026-11-05T09:00:00Z").seconds(90).inbound().endpoint("IP_PHONE").loss("7")
                        .queue("q1", "ABANDONED", 30),
                Cdr.call("h2", c, uC1, "2026-11-05T15:00:00Z").seconds(240).endpoint("IP_PHONE").features("AUTO_ATTENDANT"),
                Cdr.call("h3", c, uC2, "2026-11-06T11:00:00Z").seconds(50).inbound().endpoint("IP_PHONE").queue("q3", "VOICEMAIL", 40),
                Cdr.call("f2", a, uA2, "2026-11-07T10:00:00Z").seconds(20).inbound().endpoint("WEBEX_APP_WEB").queue("q2", "ANSWERED", 8),
                Cdr.call("f1", b, uB3, "2026-11-07T23:59:59Z").seconds(60).endpoint("THIRD_PARTY_DEVICE").latency("401")
                        .features("HUNT_GROUP"));

        Instant beforeBatch1 = Instant.now();
        partner.ingest().body(toDate).post("/api/v1/calling/records").then().statusCode(200).body("accepted", equalTo(13));
        Instant afterBatch1 = Instant.now();
        Instant beforeBatch2 = Instant.now();
        partner.ingest().body(later).post("/api/v1/calling/records").then().statusCode(200).body("accepted", equalTo(6));
        try (Kafka kafka = new Kafka(bootstrap)) {
            kafka.send("partnerhub.customers.v1", d, CustomerEventJson.of(UUID.randomUUID().toString(), p, d, "Gone Gmbh",
                    "full-admin", List.of("ann"), true, 2));
        }

        // customers-service's events are applied: three named customers, the deleted one hidden
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<JsonNode> names = read(partner.fullAdmin(), "/api/v1/calling/usage/customers?week=current&asOf=" + SATURDAY)
                    .findValues("customerName");
            return names.size() == 3 && names.stream().noneMatch(JsonNode::isNull);
        });
        fixture = new Fixture(partner, a, b, c, beforeBatch1, afterBatch1, beforeBatch2);
        return fixture;
    }

    static String ids(Fixture f, String json) {
        return CallingScenarioIT.withIds(json, Map.of("A", f.a(), "B", f.b(), "C", f.c()));
    }

    static String current(String path, String asOf) {
        return "/api/v1/calling/" + path + "?week=current&asOf=" + asOf;
    }

    /** dataFreshAt of a read that counts only the first batch's records. */
    static void freshFromTheFirstBatch(Fixture f, Instant fresh) {
        assertTrue(!fresh.isBefore(f.beforeBatch1()) && !fresh.isAfter(f.afterBatch1()), "dataFreshAt " + fresh);
    }

    @Test
    void asOfTuesdayTheCurrentWeekCountsOnlySundayToTuesday() throws Exception {
        Fixture f = fixture();
        RequestSpecification admin = f.partner().fullAdmin();
        freshFromTheFirstBatch(f, assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","weeks":[
                 {"weekStart":"2026-09-13","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-20","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-27","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-18","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-25","activeUsers":2,"calls":3,"minutes":4.0},
                 {"weekStart":"2026-11-01","activeUsers":3,"calls":6,"minutes":10.8}],
                 "buckets":{"heavy":0,"regular":0,"light":4}}
                """, admin, current("usage/users", TUESDAY)));
        freshFromTheFirstBatch(f, assertAnswer(ids(f, """
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","activeUsers":2,"calls":3,"minutes":7.5,"callsPerUser":1.5,"callsChangePct":50.0},
                 {"customerId":"B","customerName":"Beta Inc","activeUsers":1,"calls":3,"minutes":3.3,"callsPerUser":3.0,"callsChangePct":200.0}],
                 "nextCursor":null}
                """), admin, current("usage/customers", TUESDAY)));
        freshFromTheFirstBatch(f, assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","weeks":[
                 {"weekStart":"2026-09-13","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-09-20","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-09-27","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-04","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-11","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-18","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"weekStart":"2026-10-25","calls":3,"poorCalls":1,"poorPct":33.3},
                 {"weekStart":"2026-11-01","calls":6,"poorCalls":3,"poorPct":50.0}]}
                """, admin, current("quality/trend", TUESDAY)));
        freshFromTheFirstBatch(f, assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"endpointType":"WEBEX_APP_DESKTOP","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_MOBILE","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"WEBEX_APP_WEB","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"IP_PHONE","calls":3,"poorCalls":2,"poorPct":66.7},
                 {"endpointType":"ROOM_DEVICE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"THIRD_PARTY_DEVICE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"OTHER","calls":1,"poorCalls":0,"poorPct":0.0}]}
                """, admin, current("quality/endpoints", TUESDAY)));
        // the change is against the whole week before (A 2 calls none poor, B 1 call poor)
        freshFromTheFirstBatch(f, assertAnswer(ids(f, """
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","calls":3,"poorCalls":1,"poorPct":33.3,"poorPctChange":33.3},
                 {"customerId":"B","customerName":"Beta Inc","calls":3,"poorCalls":2,"poorPct":66.7,"poorPctChange":-33.3}],
                 "nextCursor":null}
                """), admin, current("quality/customers", TUESDAY)));
        // C's only queued record is after the cut: its AUTO_ATTENDANT does not count
        freshFromTheFirstBatch(f, assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"feature":"CALL_QUEUE","calls":2},{"feature":"HUNT_GROUP","calls":0},{"feature":"AUTO_ATTENDANT","calls":0},
                 {"feature":"TRANSFER","calls":1},{"feature":"CALL_PARK","calls":1},{"feature":"CALL_PICKUP","calls":0},
                 {"feature":"VOICEMAIL","calls":0},{"feature":"RECORDING","calls":0},{"feature":"CONFERENCE","calls":0}]}
                """, admin, current("features", TUESDAY)));
        freshFromTheFirstBatch(f, assertAnswer(ids(f, """
                {"asOf":"2026-11-03","weekStart":"2026-11-01",
                 "kpis":{"avgTimeToAnswerSeconds":12.0,"avgWaitBeforeAbandonSeconds":20.0,"abandonedRatePct":50.0},
                 "items":[{"customerId":"A","customerName":"Alpha Ltd","queued":1,"answered":0,"abandoned":1,"abandonedPct":100.0,
                           "avgTimeToAnswerSeconds":null,"avgWaitBeforeAbandonSeconds":20.0},
                          {"customerId":"B","customerName":"Beta Inc","queued":1,"answered":1,"abandoned":0,"abandonedPct":0.0,
                           "avgTimeToAnswerSeconds":12.0,"avgWaitBeforeAbandonSeconds":null}],"nextCursor":null}
                """), admin, current("queues", TUESDAY)));
    }

    @Test
    void asOfSaturdayTheCurrentWeekIsTheWholeWeek() throws Exception {
        Fixture f = fixture();
        RequestSpecification admin = f.partner().fullAdmin();
        Instant fresh = assertAnswer("""
                {"asOf":"2026-11-07","weekStart":"2026-11-01","weeks":[
                 {"weekStart":"2026-09-13","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-20","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-27","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-18","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-25","activeUsers":2,"calls":3,"minutes":4.0},
                 {"weekStart":"2026-11-01","activeUsers":6,"calls":12,"minutes":28.4}],
                 "buckets":{"heavy":0,"regular":1,"light":5}}
                """, admin, current("usage/users", SATURDAY));
        assertTrue(!fresh.isBefore(f.beforeBatch2()), "dataFreshAt " + fresh);
        assertAnswer(ids(f, """
                {"asOf":"2026-11-07","weekStart":"2026-11-01","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","activeUsers":3,"calls":5,"minutes":17.8,"callsPerUser":1.7,"callsChangePct":150.0},
                 {"customerId":"B","customerName":"Beta Inc","activeUsers":2,"calls":5,"minutes":5.8,"callsPerUser":2.5,"callsChangePct":400.0},
                 {"customerId":"C","customerName":"Cedar Co","activeUsers":1,"calls":2,"minutes":4.8,"callsPerUser":2.0,"callsChangePct":null}],
                 "nextCursor":null}
                """), admin, current("usage/customers", SATURDAY));
        assertEquals(new BigDecimal("41.7"), admin.get(current("quality/trend", SATURDAY)).then().statusCode(200)
                .extract().path("weeks[7].poorPct"));
        assertAnswer("""
                {"asOf":"2026-11-07","weekStart":"2026-11-01","items":[
                 {"endpointType":"WEBEX_APP_DESKTOP","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_MOBILE","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"WEBEX_APP_WEB","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"IP_PHONE","calls":6,"poorCalls":3,"poorPct":50.0},
                 {"endpointType":"ROOM_DEVICE","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"THIRD_PARTY_DEVICE","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"OTHER","calls":1,"poorCalls":0,"poorPct":0.0}]}
                """, admin, current("quality/endpoints", SATURDAY));
        assertAnswer(ids(f, """
                {"asOf":"2026-11-07","weekStart":"2026-11-01","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","calls":5,"poorCalls":1,"poorPct":20.0,"poorPctChange":20.0},
                 {"customerId":"B","customerName":"Beta Inc","calls":5,"poorCalls":4,"poorPct":80.0,"poorPctChange":-20.0},
                 {"customerId":"C","customerName":"Cedar Co","calls":2,"poorCalls":0,"poorPct":0.0,"poorPctChange":null}],
                 "nextCursor":null}
                """), admin, current("quality/customers", SATURDAY));
        assertAnswer("""
                {"asOf":"2026-11-07","weekStart":"2026-11-01","items":[
                 {"feature":"CALL_QUEUE","calls":5},{"feature":"HUNT_GROUP","calls":1},{"feature":"AUTO_ATTENDANT","calls":1},
                 {"feature":"TRANSFER","calls":1},{"feature":"CALL_PARK","calls":1},{"feature":"CALL_PICKUP","calls":0},
                 {"feature":"VOICEMAIL","calls":0},{"feature":"RECORDING","calls":0},{"feature":"CONFERENCE","calls":1}]}
                """, admin, current("features", SATURDAY));
        assertAnswer(ids(f, """
                {"asOf":"2026-11-07","weekStart":"2026-11-01",
                 "kpis":{"avgTimeToAnswerSeconds":10.0,"avgWaitBeforeAbandonSeconds":30.0,"abandonedRatePct":60.0},
                 "items":[{"customerId":"A","customerName":"Alpha Ltd","queued":2,"answered":1,"abandoned":1,"abandonedPct":50.0,
                           "avgTimeToAnswerSeconds":8.0,"avgWaitBeforeAbandonSeconds":20.0},
                          {"customerId":"B","customerName":"Beta Inc","queued":2,"answered":1,"abandoned":1,"abandonedPct":50.0,
                           "avgTimeToAnswerSeconds":12.0,"avgWaitBeforeAbandonSeconds":30.0},
                          {"customerId":"C","customerName":"Cedar Co","queued":1,"answered":0,"abandoned":1,"abandonedPct":100.0,
                           "avgTimeToAnswerSeconds":null,"avgWaitBeforeAbandonSeconds":40.0}],"nextCursor":null}
                """), admin, current("queues", SATURDAY));

        // ... the very answers (dataFreshAt too) of week=last the next day, which reads the week's aggregates
        for (String path : List.of("usage/users", "usage/customers", "quality/trend", "quality/endpoints",
                "quality/customers", "features", "queues")) {
            assertEquals(withoutAsOf(read(admin, "/api/v1/calling/" + path + "?week=last&asOf=2026-11-08")),
                    withoutAsOf(read(admin, current(path, SATURDAY))), path);
        }
    }

    @Test
    void theLastWeekIsUnchangedByTheCut() throws Exception {
        Fixture f = fixture();
        RequestSpecification admin = f.partner().fullAdmin();
        assertAnswer(ids(f, """
                {"asOf":"2026-11-03","weekStart":"2026-10-25","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","activeUsers":1,"calls":2,"minutes":2.0,"callsPerUser":2.0,"callsChangePct":100.0},
                 {"customerId":"B","customerName":"Beta Inc","activeUsers":1,"calls":1,"minutes":2.0,"callsPerUser":1.0,"callsChangePct":null}],
                 "nextCursor":null}
                """), admin, "/api/v1/calling/usage/customers?week=last&asOf=" + TUESDAY);
        assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-10-25","weeks":[
                 {"weekStart":"2026-09-06","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-13","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-20","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-27","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-18","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-25","activeUsers":2,"calls":3,"minutes":4.0}],
                 "buckets":{"heavy":0,"regular":0,"light":3}}
                """, admin, "/api/v1/calling/usage/users?asOf=" + TUESDAY);
        // every read of week=last is the one of the Sunday that week began (same reference week)
        for (String path : List.of("usage/users", "usage/customers", "quality/trend", "quality/endpoints",
                "quality/customers", "features", "queues")) {
            assertEquals(withoutAsOf(read(admin, "/api/v1/calling/" + path + "?asOf=2026-11-01")),
                    withoutAsOf(read(admin, "/api/v1/calling/" + path + "?week=last&asOf=" + TUESDAY)), path);
        }
    }

    @Test
    void aPartnerAdminSeesOnlyTheirCustomersInTheWeekToDate() throws Exception {
        Fixture f = fixture();
        Supplier<RequestSpecification> ann = () -> f.partner().admin("ann");
        // Cedar Co (ann's) has records only after the cut; Beta Inc and the deleted customer are not ann's
        assertAnswer(ids(f, """
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","activeUsers":2,"calls":3,"minutes":7.5,"callsPerUser":1.5,"callsChangePct":50.0}],
                 "nextCursor":null}
                """), ann.get(), current("usage/customers", TUESDAY));
        assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","weeks":[
                 {"weekStart":"2026-09-13","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-20","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-09-27","activeUsers":0,"calls":0,"minutes":0.0},
                 {"weekStart":"2026-10-04","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-11","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-18","activeUsers":1,"calls":1,"minutes":1.0},
                 {"weekStart":"2026-10-25","activeUsers":1,"calls":2,"minutes":2.0},
                 {"weekStart":"2026-11-01","activeUsers":2,"calls":3,"minutes":7.5}],
                 "buckets":{"heavy":0,"regular":0,"light":3}}
                """, ann.get(), current("usage/users", TUESDAY));
        assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"endpointType":"WEBEX_APP_DESKTOP","calls":1,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"WEBEX_APP_MOBILE","calls":1,"poorCalls":1,"poorPct":100.0},
                 {"endpointType":"WEBEX_APP_WEB","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"IP_PHONE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"ROOM_DEVICE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"THIRD_PARTY_DEVICE","calls":0,"poorCalls":0,"poorPct":0.0},
                 {"endpointType":"OTHER","calls":1,"poorCalls":0,"poorPct":0.0}]}
                """, ann.get(), current("quality/endpoints", TUESDAY));
        assertAnswer("""
                {"asOf":"2026-11-03","weekStart":"2026-11-01","items":[
                 {"feature":"CALL_QUEUE","calls":1},{"feature":"HUNT_GROUP","calls":0},{"feature":"AUTO_ATTENDANT","calls":0},
                 {"feature":"TRANSFER","calls":1},{"feature":"CALL_PARK","calls":0},{"feature":"CALL_PICKUP","calls":0},
                 {"feature":"VOICEMAIL","calls":0},{"feature":"RECORDING","calls":0},{"feature":"CONFERENCE","calls":0}]}
                """, ann.get(), current("features", TUESDAY));
        assertAnswer(ids(f, """
                {"asOf":"2026-11-03","weekStart":"2026-11-01",
                 "kpis":{"avgTimeToAnswerSeconds":null,"avgWaitBeforeAbandonSeconds":20.0,"abandonedRatePct":100.0},
                 "items":[{"customerId":"A","customerName":"Alpha Ltd","queued":1,"answered":0,"abandoned":1,"abandonedPct":100.0,
                           "avgTimeToAnswerSeconds":null,"avgWaitBeforeAbandonSeconds":20.0}],"nextCursor":null}
                """), ann.get(), current("queues", TUESDAY));
        // on Saturday the whole week of ann's two customers
        assertAnswer(ids(f, """
                {"asOf":"2026-11-07","weekStart":"2026-11-01","items":[
                 {"customerId":"A","customerName":"Alpha Ltd","activeUsers":3,"calls":5,"minutes":17.8,"callsPerUser":1.7,"callsChangePct":150.0},
                 {"customerId":"C","customerName":"Cedar Co","activeUsers":1,"calls":2,"minutes":4.8,"callsPerUser":2.0,"callsChangePct":null}],
                 "nextCursor":null}
                """), ann.get(), current("usage/customers", SATURDAY));
    }

    private static JsonNode withoutAsOf(JsonNode answer) {
        ((ObjectNode) answer).remove("asOf");
        return answer;
    }
}
