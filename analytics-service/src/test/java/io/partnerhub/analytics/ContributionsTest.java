package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerhub.analytics.Contributions.Amounts;
import io.partnerhub.analytics.Contributions.Figure;
import io.partnerhub.analytics.Contributions.LineHistory;
import io.partnerhub.analytics.Contributions.Metric;
import io.partnerhub.analytics.Contributions.Scope;
import io.partnerhub.analytics.UsageHistory.Snapshot;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContributionsTest {

    private static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

    private static LocalDate d(int month, int day) {
        return LocalDate.of(2024, month, day);
    }

    private static Line line(String id, Product product, String status, LocalDate start, LocalDate end, boolean autoRenew, int purchased) {
        return new Line(id, product, CUSTOMER, false, status, start, end, autoRenew, purchased);
    }

    private static LineHistory history(Line line, Snapshot... snapshots) {
        return new LineHistory(line, UsageHistory.of(List.of(snapshots)));
    }

    private static Amounts figure(Contributions c, LocalDate asOf, Scope scope, Metric metric) {
        return c.at(asOf).getOrDefault(new Figure(scope, metric), Amounts.ZERO);
    }

    /** Figures at a date without the all-zero ones (a figure whose changes cancel out reads as absent). */
    private static Map<Figure, Amounts> nonZero(Map<Figure, Amounts> figures) {
        Map<Figure, Amounts> result = new HashMap<>();
        figures.forEach((f, a) -> {
            if (!a.isZero()) {
                result.put(f, a);
            }
        });
        return result;
    }

    @Test
    void noLinesGiveNoContributions() {
        Contributions c = Contributions.of(List.of());
        assertTrue(c.isEmpty());
        assertTrue(c.at(d(6, 1)).isEmpty());
        assertTrue(Contributions.none().isEmpty());
    }

    @Test
    void cancelledLineGivesNoContributions() {
        assertTrue(Contributions.of(List.of(history(line("S1", Product.MEETINGS, "CANCELLED", d(1, 1), d(7, 1), false, 10)))).isEmpty());
    }

    @Test
    void liveLineCountsFromStartUntilEnd() {
        Contributions c = Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(12, 1), true, 10))));
        assertEquals(Amounts.ZERO, figure(c, d(12, 31).minusYears(1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 0, 0), figure(c, d(1, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 0, 0), figure(c, d(11, 30), Scope.MEETINGS, Metric.LIVE));
        assertEquals(Amounts.ZERO, figure(c, d(12, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(1, figure(c, d(6, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(Amounts.ZERO, figure(c, d(6, 1), Scope.CALLING, Metric.LIVE));
    }

    @Test
    void customerWithOverlappingLinesOfBothProductsCountsOncePerScope() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10)),
                history(line("S2", Product.CALLING, "ACTIVE", d(3, 1), d(9, 1), true, 20))));
        LocalDate both = d(4, 1);
        assertEquals(1, figure(c, both, Scope.ALL, Metric.LIVE).customers());
        assertEquals(new Amounts(1, 10, 0, 0), figure(c, both, Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 20, 0, 0), figure(c, both, Scope.CALLING, Metric.LIVE));
    }

    @Test
    void customerWithOverlappingLinesOfBothProductsCountsWhileEitherIsLive() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10)),
                history(line("S2", Product.CALLING, "ACTIVE", d(3, 1), d(9, 1), true, 20))));
        assertEquals(1, figure(c, d(2, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(0, figure(c, d(2, 1), Scope.CALLING, Metric.LIVE).customers());
        assertEquals(1, figure(c, d(8, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(0, figure(c, d(8, 1), Scope.MEETINGS, Metric.LIVE).customers());
        assertEquals(0, figure(c, d(9, 1), Scope.ALL, Metric.LIVE).customers());
    }

    @Test
    void customerWithTwoOverlappingLinesOfOneProductCountsOnceAndSumsPurchased() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10)),
                history(line("S2", Product.MEETINGS, "ACTIVE", d(3, 1), d(9, 1), true, 5))));
        assertEquals(new Amounts(1, 15, 0, 0), figure(c, d(4, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(1, figure(c, d(4, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(new Amounts(1, 5, 0, 0), figure(c, d(8, 1), Scope.MEETINGS, Metric.LIVE));
    }

    @Test
    void customerWithDisjointLinesCountsZeroBetweenThem() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(3, 1), true, 10)),
                history(line("S2", Product.CALLING, "ACTIVE", d(6, 1), d(9, 1), true, 20))));
        assertEquals(1, figure(c, d(2, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(0, figure(c, d(3, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(0, figure(c, d(4, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(Amounts.ZERO, figure(c, d(4, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(1, figure(c, d(6, 1), Scope.ALL, Metric.LIVE).customers());
    }

    @Test
    void customerWithTouchingLinesCountsOnceAcrossTheJoin() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(3, 1), true, 10)),
                history(line("S2", Product.MEETINGS, "ACTIVE", d(3, 1), d(9, 1), true, 20))));
        assertEquals(new Amounts(1, 10, 0, 0), figure(c, d(2, 29), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 20, 0, 0), figure(c, d(3, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(1, figure(c, d(3, 1), Scope.ALL, Metric.LIVE).customers());
    }

    @Test
    void sumsFollowTheSnapshotsAtEachDate() {
        Contributions c = Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10),
                new Snapshot(LocalDate.of(2023, 12, 1), 3, 1), new Snapshot(d(2, 1), 5, 2), new Snapshot(d(4, 1), 8, 4))));
        assertEquals(new Amounts(1, 10, 3, 1), figure(c, d(1, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 3, 1), figure(c, d(1, 31), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 5, 2), figure(c, d(2, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 5, 2), figure(c, d(3, 15), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 8, 4), figure(c, d(4, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(new Amounts(1, 10, 8, 4), figure(c, d(6, 30), Scope.MEETINGS, Metric.LIVE));
        assertEquals(Amounts.ZERO, figure(c, d(7, 1), Scope.MEETINGS, Metric.LIVE));
    }

    @Test
    void snapshotBeforeStartDoesNotCountBeforeTheLineIsLive() {
        Contributions c = Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10),
                new Snapshot(LocalDate.of(2023, 12, 1), 3, 1))));
        assertEquals(Amounts.ZERO, figure(c, LocalDate.of(2023, 12, 15), Scope.MEETINGS, Metric.LIVE));
    }

    @Test
    void sumsOfTwoLinesFollowEachLinesSnapshots() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.CALLING, "ACTIVE", d(1, 1), d(7, 1), true, 10), new Snapshot(d(1, 1), 4, 2)),
                history(line("S2", Product.CALLING, "ACTIVE", d(3, 1), d(9, 1), true, 20), new Snapshot(d(3, 10), 6, 6))));
        assertEquals(new Amounts(1, 30, 4, 2), figure(c, d(3, 9), Scope.CALLING, Metric.LIVE));
        assertEquals(new Amounts(1, 30, 10, 8), figure(c, d(3, 10), Scope.CALLING, Metric.LIVE));
        assertEquals(new Amounts(1, 20, 6, 6), figure(c, d(7, 1), Scope.CALLING, Metric.LIVE));
    }

    @Test
    void expiringCountsInTheNinetyDaysBeforeEnd() {
        // end Jul 1: expiring at asOf in [Apr 2, Jul 1)
        Contributions c = Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), false, 10),
                new Snapshot(d(4, 1), 8, 4))));
        assertEquals(Amounts.ZERO, figure(c, d(4, 1), Scope.MEETINGS, Metric.EXPIRING));
        assertEquals(new Amounts(1, 10, 8, 4), figure(c, d(4, 2), Scope.MEETINGS, Metric.EXPIRING));
        assertEquals(1, figure(c, d(4, 2), Scope.ALL, Metric.EXPIRING).customers());
        assertEquals(new Amounts(1, 10, 8, 4), figure(c, d(6, 30), Scope.MEETINGS, Metric.EXPIRING));
        assertEquals(Amounts.ZERO, figure(c, d(7, 1), Scope.MEETINGS, Metric.EXPIRING));
        assertEquals(Amounts.ZERO, figure(c, d(5, 1), Scope.MEETINGS, Metric.RENEWING));
    }

    @Test
    void renewingCountsActiveAutoRenewInTheNinetyDaysBeforeEnd() {
        Contributions c = Contributions.of(List.of(history(line("S1", Product.CALLING, "ACTIVE", d(1, 1), d(7, 1), true, 10),
                new Snapshot(d(1, 1), 2, 1))));
        assertEquals(Amounts.ZERO, figure(c, d(4, 1), Scope.CALLING, Metric.RENEWING));
        assertEquals(new Amounts(1, 10, 2, 1), figure(c, d(4, 2), Scope.CALLING, Metric.RENEWING));
        assertEquals(1, figure(c, d(4, 2), Scope.ALL, Metric.RENEWING).customers());
        assertEquals(Amounts.ZERO, figure(c, d(4, 2), Scope.CALLING, Metric.EXPIRING));
    }

    @Test
    void recentCountsCustomersAndPurchasedOnly() {
        Contributions c = Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(12, 1), true, 10),
                new Snapshot(d(1, 1), 7, 3))));
        assertEquals(new Amounts(1, 10, 0, 0), figure(c, d(1, 15), Scope.MEETINGS, Metric.RECENT));
        // start + 90 days is the last day it is recent
        assertEquals(new Amounts(1, 10, 0, 0), figure(c, d(1, 1).plusDays(90), Scope.MEETINGS, Metric.RECENT));
        assertEquals(Amounts.ZERO, figure(c, d(1, 1).plusDays(91), Scope.MEETINGS, Metric.RECENT));
    }

    @Test
    void twoCustomersAddUp() {
        Contributions partner = Contributions.none();
        partner.addAll(Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10),
                new Snapshot(d(1, 1), 4, 1)))));
        partner.addAll(Contributions.of(List.of(history(
                new Line("S2", Product.MEETINGS, UUID.randomUUID(), false, "ACTIVE", d(2, 1), d(8, 1), true, 6),
                new Snapshot(d(2, 1), 5, 5)))));
        assertEquals(new Amounts(2, 16, 9, 6), figure(partner, d(3, 1), Scope.MEETINGS, Metric.LIVE));
        assertEquals(2, figure(partner, d(3, 1), Scope.ALL, Metric.LIVE).customers());
        assertEquals(new Amounts(1, 6, 5, 5), figure(partner, d(7, 15), Scope.MEETINGS, Metric.LIVE));
    }

    @Test
    void minusThenAddAllTurnsOldFiguresIntoNew() {
        List<LineHistory> oldLines = List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10), new Snapshot(d(1, 1), 4, 1)),
                history(line("S2", Product.CALLING, "ACTIVE", d(2, 1), d(5, 1), false, 3)));
        List<LineHistory> newLines = List.of(
                history(line("S1", Product.MEETINGS, "SUSPENDED", d(1, 1), d(8, 1), false, 12),
                        new Snapshot(d(1, 1), 4, 1), new Snapshot(d(3, 1), 9, 7)),
                history(line("S2", Product.CALLING, "CANCELLED", d(2, 1), d(5, 1), false, 3)),
                history(line("S3", Product.CALLING, "ORDER_READY", d(4, 1), d(10, 1), true, 2)));
        Contributions oldC = Contributions.of(oldLines);
        Contributions newC = Contributions.of(newLines);

        Contributions partner = Contributions.of(oldLines);
        partner.addAll(newC.minus(oldC));

        assertEquals(newC.changes(), partner.changes());
        for (LocalDate day = d(1, 1).minusDays(1); !day.isAfter(d(11, 1)); day = day.plusDays(1)) {
            assertEquals(nonZero(newC.at(day)), nonZero(partner.at(day)), "at " + day);
        }
    }

    @Test
    void minusOfItselfIsEmpty() {
        Contributions c = Contributions.of(List.of(history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), true, 10),
                new Snapshot(d(1, 1), 4, 1))));
        assertTrue(c.minus(c).isEmpty());
    }

    @Test
    void encodeDecodeRoundTrip() {
        Contributions c = Contributions.of(List.of(
                history(line("S1", Product.MEETINGS, "ACTIVE", d(1, 1), d(7, 1), false, 10), new Snapshot(d(2, 1), 4, 1)),
                history(line("S2", Product.CALLING, "ACTIVE", d(3, 1), d(9, 1), true, 20), new Snapshot(d(3, 5), 2, 2))));
        Long[] flat = c.encode();
        assertEquals(c.changes().size() * 7, flat.length);
        Contributions decoded = Contributions.decode(flat);
        assertEquals(c.changes(), decoded.changes());
        assertEquals(c.at(d(4, 15)), decoded.at(d(4, 15)));
    }

    @Test
    void decodeOfNothingIsEmpty() {
        assertTrue(Contributions.decode(null).isEmpty());
        assertTrue(Contributions.decode(new Long[0]).isEmpty());
        assertEquals(0, Contributions.none().encode().length);
    }

    @Test
    void unionMergesOverlappingAndTouchingRanges() {
        List<DateRange> merged = Contributions.union(List.of(
                DateRange.of(d(5, 1), d(6, 1)), DateRange.of(d(1, 1), d(3, 1)), DateRange.of(d(2, 1), d(4, 1)),
                DateRange.of(d(4, 1), d(4, 10)), DateRange.of(d(1, 15), d(2, 1))));
        assertEquals(List.of(new DateRange(d(1, 1), d(4, 10)), new DateRange(d(5, 1), d(6, 1))), merged);
    }
}
