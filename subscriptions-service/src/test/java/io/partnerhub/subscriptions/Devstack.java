package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every test of this module, started once per test run. */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "subscriptions"))
public final class Devstack {

    public static final String DATABASE = "subscriptions";

    private Devstack() {
    }

    public static java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(DevstackTestResource.postgres().jdbcUrl(DATABASE), "postgres", "");
    }

    /** A single number from SQL. */
    public static long count(String sql, Object... params) {
        try (java.sql.Connection db = connect(); java.sql.PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (java.sql.ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single text from SQL (null when there is no row). */
    public static String text(String sql, Object... params) {
        try (java.sql.Connection db = connect(); java.sql.PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (java.sql.ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Outbox events of one partner, optionally of one type. */
    public static long events(String partner, String type) {
        return type == null
                ? count("select count(*) from outbox_event where payload->>'partnerorgid' = ?", partner)
                : count("select count(*) from outbox_event where payload->>'partnerorgid' = ? and event_type = ?", partner, type);
    }
}
