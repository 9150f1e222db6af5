package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The devstack Keycloak's Admin REST API as its master admin, for e2e tests: users made for a test (the demo users
 * stay as they are) and their realm role mappings read back.
 */
final class KeycloakAdminApi {

    private final SystemLauncher system;

    KeycloakAdminApi(SystemLauncher system) {
        this.system = system;
    }

    private RequestSpecification admin() {
        String token = given().baseUri(system.keycloak().url()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", system.secret("PARTNERHUB_KEYCLOAK_ADMIN_PASSWORD")))
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        return given().baseUri(system.keycloak().url() + "/admin/realms/partner-hub").auth().oauth2(token);
    }

    /** A new enabled user of {@code partnerOrgId} with {@code password} and the realm role {@code role}; its id. */
    String createUser(String username, String partnerOrgId, String password, String role) {
        Response created = admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username, "emailVerified", true, "enabled", true,
                        "firstName", "Test", "lastName", username.substring(0, username.indexOf('@')),
                        "attributes", Map.of("partner_org_id", List.of(partnerOrgId)),
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post("/users");
        created.then().statusCode(201);
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        Map<String, Object> roleRepresentation = admin().get("/roles/" + role).then().statusCode(200).extract().as(Map.class);
        admin().contentType(ContentType.JSON).body(List.of(roleRepresentation)).post("/users/" + id + "/role-mappings/realm")
                .then().statusCode(204);
        return id;
    }

    /** The names of the user's (direct) realm role mappings. */
    List<String> realmRoles(String userId) {
        return admin().get("/users/" + userId + "/role-mappings/realm").then().statusCode(200).extract().jsonPath().getList("name");
    }

    /** The service account of customers-service's client and its realm-management roles, as Keycloak has them. */
    List<String> customersServiceAccountRoles() {
        String clientId = admin().queryParam("clientId", "partner-hub-customers-service").get("/clients")
                .then().statusCode(200).extract().jsonPath().getString("[0].id");
        String userId = admin().get("/clients/" + clientId + "/service-account-user").then().statusCode(200).extract().path("id");
        String realmManagement = admin().queryParam("clientId", "realm-management").get("/clients")
                .then().statusCode(200).extract().jsonPath().getString("[0].id");
        return admin().get("/users/" + userId + "/role-mappings/clients/" + realmManagement).then().statusCode(200)
                .extract().jsonPath().getList("name");
    }
}
