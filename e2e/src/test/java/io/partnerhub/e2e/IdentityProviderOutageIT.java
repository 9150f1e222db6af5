package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real Keycloak stopped and started again under the running system: the gateway stops being ready while the
 * identity provider is away (so a load balancer sends no new traffic to a door that cannot check new tokens),
 * tokens already issued keep working with the keys the gateway holds, and readiness returns when Keycloak does.
 */
class IdentityProviderOutageIT {

    private static final String DEPENDENCIES = "checks.find { it.name == 'gateway dependencies' }.data";

    @Test
    void readinessIsDownWhileKeycloakIsStoppedAndUpAgainAfter() throws Exception {
        SystemLauncher system = RunningSystem.get();
        String alice = KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        given().baseUri(system.managementUrl("gateway")).get("/q/health/ready").then().statusCode(200);

        system.stopKeycloak();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().baseUri(system.managementUrl("gateway")).get("/q/health/ready")
                            .then().statusCode(503)
                            .body("status", equalTo("DOWN"))
                            .body(DEPENDENCIES + ".'identity-provider'", equalTo("DOWN"))
                            .body(DEPENDENCIES + ".customers", equalTo("UP")));
            given().baseUri(system.gatewayUrl()).auth().oauth2(alice).get("/api/v1/customers?limit=1")
                    .then().statusCode(200);
        } finally {
            system.startKeycloak();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().baseUri(system.managementUrl("gateway")).get("/q/health/ready")
                        .then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body(DEPENDENCIES + ".'identity-provider'", equalTo("UP")));
        String fresh = KeycloakTokens.password(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        given().baseUri(system.gatewayUrl()).auth().oauth2(fresh).get("/api/v1/customers?limit=1")
                .then().statusCode(200);
    }
}
