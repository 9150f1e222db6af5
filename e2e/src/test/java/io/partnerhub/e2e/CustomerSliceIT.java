package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.DemoData;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.TopicReader;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request and an event end to end: real Keycloak token → gateway → customers-service → outbox → Kafka →
 * analytics-service's read model.
 */
class CustomerSliceIT {

    static SystemLauncher system;
    static String alice;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        alice = KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
    }

    @Test
    void aCustomerCreatedThroughTheGatewayReachesKafkaAndTheAnalyticsReadModel() throws Exception {
        String name = "E2E Logistics " + UUID.randomUUID();
        try (TopicReader topic = TopicReader.fromEnd(system.kafka().bootstrapServers(), "partnerhub.customers.v1")) {
            String id = given().baseUri(system.gatewayUrl()).auth().oauth2(alice)
                    .contentType("application/json")
                    .body(Map.of("name", name, "externalId", "E2E-" + UUID.randomUUID(), "managedBy", "PARTNER"))
                    .post("/api/v1/customers")
                    .then().statusCode(201).header("X-Request-Id", notNullValue())
                    .extract().path("id");

            given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get("/api/v1/customers/" + id)
                    .then().statusCode(200)
                    .body("id", equalTo(id)).body("name", equalTo(name)).body("version", equalTo(1));

            ConsumerRecord<String, String> record = topic.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
            JsonPath event = JsonPath.from(record.value());
            assertEquals("partnerhub.customer.created", event.getString("type"));
            assertEquals(DemoData.ACME, event.getString("partnerorgid"));
            assertEquals(name, event.getString("data.customer.name"));
            assertEquals("a11ce000-0000-4000-8000-000000000001", event.getString("data.customer.createdBy"));

            await().atMost(Duration.ofSeconds(60)).until(() -> name.equals(analyticsCustomerName(id)));
        }
    }

    @Test
    void withoutATokenTheGatewayAnswers401ProblemJson() {
        given().baseUri(system.gatewayUrl()).get("/api/v1/customers/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void anIdTokenFromKeycloakIsRefusedAs401AtTheGatewayAndAtAService() throws Exception {
        String form = "grant_type=password&client_id=partner-hub-api&scope=openid&username=alice%40acme.example&password="
                + java.net.URLEncoder.encode(system.secret("PARTNERHUB_DEMO_PASSWORD"), java.nio.charset.StandardCharsets.UTF_8);
        String idToken = given().contentType("application/x-www-form-urlencoded").body(form)
                .post(system.keycloak().realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("id_token");
        assertEquals("ID", JsonPath.from(new String(java.util.Base64.getUrlDecoder().decode(idToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8)).getString("typ"));
        given().baseUri(system.gatewayUrl()).auth().oauth2(idToken).get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json");
        given().baseUri(system.serviceUrl("customers-service")).auth().oauth2(idToken).get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anotherPartnersAdminGets404() throws Exception {
        String id = given().baseUri(system.gatewayUrl()).auth().oauth2(alice).contentType("application/json")
                .body("{\"name\":\"Acme Only\",\"managedBy\":\"PARTNER\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String gina = KeycloakTokens.password(system.keycloak().realmUrl(), "gina@globex.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        given().baseUri(system.gatewayUrl()).auth().oauth2(gina).get("/api/v1/customers/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMachineClientTokenCannotReadCustomers() throws Exception {
        String integrator = KeycloakTokens.clientCredentials(system.keycloak().realmUrl(), "order-integrator-acme",
                system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        given().baseUri(system.gatewayUrl()).auth().oauth2(integrator).get("/api/v1/customers/" + UUID.randomUUID())
                .then().statusCode(403).contentType("application/problem+json");
    }

    static String analyticsCustomerName(String id) throws Exception {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl("analytics"), "postgres", "");
             PreparedStatement query = db.prepareStatement("select name from customer where customer_id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
