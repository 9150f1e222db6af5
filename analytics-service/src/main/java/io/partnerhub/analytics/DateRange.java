package io.partnerhub.analytics;

import java.time.LocalDate;

/** The days {@code [from, to)}; empty when {@code to} is not after {@code from}. */
public record DateRange(LocalDate from, LocalDate to) {

    public static final DateRange EMPTY = new DateRange(LocalDate.EPOCH, LocalDate.EPOCH);

    public static DateRange of(LocalDate from, LocalDate to) {
        return to.isAfter(from) ? new DateRange(from, to) : EMPTY;
    }

    public boolean isEmpty() {
        return !to.isAfter(from);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    public DateRange intersect(DateRange other) {
        if (isEmpty() || other.isEmpty()) {
            return EMPTY;
        }
        LocalDate start = from.isAfter(other.from) ? from : other.from;
        LocalDate end = to.isBefore(other.to) ? to : other.to;
        return of(start, end);
    }
}
