package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineTest {

    private static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 1);
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    static Line sub(String status, LocalDate start, LocalDate end, boolean autoRenew, int purchased) {
        return new Line("S1", Product.MEETINGS, CUSTOMER, false, status, start, end, autoRenew, purchased);
    }

    static Line trial(String status, LocalDate start, LocalDate end, boolean autoRenew) {
        return new Line("T1", Product.CALLING, CUSTOMER, true, status, start, end, autoRenew, 5);
    }

    // --- live ---------------------------------------------------------------------------------

    @Test
    void liveFromStartInclusiveToEndExclusive() {
        Line line = sub("ACTIVE", START, LocalDate.of(2024, 7, 1), false, 10);
        assertFalse(line.liveAt(START.minusDays(1)));
        assertTrue(line.liveAt(START));
        assertTrue(line.liveAt(LocalDate.of(2024, 6, 30)));
        assertFalse(line.liveAt(LocalDate.of(2024, 7, 1)));
        assertEquals(new DateRange(START, LocalDate.of(2024, 7, 1)), line.live());
    }

    @Test
    void subscriptionStatusesThatCanBeLive() {
        assertTrue(Line.liveStatus(false, "ORDER_READY"));
        assertTrue(Line.liveStatus(false, "ACTIVE"));
        assertTrue(Line.liveStatus(false, "SUSPENDED"));
        assertTrue(Line.liveStatus(false, "EXPIRED"));
        assertFalse(Line.liveStatus(false, "CANCELLED"));
    }

    @Test
    void trialStatusesThatCanBeLive() {
        assertTrue(Line.liveStatus(true, "ACTIVE"));
        assertTrue(Line.liveStatus(true, "EXPIRED"));
        assertFalse(Line.liveStatus(true, "CONVERTED"));
        assertFalse(Line.liveStatus(true, "CANCELLED"));
    }

    @Test
    void expiredSubscriptionIsLiveBeforeItsEndOnly() {
        LocalDate end = LocalDate.of(2024, 6, 1);
        Line line = sub("EXPIRED", START, end, false, 10);
        assertTrue(line.liveAt(end.minusDays(1)));
        assertFalse(line.liveAt(end));
        assertFalse(line.liveAt(end.plusDays(30)));
    }

    @Test
    void convertedTrialIsNeverLive() {
        Line line = trial("CONVERTED", START, LocalDate.of(2024, 7, 1), false);
        assertTrue(line.live().isEmpty());
        assertFalse(line.liveAt(START));
        assertFalse(line.liveAt(AS_OF));
        assertTrue(line.expiring().isEmpty());
    }

    @Test
    void cancelledTrialIsNeverLiveNorRecentlyAdded() {
        Line line = trial("CANCELLED", AS_OF.minusDays(10), AS_OF.plusDays(20), false);
        assertTrue(line.live().isEmpty());
        assertFalse(line.liveAt(AS_OF));
        assertTrue(line.recentlyAdded().isEmpty());
        assertTrue(line.expiring().isEmpty());
    }

    @Test
    void cancelledSubscriptionIsNeverLiveNorRecentlyAdded() {
        Line line = sub("CANCELLED", AS_OF.minusDays(10), AS_OF.plusDays(20), false, 10);
        assertFalse(line.liveAt(AS_OF));
        assertTrue(line.recentlyAdded().isEmpty());
        assertTrue(line.expiring().isEmpty());
    }

    // --- expiring -----------------------------------------------------------------------------

    @Test
    void lineEndingExactly90DaysAfterAsOfIsExpiring() {
        LocalDate end = LocalDate.of(2024, 8, 30);
        assertEquals(90, AnalyticsDates.days(AS_OF, end));
        assertTrue(sub("ACTIVE", START, end, false, 10).expiring().contains(AS_OF));
    }

    @Test
    void lineEnding91DaysAfterAsOfIsNotExpiring() {
        LocalDate end = LocalDate.of(2024, 8, 31);
        assertEquals(91, AnalyticsDates.days(AS_OF, end));
        assertFalse(sub("ACTIVE", START, end, false, 10).expiring().contains(AS_OF));
    }

    @Test
    void lineEndingAtAsOfIsNotExpiring() {
        assertFalse(sub("ACTIVE", START, AS_OF, false, 10).expiring().contains(AS_OF));
    }

    @Test
    void lineEndingTheDayAfterAsOfIsExpiring() {
        assertTrue(sub("ACTIVE", START, AS_OF.plusDays(1), false, 10).expiring().contains(AS_OF));
    }

    @Test
    void expiringRangeIsTheNinetyDaysBeforeEnd() {
        LocalDate end = LocalDate.of(2024, 8, 30);
        assertEquals(new DateRange(AS_OF, end), sub("ACTIVE", START, end, false, 10).expiring());
    }

    @Test
    void expiringIsClippedToLiveRangeWhenStartIsLate() {
        LocalDate start = LocalDate.of(2024, 8, 1);
        LocalDate end = LocalDate.of(2024, 8, 30);
        Line line = sub("ACTIVE", start, end, false, 10);
        assertEquals(new DateRange(start, end), line.expiring());
        assertFalse(line.expiring().contains(AS_OF));
    }

    @Test
    void autoRenewSubscriptionIsNotExpiring() {
        assertTrue(sub("ACTIVE", START, AS_OF.plusDays(30), true, 10).expiring().isEmpty());
    }

    @Test
    void trialEndsWithoutRenewalEvenWithAutoRenew() {
        Line line = trial("ACTIVE", START, AS_OF.plusDays(30), true);
        assertTrue(line.endsWithoutRenewal());
        assertTrue(line.expiring().contains(AS_OF));
        assertTrue(line.renewing().isEmpty());
    }

    @Test
    void subscriptionWithoutAutoRenewEndsWithoutRenewal() {
        assertTrue(sub("ACTIVE", START, AS_OF, false, 1).endsWithoutRenewal());
        assertFalse(sub("ACTIVE", START, AS_OF, true, 1).endsWithoutRenewal());
    }

    @Test
    void expiredSubscriptionIsExpiringBeforeItsEnd() {
        Line line = sub("EXPIRED", START, AS_OF.plusDays(10), false, 10);
        assertTrue(line.expiring().contains(AS_OF));
        assertFalse(line.expiring().contains(AS_OF.plusDays(10)));
    }

    // --- renewing -----------------------------------------------------------------------------

    @Test
    void activeAutoRenewSubscriptionEndingWithin90DaysIsRenewing() {
        Line line = sub("ACTIVE", START, LocalDate.of(2024, 8, 30), true, 10);
        assertTrue(line.renewing().contains(AS_OF));
        assertEquals(new DateRange(AS_OF, LocalDate.of(2024, 8, 30)), line.renewing());
    }

    @Test
    void activeAutoRenewSubscriptionEnding91DaysAfterIsNotRenewing() {
        assertFalse(sub("ACTIVE", START, LocalDate.of(2024, 8, 31), true, 10).renewing().contains(AS_OF));
    }

    @Test
    void suspendedAutoRenewSubscriptionIsNotRenewing() {
        Line line = sub("SUSPENDED", START, AS_OF.plusDays(30), true, 10);
        assertTrue(line.renewing().isEmpty());
        assertTrue(line.liveAt(AS_OF));
    }

    @Test
    void activeSubscriptionWithoutAutoRenewIsNotRenewing() {
        assertTrue(sub("ACTIVE", START, AS_OF.plusDays(30), false, 10).renewing().isEmpty());
    }

    @Test
    void renewingNeedsTheSubscriptionStartedByAsOf() {
        LocalDate start = AS_OF.plusDays(5);
        Line line = sub("ACTIVE", start, AS_OF.plusDays(30), true, 10);
        assertFalse(line.renewing().contains(AS_OF));
        assertTrue(line.renewing().contains(start));
    }

    // --- recently added -----------------------------------------------------------------------

    @Test
    void startExactly90DaysAgoIsRecentlyAdded() {
        LocalDate start = LocalDate.of(2024, 3, 3);
        assertEquals(90, AnalyticsDates.days(start, AS_OF));
        assertTrue(sub("ACTIVE", start, AS_OF.plusDays(300), true, 10).recentlyAdded().contains(AS_OF));
    }

    @Test
    void start91DaysAgoIsNotRecentlyAdded() {
        LocalDate start = LocalDate.of(2024, 3, 2);
        assertEquals(91, AnalyticsDates.days(start, AS_OF));
        assertFalse(sub("ACTIVE", start, AS_OF.plusDays(300), true, 10).recentlyAdded().contains(AS_OF));
    }

    @Test
    void startOnAsOfIsRecentlyAddedButFutureStartIsNot() {
        Line line = sub("ORDER_READY", AS_OF, AS_OF.plusDays(300), true, 10);
        assertTrue(line.recentlyAdded().contains(AS_OF));
        assertFalse(line.recentlyAdded().contains(AS_OF.minusDays(1)));
    }

    // --- low allocation eligibility -----------------------------------------------------------

    @Test
    void lineStartedExactly30DaysBeforeAsOfIsEligible() {
        assertTrue(sub("ACTIVE", AS_OF.minusDays(30), AS_OF.plusDays(100), true, 10).allocationEligibleAt(AS_OF));
    }

    @Test
    void lineStarted29DaysBeforeAsOfIsNotEligible() {
        assertFalse(sub("ACTIVE", AS_OF.minusDays(29), AS_OF.plusDays(100), true, 10).allocationEligibleAt(AS_OF));
    }

    @Test
    void lineWithZeroPurchasedIsNotEligible() {
        assertFalse(sub("ACTIVE", START, AS_OF.plusDays(100), true, 0).allocationEligibleAt(AS_OF));
    }

    @Test
    void lineNotLiveAtAsOfIsNotEligible() {
        assertFalse(sub("ACTIVE", START, AS_OF, true, 10).allocationEligibleAt(AS_OF));
        assertFalse(sub("CANCELLED", START, AS_OF.plusDays(100), true, 10).allocationEligibleAt(AS_OF));
    }
}
