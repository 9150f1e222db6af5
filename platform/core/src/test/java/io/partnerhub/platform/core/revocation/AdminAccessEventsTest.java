package io.partnerhub.platform.core.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdminAccessEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code accessRevokedAt} is any JSON value: the right text, or a wrong type on purpose. */
    static String event(String type, String subject, JsonNode accessRevokedAt) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", "e1").put("source", "/customers-service")
                .put("type", type);
        if (subject != null) {
            event.put("subject", subject);
        }
        event.put("time", "2026-12-01T10:00:00Z").put("datacontenttype", "application/json").put("partnerorgid", "p1");
        ObjectNode data = event.putObject("data");
        data.putObject("admin").put("adminId", "admin-1").put("email", "a@example.test").put("displayName", "A")
                .put("role", "partner-read-only-admin").put("removed", false).set("accessRevokedAt", accessRevokedAt);
        data.put("version", 3);
        return event.toString();
    }

    static String event(String type, String subject, String accessRevokedAt) {
        return event(type, subject, TextNode.valueOf(accessRevokedAt));
    }

    static Optional<AdminAccessEvents.Change> read(String value) {
        return AdminAccessEvents.read(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theThreeAdminTypesGiveTheirSubjectAndMoment() {
        Instant at = Instant.parse("2026-12-01T09:58:07.123456Z");
        for (String type : new String[] {"partnerhub.admin.role-changed", "partnerhub.admin.removed", "partnerhub.admin.access-revoked"}) {
            assertEquals(Optional.of(new AdminAccessEvents.Change("kc-user-1", at)),
                    read(event(type, "kc-user-1", "2026-12-01T09:58:07.123456Z")), type);
        }
        // an offset instead of Z; the admin id when the envelope has no subject; Jackson's numeric form
        assertEquals(Optional.of(new AdminAccessEvents.Change("kc-user-1", Instant.parse("2026-12-01T08:58:07Z"))),
                read(event("partnerhub.admin.removed", "kc-user-1", "2026-12-01T09:58:07+01:00")));
        assertEquals(Optional.of(new AdminAccessEvents.Change("admin-1", Instant.parse("2026-12-01T09:58:07Z"))),
                read(event("partnerhub.admin.removed", null, "2026-12-01T09:58:07Z")));
        assertEquals(Optional.of(new AdminAccessEvents.Change("kc-user-1", Instant.parse("2026-12-01T09:58:07.5Z"))),
                read(event("partnerhub.admin.removed", "kc-user-1",
                        DecimalNode.valueOf(BigDecimal.valueOf(Instant.parse("2026-12-01T09:58:07Z").getEpochSecond()).add(new BigDecimal("0.5"))))));
    }

    @Test
    void otherTypesNullMomentsAndUnreadableRecordsAreNothing() {
        assertEquals(Optional.empty(), read(event("partnerhub.customer.updated", "kc-user-1", "2026-12-01T09:58:07Z")));
        assertEquals(Optional.empty(), read(event("partnerhub.admin.role-changed", "kc-user-1", NullNode.getInstance())));
        assertEquals(Optional.empty(), read(event("partnerhub.admin.role-changed", "kc-user-1", "yesterday")));
        assertEquals(Optional.empty(), read(event("partnerhub.admin.role-changed", "kc-user-1", BooleanNode.TRUE)));
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
