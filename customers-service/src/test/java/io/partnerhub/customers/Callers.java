package io.partnerhub.customers;

import io.partnerhub.platform.devstack.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests as one caller of one partner, with a signed Keycloak-shaped token. */
public record Callers(String partner) {

    public static Callers newPartner() {
        return new Callers(UUID.randomUUID().toString());
    }

    public RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(TestTokens.issue(partner, subject, roles));
    }

    public RequestSpecification fullAdmin() {
        return as("full-" + partner, "partner-full-admin");
    }

    public RequestSpecification readOnly() {
        return as("readonly-" + partner, "partner-read-only-admin");
    }
}
