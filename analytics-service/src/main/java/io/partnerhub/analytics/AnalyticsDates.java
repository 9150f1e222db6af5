package io.partnerhub.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Days, months and the windows of subscription analytics: whole UTC calendar days and whole calendar months. */
public final class AnalyticsDates {

    /** A usage window is 30 days; "the past 3 months" are three of them ending 60 and 30 days before asOf and at asOf. */
    public static final int USAGE_WINDOW_DAYS = 30;
    public static final int USAGE_WINDOWS = 3;
    public static final int WEEK_DAYS = 7;

    private AnalyticsDates() {
    }

    public static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    /** Whole calendar months, rounded down (Jan 31 → Feb 28 is 0 months). */
    public static long months(LocalDate from, LocalDate to) {
        return ChronoUnit.MONTHS.between(from, to);
    }

    /** The week ends (Saturdays) of the trend, oldest first; the newest is the latest Saturday on or before asOf. */
    public static List<LocalDate> weekEnds(LocalDate asOf, int weeks) {
        LocalDate newest = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
        List<LocalDate> ends = new ArrayList<>(weeks);
        for (int i = weeks - 1; i >= 0; i--) {
            ends.add(newest.minusWeeks(i));
        }
        return ends;
    }

    /** The last days E of the three usage windows (E − 30d, E], oldest first: asOf − 60d, asOf − 30d, asOf. */
    public static List<LocalDate> usageWindowEnds(LocalDate asOf) {
        List<LocalDate> ends = new ArrayList<>(USAGE_WINDOWS);
        for (int i = USAGE_WINDOWS - 1; i >= 0; i--) {
            ends.add(asOf.minusDays((long) i * USAGE_WINDOW_DAYS));
        }
        return ends;
    }

    /** The highest used of each usage window, oldest first. */
    public static List<Integer> usageLast3Months(UsageHistory history, LocalDate asOf) {
        List<Integer> values = new ArrayList<>(USAGE_WINDOWS);
        for (LocalDate end : usageWindowEnds(asOf)) {
            values.add(history.maxUsed(end.minusDays(USAGE_WINDOW_DAYS), end));
        }
        return values;
    }

    /** The oldest date whose snapshots a line's answer at asOf can need (the first usage window, the weekly change). */
    public static LocalDate oldestNeeded(LocalDate asOf) {
        return asOf.minusDays((long) USAGE_WINDOWS * USAGE_WINDOW_DAYS);
    }
}
