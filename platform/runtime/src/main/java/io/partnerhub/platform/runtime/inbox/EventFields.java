package io.partnerhub.platform.runtime.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.platform.runtime.inbox.IncomingEvents.InvalidEventException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads the fields of an incoming event's data. A field that is missing or malformed makes the event invalid: the
 * {@link InvalidEventException} names the field, and the message becomes the dead letter's reason.
 */
public final class EventFields {

    private static final int MAX_TEXT = 64;

    private EventFields() {
    }

    /** A text of 1 to 64 characters. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
            throw new InvalidEventException(field + " must be a text of 1 to " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    public static UUID uuid(JsonNode node, String field) {
        try {
            return UUID.fromString(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + " must be a UUID");
        }
    }

    public static LocalDate date(JsonNode node, String field) {
        try {
            return LocalDate.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field + " must be a date YYYY-MM-DD");
        }
    }

    /** A date, or null when the field is absent or null. */
    public static LocalDate optionalDate(JsonNode node, String field) {
        return node.hasNonNull(field) ? date(node, field) : null;
    }
}
