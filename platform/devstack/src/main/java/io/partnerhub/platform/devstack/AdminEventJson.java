package io.partnerhub.platform.devstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin access event as customers-service publishes it on {@code partnerhub.customers.v1} (a structured CloudEvent:
 * {@code partnerhub.admin.role-changed}, {@code .removed} or {@code .access-revoked}, subject and key the admin id,
 * {@code data.admin.accessRevokedAt}), for tests of the gateway and the services that refuse tokens issued before it.
 */
public final class AdminEventJson {

    public static final String TOPIC = "partnerhub.customers.v1";
    public static final String ROLE_CHANGED = "partnerhub.admin.role-changed";
    public static final String REMOVED = "partnerhub.admin.removed";
    public static final String ACCESS_REVOKED = "partnerhub.admin.access-revoked";

    private AdminEventJson() {
    }

    /** {@code accessRevokedAt} null writes JSON {@code null}. */
    public static String of(String type, String partnerOrgId, String adminId, String role, boolean removed,
                            Instant accessRevokedAt, long version) {
        ObjectNode event = Json.object()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/customers-service")
                .put("type", type)
                .put("subject", adminId)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json")
                .put("partnerorgid", partnerOrgId);
        ObjectNode data = event.putObject("data");
        data.putObject("admin")
                .put("adminId", adminId)
                .put("email", adminId + "@example.test")
                .put("displayName", "Test " + adminId)
                .put("role", role)
                .put("removed", removed)
                .put("accessRevokedAt", accessRevokedAt == null ? null : accessRevokedAt.toString());
        data.put("version", version);
        return event.toString();
    }
}
