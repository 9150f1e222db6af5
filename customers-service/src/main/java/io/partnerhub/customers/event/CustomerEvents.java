package io.partnerhub.customers.event;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.ManagedBy;
import io.partnerhub.customers.Tag;
import io.partnerhub.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What customers-service tells the world on {@code partnerhub.customers.v1}: full state and version (docs/events.md). */
@ApplicationScoped
public class CustomerEvents {

    public static final String CREATED = "partnerhub.customer.created";
    public static final String UPDATED = "partnerhub.customer.updated";
    public static final String DELETED = "partnerhub.customer.deleted";
    public static final String TAGGED = "partnerhub.customer.tagged";
    public static final String UNTAGGED = "partnerhub.customer.untagged";
    public static final String ADMIN_ASSIGNED = "partnerhub.customer.admin-assigned";
    public static final String ADMIN_UNASSIGNED = "partnerhub.customer.admin-unassigned";
    public static final String ADMIN_SIGNED_IN = "partnerhub.customer.admin-signed-in";
    public static final String TAG_CREATED = "partnerhub.tag.created";
    public static final String TAG_UPDATED = "partnerhub.tag.updated";
    public static final String TAG_DELETED = "partnerhub.tag.deleted";
    public static final String ADMIN_ROLE_CHANGED = "partnerhub.admin.role-changed";
    public static final String ADMIN_REMOVED = "partnerhub.admin.removed";
    public static final String ADMIN_ACCESS_REVOKED = "partnerhub.admin.access-revoked";

    public record CustomerState(String customerId, String name, String externalId, ManagedBy managedBy,
                                List<String> adminIds, List<String> tagIds, Instant createdAt, String createdBy,
                                boolean deleted) {

        public static CustomerState of(Customer customer, List<String> adminIds, List<String> tagIds) {
            return new CustomerState(customer.id.toString(), customer.name, customer.externalId, customer.managedBy,
                    adminIds, tagIds, customer.createdAt, customer.createdBy, customer.deleted);
        }
    }

    public record TagState(String tagId, String name, String color, String description) {

        public static TagState of(Tag tag) {
            return new TagState(tag.id.toString(), tag.name, tag.color, tag.description);
        }
    }

    /**
     * An admin as the admin events carry it; {@code accessRevokedAt}: every token of the admin issued at or before it
     * (epoch second of {@code iat} &lt;= its epoch second) is refused, null when never set.
     */
    public record AdminState(String adminId, String email, String displayName, String role, boolean removed,
                             Instant accessRevokedAt) {
    }

    private final Outbox outbox;
    private final String topic;

    public CustomerEvents(Outbox outbox, @ConfigProperty(name = "partnerhub.topics.customers") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** A customer event with the customer's full state; {@code extra} adds e.g. {@code tagId} or {@code adminId}. */
    public Uni<Void> customerChanged(String type, Customer customer, List<String> adminIds, List<String> tagIds,
                                     Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", CustomerState.of(customer, adminIds, tagIds));
        data.put("version", customer.version);
        data.putAll(extra);
        return outbox.publish(topic, type, customer.id.toString(), customer.partnerOrgId, data).replaceWithVoid();
    }

    public Uni<Void> customerChanged(String type, Customer customer, List<String> adminIds, List<String> tagIds) {
        return customerChanged(type, customer, adminIds, tagIds, Map.of());
    }

    public Uni<Void> adminSignedIn(String partnerOrgId, String customerId, Instant at) {
        return outbox.publish(topic, ADMIN_SIGNED_IN, customerId, partnerOrgId, Map.of("customerId", customerId, "at", at))
                .replaceWithVoid();
    }

    public Uni<Void> tagChanged(String type, Tag tag) {
        return outbox.publish(topic, type, tag.id.toString(), tag.partnerOrgId,
                Map.of("tag", TagState.of(tag), "version", tag.version)).replaceWithVoid();
    }

    public Uni<Void> adminRoleChanged(String partnerOrgId, AdminState admin, long version) {
        return adminChanged(ADMIN_ROLE_CHANGED, partnerOrgId, admin, version);
    }

    /** {@code partnerhub.admin.role-changed} or {@code partnerhub.admin.removed}, in the reactive session's transaction. */
    public Uni<Void> adminChanged(String type, String partnerOrgId, AdminState admin, long version) {
        return outbox.publish(topic, type, admin.adminId(), partnerOrgId, adminData(admin, version)).replaceWithVoid();
    }

    /** {@code partnerhub.admin.access-revoked}, in the transaction of a SQL client connection (the identity sync). */
    public Uni<Void> adminAccessRevoked(SqlClient transaction, String partnerOrgId, AdminState admin, long version) {
        return outbox.publishAll(transaction, List.of(new Outbox.Message(topic, ADMIN_ACCESS_REVOKED, admin.adminId(), partnerOrgId,
                adminData(admin, version)))).replaceWithVoid();
    }

    private static Map<String, Object> adminData(AdminState admin, long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("admin", admin);
        data.put("version", version);
        return data;
    }
}
