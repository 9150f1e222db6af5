package io.partnerhub.platform.core.revocation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdminAccessEventsTest {

    static String event(String type, String subject, String accessRevokedAt) {
        return "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/customers-service\",\"type\":\"" + type + "\","
                + (subject == null ? "" : "\"subject\":\"" + subject + "\",")
                + "\"time\":\"2026-12-01T10:00:00Z\",\"datacontenttype\":\"application/json\",\"partnerorgid\":\"p1\","
                + "\"data\":{\"admin\":{\"adminId\":\"admin-1\",\"email\":\"a@example.test\",\"displayName\":\"A\","
                + "\"role\":\"partner-read-only-admin\",\"removed\":false,\"accessRevokedAt\":" + accessRevokedAt + "},\"version\":3}}";
    }

    static Optional<AdminAccessEvents.Change> read(String value) {
        return AdminAccessEvents.read(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theThreeAdminTypesGiveTheirSubjectAndMoment() {
        Instant at = Instant.parse("2026-12-01T09:58:07.123456Z");
        for (String type : new String[] {"partnerhub.admin.role-changed", "partnerhub.admin.removed", "partnerhub.admin.access-revoked"}) {
            assertEquals(Optional.of(new AdminAccessEvents.Change("kc-user-1", at)),
                    read(event(type, "kc-user-1", "\"2026-12-01T09:58:07.123456Z\"")), type);
        }
        // an offset instead of Z; the admin id when the envelope has no subject; Jackson's numeric form
        assertEquals(Optional.of(new AdminAccessEvents.Change("kc-user-1", Instant.parse("2026-12-01T08:58:07Z"))),
                read(event("partnerhub.admin.removed", "kc-user-1", "\"2026-12-01T09:58:07+01:00\"")));
        assertEquals(Optional.of(new AdminAccessEvents.Change("admin-1", Instant.parse("2026-12-01T09:58:07Z"))),
                read(event("partnerhub.admin.removed", null, "\"2026-12-01T09:58:07Z\"")));
        assertEquals(Optional.of(new AdminAccessEvents.Change("kc-user-1", Instant.parse("2026-12-01T09:58:07.5Z"))),
                read(event("partnerhub.admin.removed", "kc-user-1", String.valueOf(Instant.parse("2026-12-01T09:58:07Z").getEpochSecond()) + ".5")));
    }

    @Test
    void otherTypesNullMomentsAndUnreadableRecordsAreNothing() {
        assertEquals(Optional.empty(), read(event("partnerhub.customer.updated", "kc-user-1", "\"2026-12-01T09:58:07Z\"")));
        assertEquals(Optional.empty(), read(event("partnerhub.admin.role-changed", "kc-user-1", "null")));
        assertEquals(Optional.empty(), read(event("partnerhub.admin.role-changed", "kc-user-1", "\"yesterday\"")));
        assertEquals(Optional.empty(), read(event("partnerhub.admin.role-changed", "kc-user-1", "true")));
        assertEquals(Optional.empty(), read("{\"type\":\"partnerhub.admin.removed\""));
        assertEquals(Optional.empty(), read("not json at all"));
        assertEquals(Optional.empty(), read("[1,2]"));
        assertEquals(Optional.empty(), read("\"partnerhub.admin.removed\""));
        assertEquals(Optional.empty(), read(""));
        assertEquals(Optional.empty(), read(null));
        assertEquals(Optional.empty(), AdminAccessEvents.read(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        assertEquals(Optional.empty(), read("{\"type\":\"partnerhub.admin.removed\",\"subject\":\"x\",\"data\":\"text\"}"));
    }
}
