package io.partnerhub.customers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TagIT {

    @Test
    void tagNamesAreUniquePerPartnerIgnoringCase() {
        Callers acme = Callers.newPartner();
        CustomerListIT.tag(acme, "Renewal Q1");
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"renewal q1\",\"color\":\"#000000\"}")
                .post("/api/v1/tags").then().statusCode(409).contentType("application/problem+json");
        CustomerListIT.tag(Callers.newPartner(), "Renewal Q1");
    }

    @Test
    void tagsListWithTheirCustomerCountAndCanBeRenamedAndDeleted() {
        Callers acme = Callers.newPartner();
        String tag = acme.fullAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"Onboarding\",\"color\":\"#00AA00\",\"description\":\"First 90 days\"}")
                .post("/api/v1/tags").then().statusCode(201)
                .body("customerCount", equalTo(0)).extract().path("id");
        String a = CustomerApiIT.create(acme, "A KK", null);
        String b = CustomerApiIT.create(acme, "B KK", null);
        acme.fullAdmin().put("/api/v1/customers/" + a + "/tags/" + tag).then().statusCode(204);
        acme.fullAdmin().put("/api/v1/customers/" + b + "/tags/" + tag).then().statusCode(204);
        acme.readOnly().get("/api/v1/tags").then().statusCode(200)
                .body("items.name", contains("Onboarding"))
                .body("items[0].customerCount", equalTo(2))
                .body("items[0].description", equalTo("First 90 days"))
                .body("items[0].color", equalTo("#00AA00"));
        acme.fullAdmin().contentType(ContentType.JSON).body("{\"name\":\"Onboarded\"}").patch("/api/v1/tags/" + tag)
                .then().statusCode(200).body("name", equalTo("Onboarded")).body("customerCount", equalTo(2)).body("version", equalTo(2));
        acme.fullAdmin().get("/api/v1/customers/" + a).then().body("tags[0].name", equalTo("Onboarded"));
        acme.fullAdmin().delete("/api/v1/tags/" + tag).then().statusCode(204);
        acme.fullAdmin().get("/api/v1/customers/" + a).then().body("tags.size()", equalTo(0));
        acme.readOnly().get("/api/v1/tags").then().body("items.size()", equalTo(0));
    }

    @Test
    void badTagsAre400AndUnknownTagsAre404() {
        Callers acme = Callers.newPartner();
        acme.fullAdmin().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(51), "color", "red"))
                .post("/api/v1/tags").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("color", "name"));
        String id = CustomerApiIT.create(acme, "C KK", null);
        acme.fullAdmin().put("/api/v1/customers/" + id + "/tags/" + java.util.UUID.randomUUID()).then().statusCode(404);
        String foreign = CustomerListIT.tag(Callers.newPartner(), "Theirs");
        acme.fullAdmin().put("/api/v1/customers/" + id + "/tags/" + foreign).then().statusCode(404);
        acme.fullAdmin().delete("/api/v1/tags/" + foreign).then().statusCode(404);
    }

    /** A partner-admin tags only customers they see, so they cannot delete a tag that customers out of their view carry. */
    @Test
    void aPartnerAdminDeletesATagOnlyWhenNoCustomerOutOfTheirViewCarriesIt() {
        Callers acme = Callers.newPartner();
        var adam = acme.as("adam", "partner-admin");
        String tag = CustomerListIT.tag(acme, "Shared");
        String adams = acme.as("adam", "partner-admin").contentType(ContentType.JSON)
                .body("{\"name\":\"Adam KK\",\"managedBy\":\"PARTNER\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
        String others = CustomerApiIT.create(acme, "Other KK", null);
        adam.put("/api/v1/customers/" + adams + "/tags/" + tag).then().statusCode(204);
        acme.fullAdmin().put("/api/v1/customers/" + others + "/tags/" + tag).then().statusCode(204);

        acme.as("adam", "partner-admin").delete("/api/v1/tags/" + tag).then().statusCode(409)
                .contentType("application/problem+json");
        acme.fullAdmin().get("/api/v1/customers/" + others).then().body("tags.id", contains(tag)).body("version", equalTo(2));
        acme.fullAdmin().get("/api/v1/customers/" + adams).then().body("tags.id", contains(tag));

        // a deleted customer out of view does not hold the tag back
        acme.fullAdmin().delete("/api/v1/customers/" + others).then().statusCode(204);
        acme.as("adam", "partner-admin").delete("/api/v1/tags/" + tag).then().statusCode(204);
        acme.fullAdmin().get("/api/v1/customers/" + adams).then().body("tags.size()", equalTo(0));
        acme.fullAdmin().get("/api/v1/tags/" + tag).then().statusCode(404);
    }

    @Test
    void twentyFiveParallelAssignmentsLeaveExactlyTwentyTags() throws Exception {
        Callers acme = Callers.newPartner();
        String customer = CustomerListIT.create(acme, "Tag Race", "PARTNER");
        java.util.List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tags.add(CustomerListIT.tag(acme, "race-" + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(25);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (String tag : tags) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return acme.fullAdmin().put("/api/v1/customers/" + customer + "/tags/" + tag).statusCode();
                }));
            }
            start.countDown();
            java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.merge(answer.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
            }
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(204, 20, 409, 5), statuses);
        } finally {
            pool.shutdownNow();
        }
        acme.fullAdmin().get("/api/v1/customers/" + customer).then().statusCode(200)
                .body("tags.size()", equalTo(20)).body("version", equalTo(21));
    }
}
