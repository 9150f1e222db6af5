package io.partnerhub.subscriptions;

import io.partnerhub.platform.devstack.CustomerEventJson;
import io.partnerhub.platform.devstack.TopicWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Customers as customers-service publishes them on {@code partnerhub.customers.v1} (full state and version, docs/events.md),
 * written to the test broker; the waits poll this service's database until the consumer has taken the event.
 */
public final class CustomerTopic implements AutoCloseable {

    public static final String TOPIC = "partnerhub.customers.v1";
    static final String CONSUMER = "subscriptions-service.customers";
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A customer's state as an event carries it. */
    public record Customer(String partner, String customerId, String createdBy, List<String> adminIds, boolean deleted, long version) {

        public Customer withAdmins(long newVersion, String... admins) {
            return new Customer(partner, customerId, createdBy, List.of(admins), deleted, newVersion);
        }

        public Customer asDeleted(long newVersion) {
            return new Customer(partner, customerId, createdBy, adminIds, true, newVersion);
        }
    }

    private final TopicWriter writer;

    public CustomerTopic(String bootstrap) {
        writer = TopicWriter.open(bootstrap);
    }

    public static Customer customer(String partner, String createdBy, String... adminIds) {
        return new Customer(partner, UUID.randomUUID().toString(), createdBy, List.of(adminIds), false, 1);
    }

    /** A new customer, created by the partner's full admin and assigned to {@code adminId}, once this service knows it. */
    public static String knownCustomerOf(String bootstrap, String partner, String adminId) {
        Customer customer = customer(partner, "full-" + partner, adminId);
        try (CustomerTopic topic = new CustomerTopic(bootstrap)) {
            topic.publishAndAwait(customer);
        }
        return customer.customerId();
    }

    private static CustomerTopic shared;

    /**
     * A new customer of the partner (created by its full admin {@code full-<partner>}, assigned to its partner-admin
     * {@code admin-<partner>}) once this service knows it: orders and trials need a customer the partner has.
     */
    public static synchronized String known(Callers partner) {
        if (shared == null) {
            shared = new CustomerTopic(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("kafka.bootstrap.servers", String.class));
        }
        Customer customer = customer(partner.partner(), "full-" + partner.partner(), "admin-" + partner.partner());
        shared.publishAndAwait(customer);
        return customer.customerId();
    }

    /** Publishes the customer's state under a new event id; returns the event id. */
    public String publish(Customer c) {
        String eventId = UUID.randomUUID().toString();
        writer.send(TOPIC, c.customerId(), CustomerEventJson.of(eventId, c.partner(), c.customerId(), "Customer " + c.version(),
                c.createdBy(), c.adminIds(), c.deleted(), c.version()));
        return eventId;
    }

    /** Publishes and waits until this service holds exactly that version of the customer. */
    public void publishAndAwait(Customer c) {
        publish(c);
        await().atMost(DEADLINE).until(() -> Devstack.count(
                "select count(*) from customer where customer_id = cast(? as uuid) and version = ?", c.customerId(), c.version()) == 1);
    }

    /** Waits until the consumer has taken the event (applied or, when not newer, skipped). */
    public static void awaitTaken(String eventId) {
        await().atMost(DEADLINE).until(() -> Devstack.count(
                "select count(*) from processed_event where consumer = ? and event_id = ?", CONSUMER, eventId) == 1);
    }

    @Override
    public void close() {
        writer.close();
    }
}
