package io.partnerhub.platform.devstack;

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
        return """
                {"specversion":"1.0","id":"%s","source":"/customers-service","type":"%s","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","partnerorgid":"%s",
                 "data":{"admin":{"adminId":"%s","email":"%s@example.test","displayName":"Test %s","role":"%s",
                 "removed":%s,"accessRevokedAt":%s},"version":%d}}
                """.formatted(UUID.randomUUID(), type, adminId, Instant.now(), partnerOrgId, adminId, adminId, adminId, role,
                removed, accessRevokedAt == null ? "null" : "\"" + accessRevokedAt + "\"", version);
    }
}
