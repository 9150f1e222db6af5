package io.partnerhub.platform.runtime.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.runtime.inbox.IncomingEvents.InvalidEventException;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EventFieldsTest {

    private final ObjectNode data = new ObjectMapper().createObjectNode()
            .put("id", "0b9d6c1e-4a8f-4c55-9a63-1f2e3d4c5b6a")
            .put("day", "2026-02-28")
            .put("name", "Acme")
            .put("long", "x".repeat(65))
            .put("blank", " ")
            .put("number", 7)
            .put("badDay", "2026-02-30")
            .putNull("nothing");

    @Test
    void readsTextsUuidsAndDates() {
        assertEquals("Acme", EventFields.text(data, "name"));
        assertEquals(UUID.fromString("0b9d6c1e-4a8f-4c55-9a63-1f2e3d4c5b6a"), EventFields.uuid(data, "id"));
        assertEquals(LocalDate.of(2026, 2, 28), EventFields.date(data, "day"));
        assertEquals(LocalDate.of(2026, 2, 28), EventFields.optionalDate(data, "day"));
        assertNull(EventFields.optionalDate(data, "nothing"));
        assertNull(EventFields.optionalDate(data, "absent"));
    }

    @Test
    void aMissingOrMalformedFieldMakesTheEventInvalidAndIsNamed() {
        invalid("absent must be a text of 1 to 64 characters", () -> EventFields.text(data, "absent"));
        invalid("long must be a text of 1 to 64 characters", () -> EventFields.text(data, "long"));
        invalid("blank must be a text of 1 to 64 characters", () -> EventFields.text(data, "blank"));
        invalid("number must be a text of 1 to 64 characters", () -> EventFields.text(data, "number"));
        invalid("name must be a UUID", () -> EventFields.uuid(data, "name"));
        invalid("badDay must be a date YYYY-MM-DD", () -> EventFields.date(data, "badDay"));
        invalid("badDay must be a date YYYY-MM-DD", () -> EventFields.optionalDate(data, "badDay"));
        invalid("nothing must be a text of 1 to 64 characters", () -> EventFields.date(data, "nothing"));
    }

    private static void invalid(String message, Executable read) {
        assertEquals(message, assertThrows(InvalidEventException.class, read).getMessage());
    }
}
