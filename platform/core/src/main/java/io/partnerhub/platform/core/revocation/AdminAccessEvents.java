package io.partnerhub.platform.core.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the admin access events of {@code partnerhub.customers.v1} (CloudEvents structured mode): for
 * {@code partnerhub.admin.role-changed}, {@code .removed} and {@code .access-revoked}, the admin (the event's
 * {@code subject}, else {@code data.admin.adminId}) and {@code data.admin.accessRevokedAt}. Every other type, and
 * anything unreadable, is nothing.
 */
public final class AdminAccessEvents {

    public static final String ROLE_CHANGED = "partnerhub.admin.role-changed";
    public static final String REMOVED = "partnerhub.admin.removed";
    public static final String ACCESS_REVOKED = "partnerhub.admin.access-revoked";
    public static final Set<String> TYPES = Set.of(ROLE_CHANGED, REMOVED, ACCESS_REVOKED);

    /** An admin whose tokens issued at or before {@code accessRevokedAt} are refused. */
    public record Change(String subject, Instant accessRevokedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminAccessEvents() {
    }

    public static Optional<Change> read(byte[] value) {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (event == null || !event.isObject() || !TYPES.contains(event.path("type").asText(""))) {
            return Optional.empty();
        }
        JsonNode admin = event.path("data").path("admin");
        String subject = text(event.path("subject"));
        if (subject == null) {
            subject = text(admin.path("adminId"));
        }
        Instant at = instant(admin.path("accessRevokedAt"));
        if (subject == null || at == null) {
            return Optional.empty();
        }
        return Optional.of(new Change(subject, at));
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** ISO-8601 (with {@code Z} or an offset), or epoch seconds as a number (Jackson's numeric form of an instant). */
    private static Instant instant(JsonNode node) {
        try {
            if (node.isTextual()) {
                return Instant.parse(node.asText().trim());
            }
            if (node.isNumber()) {
                BigDecimal seconds = node.decimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.subtract(new BigDecimal(seconds.toBigInteger())).movePointRight(9).longValue());
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        return null;
    }
}
