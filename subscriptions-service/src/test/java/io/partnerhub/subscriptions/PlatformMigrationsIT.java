package io.partnerhub.subscriptions;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * This service's schema history holds the platform migrations (the Idempotency-Key store among them, the service's own
 * former store gone) and the platform's shared customer read model, which checked the customer table this service
 * created before it was shared.
 */
@QuarkusTest
class PlatformMigrationsIT {

    @Test
    void thePlatformMigrationsAndTheSharedCustomerReadModelRan() {
        assertEquals("0.1,0.2", Devstack.text("select string_agg(version, ',' order by installed_rank) from flyway_schema_history"
                + " where version like '0.%' and success"));
        assertEquals(1, Devstack.count("select count(*) from flyway_schema_history where script like '%R__customer_read_model.sql'"
                + " and version is null and success"));
        assertEquals(1, Devstack.count("select count(*) from information_schema.tables where table_name = 'idempotency_key'"));
        assertEquals(0, Devstack.count("select count(*) from information_schema.tables where table_name = 'idempotency_record'"));
        assertEquals("customer_id uuid,partner_org_id text,name text,admin_ids ARRAY,created_by text,deleted boolean,"
                + "version bigint,updated_at timestamp with time zone", Devstack.text(
                "select string_agg(column_name || ' ' || data_type, ',' order by ordinal_position) from information_schema.columns"
                        + " where table_schema = current_schema() and table_name = 'customer'"));
    }
}
