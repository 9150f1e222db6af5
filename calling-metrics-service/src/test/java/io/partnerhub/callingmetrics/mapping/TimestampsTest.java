package io.partnerhub.callingmetrics.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written reader gives exactly what {@link OffsetDateTime#parse} gives, and leaves it every other shape. */
class TimestampsTest {

    @Test
    void commonShapesReadAsTheFormatterReadsThem() {
        for (String text : List.of("2026-11-25T10:00:00Z", "2026-11-21T23:59:59Z", "2026-11-22T00:00:00Z",
                "2024-02-29T12:34:56.7Z", "2026-11-25T10:00:00.123Z", "2026-11-25T10:00:00.123456789Z",
                "2026-11-22T08:59:59+09:00", "2026-11-21T18:30:00-05:30", "2000-01-01T00:00:00+17:59",
                "1999-12-31T23:59:59.000000001-00:00")) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.common(text), text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.parse(text), text);
        }
    }

    @Test
    void otherValidShapesAreLeftToTheFormatter() {
        for (String text : List.of("2026-11-25T10:00Z", "2026-11-25t10:00:00Z", "2026-11-25T10:00:00+18:00",
                "2026-11-25T10:00:00+05:30:15", "2026-11-25T10:00:00z",
                "2026-11-25T10:00:00.Z", "+12026-11-25T10:00:00Z")) {
            assertNull(Timestamps.common(text), text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.parse(text), text);
        }
    }

    @Test
    void invalidTextIsRejectedAsTheFormatterRejectsIt() {
        for (String text : List.of("2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-31T10:00:00Z",
                "2026-11-25T24:00:00Z", "2026-11-25T10:60:00Z", "2026-11-25T10:00:00",
                "2026-11-25T10:00:00.1234567890Z", "2026-11-25T10:00:00+1:00", "2026-11-25T10:00:00+19:00",
                "2026-11-25 10:00:00Z", "yesterday", "")) {
            assertNull(Timestamps.common(text), text);
            assertThrows(DateTimeException.class, () -> Timestamps.parse(text), text);
        }
    }

    @Test
    void everySecondOfADayAcrossAnOffsetChangeMatches() {
        Instant start = Instant.parse("2026-11-21T12:00:00Z");
        for (int s = 0; s < 86_400; s += 7) {
            String text = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    start.plusSeconds(s).atOffset(java.time.ZoneOffset.ofHoursMinutes(-3, -30)));
            assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.common(text), text);
        }
    }
}
