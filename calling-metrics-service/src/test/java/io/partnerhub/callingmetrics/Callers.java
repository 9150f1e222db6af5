package io.partnerhub.callingmetrics;

import io.partnerhub.platform.devstack.TestTokens;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests as one caller of one partner, with a signed Keycloak-shaped token; JSON numbers read as BigDecimal. */
public record Callers(String partner) {

    public static Callers newPartner() {
        return new Callers(UUID.randomUUID().toString());
    }

    public RequestSpecification as(String subject, String... roles) {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .auth().oauth2(TestTokens.issue(partner, subject, roles));
    }

    public RequestSpecification ingest() {
        return as("service-account-usage-ingest", "usage-ingest").contentType("application/json");
    }

    public RequestSpecification fullAdmin() {
        return as("full-" + partner, "partner-full-admin");
    }

    public RequestSpecification readOnly() {
        return as("readonly-" + partner, "partner-read-only-admin");
    }

    public RequestSpecification admin(String subject) {
        return as(subject, "partner-admin");
    }
}
