package io.partnerhub.callingmetrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Calling weeks: Sunday 00:00 UTC to the next Sunday; a week is named by its Sunday ({@code weekStart}). */
public final class Week {

    /** "The 8 weeks": the reference week and the 7 before it. */
    public static final int TREND_WEEKS = 8;

    private static final long SECONDS_PER_DAY = 24 * 3600;

    private Week() {
    }

    /** The week a call belongs to: the week of its start time. */
    public static LocalDate startOf(Instant time) {
        long day = Math.floorDiv(time.getEpochSecond(), SECONDS_PER_DAY);
        // 1970-01-01 was a Thursday: day 3 is the first Sunday, so Sundays are the days d with (d - 3) % 7 == 0
        return LocalDate.ofEpochDay(day - Math.floorMod(day - 3, 7));
    }

    /** Weeks since Sunday 1970-01-04 (week 0), as {@code user_activity} numbers them. */
    public static long number(LocalDate weekStart) {
        return Math.floorDiv(weekStart.toEpochDay() - 3, 7);
    }

    public static LocalDate startOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    }

    /** The last completed week at {@code asOf}: the latest Sunday–Saturday week whose Saturday is before asOf. */
    public static LocalDate lastCompleted(LocalDate asOf) {
        return startOf(asOf).minusWeeks(1);
    }

    /** The week a read is about: {@link #lastCompleted} for {@code week=last}, the week containing asOf for {@code current}. */
    public static LocalDate reference(LocalDate asOf, WeekChoice choice) {
        return choice == WeekChoice.CURRENT ? startOf(asOf) : lastCompleted(asOf);
    }

    /** The end of {@code asOf}'s day (00:00 UTC the day after): a read as of that day counts records starting before it. */
    public static Instant endOfDay(LocalDate asOf) {
        return asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Whether the week runs on past {@code asOf}'s day, so that a read as of asOf counts it only to date (Sunday to
     * asOf): the current week before its Saturday.
     */
    public static boolean endsAfter(LocalDate weekStart, LocalDate asOf) {
        return weekStart.plusWeeks(1).isAfter(asOf.plusDays(1));
    }

    /** The {@link #TREND_WEEKS} weeks ending with {@code reference}, oldest first. */
    public static List<LocalDate> trend(LocalDate reference) {
        List<LocalDate> weeks = new ArrayList<>(TREND_WEEKS);
        for (int i = TREND_WEEKS - 1; i >= 0; i--) {
            weeks.add(reference.minusWeeks(i));
        }
        return weeks;
    }

    /** {@code week=last|current} of the calling reads. */
    public enum WeekChoice {
        LAST, CURRENT;

        /** @return null when the value is neither (the caller answers 400) */
        public static WeekChoice parse(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("last")) {
                return LAST;
            }
            return value.equalsIgnoreCase("current") ? CURRENT : null;
        }
    }
}
