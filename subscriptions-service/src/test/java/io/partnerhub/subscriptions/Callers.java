package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests as one caller of one partner, with a signed Keycloak-shaped token. */
public record Callers(String partner) {

    public static Callers newPartner() {
        return new Callers(UUID.randomUUID().toString());
    }

    public RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(TestTokens.issue(partner, subject, roles)).contentType(ContentType.JSON);
    }

    public RequestSpecification fullAdmin() {
        return as("full-" + partner, "partner-full-admin");
    }

    public RequestSpecification admin() {
        return as("admin-" + partner, "partner-admin");
    }

    public RequestSpecification readOnly() {
        return as("readonly-" + partner, "partner-read-only-admin");
    }

    public RequestSpecification integrator() {
        return as("svc-orders-" + partner, "order-integrator");
    }

    public RequestSpecification usageIngest() {
        return as("svc-usage-" + partner, "usage-ingest");
    }
}
