package io.partnerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** ETags and 304, If-Match and 412, Idempotency-Key replays and 422, strict bodies, problems naming their request. */
@QuarkusTest
class WriteConventionsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCustomerAndATagAnswer304ToTheirCurrentETag() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Cached KK", null);
        acme.readOnly().header("If-None-Match", "\"1\"").get("/api/v1/customers/" + id)
                .then().statusCode(304).header("ETag", equalTo("\"1\"")).body(emptyString());
        acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("name", "Cached Holdings")).patch("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
        acme.readOnly().header("If-None-Match", "\"1\"").get("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("name", equalTo("Cached Holdings"));

        String tag = CustomerListIT.tag(acme, "Cached");
        acme.readOnly().get("/api/v1/tags/" + tag).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Cached")).body("customerCount", equalTo(0)).body("version", equalTo(1));
        acme.readOnly().header("If-None-Match", "\"1\"").get("/api/v1/tags/" + tag).then().statusCode(304).body(emptyString());
        Callers.newPartner().fullAdmin().get("/api/v1/tags/" + tag).then().statusCode(404);
    }

    @Test
    void aStaleIfMatchOnATagIs412AndChangesNothing() {
        Callers acme = Callers.newPartner();
        String tag = CustomerListIT.tag(acme, "Before");
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("name", "After"))
                .patch("/api/v1/tags/" + tag).then().statusCode(200).header("ETag", equalTo("\"2\"")).body("version", equalTo(2));
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("name", "Lost"))
                .patch("/api/v1/tags/" + tag).then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412)).body("type", equalTo("https://partnerhub.io/problems/precondition-failed"));
        acme.readOnly().get("/api/v1/tags/" + tag).then().body("name", equalTo("After")).body("version", equalTo(2));
    }

    @Test
    void aStaleIfMatchOnAnAdminIs412AndChangesNothing() {
        Callers acme = Callers.newPartner();
        ListConventionsIT.addAdmin(acme, "kai", "Kai");
        String first = acme.readOnly().get("/api/v1/admins/kai").then().statusCode(200)
                .body("role", equalTo("partner-admin")).body("version", equalTo(1)).extract().header("ETag");
        acme.readOnly().header("If-None-Match", first).get("/api/v1/admins/kai").then().statusCode(304);
        String second = acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", first)
                .body(Map.of("role", "partner-read-only-admin")).patch("/api/v1/admins/kai")
                .then().statusCode(200).body("role", equalTo("partner-read-only-admin")).body("version", equalTo(2))
                .extract().header("ETag");
        assertNotEquals(first, second);
        // once Keycloak has the role change, access-revoked steps the version (issue 14): the ETag is that one now
        IdentitySyncIT.awaitSynced(acme.partner(), "kai");
        second = acme.readOnly().get("/api/v1/admins/kai").then().statusCode(200).body("version", equalTo(3)).extract().header("ETag");
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", first).body(Map.of("role", "partner-full-admin"))
                .patch("/api/v1/admins/kai").then().statusCode(412).contentType("application/problem+json");
        // a display name change keeps the version (no admin event describes it) but changes the ETag
        String third = acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", second).body(Map.of("displayName", "Kai S."))
                .patch("/api/v1/admins/kai").then().statusCode(200).body("version", equalTo(3)).extract().header("ETag");
        assertNotEquals(second, third);
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", second).body(Map.of("displayName", "Lost"))
                .patch("/api/v1/admins/kai").then().statusCode(412);
        acme.readOnly().get("/api/v1/admins/kai").then().statusCode(200).header("ETag", equalTo(third))
                .body("role", equalTo("partner-read-only-admin")).body("displayName", equalTo("Kai S.")).body("version", equalTo(3));
    }

    @Test
    void aSupportRequestCarriesItsVersionAsETag() {
        Callers acme = Callers.newPartner();
        String id = acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("subject", "Echo", "description", "On calls"))
                .post("/api/v1/support/requests").then().statusCode(201).header("ETag", equalTo("\"1\"")).body("version", equalTo(1))
                .extract().path("id");
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("status", "IN_PROGRESS"))
                .patch("/api/v1/support/requests/" + id).then().statusCode(200).header("ETag", equalTo("\"2\""));
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("status", "CLOSED"))
                .patch("/api/v1/support/requests/" + id).then().statusCode(412);
        acme.readOnly().header("If-None-Match", "\"2\"").get("/api/v1/support/requests/" + id).then().statusCode(304);
        acme.readOnly().get("/api/v1/support/requests/" + id).then().body("status", equalTo("IN_PROGRESS")).body("version", equalTo(2));
    }

    @Test
    void aProblemNamesItsPathAndTheRequestIdOfTheAnswer() {
        Callers acme = Callers.newPartner();
        String missing = UUID.randomUUID().toString();
        acme.readOnly().header("X-Request-Id", "req-13-abc").get("/api/v1/customers/" + missing)
                .then().statusCode(404).header("X-Request-Id", equalTo("req-13-abc"))
                .body("instance", equalTo("/api/v1/customers/" + missing)).body("requestId", equalTo("req-13-abc"));
        String tag = CustomerListIT.tag(acme, "Named");
        Response stale = acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(Map.of("name", "X"))
                .patch("/api/v1/tags/" + tag);
        stale.then().statusCode(412).body("instance", equalTo("/api/v1/tags/" + tag));
        assertEquals(stale.header("X-Request-Id"), stale.jsonPath().getString("requestId"));
        assertEquals(36, stale.header("X-Request-Id").length());
    }

    @Test
    void aReplayedIdempotencyKeyAnswersTheFirstAnswerMarkedAsAReplay() {
        Callers acme = Callers.newPartner();
        Map<String, Object> body = Map.of("name", "Once KK", "managedBy", "PARTNER");
        Response first = acme.fullAdmin().header("Idempotency-Key", "create-1").contentType(ContentType.JSON).body(body)
                .post("/api/v1/customers");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response replay = acme.fullAdmin().header("Idempotency-Key", "create-1").contentType(ContentType.JSON)
                .body("{ \"managedBy\": \"PARTNER\",  \"name\": \"Once KK\" }").post("/api/v1/customers");
        replay.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")));
        assertEquals(first.asString(), replay.asString());
        // another caller of the partner has their own keys
        String other = acme.as("other-full", "partner-full-admin").header("Idempotency-Key", "create-1").contentType(ContentType.JSON)
                .body(body).post("/api/v1/customers").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        assertNotEquals(first.jsonPath().getString("id"), other);

        String tag = acme.fullAdmin().header("Idempotency-Key", "tag-1").contentType(ContentType.JSON)
                .body(Map.of("name", "Keyed", "color", "#123456")).post("/api/v1/tags").then().statusCode(201).extract().path("id");
        acme.fullAdmin().header("Idempotency-Key", "tag-1").contentType(ContentType.JSON)
                .body(Map.of("name", "Keyed", "color", "#123456")).post("/api/v1/tags").then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true")).body("id", equalTo(tag)).body("version", equalTo(1));
        acme.readOnly().get("/api/v1/tags").then().body("items.id", contains(tag));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIs422AndCreatesNothing() {
        Callers acme = Callers.newPartner();
        String id = acme.fullAdmin().header("Idempotency-Key", "k-422").contentType(ContentType.JSON)
                .body(Map.of("name", "First KK", "managedBy", "PARTNER")).post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
        acme.fullAdmin().header("Idempotency-Key", "k-422").contentType(ContentType.JSON)
                .body(Map.of("name", "Second KK", "managedBy", "PARTNER")).post("/api/v1/customers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://partnerhub.io/problems/unprocessable-content")).body("status", equalTo(422));
        acme.fullAdmin().header("Idempotency-Key", "k-422").contentType(ContentType.JSON)
                .body(Map.of("name", "First KK", "color", "#123456")).post("/api/v1/tags").then().statusCode(422);
        acme.readOnly().get("/api/v1/customers").then().body("items.id", contains(id));
        acme.readOnly().get("/api/v1/tags").then().body("items.size()", equalTo(0));
        acme.fullAdmin().header("Idempotency-Key", "k".repeat(201)).contentType(ContentType.JSON)
                .body(Map.of("name", "Blank KK", "managedBy", "PARTNER")).post("/api/v1/customers")
                .then().statusCode(400).body("errors.field", contains("Idempotency-Key"));
    }

    @Test
    void tenConcurrentCreatesWithOneKeyMakeOneCustomer() throws Exception {
        Callers acme = Callers.newPartner();
        int n = 10;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Response> create = () -> {
                    start.await();
                    return acme.fullAdmin().header("Idempotency-Key", "concurrent").contentType(ContentType.JSON)
                            .body(Map.of("name", "Concurrent KK", "managedBy", "PARTNER")).post("/api/v1/customers");
                };
                answers.add(pool.submit(create));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int replays = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(201, response.statusCode(), response.asString());
                ids.add(response.jsonPath().getString("id"));
                replays += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals(1, ids.size());
            assertEquals(n - 1, replays);
            acme.readOnly().get("/api/v1/customers").then().body("items.id", contains(ids.iterator().next()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        Callers acme = Callers.newPartner();
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\": 42, \"managedBy\": \"PARTNER\"}").post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("name"));
        acme.readOnly().get("/api/v1/customers").then().body("items.size()", equalTo(0));
    }

    @Test
    void aBatchItemReportsAllOfItsErrorsByPath() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Batch KK", null);
        List<Object> items = new ArrayList<>();
        items.add(Map.of("customerId", 42, "at", "yesterday"));
        items.add(Map.of("customerId", id, "at", "2026-11-20T10:00:00Z"));
        items.add("x");
        items.add(Map.of("extra", true));
        items.add(Map.of("customerId", UUID.randomUUID().toString(), "at", "2026-11-20T10:00:00Z"));
        acme.as("svc", "usage-ingest").contentType(ContentType.JSON).body(items).post("/api/v1/admin-activity")
                .then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected.index", contains(0, 2, 3, 4))
                .body("rejected[0].errors.field", contains("[0].customerId", "[0].at"))
                .body("rejected[0].errors.message", contains("must be a UUID", "must be a UTC time like 2026-11-25T10:00:00Z"))
                .body("rejected[1].errors.field", contains("[2]"))
                .body("rejected[2].errors.field", contains("[3].customerId", "[3].at"))
                .body("rejected[2].errors.message", contains("must not be null", "must not be null"))
                .body("rejected[3].errors.field", contains("[4].customerId"))
                .body("rejected[3].errors.message", contains("is not a customer of this partner"));
    }

    @Test
    void deletingATagUntagsEachCustomerWithAnEventAndAVersionStep() {
        Callers acme = Callers.newPartner();
        String tag = CustomerListIT.tag(acme, "Doomed");
        String a = CustomerApiIT.create(acme, "Doomed A KK", null);
        String b = CustomerApiIT.create(acme, "Doomed B KK", null);
        acme.fullAdmin().put("/api/v1/customers/" + a + "/tags/" + tag).then().statusCode(204);
        acme.fullAdmin().put("/api/v1/customers/" + b + "/tags/" + tag).then().statusCode(204);
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, "partnerhub.customers.v1")) {
            acme.fullAdmin().delete("/api/v1/tags/" + tag).then().statusCode(204);
            List<ConsumerRecord<String, String>> records = topic.await(
                    r -> Set.of(a, b, tag).contains(r.key()), 3, Duration.ofSeconds(30));
            for (String customer : List.of(a, b)) {
                ConsumerRecord<String, String> untagged = records.stream().filter(r -> r.key().equals(customer)).findFirst().orElseThrow();
                assertEquals("partnerhub.customer.untagged", CustomerChangesIT.field(untagged, "type"));
                JsonNode data = CustomerChangesIT.data(untagged);
                assertEquals(tag, data.get("tagId").asText());
                assertEquals(3, data.get("version").asLong());
                assertEquals(0, data.get("customer").get("tagIds").size());
                acme.readOnly().get("/api/v1/customers/" + customer).then().body("version", equalTo(3)).body("tags.size()", equalTo(0));
            }
            ConsumerRecord<String, String> deleted = records.stream().filter(r -> r.key().equals(tag)).findFirst().orElseThrow();
            assertEquals("partnerhub.tag.deleted", CustomerChangesIT.field(deleted, "type"));
            assertEquals(2, CustomerChangesIT.data(deleted).get("version").asLong());
        }
        acme.readOnly().get("/api/v1/audit?customerId=" + a).then().body("items[0].action", equalTo("customer.untagged"));
    }

    @Test
    void anAdminsVersionStepsOnlyWithItsEvents() {
        Callers acme = Callers.newPartner();
        String admin = "aoi-" + UUID.randomUUID();
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, "partnerhub.customers.v1")) {
            ListConventionsIT.addAdmin(acme, admin, "Aoi");
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("displayName", "Aoi T.")).patch("/api/v1/admins/" + admin)
                    .then().statusCode(200).body("version", equalTo(1));
            acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("role", "partner-full-admin")).patch("/api/v1/admins/" + admin)
                    .then().statusCode(200).body("version", equalTo(2));
            // and once Keycloak has the role change: access-revoked, version 3
            List<ConsumerRecord<String, String>> records = topic.await(r -> admin.equals(r.key()), 3, Duration.ofSeconds(30));
            assertEquals(List.of("partnerhub.admin.role-changed", "partnerhub.admin.role-changed", "partnerhub.admin.access-revoked"),
                    records.stream().map(r -> CustomerChangesIT.field(r, "type")).toList());
            assertEquals(3, CustomerChangesIT.data(records.get(2)).get("version").asLong());
            JsonNode changed = CustomerChangesIT.data(records.get(1));
            assertEquals(2, changed.get("version").asLong());
            assertEquals("partner-full-admin", changed.get("admin").get("role").asText());
            assertEquals("Aoi T.", changed.get("admin").get("displayName").asText());
            assertEquals(1, CustomerChangesIT.data(records.get(0)).get("version").asLong());
        }
    }

    @Test
    void thePartnerIsNamedAtSetup() {
        Callers acme = Callers.newPartner();
        acme.readOnly().get("/api/v1/partner").then().statusCode(200).body("name", nullValue());
        acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("acceptTerms", true, "name", " Acme Reseller KK "))
                .post("/api/v1/partner/setup").then().statusCode(200).body("name", equalTo("Acme Reseller KK"))
                .body("setupCompleted", equalTo(true));
        acme.readOnly().get("/api/v1/partner").then().statusCode(200)
                .body("id", equalTo(acme.partner())).body("name", equalTo("Acme Reseller KK"));
        acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("acceptTerms", true, "name", " "))
                .post("/api/v1/partner/setup").then().statusCode(400).body("errors.field", contains("name"));
    }
}
