package io.partnerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Updates with ETags, deletes, tags and assignments: each change emits its event and its audit entry. */
@QuarkusTest
class CustomerChangesIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void patchWithAStaleIfMatchIs412AndChangesNothing() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Before KK", null);
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"name\":\"After KK\"}")
                .patch("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("name", equalTo("After KK")).body("version", equalTo(2));
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"name\":\"Lost Update KK\"}")
                .patch("/api/v1/customers/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));
        acme.fullAdmin().get("/api/v1/customers/" + id).then().body("name", equalTo("After KK")).body("version", equalTo(2));
        acme.fullAdmin().contentType(ContentType.JSON).header("If-Match", "garbage").body("{\"name\":\"X\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"  \"}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void everyChangeEmitsItsEventWithFullStateAndAGrowingVersion() throws Exception {
        Callers acme = Callers.newPartner();
        String tag = CustomerListIT.tag(acme, "Gold");
        KeycloakStub.user("yui", acme.partner(), "default-roles-partner-hub");
        acme.fullAdmin().contentType(ContentType.JSON)
                .body("{\"id\":\"yui\",\"email\":\"yui@acme.example\",\"role\":\"partner-admin\"}").post("/api/v1/admins").then().statusCode(201);
        try (TopicReader topic = TopicReader.fromEnd(bootstrap, "partnerhub.customers.v1")) {
            String id = CustomerApiIT.create(acme, "Evented KK", "EV-1");
            acme.fullAdmin().contentType(ContentType.JSON).body("{\"managedBy\":\"EXTERNAL\"}").patch("/api/v1/customers/" + id)
                    .then().statusCode(200);
            acme.fullAdmin().put("/api/v1/customers/" + id + "/tags/" + tag).then().statusCode(204);
            acme.fullAdmin().put("/api/v1/customers/" + id + "/tags/" + tag).then().statusCode(204); // no change, no event
            acme.fullAdmin().put("/api/v1/customers/" + id + "/admins/yui").then().statusCode(204);
            acme.fullAdmin().delete("/api/v1/customers/" + id + "/admins/yui").then().statusCode(204);
            acme.fullAdmin().delete("/api/v1/customers/" + id + "/tags/" + tag).then().statusCode(204);
            acme.fullAdmin().delete("/api/v1/customers/" + id).then().statusCode(204);
            List<ConsumerRecord<String, String>> records = topic.await(r -> id.equals(r.key()), 7, Duration.ofSeconds(30));
            List<String> types = records.stream().map(r -> field(r, "type")).toList();
            assertEquals(List.of("partnerhub.customer.created", "partnerhub.customer.updated", "partnerhub.customer.tagged",
                    "partnerhub.customer.admin-assigned", "partnerhub.customer.admin-unassigned", "partnerhub.customer.untagged",
                    "partnerhub.customer.deleted"), types);
            List<Long> versions = records.stream().map(r -> data(r).get("version").asLong()).toList();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), versions);
            JsonNode tagged = data(records.get(2));
            assertEquals(tag, tagged.get("tagId").asText());
            assertEquals(List.of(tag), JSON.convertValue(tagged.get("customer").get("tagIds"), List.class));
            assertEquals("EXTERNAL", tagged.get("customer").get("managedBy").asText());
            JsonNode assigned = data(records.get(3));
            assertEquals("yui", assigned.get("adminId").asText());
            assertEquals(List.of("yui"), JSON.convertValue(assigned.get("customer").get("adminIds"), List.class));
            assertEquals(true, data(records.get(6)).get("customer").get("deleted").asBoolean());
        }
    }

    @Test
    void theAuditLogTellsWhoChangedWhatNewestFirst() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Audited KK", null);
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"Audited Holdings\"}").patch("/api/v1/customers/" + id)
                .then().statusCode(200);
        acme.fullAdmin().post("/api/v1/customers/" + id + "/launch").then().statusCode(200)
                .body("url", startsWith("https://admin.webex.example/launch?org=" + id + "&token="))
                .body("expiresAt", containsString("T"));
        acme.readOnly().get("/api/v1/audit?customerId=" + id)
                .then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("customer.launched", "customer.updated", "customer.created"))
                .body("items[1].actor", equalTo("full-" + acme.partner()))
                .body("items[1].before.name", equalTo("Audited KK"))
                .body("items[1].after.name", equalTo("Audited Holdings"));
        acme.readOnly().get("/api/v1/audit?customerId=" + id + "&limit=1")
                .then().statusCode(200).header("Link", containsString("rel=\"next\"")).body("items.size()", equalTo(1));
        Callers.newPartner().fullAdmin().get("/api/v1/audit?customerId=" + id).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aDeletedCustomerIsGoneFromReadsAndItsExternalIdIsFreeAgain() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Gone KK", "GONE-1");
        acme.fullAdmin().delete("/api/v1/customers/" + id).then().statusCode(204);
        acme.fullAdmin().get("/api/v1/customers/" + id).then().statusCode(404);
        acme.fullAdmin().delete("/api/v1/customers/" + id).then().statusCode(404);
        CustomerApiIT.create(acme, "Back KK", "GONE-1");
    }

    @Test
    void anIdempotencyKeyReplayAnswersTheFirstCustomer() {
        Callers acme = Callers.newPartner();
        String first = acme.fullAdmin().header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body("{\"name\":\"Once KK\",\"managedBy\":\"PARTNER\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
        String replay = acme.fullAdmin().header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body("{\"name\":\"Once KK\",\"managedBy\":\"PARTNER\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
        assertEquals(first, replay);
        assertEquals(1, acme.fullAdmin().get("/api/v1/customers").then().extract().jsonPath().getList("items").size());
    }

    @Test
    void aCustomerCarriesAtMostTwentyTags() {
        Callers acme = Callers.newPartner();
        String id = CustomerApiIT.create(acme, "Tagged KK", null);
        for (int i = 0; i < 20; i++) {
            acme.fullAdmin().put("/api/v1/customers/" + id + "/tags/" + CustomerListIT.tag(acme, "T" + i)).then().statusCode(204);
        }
        acme.fullAdmin().put("/api/v1/customers/" + id + "/tags/" + CustomerListIT.tag(acme, "T20"))
                .then().statusCode(409).contentType("application/problem+json");
        acme.fullAdmin().get("/api/v1/customers/" + id).then().body("tags.size()", equalTo(20));
    }

    static String field(ConsumerRecord<String, String> record, String name) {
        try {
            return JSON.readTree(record.value()).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("data");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
