package io.partnerhub.customers;

import io.partnerhub.platform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL and Kafka for every test of this module, started once per test run, and a stand-in of Keycloak's
 * Admin REST API ({@link KeycloakStub}).
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "customers"))
@QuarkusTestResource(KeycloakStub.class)
public final class Devstack {

    public static final String DATABASE = "customers";

    private Devstack() {
    }

    public static java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(DevstackTestResource.postgres().jdbcUrl(DATABASE), "postgres", "");
    }
}
