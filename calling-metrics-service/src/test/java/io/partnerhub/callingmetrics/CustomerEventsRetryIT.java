package io.partnerhub.callingmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A brief database outage does not cost a customer event: the customer consumer goes through the platform's retry
 * policy, so the event is applied once the database answers again instead of going to the dead-letter topic (where a
 * partner-admin would see 404 for that customer until its next change).
 */
@QuarkusTest
class CustomerEventsRetryIT {

    /** How many writes of the customer the outage refuses before the database answers again. */
    private static final int REFUSED = 2;

    @Test
    void aCustomerEventRefusedByABrieflyFailingDatabaseIsRetriedAndApplied() throws SQLException {
        Callers acme = Callers.newPartner();
        String customerId = UUID.randomUUID().toString();
        // the outage: the first REFUSED writes of this customer fail as PostgreSQL does while it cannot take
        // connections (SQLSTATE 57P03); the attempts are counted by a sequence, which no rollback undoes
        outage(customerId);
        try {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            try (Kafka kafka = new Kafka(bootstrap)) {
                kafka.send("partnerhub.customers.v1", customerId,
                        Kafka.customerEvent(acme.partner(), customerId, "Retried Ltd", "full-admin", 1));
            }
            Customers.awaitKnown(1, "select count(*) from customer where customer_id = any(?) and name = 'Retried Ltd'", customerId);
            assertEquals(REFUSED + 1, attempts(), "two refused attempts, then the one that was applied");
        } finally {
            endOutage();
        }
    }

    private static void outage(String customerId) throws SQLException {
        try (Connection db = Devstack.connect(); var sql = db.createStatement()) {
            sql.execute("create sequence retry_it_attempts");
            sql.execute("""
                    create function retry_it_outage() returns trigger language plpgsql as $$
                    begin
                      if new.customer_id = '%s'::uuid then
                        if nextval('retry_it_attempts') <= %d then
                          raise exception 'the database system is starting up' using errcode = '57P03';
                        end if;
                      end if;
                      return new;
                    end $$""".formatted(customerId, REFUSED));
            sql.execute("create trigger retry_it_outage before insert or update on customer for each row "
                    + "execute function retry_it_outage()");
        }
    }

    private static long attempts() throws SQLException {
        try (Connection db = Devstack.connect(); var sql = db.createStatement();
             var rs = sql.executeQuery("select case when is_called then last_value else 0 end from retry_it_attempts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void endOutage() throws SQLException {
        try (Connection db = Devstack.connect(); var sql = db.createStatement()) {
            sql.execute("drop trigger if exists retry_it_outage on customer");
            sql.execute("drop function if exists retry_it_outage()");
            sql.execute("drop sequence if exists retry_it_attempts");
        }
    }
}
