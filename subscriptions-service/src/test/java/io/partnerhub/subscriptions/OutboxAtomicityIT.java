package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A change and its events commit together: a rolled-back order leaves neither. */
@QuarkusTest
class OutboxAtomicityIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aRolledBackOrderLeavesNoSubscriptionAndNoEvent() {
        Callers acme = Callers.newPartner();
        String customer = CustomerTopic.known(acme);
        try (TopicReader reader = TopicReader.fromEnd(bootstrap, OrderApiIT.TOPIC)) {
            given().post("/test-support/orders/rollback?partner=" + acme.partner() + "&customer=" + customer).then().statusCode(409);
            assertEquals(0, Devstack.events(acme.partner(), null));
            assertEquals(0, Devstack.count("select count(*) from subscription where partner_org_id = ?", acme.partner()));
            assertEquals(0, Devstack.count("select count(*) from customer_order where partner_org_id = ?", acme.partner()));
            acme.readOnly().get("/api/v1/subscriptions/SUB-RB").then().statusCode(404);
            // a committed order of the same customer afterwards: its events are the only ones on the customer's key
            acme.integrator().body(Orders.body("CCW-RB", 1, customer, "SUB-RB", "2026-01-01", 12, true, 10, 5))
                    .post("/api/v1/orders").then().statusCode(201);
            reader.await(r -> customer.equals(r.key()) && r.value().contains("partnerhub.subscription.created"), 1,
                    Duration.ofSeconds(30));
            // anything the rolled-back transaction had sent would sit before these on the same partition
            assertEquals(2, reader.seen().stream().filter(r -> customer.equals(r.key())).count());
            assertEquals(2, Devstack.events(acme.partner(), null));
        }
    }
}
