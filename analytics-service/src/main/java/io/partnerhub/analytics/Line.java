package io.partnerhub.analytics;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One line: a subscription or trial × a counted product, as its newest event describes it. The date rules of
 * subscription analytics are here, each as the range of {@code asOf} dates at which the line counts, so a
 * figure at any date is the sum of what the ranges containing that date contribute.
 *
 * @param end the current term end (renewal date) of a subscription, the end of a trial
 */
public record Line(String subscriptionId, Product product, UUID customerId, boolean trial, String status, LocalDate start,
                   LocalDate end, boolean autoRenew, int purchased) {

    /** "Next 90 days" is an end in (asOf, asOf + 90d]; "last 90 days" a start in [asOf − 90d, asOf]. */
    public static final int WINDOW_DAYS = 90;
    /** Low allocation looks only at lines started at least this many days before asOf. */
    public static final int ESTABLISHED_DAYS = 30;

    /**
     * Whether the line's status lets it be live at all: not CANCELLED (nor CONVERTED, for a trial); a subscription
     * ORDER_READY, ACTIVE, SUSPENDED or EXPIRED (an expired one is live at dates before its end).
     */
    public static boolean liveStatus(boolean trial, String status) {
        if (trial) {
            return "ACTIVE".equals(status) || "EXPIRED".equals(status);
        }
        return switch (status) {
            case "ORDER_READY", "ACTIVE", "SUSPENDED", "EXPIRED" -> true;
            default -> false;
        };
    }

    public boolean liveStatus() {
        return liveStatus(trial, status);
    }

    /** Live at d: start ≤ d &lt; end, with a status that can be live. */
    public DateRange live() {
        return liveStatus() ? DateRange.of(start, end) : DateRange.EMPTY;
    }

    public boolean liveAt(LocalDate day) {
        return live().contains(day);
    }

    /** Will not renew by itself: every trial, and a subscription without auto-renew. */
    public boolean endsWithoutRenewal() {
        return trial || !autoRenew;
    }

    /** Expiring at asOf: live at asOf, ending in the next 90 days, not auto-renewing. */
    public DateRange expiring() {
        return endsWithoutRenewal() ? live().intersect(endingWithin()) : DateRange.EMPTY;
    }

    /** Renewing at asOf: an ACTIVE auto-renew subscription, started by asOf, whose term ends in the next 90 days. */
    public DateRange renewing() {
        return !trial && autoRenew && "ACTIVE".equals(status) ? DateRange.of(start, end).intersect(endingWithin()) : DateRange.EMPTY;
    }

    /** Recently added at asOf: not cancelled, started in the last 90 days (asOf in [start, start + 90d]). */
    public DateRange recentlyAdded() {
        return "CANCELLED".equals(status) ? DateRange.EMPTY : DateRange.of(start, start.plusDays(WINDOW_DAYS + 1));
    }

    /** Eligible for the low-allocation median at asOf: live, started at least 30 days before asOf, purchased ≥ 1. */
    public boolean allocationEligibleAt(LocalDate asOf) {
        return purchased >= 1 && liveAt(asOf) && !start.isAfter(asOf.minusDays(ESTABLISHED_DAYS));
    }

    /** asOf values with end in (asOf, asOf + 90d]: asOf in [end − 90d, end). */
    private DateRange endingWithin() {
        return DateRange.of(end.minusDays(WINDOW_DAYS), end);
    }
}
