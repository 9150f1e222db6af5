package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partnerhub.analytics.UsageHistory.Snapshot;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsDatesTest {

    @Test
    void daysAreWholeCalendarDays() {
        assertEquals(90, AnalyticsDates.days(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 8, 30)));
        assertEquals(0, AnalyticsDates.days(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 1)));
        assertEquals(-1, AnalyticsDates.days(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 5, 31)));
    }

    @Test
    void monthsJan31ToFeb28IsZero() {
        assertEquals(0, AnalyticsDates.months(LocalDate.of(2023, 1, 31), LocalDate.of(2023, 2, 28)));
    }

    @Test
    void monthsJan31ToFeb29InLeapYearIsZero() {
        assertEquals(0, AnalyticsDates.months(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29)));
    }

    @Test
    void monthsJan31ToMar1IsOne() {
        assertEquals(1, AnalyticsDates.months(LocalDate.of(2023, 1, 31), LocalDate.of(2023, 3, 1)));
    }

    @Test
    void monthsJan31ToMar31IsTwo() {
        assertEquals(2, AnalyticsDates.months(LocalDate.of(2023, 1, 31), LocalDate.of(2023, 3, 31)));
    }

    @Test
    void monthsOneDayShortOfAMonthIsZero() {
        assertEquals(0, AnalyticsDates.months(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 14)));
        assertEquals(1, AnalyticsDates.months(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 15)));
    }

    @Test
    void weekEndsForASaturdayEndOnAsOf() {
        LocalDate saturday = LocalDate.of(2024, 6, 15);
        assertEquals(DayOfWeek.SATURDAY, saturday.getDayOfWeek());
        assertEquals(List.of(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 8), saturday), AnalyticsDates.weekEnds(saturday, 3));
    }

    @Test
    void weekEndsForASundayEndTheDayBefore() {
        LocalDate sunday = LocalDate.of(2024, 6, 16);
        assertEquals(DayOfWeek.SUNDAY, sunday.getDayOfWeek());
        assertEquals(List.of(LocalDate.of(2024, 6, 8), LocalDate.of(2024, 6, 15)), AnalyticsDates.weekEnds(sunday, 2));
    }

    @Test
    void weekEndsForAFridayEndTheSaturdayBefore() {
        LocalDate friday = LocalDate.of(2024, 6, 14);
        assertEquals(DayOfWeek.FRIDAY, friday.getDayOfWeek());
        assertEquals(List.of(LocalDate.of(2024, 6, 8)), AnalyticsDates.weekEnds(friday, 1));
    }

    @Test
    void weekEndsCrossAYearEnd() {
        assertEquals(List.of(LocalDate.of(2023, 12, 30), LocalDate.of(2024, 1, 6)), AnalyticsDates.weekEnds(LocalDate.of(2024, 1, 6), 2));
    }

    @Test
    void usageWindowEndsAreSixtyAndThirtyDaysBeforeAndAsOf() {
        assertEquals(List.of(LocalDate.of(2024, 4, 2), LocalDate.of(2024, 5, 2), LocalDate.of(2024, 6, 1)),
                AnalyticsDates.usageWindowEnds(LocalDate.of(2024, 6, 1)));
    }

    @Test
    void usageWindowEndsAcrossAYearStart() {
        assertEquals(List.of(LocalDate.of(2023, 11, 16), LocalDate.of(2023, 12, 16), LocalDate.of(2024, 1, 15)),
                AnalyticsDates.usageWindowEnds(LocalDate.of(2024, 1, 15)));
    }

    @Test
    void usageLast3MonthsTakesTheMaxUsedOfEachWindowOldestFirst() {
        // windows: (Mar 3, Apr 2], (Apr 2, May 2], (May 2, Jun 1]
        UsageHistory history = UsageHistory.of(List.of(
                new Snapshot(LocalDate.of(2024, 2, 1), 0, 5),
                new Snapshot(LocalDate.of(2024, 4, 2), 0, 7),
                new Snapshot(LocalDate.of(2024, 4, 20), 0, 4),
                new Snapshot(LocalDate.of(2024, 5, 3), 0, 1),
                new Snapshot(LocalDate.of(2024, 6, 1), 0, 6),
                new Snapshot(LocalDate.of(2024, 6, 2), 0, 100)));
        assertEquals(List.of(7, 7, 6), AnalyticsDates.usageLast3Months(history, LocalDate.of(2024, 6, 1)));
    }

    @Test
    void usageLast3MonthsCarriesASnapshotFromBeforeAllWindows() {
        UsageHistory history = UsageHistory.of(List.of(new Snapshot(LocalDate.of(2024, 1, 1), 3, 2)));
        assertEquals(List.of(2, 2, 2), AnalyticsDates.usageLast3Months(history, LocalDate.of(2024, 6, 1)));
    }

    @Test
    void usageLast3MonthsWithoutSnapshotsIsZeros() {
        assertEquals(List.of(0, 0, 0), AnalyticsDates.usageLast3Months(UsageHistory.EMPTY, LocalDate.of(2024, 6, 1)));
    }

    @Test
    void oldestNeededIsNinetyDaysBeforeAsOf() {
        assertEquals(LocalDate.of(2024, 3, 3), AnalyticsDates.oldestNeeded(LocalDate.of(2024, 6, 1)));
    }
}
