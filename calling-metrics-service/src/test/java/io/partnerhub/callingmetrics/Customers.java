package io.partnerhub.callingmetrics;

import java.sql.Array;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

import static org.awaitility.Awaitility.await;

/**
 * Customers of a test partner as customers-service announces them on {@code partnerhub.customers.v1}: published to
 * the broker, then awaited in the service's read model (call records are only taken for the partner's customers).
 */
public final class Customers {

    private static final Map<String, String> ONE_PER_PARTNER = new ConcurrentHashMap<>();

    private Customers() {
    }

    /** A customer of the partner, the same one on every call for that partner. */
    public static String of(Callers partner) {
        return ONE_PER_PARTNER.computeIfAbsent(partner.partner(), p -> {
            String id = UUID.randomUUID().toString();
            publish(p, id);
            return id;
        });
    }

    /** Publishes these customers of the partner (live, created by its full admin) and waits until the service has them. */
    public static void publish(String partner, String... customerIds) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Kafka kafka = new Kafka(bootstrap)) {
            for (String id : customerIds) {
                kafka.send("partnerhub.customers.v1", id, Kafka.customerEvent(partner, id, "Customer " + id.substring(0, 8),
                        "full-admin", 1));
            }
        }
        awaitKnown(customerIds.length, "select count(*) from customer where customer_id = any(?)", customerIds);
    }

    /** Waits until {@code expected} rows match {@code sql}, whose one parameter is the ids as a uuid array. */
    public static void awaitKnown(long expected, String sql, String... customerIds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (var db = Devstack.connect(); var query = db.prepareStatement(sql)) {
                Array ids = db.createArrayOf("uuid", customerIds);
                query.setArray(1, ids);
                try (var rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == expected;
                }
            }
        });
    }
}
