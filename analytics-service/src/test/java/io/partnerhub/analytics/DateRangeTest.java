package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JAN_10 = LocalDate.of(2024, 1, 10);
    private static final LocalDate JAN_20 = LocalDate.of(2024, 1, 20);

    @Test
    void containsFromButNotTo() {
        DateRange range = DateRange.of(JAN_1, JAN_10);
        assertFalse(range.contains(JAN_1.minusDays(1)));
        assertTrue(range.contains(JAN_1));
        assertTrue(range.contains(JAN_10.minusDays(1)));
        assertFalse(range.contains(JAN_10));
    }

    @Test
    void rangeWithToNotAfterFromIsEmpty() {
        assertSame(DateRange.EMPTY, DateRange.of(JAN_10, JAN_10));
        assertSame(DateRange.EMPTY, DateRange.of(JAN_10, JAN_1));
        assertTrue(DateRange.EMPTY.isEmpty());
        assertFalse(DateRange.EMPTY.contains(LocalDate.EPOCH));
    }

    @Test
    void intersectOfOverlappingRanges() {
        assertEquals(new DateRange(JAN_10, JAN_20), DateRange.of(JAN_1, JAN_20).intersect(DateRange.of(JAN_10, LocalDate.of(2024, 2, 1))));
    }

    @Test
    void intersectOfTouchingRangesIsEmpty() {
        assertTrue(DateRange.of(JAN_1, JAN_10).intersect(DateRange.of(JAN_10, JAN_20)).isEmpty());
    }

    @Test
    void intersectWithEmptyIsEmpty() {
        assertTrue(DateRange.of(JAN_1, JAN_10).intersect(DateRange.EMPTY).isEmpty());
        assertTrue(DateRange.EMPTY.intersect(DateRange.of(JAN_1, JAN_10)).isEmpty());
    }
}
