package io.partnerhub.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TestTokens;
import io.partnerhub.platform.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.partnerhub.analytics.Events.Snapshot;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hand-computed portfolio of 13 customers published as events; every KPI and every row of every section at two
 * dates, for a full admin and for a partner-admin, and the same answers after every event is replayed and late,
 * older events arrive. The expected figures are worked out in the comments from the lines below.
 */
@QuarkusTest
class AnalyticsScenarioIT {

    static final String CUSTOMERS = "partnerhub.customers.v1";
    static final String SUBSCRIPTIONS = "partnerhub.subscriptions.v1";
    static final LocalDate A = LocalDate.parse("2026-06-15");
    static final LocalDate B = LocalDate.parse("2026-05-18");
    static final Instant T1 = Instant.parse("2026-11-25T10:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    final String partner = "p-" + UUID.randomUUID();
    final String adam = "adam-" + UUID.randomUUID();
    final Map<String, UUID> customers = new LinkedHashMap<>();
    final List<String[]> published = new ArrayList<>();

    @Test
    void everyFigureAndRowAtTwoDatesForBothRolesAndUnchangedAfterReplaysAndLateEvents() {
        try (TopicWriter writer = TopicWriter.open(bootstrap)) {
            publishScenario(writer);
            ConsumerLag.awaitCaughtUp(bootstrap, "analytics-service", List.of(CUSTOMERS, SUBSCRIPTIONS), Duration.ofSeconds(60));
            assertEverything();

            // replay every event as it was, then late events older than what is stored
            for (String[] event : List.copyOf(published)) {
                writer.send(event[0], event[1], event[2]);
            }
            UUID c1 = customers.get("C1");
            UUID c2 = customers.get("C2");
            // an older write of a stored date (earlier event time), and an older version of SUB-02
            writer.send(SUBSCRIPTIONS, c1.toString(), Events.usage(partner, UUID.randomUUID().toString(), T1.minusSeconds(3600), "SUB-01", c1,
                    new Snapshot("MEETINGS", LocalDate.parse("2026-06-10"), 1, 1)));
            writer.send(SUBSCRIPTIONS, c2.toString(), Events.subscription(partner, "partnerhub.subscription.created", "SUB-02", c2, false,
                    "ORDER_READY", LocalDate.parse("2025-08-01"), LocalDate.parse("2026-08-01"), false, 1, "MEETINGS", 400));
            writer.send(CUSTOMERS, customers.get("C13").toString(), CustomerEventJson.of(UUID.randomUUID().toString(), partner,
                    customers.get("C13").toString(), "C13 Deleted", "alice", List.of(), false, 1));
            ConsumerLag.awaitCaughtUp(bootstrap, "analytics-service", List.of(CUSTOMERS, SUBSCRIPTIONS), Duration.ofSeconds(60));
            assertEverything();
        }
    }

    void assertEverything() {
        // every event of the scenario was produced at T1 (the late one an hour before it)
        given().auth().oauth2(full()).get("/api/v1/analytics/kpis?asOf=" + A).then().statusCode(200)
                .body("dataFreshAt", org.hamcrest.Matchers.equalTo(T1.toString()));
        // ---- asOf A = 2026-06-15, full admin
        assertKpis(A, full(), 11, 4, 1, 4, 1);
        assertJson(get(full(), "/license-trend?product=MEETINGS&weeks=4&asOf=" + A), """
                {"product":"MEETINGS","asOf":"2026-06-15","points":[
                 {"weekEnd":"2026-05-23","purchased":490,"assigned":415,"used":294},
                 {"weekEnd":"2026-05-30","purchased":490,"assigned":415,"used":294},
                 {"weekEnd":"2026-06-06","purchased":500,"assigned":390,"used":298},
                 {"weekEnd":"2026-06-13","purchased":500,"assigned":395,"used":300}]}""");
        assertSection(full(), "expiring", "MEETINGS", A, """
                {"customers":3,"assignedPct":80.0,"usedPct":56.7}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":16,"totalLicenses":100,"used":72,"assigned":95,"available":5,"usageLast3Months":[60,70,72]},
                 {"customerId":"{C3}","customerName":"C3 Name","subscriptionId":"TRL-03","trial":true,"daysToExpiry":16,"totalLicenses":20,"used":3,"assigned":5,"available":15,"usageLast3Months":[0,0,3]},
                 {"customerId":"{C12}","customerName":"C12 Name","subscriptionId":"SUB-12A","trial":false,"daysToExpiry":90,"totalLicenses":30,"used":10,"assigned":20,"available":10,"usageLast3Months":[10,10,10]}]""");
        assertSection(full(), "expiring", "CALLING", A, """
                {"customers":2,"assignedPct":77.8,"usedPct":48.9}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":16,"totalLicenses":50,"used":40,"assigned":60,"available":0,"usageLast3Months":[40,40,40]},
                 {"customerId":"{C10}","customerName":"C10 Name","subscriptionId":"SUB-10","trial":false,"daysToExpiry":87,"totalLicenses":40,"used":4,"assigned":10,"available":30,"usageLast3Months":[0,0,4]}]""");
        assertSection(full(), "renewing", "MEETINGS", A, """
                {"customers":1,"assignedPct":25.0,"usedPct":12.5}""", """
                [{"customerId":"{C2}","customerName":"C2 Name","subscriptionId":"SUB-02","trial":false,"daysToRenewal":47,"totalLicenses":40,"used":5,"assigned":10,"available":30,"usageLast3Months":[5,5,5]}]""");
        assertSection(full(), "renewing", "CALLING", A, """
                {"customers":0,"assignedPct":0.0,"usedPct":0.0}""", "[]");
        assertSection(full(), "recently-added", "MEETINGS", A, """
                {"newCustomers":2,"totalLicenses":80}""", """
                [{"customerId":"{C3}","customerName":"C3 Name","subscriptionId":"TRL-03","trial":true,"daysSinceAdded":14,"totalLicenses":20,"used":3,"assigned":5,"available":15,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C11}","customerName":"C11 Name","subscriptionId":"SUB-11","trial":false,"daysSinceAdded":87,"totalLicenses":60,"used":40,"assigned":45,"available":15,"weeklyAssignedChange":15,"weeklyUsedChange":20}]""");
        assertSection(full(), "recently-added", "CALLING", A, """
                {"newCustomers":4,"totalLicenses":60}""", """
                [{"customerId":"{C4}","customerName":"C4 Name","subscriptionId":"SUB-04","trial":false,"daysSinceAdded":45,"totalLicenses":30,"used":0,"assigned":0,"available":30,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C7}","customerName":"C7 Name","subscriptionId":"SUB-07","trial":false,"daysSinceAdded":61,"totalLicenses":10,"used":8,"assigned":9,"available":1,"weeklyAssignedChange":1,"weeklyUsedChange":2},
                 {"customerId":"{C11}","customerName":"C11 Name","subscriptionId":"SUB-11","trial":false,"daysSinceAdded":87,"totalLicenses":15,"used":0,"assigned":0,"available":15,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C5}","customerName":"C5 Name","subscriptionId":"SUB-05B","trial":false,"daysSinceAdded":90,"totalLicenses":5,"used":0,"assigned":0,"available":5,"weeklyAssignedChange":0,"weeklyUsedChange":0}]""");
        // MEETINGS eligible ratios 0.25, 2/3, 0.75, 0.9, 0.95, 0.95: median 0.825, low below 0.4125
        assertSection(full(), "low-allocation", "MEETINGS", A, """
                {"customers":1,"assignedPct":25.0,"usedWhenAssignedPct":50.0,"unassignedLicenses":30,"medianAssignedPct":82.5}""", """
                [{"customerId":"{C2}","customerName":"C2 Name","subscriptionId":"SUB-02","trial":false,"monthsSinceAdded":10,"assigned":10,"assignedPct":25.0,"totalLicenses":40,"used":5,"available":30,"weeklyAssignedChange":0}]""");
        // CALLING eligible ratios 0, 0, 0, 0.15, 0.25, 0.9, 1.0, 1.2: median 0.2, low below 0.1
        assertSection(full(), "low-allocation", "CALLING", A, """
                {"customers":3,"assignedPct":0.0,"usedWhenAssignedPct":0.0,"unassignedLicenses":50,"medianAssignedPct":20.0}""", """
                [{"customerId":"{C4}","customerName":"C4 Name","subscriptionId":"SUB-04","trial":false,"monthsSinceAdded":1,"assigned":0,"assignedPct":0.0,"totalLicenses":30,"used":0,"available":30,"weeklyAssignedChange":0},
                 {"customerId":"{C5}","customerName":"C5 Name","subscriptionId":"SUB-05B","trial":false,"monthsSinceAdded":2,"assigned":0,"assignedPct":0.0,"totalLicenses":5,"used":0,"available":5,"weeklyAssignedChange":0},
                 {"customerId":"{C11}","customerName":"C11 Name","subscriptionId":"SUB-11","trial":false,"monthsSinceAdded":2,"assigned":0,"assignedPct":0.0,"totalLicenses":15,"used":0,"available":15,"weeklyAssignedChange":0}]""");
        assertSection(full(), "overage", "MEETINGS", A, """
                {"customers":0,"overageLicenses":0,"avgOveragePerCustomer":0.0}""", "[]");
        assertSection(full(), "overage", "CALLING", A, """
                {"customers":1,"overageLicenses":10,"avgOveragePerCustomer":10.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"monthsRemaining":0,"autoRenew":false,"totalLicenses":50,"assigned":60,"assignedPct":120.0,"used":40,"usedPct":80.0,"overage":10}]""");

        // ---- asOf A, partner-admin adam (C1, C2, C3 assigned; C4 created by him)
        assertKpis(A, adam(), 4, 2, 1, 2, 1);
        assertJson(get(adam(), "/license-trend?product=MEETINGS&weeks=4&asOf=" + A), """
                {"product":"MEETINGS","asOf":"2026-06-15","points":[
                 {"weekEnd":"2026-05-23","purchased":140,"assigned":100,"used":75},
                 {"weekEnd":"2026-05-30","purchased":140,"assigned":100,"used":75},
                 {"weekEnd":"2026-06-06","purchased":160,"assigned":105,"used":78},
                 {"weekEnd":"2026-06-13","purchased":160,"assigned":110,"used":80}]}""");
        assertSection(adam(), "expiring", "MEETINGS", A, """
                {"customers":2,"assignedPct":83.3,"usedPct":62.5}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":16,"totalLicenses":100,"used":72,"assigned":95,"available":5,"usageLast3Months":[60,70,72]},
                 {"customerId":"{C3}","customerName":"C3 Name","subscriptionId":"TRL-03","trial":true,"daysToExpiry":16,"totalLicenses":20,"used":3,"assigned":5,"available":15,"usageLast3Months":[0,0,3]}]""");
        assertSection(adam(), "expiring", "CALLING", A, """
                {"customers":1,"assignedPct":120.0,"usedPct":80.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":16,"totalLicenses":50,"used":40,"assigned":60,"available":0,"usageLast3Months":[40,40,40]}]""");
        assertSection(adam(), "renewing", "MEETINGS", A, """
                {"customers":1,"assignedPct":25.0,"usedPct":12.5}""", """
                [{"customerId":"{C2}","customerName":"C2 Name","subscriptionId":"SUB-02","trial":false,"daysToRenewal":47,"totalLicenses":40,"used":5,"assigned":10,"available":30,"usageLast3Months":[5,5,5]}]""");
        assertSection(adam(), "recently-added", "MEETINGS", A, """
                {"newCustomers":1,"totalLicenses":20}""", """
                [{"customerId":"{C3}","customerName":"C3 Name","subscriptionId":"TRL-03","trial":true,"daysSinceAdded":14,"totalLicenses":20,"used":3,"assigned":5,"available":15,"weeklyAssignedChange":0,"weeklyUsedChange":0}]""");
        assertSection(adam(), "recently-added", "CALLING", A, """
                {"newCustomers":1,"totalLicenses":30}""", """
                [{"customerId":"{C4}","customerName":"C4 Name","subscriptionId":"SUB-04","trial":false,"daysSinceAdded":45,"totalLicenses":30,"used":0,"assigned":0,"available":30,"weeklyAssignedChange":0,"weeklyUsedChange":0}]""");
        assertSection(adam(), "low-allocation", "MEETINGS", A, """
                {"customers":1,"assignedPct":25.0,"usedWhenAssignedPct":50.0,"unassignedLicenses":30,"medianAssignedPct":82.5}""", """
                [{"customerId":"{C2}","customerName":"C2 Name","subscriptionId":"SUB-02","trial":false,"monthsSinceAdded":10,"assigned":10,"assignedPct":25.0,"totalLicenses":40,"used":5,"available":30,"weeklyAssignedChange":0}]""");
        assertSection(adam(), "low-allocation", "CALLING", A, """
                {"customers":1,"assignedPct":0.0,"usedWhenAssignedPct":0.0,"unassignedLicenses":30,"medianAssignedPct":20.0}""", """
                [{"customerId":"{C4}","customerName":"C4 Name","subscriptionId":"SUB-04","trial":false,"monthsSinceAdded":1,"assigned":0,"assignedPct":0.0,"totalLicenses":30,"used":0,"available":30,"weeklyAssignedChange":0}]""");
        assertSection(adam(), "overage", "CALLING", A, """
                {"customers":1,"overageLicenses":10,"avgOveragePerCustomer":10.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"monthsRemaining":0,"autoRenew":false,"totalLicenses":50,"assigned":60,"assignedPct":120.0,"used":40,"usedPct":80.0,"overage":10}]""");

        // ---- asOf B = 2026-05-18, full admin
        assertKpis(B, full(), 10, 2, 1, 4, 2);
        assertJson(get(full(), "/license-trend?product=MEETINGS&weeks=2&asOf=" + B), """
                {"product":"MEETINGS","asOf":"2026-05-18","points":[
                 {"weekEnd":"2026-05-09","purchased":490,"assigned":405,"used":284},
                 {"weekEnd":"2026-05-16","purchased":490,"assigned":415,"used":294}]}""");
        assertSection(full(), "expiring", "MEETINGS", B, """
                {"customers":2,"assignedPct":90.9,"usedPct":71.8}""", """
                [{"customerId":"{C5}","customerName":"C5 Name","subscriptionId":"SUB-05","trial":false,"daysToExpiry":14,"totalLicenses":10,"used":9,"assigned":10,"available":0,"usageLast3Months":[9,9,9]},
                 {"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":44,"totalLicenses":100,"used":70,"assigned":90,"available":10,"usageLast3Months":[60,60,70]}]""");
        assertSection(full(), "expiring", "CALLING", B, """
                {"customers":1,"assignedPct":120.0,"usedPct":80.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":44,"totalLicenses":50,"used":40,"assigned":60,"available":0,"usageLast3Months":[0,40,40]}]""");
        assertSection(full(), "renewing", "MEETINGS", B, """
                {"customers":1,"assignedPct":25.0,"usedPct":12.5}""", """
                [{"customerId":"{C2}","customerName":"C2 Name","subscriptionId":"SUB-02","trial":false,"daysToRenewal":75,"totalLicenses":40,"used":5,"assigned":10,"available":30,"usageLast3Months":[5,5,5]}]""");
        assertSection(full(), "recently-added", "MEETINGS", B, """
                {"newCustomers":1,"totalLicenses":60}""", """
                [{"customerId":"{C11}","customerName":"C11 Name","subscriptionId":"SUB-11","trial":false,"daysSinceAdded":59,"totalLicenses":60,"used":20,"assigned":30,"available":30,"weeklyAssignedChange":0,"weeklyUsedChange":0}]""");
        assertSection(full(), "recently-added", "CALLING", B, """
                {"newCustomers":4,"totalLicenses":70}""", """
                [{"customerId":"{C4}","customerName":"C4 Name","subscriptionId":"SUB-04","trial":false,"daysSinceAdded":17,"totalLicenses":30,"used":0,"assigned":0,"available":30,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C7}","customerName":"C7 Name","subscriptionId":"SUB-07","trial":false,"daysSinceAdded":33,"totalLicenses":10,"used":6,"assigned":8,"available":2,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C11}","customerName":"C11 Name","subscriptionId":"SUB-11","trial":false,"daysSinceAdded":59,"totalLicenses":15,"used":0,"assigned":0,"available":15,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C5}","customerName":"C5 Name","subscriptionId":"SUB-05B","trial":false,"daysSinceAdded":62,"totalLicenses":5,"used":0,"assigned":0,"available":5,"weeklyAssignedChange":0,"weeklyUsedChange":0},
                 {"customerId":"{C7}","customerName":"C7 Name","subscriptionId":"TRL-07","trial":true,"daysSinceAdded":78,"totalLicenses":10,"used":0,"assigned":0,"available":10,"weeklyAssignedChange":0,"weeklyUsedChange":0}]""");
        // MEETINGS eligible ratios 0.25, 0.5, 2/3, 0.9, 0.9, 1.0, 1.05: median 0.9, low below 0.45
        assertSection(full(), "low-allocation", "MEETINGS", B, """
                {"customers":1,"assignedPct":25.0,"usedWhenAssignedPct":50.0,"unassignedLicenses":30,"medianAssignedPct":90.0}""", """
                [{"customerId":"{C2}","customerName":"C2 Name","subscriptionId":"SUB-02","trial":false,"monthsSinceAdded":9,"assigned":10,"assignedPct":25.0,"totalLicenses":40,"used":5,"available":30,"weeklyAssignedChange":0}]""");
        // CALLING eligible ratios 0, 0, 0, 0.1, 0.8, 1.0, 1.2: median 0.1, low below 0.05
        assertSection(full(), "low-allocation", "CALLING", B, """
                {"customers":3,"assignedPct":0.0,"usedWhenAssignedPct":0.0,"unassignedLicenses":60,"medianAssignedPct":10.0}""", """
                [{"customerId":"{C5}","customerName":"C5 Name","subscriptionId":"SUB-05B","trial":false,"monthsSinceAdded":2,"assigned":0,"assignedPct":0.0,"totalLicenses":5,"used":0,"available":5,"weeklyAssignedChange":0},
                 {"customerId":"{C10}","customerName":"C10 Name","subscriptionId":"SUB-10","trial":false,"monthsSinceAdded":5,"assigned":0,"assignedPct":0.0,"totalLicenses":40,"used":0,"available":40,"weeklyAssignedChange":0},
                 {"customerId":"{C11}","customerName":"C11 Name","subscriptionId":"SUB-11","trial":false,"monthsSinceAdded":1,"assigned":0,"assignedPct":0.0,"totalLicenses":15,"used":0,"available":15,"weeklyAssignedChange":0}]""");
        assertSection(full(), "overage", "MEETINGS", B, """
                {"customers":1,"overageLicenses":10,"avgOveragePerCustomer":10.0}""", """
                [{"customerId":"{C9}","customerName":"C9 Name","subscriptionId":"SUB-09","trial":false,"monthsRemaining":7,"autoRenew":true,"totalLicenses":200,"assigned":210,"assignedPct":105.0,"used":150,"usedPct":75.0,"overage":10}]""");
        assertSection(full(), "overage", "CALLING", B, """
                {"customers":1,"overageLicenses":10,"avgOveragePerCustomer":10.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"monthsRemaining":1,"autoRenew":false,"totalLicenses":50,"assigned":60,"assignedPct":120.0,"used":40,"usedPct":80.0,"overage":10}]""");

        // ---- asOf B, partner-admin adam
        assertKpis(B, adam(), 3, 1, 1, 1, 1);
        assertSection(adam(), "expiring", "MEETINGS", B, """
                {"customers":1,"assignedPct":90.0,"usedPct":70.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"daysToExpiry":44,"totalLicenses":100,"used":70,"assigned":90,"available":10,"usageLast3Months":[60,60,70]}]""");
        assertSection(adam(), "recently-added", "MEETINGS", B, """
                {"newCustomers":0,"totalLicenses":0}""", "[]");
        assertSection(adam(), "recently-added", "CALLING", B, """
                {"newCustomers":1,"totalLicenses":30}""", """
                [{"customerId":"{C4}","customerName":"C4 Name","subscriptionId":"SUB-04","trial":false,"daysSinceAdded":17,"totalLicenses":30,"used":0,"assigned":0,"available":30,"weeklyAssignedChange":0,"weeklyUsedChange":0}]""");
        assertSection(adam(), "low-allocation", "CALLING", B, """
                {"customers":0,"assignedPct":0.0,"usedWhenAssignedPct":0.0,"unassignedLicenses":0,"medianAssignedPct":10.0}""", "[]");
        assertSection(adam(), "overage", "MEETINGS", B, """
                {"customers":0,"overageLicenses":0,"avgOveragePerCustomer":0.0}""", "[]");
        assertSection(adam(), "overage", "CALLING", B, """
                {"customers":1,"overageLicenses":10,"avgOveragePerCustomer":10.0}""", """
                [{"customerId":"{C1}","customerName":"C1 Name","subscriptionId":"SUB-01","trial":false,"monthsRemaining":1,"autoRenew":false,"totalLicenses":50,"assigned":60,"assignedPct":120.0,"used":40,"usedPct":80.0,"overage":10}]""");
    }

    // ------------------------------------------------------------------ the portfolio

    void publishScenario(TopicWriter writer) {
        for (int i = 1; i <= 13; i++) {
            customers.put("C" + i, UUID.randomUUID());
        }
        for (int i = 1; i <= 12; i++) {
            String key = "C" + i;
            List<String> admins = i <= 3 ? List.of(adam) : List.of();
            String createdBy = i == 4 ? adam : "alice";
            customer(writer, key, key + " Name", createdBy, admins, false, 1);
        }
        // C13 has a live line but is deleted: it counts nowhere
        customer(writer, "C13", "C13 Deleted", "alice", List.of(), false, 1);
        customer(writer, "C13", "C13 Deleted", "alice", List.of(), true, 2);

        subscription(writer, "C1", "SUB-01", false, "ACTIVE", "2025-07-01", "2026-07-01", false, 1, "MEETINGS", 100, "CALLING", 50);
        usage(writer, "C1", "SUB-01", s("MEETINGS", "2026-03-01", 80, 60), s("MEETINGS", "2026-05-10", 90, 70),
                s("MEETINGS", "2026-06-10", 95, 72), s("CALLING", "2026-04-01", 60, 40));
        // SUB-02 ordered, then provisioned (version 2)
        subscription(writer, "C2", "SUB-02", false, "ORDER_READY", "2025-08-01", "2026-08-01", false, 1, "MEETINGS", 400);
        subscription(writer, "C2", "SUB-02", false, "ACTIVE", "2025-08-01", "2026-08-01", true, 2, "MEETINGS", 40);
        usage(writer, "C2", "SUB-02", s("MEETINGS", "2026-02-01", 10, 5));
        subscription(writer, "C3", "TRL-03", true, "ACTIVE", "2026-06-01", "2026-07-01", false, 1, "MEETINGS", 20);
        usage(writer, "C3", "TRL-03", s("MEETINGS", "2026-06-05", 5, 3));
        subscription(writer, "C4", "SUB-04", false, "ORDER_READY", "2026-05-01", "2027-05-01", false, 1, "CALLING", 30);
        subscription(writer, "C5", "SUB-05", false, "EXPIRED", "2025-06-20", "2026-06-01", false, 3, "MEETINGS", 10);
        usage(writer, "C5", "SUB-05", s("MEETINGS", "2026-01-01", 10, 9));
        subscription(writer, "C5", "SUB-05B", false, "ACTIVE", "2026-03-17", "2027-03-17", true, 1, "CALLING", 5);
        subscription(writer, "C6", "SUB-06", false, "CANCELLED", "2026-04-01", "2027-04-01", false, 2, "MEETINGS", 25);
        usage(writer, "C6", "SUB-06", s("MEETINGS", "2026-04-10", 5, 5));
        subscription(writer, "C7", "TRL-07", true, "CONVERTED", "2026-03-01", "2026-04-15", false, 2, "CALLING", 10);
        subscription(writer, "C7", "SUB-07", false, "ACTIVE", "2026-04-15", "2027-04-15", true, 1, "CALLING", 10);
        usage(writer, "C7", "SUB-07", s("CALLING", "2026-04-20", 8, 6), s("CALLING", "2026-06-12", 9, 8));
        subscription(writer, "C8", "SUB-08", false, "SUSPENDED", "2025-10-01", "2026-10-01", false, 3, "MEETINGS", 50, "CALLING", 20,
                "MESSAGING", 70);
        usage(writer, "C8", "SUB-08", s("MEETINGS", "2026-05-01", 45, 30), s("CALLING", "2026-05-01", 2, 1),
                s("CALLING", "2026-06-14", 3, 2));
        subscription(writer, "C9", "SUB-09", false, "ACTIVE", "2025-01-10", "2027-01-10", true, 4, "MEETINGS", 200);
        usage(writer, "C9", "SUB-09", s("MEETINGS", "2026-05-01", 210, 150));
        usage(writer, "C9", "SUB-09", s("MEETINGS", "2026-06-01", 190, 160));
        subscription(writer, "C10", "SUB-10", false, "ACTIVE", "2025-12-01", "2026-09-10", false, 2, "CALLING", 40);
        usage(writer, "C10", "SUB-10", s("CALLING", "2026-05-20", 10, 4));
        subscription(writer, "C11", "SUB-11", false, "ACTIVE", "2026-03-20", "2026-09-20", true, 2, "MEETINGS", 60, "CALLING", 15);
        usage(writer, "C11", "SUB-11", s("MEETINGS", "2026-04-01", 30, 20), s("MEETINGS", "2026-06-15", 45, 40));
        subscription(writer, "C12", "SUB-12A", false, "ACTIVE", "2025-09-15", "2026-09-13", false, 2, "MEETINGS", 30);
        subscription(writer, "C12", "SUB-12B", false, "ACTIVE", "2025-09-15", "2026-09-14", false, 2, "CALLING", 30);
        usage(writer, "C12", "SUB-12A", s("MEETINGS", "2026-03-15", 20, 10));
        usage(writer, "C12", "SUB-12B", s("CALLING", "2026-03-15", 30, 25));
        subscription(writer, "C13", "SUB-13", false, "ACTIVE", "2026-01-01", "2026-07-01", false, 1, "MEETINGS", 10);

        // another partner's customer with the same subscription id and a live line: never in this partner's figures
        UUID other = UUID.randomUUID();
        String otherPartner = "p-" + UUID.randomUUID();
        writer.send(CUSTOMERS, other.toString(), CustomerEventJson.of(UUID.randomUUID().toString(), otherPartner, other.toString(),
                "Other", "alice", List.of(), false, 1));
        writer.send(SUBSCRIPTIONS, other.toString(), Events.subscription(otherPartner, "partnerhub.subscription.created", "SUB-01",
                other, false, "ACTIVE", LocalDate.parse("2025-01-01"), LocalDate.parse("2026-07-01"), false, 1, "MEETINGS", 999));
    }

    void customer(TopicWriter writer, String key, String name, String createdBy, List<String> admins, boolean deleted, long version) {
        UUID id = customers.get(key);
        send(writer, CUSTOMERS, id, CustomerEventJson.of(UUID.randomUUID().toString(), partner, id.toString(), name, createdBy, admins,
                deleted, version));
    }

    void subscription(TopicWriter writer, String customer, String id, boolean trial, String status, String start, String end,
                      boolean autoRenew, long version, Object... lines) {
        UUID c = customers.get(customer);
        send(writer, SUBSCRIPTIONS, c, Events.subscription(partner, trial ? "partnerhub.trial.started" : "partnerhub.subscription.created",
                id, c, trial, status, LocalDate.parse(start), LocalDate.parse(end), autoRenew, version, lines));
    }

    void usage(TopicWriter writer, String customer, String id, Snapshot... snapshots) {
        UUID c = customers.get(customer);
        send(writer, SUBSCRIPTIONS, c, Events.usage(partner, UUID.randomUUID().toString(), T1, id, c, snapshots));
    }

    static Snapshot s(String product, String date, int assigned, int used) {
        return new Snapshot(product, LocalDate.parse(date), assigned, used);
    }

    void send(TopicWriter writer, String topic, UUID key, String value) {
        writer.send(topic, key.toString(), value);
        published.add(new String[] {topic, key.toString(), value});
    }

    // ------------------------------------------------------------------ assertions

    String full() {
        return TestTokens.issue(partner, "alice", "partner-full-admin");
    }

    String adam() {
        return TestTokens.issue(partner, adam, "partner-admin");
    }

    JsonNode get(String token, String path) {
        String body = given().auth().oauth2(token).when().get("/api/v1/analytics" + path)
                .then().statusCode(200).extract().asString();
        try {
            ObjectNode node = (ObjectNode) Events.JSON.readTree(body);
            node.remove("dataFreshAt");
            return node;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    void assertKpis(LocalDate asOf, String token, long total, long expiring, long renewing, long low, long overage) {
        // ints, as the answer's small numbers read back (an IntNode is not equal to a LongNode)
        assertJson(get(token, "/kpis?asOf=" + asOf), Json.object().put("asOf", asOf.toString())
                .put("totalCustomers", Math.toIntExact(total)).put("expiring", Math.toIntExact(expiring))
                .put("renewingSoon", Math.toIntExact(renewing)).put("lowAllocation", Math.toIntExact(low))
                .put("overage", Math.toIntExact(overage)));
    }

    void assertSection(String token, String section, String product, LocalDate asOf, String kpis, String items) {
        ObjectNode expected = Json.object().put("product", product).put("asOf", asOf.toString());
        expected.set("kpis", Json.read(kpis));
        expected.set("items", Json.read(items));
        expected.putNull("nextCursor");
        assertJson(get(token, "/" + section + "?product=" + product + "&asOf=" + asOf), expected);
    }

    void assertJson(JsonNode actual, String expected) {
        assertJson(actual, Json.read(expected));
    }

    /** {@code expected} with each text value {@code {Cn}} replaced by customer Cn's id. */
    void assertJson(JsonNode actual, JsonNode expected) {
        fillCustomerIds(expected);
        assertEquals(expected, actual);
    }

    private void fillCustomerIds(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                UUID id = placeholder(node.get(name));
                if (id != null) {
                    ((ObjectNode) node).put(name, id.toString());
                } else {
                    fillCustomerIds(node.get(name));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                UUID id = placeholder(node.get(i));
                if (id != null) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, id.toString());
                } else {
                    fillCustomerIds(node.get(i));
                }
            }
        }
    }

    private UUID placeholder(JsonNode value) {
        String text = value.asText("");
        if (!value.isTextual() || !text.startsWith("{") || !text.endsWith("}")) {
            return null;
        }
        UUID id = customers.get(text.substring(1, text.length() - 1));
        if (id == null) {
            throw new AssertionError("unknown customer placeholder " + text);
        }
        return id;
    }
}
