package io.partnerhub.callingmetrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** POST /calling/records against real PostgreSQL: per-item results, idempotency per (partner, callId), roles. */
@QuarkusTest
class CallRecordIngestIT {

    static final String USER = UUID.randomUUID().toString();

    @Test
    void validRecordsAreAcceptedAndAReplayIsADuplicate() {
        Callers acme = Callers.newPartner();
        String body = Cdr.array(Cdr.call("c-1", Customers.of(acme), USER, "2026-11-16T10:00:00Z"),
                Cdr.call("c-2", Customers.of(acme), USER, "2026-11-17T10:00:00Z").queue("q1", "ANSWERED", 12));
        acme.ingest().body(body).post("/api/v1/calling/records")
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0)).body("rejected", empty());
        acme.ingest().body(body).post("/api/v1/calling/records")
                .then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
    }

    @Test
    void aCallIdTwiceInOneBatchIsOneRecordAndOneDuplicate() {
        Callers acme = Callers.newPartner();
        acme.ingest().body(Cdr.array(Cdr.call("same", Customers.of(acme), USER, "2026-11-16T10:00:00Z"),
                        Cdr.call("same", Customers.of(acme), USER, "2026-11-16T10:00:00Z")))
                .post("/api/v1/calling/records")
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
    }

    @Test
    void aReplayClaimingAnotherWeekIsStillADuplicate() {
        Callers acme = Callers.newPartner();
        acme.ingest().body(Cdr.array(Cdr.call("moved", Customers.of(acme), USER, "2026-11-16T10:00:00Z")))
                .post("/api/v1/calling/records").then().statusCode(200).body("accepted", equalTo(1));
        acme.ingest().body(Cdr.array(Cdr.call("moved", Customers.of(acme), USER, "2026-10-16T10:00:00Z")))
                .post("/api/v1/calling/records").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
    }

    @Test
    void theSameCallIdOfAnotherPartnerIsItsOwnRecord() {
        for (Callers partner : List.of(Callers.newPartner(), Callers.newPartner())) {
            partner.ingest().body(Cdr.array(Cdr.call("shared-id", Customers.of(partner), USER, "2026-11-16T10:00:00Z")))
                    .post("/api/v1/calling/records").then().body("accepted", equalTo(1));
        }
    }

    @Test
    void invalidItemsAreRejectedWithTheirIndexAndFieldsAndTheRestIsAccepted() {
        Callers acme = Callers.newPartner();
        ObjectNode invalid = Json.object().put("callId", "bad id!").put("customerId", "nope").put("userId", USER)
                .put("startTime", "yesterday").put("durationSeconds", -1).put("direction", "SIDEWAYS").put("endpointType", "IP_PHONE")
                .put("mos", 7);
        invalid.putArray("features").add("TELEPORT");
        invalid.putObject("queue").put("queueId", "q").put("outcome", "LOST").put("waitSeconds", 3);
        String body = Json.array().add(Cdr.call("ok-1", Customers.of(acme), USER, "2026-11-16T10:00:00Z").tree()).add(invalid).add(42)
                .toString();
        acme.ingest().body(body).post("/api/v1/calling/records")
                .then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0))
                .body("rejected.index", contains(1, 2))
                .body("rejected[0].errors.field", containsInAnyOrder("callId", "customerId", "startTime", "durationSeconds",
                        "direction", "mos", "features[0]", "queue.outcome"))
                .body("rejected[1].errors[0].message", equalTo("must be a call record object"));
    }

    @Test
    void tenThousandRecordsInOneCallAreAccepted() {
        Callers acme = Callers.newPartner();
        java.util.List<Cdr> records = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            records.add(Cdr.call("bulk-" + i, Customers.of(acme), UUID.randomUUID().toString(), "2026-11-16T10:00:00Z")
                    .endpoint("IP_PHONE").mos("4.2").loss("0.5").jitter("12").latency("80").features("TRANSFER"));
        }
        String body = Cdr.array(records);
        org.junit.jupiter.api.Assertions.assertTrue(body.length() > 2 * 1024 * 1024, "a body over the 1 MiB default");
        acme.ingest().body(body).post("/api/v1/calling/records")
                .then().statusCode(200).body("accepted", equalTo(10_000)).body("rejected", empty());
    }

    @Test
    void theSameNewBatchPostedTwiceAtOnceIsCountedOnce() throws Exception {
        Callers acme = Callers.newPartner();
        java.util.List<Cdr> records = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(Cdr.call("race-" + i, Customers.of(acme), USER, "2026-11-16T10:00:00Z").seconds(60));
        }
        String body = Cdr.array(records);
        int[] sums = postAtOnce(acme, java.util.List.of(body, body));
        org.junit.jupiter.api.Assertions.assertEquals(5_000, sums[0]);
        org.junit.jupiter.api.Assertions.assertEquals(5_000, sums[1]);
        acme.fullAdmin().queryParam("asOf", "2026-11-23").get("/api/v1/calling/quality/trend")
                .then().statusCode(200).body("weeks[7].weekStart", equalTo("2026-11-15")).body("weeks[7].calls", equalTo(5_000));
        io.restassured.path.json.JsonPath users = acme.fullAdmin().queryParam("asOf", "2026-11-23")
                .get("/api/v1/calling/usage/users").then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(1, users.getInt("weeks[7].activeUsers"));
        org.junit.jupiter.api.Assertions.assertEquals(5_000.0, users.getDouble("weeks[7].minutes"));
    }

    @Test
    void overlappingBatchesOfOnePartnerPostedAtOnceCountEachCallIdOnce() throws Exception {
        Callers acme = Callers.newPartner();
        int batches = 4;
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (int b = 0; b < batches; b++) {
            java.util.List<Cdr> records = new java.util.ArrayList<>();
            records.add(Cdr.call("shared", Customers.of(acme), USER, "2026-11-16T09:00:00Z").seconds(60));
            for (int i = 0; i < 500; i++) {
                records.add(Cdr.call("overlap-" + b + "-" + i, Customers.of(acme), USER, "2026-11-16T10:00:00Z").seconds(60));
            }
            records.add(Cdr.call("overlap-" + b + "-0", Customers.of(acme), USER, "2026-11-16T10:00:00Z").seconds(60));
            bodies.add(Cdr.array(records));
        }
        int[] sums = postAtOnce(acme, bodies);
        // each batch: "shared", 500 of its own and one of its own again
        org.junit.jupiter.api.Assertions.assertEquals(1 + batches * 500, sums[0]);
        org.junit.jupiter.api.Assertions.assertEquals((batches - 1) + batches, sums[1]);
        acme.fullAdmin().queryParam("asOf", "2026-11-23").get("/api/v1/calling/quality/trend")
                .then().statusCode(200).body("weeks[7].weekStart", equalTo("2026-11-15"))
                .body("weeks[7].calls", equalTo(1 + batches * 500));
        acme.ingest().body(bodies.get(2)).post("/api/v1/calling/records")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(502));
    }

    /** Posts the bodies from one thread each, released together; the sums of accepted and duplicates (all 200). */
    static int[] postAtOnce(Callers partner, java.util.List<String> bodies) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(bodies.size());
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<io.restassured.response.Response>> posts = new java.util.ArrayList<>();
            for (String body : bodies) {
                posts.add(pool.submit(() -> {
                    start.await();
                    return partner.ingest().body(body).post("/api/v1/calling/records");
                }));
            }
            start.countDown();
            int[] sums = new int[2];
            for (java.util.concurrent.Future<io.restassured.response.Response> post : posts) {
                io.restassured.response.Response response = post.get();
                org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.asString());
                sums[0] += (Integer) response.path("accepted");
                sums[1] += (Integer) response.path("duplicates");
            }
            return sums;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyThatIsNotAnArrayIs400() {
        Callers.newPartner().ingest().body("{\"callId\":\"x\"}").post("/api/v1/calling/records")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aBodyThatIsNotWellFormedJsonIs400AndNothingOfItIsStored() {
        Callers acme = Callers.newPartner();
        Cdr valid = Cdr.call("before-the-break", Customers.of(acme), USER, "2026-11-16T10:00:00Z");
        // cut off on purpose after the first record
        acme.ingest().body("[" + valid.json() + ",{\"callId\":").post("/api/v1/calling/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The body is not well-formed JSON"));
        acme.ingest().body(Cdr.array(valid)).post("/api/v1/calling/records")
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
    }

    @Test
    void anythingAfterTheArrayIs400AndNothingIsStored() {
        Callers acme = Callers.newPartner();
        String batch = Cdr.array(Cdr.call("before-the-garbage", Customers.of(acme), USER, "2026-11-16T10:00:00Z"));
        for (String trailing : new String[] {batch, " x", "}", "{}"}) {
            acme.ingest().body(batch + trailing).post("/api/v1/calling/records") // trailing tokens on purpose
                    .then().statusCode(400).contentType("application/problem+json");
        }
        acme.ingest().body(batch).post("/api/v1/calling/records")
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
    }

    @Test
    void anEmptyBodyIs400() {
        Callers.newPartner().ingest().body("").post("/api/v1/calling/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("must be an array of call records"));
    }

    @Test
    void unknownFieldsAreSkippedWhateverTheyHoldAndEachItemKeepsItsIndex() {
        Callers acme = Callers.newPartner();
        // unknown fields first, holding objects, arrays, nulls and a field named like a known one
        ObjectNode extra = Json.object();
        ObjectNode site = extra.putObject("site");
        ArrayNode rooms = site.putArray("floors").add(1).addObject().putArray("rooms");
        rooms.addArray();
        rooms.addObject();
        site.put("callId", 42);
        extra.putArray("tags").add("a").addNull();
        extra.setAll(Cdr.call("with-extras", Customers.of(acme), USER, "2026-11-16T10:00:00Z").tree());
        ArrayNode nested = Json.array();
        nested.addObject().put("callId", "nested");
        acme.ingest().body(Json.array().add(extra).add(nested).add(Cdr.call("after", Customers.of(acme), USER, "2026-11-16T11:00:00Z").tree())
                        .toString())
                .post("/api/v1/calling/records")
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0))
                .body("rejected.index", contains(1))
                .body("rejected[0].errors[0].message", equalTo("must be a call record object"));
    }

    @Test
    void moreThanTenThousandRecordsIs400() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{}");
        }
        Callers.newPartner().ingest().body(body.append(']').toString()).post("/api/v1/calling/records")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anAdminMayNotIngest() {
        Callers acme = Callers.newPartner();
        acme.fullAdmin().contentType("application/json").body("[]").post("/api/v1/calling/records")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
