package io.partnerhub.callingmetrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeekTest {

    @Test
    void saturdayLastSecondBelongsToTheWeekThatStartedTheSundayBefore() {
        assertEquals(LocalDate.parse("2026-11-15"), Week.startOf(Instant.parse("2026-11-21T23:59:59Z")));
    }

    @Test
    void sundayMidnightStartsANewWeek() {
        assertEquals(LocalDate.parse("2026-11-22"), Week.startOf(Instant.parse("2026-11-22T00:00:00Z")));
    }

    @Test
    void aWeekIsInUtcWhateverTheOffsetOfTheTimestamp() {
        assertEquals(LocalDate.parse("2026-11-15"), Week.startOf(Instant.parse("2026-11-22T08:59:59+09:00")));
    }

    @Test
    void everyDayOfFourHundredYearsFallsInTheWeekOfItsSunday() {
        for (LocalDate day = LocalDate.parse("1800-01-01"); day.isBefore(LocalDate.parse("2200-01-01")); day = day.plusDays(1)) {
            LocalDate sunday = Week.startOf(day);
            assertEquals(sunday, Week.startOf(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()), day.toString());
            assertEquals(sunday, Week.startOf(day.atTime(23, 59, 59).toInstant(java.time.ZoneOffset.UTC)), day.toString());
        }
    }

    @Test
    void lastCompletedWeekOnASaturdayIsTheWeekBeforeTheRunningOne() {
        // the running week's Saturday (asOf itself) is not before asOf
        assertEquals(LocalDate.parse("2026-11-15"), Week.lastCompleted(LocalDate.parse("2026-11-28")));
    }

    @Test
    void lastCompletedWeekOnASundayIsTheWeekThatJustEnded() {
        assertEquals(LocalDate.parse("2026-11-22"), Week.lastCompleted(LocalDate.parse("2026-11-29")));
    }

    @Test
    void currentWeekIsTheWeekContainingAsOf() {
        assertEquals(LocalDate.parse("2026-11-22"), Week.reference(LocalDate.parse("2026-11-28"), Week.WeekChoice.CURRENT));
        assertEquals(LocalDate.parse("2026-11-29"), Week.reference(LocalDate.parse("2026-11-29"), Week.WeekChoice.CURRENT));
        assertEquals(LocalDate.parse("2026-11-15"), Week.reference(LocalDate.parse("2026-11-28"), Week.WeekChoice.LAST));
    }

    @Test
    void aReadAsOfADayCountsTheRecordsStartingBeforeTheNextDay() {
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), Week.endOfDay(LocalDate.parse("2026-11-24")));
    }

    @Test
    void theCurrentWeekRunsPastAsOfUntilItsSaturday() {
        LocalDate week = LocalDate.parse("2026-11-22");
        assertTrue(Week.endsAfter(week, LocalDate.parse("2026-11-22")));
        assertTrue(Week.endsAfter(week, LocalDate.parse("2026-11-27")));
        assertFalse(Week.endsAfter(week, LocalDate.parse("2026-11-28")));
        assertFalse(Week.endsAfter(LocalDate.parse("2026-11-15"), LocalDate.parse("2026-11-22")));
    }

    @Test
    void theEightWeeksAreTheReferenceWeekAndTheSevenBeforeOldestFirst() {
        List<LocalDate> weeks = Week.trend(LocalDate.parse("2026-11-22"));
        assertEquals(8, weeks.size());
        assertEquals(LocalDate.parse("2026-10-04"), weeks.get(0));
        assertEquals(LocalDate.parse("2026-11-22"), weeks.get(7));
    }

    @Test
    void weekChoiceDefaultsToLastAndRejectsOtherValues() {
        assertEquals(Week.WeekChoice.LAST, Week.WeekChoice.parse(null));
        assertEquals(Week.WeekChoice.LAST, Week.WeekChoice.parse("last"));
        assertEquals(Week.WeekChoice.CURRENT, Week.WeekChoice.parse("current"));
        assertNull(Week.WeekChoice.parse("next"));
    }
}
