package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MedianTest {

    private static final Ratio FACTOR = Ratio.of(new BigDecimal("0.5"));

    private static void assertSameValue(Ratio expected, Ratio actual) {
        assertEquals(0, expected.compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void medianOfNothingIsEmpty() {
        assertEquals(Optional.empty(), Median.of(List.of()));
    }

    @Test
    void medianOfAnOddCountIsTheMiddleOne() {
        assertSameValue(Ratio.of(1, 2), Median.of(List.of(Ratio.of(3, 4), Ratio.of(1, 4), Ratio.of(1, 2))).orElseThrow());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleOnes() {
        assertSameValue(Ratio.of(5, 8),
                Median.of(List.of(Ratio.of(1, 1), Ratio.of(1, 4), Ratio.of(3, 4), Ratio.of(1, 2))).orElseThrow());
    }

    @Test
    void medianOfTwoIsTheirMean() {
        assertSameValue(Ratio.of(1, 2), Median.of(List.of(Ratio.of(1, 1), Ratio.of(0, 1))).orElseThrow());
    }

    @Test
    void medianOfASingleRatioIsIt() {
        assertSameValue(Ratio.of(1, 10), Median.of(List.of(Ratio.of(1, 10))).orElseThrow());
    }

    @Test
    void ofMiddleMatchesOfForOddAndEvenCounts() {
        assertSameValue(Ratio.of(1, 3), Median.ofMiddle(5, Ratio.of(1, 3), Ratio.of(1, 3)));
        assertSameValue(Ratio.of(1, 2), Median.ofMiddle(4, Ratio.of(1, 3), Ratio.of(2, 3)));
    }

    @Test
    void thresholdIsFactorTimesMedian() {
        assertSameValue(Ratio.of(1, 3), Median.threshold(Ratio.of(2, 3), FACTOR));
    }

    @Test
    void singleEligibleLineIsNeverLow() {
        Ratio threshold = Median.threshold(Median.of(List.of(Ratio.of(1, 10))).orElseThrow(), FACTOR);
        assertFalse(Median.isLow(1, 10, threshold));
    }

    @Test
    void ratioExactlyHalfTheMedianIsNotLow() {
        // ratios 1/3, 2/3, 2/3: median 2/3, threshold 1/3
        Ratio threshold = Median.threshold(
                Median.of(List.of(Ratio.of(1, 3), Ratio.of(2, 3), Ratio.of(4, 6))).orElseThrow(), FACTOR);
        assertFalse(Median.isLow(1, 3, threshold));
        assertFalse(Median.isLow(2, 6, threshold));
    }

    @Test
    void ratioJustBelowHalfTheMedianIsLow() {
        Ratio threshold = Median.threshold(Ratio.of(2, 3), FACTOR);
        assertTrue(Median.isLow(33, 100, threshold));
        assertTrue(Median.isLow(0, 5, threshold));
    }

    @Test
    void lowWithEvenCountMedian() {
        // ratios 1/10, 4/10, 6/10, 10/10: median 1/2, threshold 1/4
        Ratio median = Median.of(List.of(Ratio.of(1, 10), Ratio.of(4, 10), Ratio.of(6, 10), Ratio.of(10, 10))).orElseThrow();
        Ratio threshold = Median.threshold(median, FACTOR);
        assertSameValue(Ratio.of(1, 4), threshold);
        assertTrue(Median.isLow(1, 10, threshold));
        assertFalse(Median.isLow(1, 4, threshold));
        assertFalse(Median.isLow(4, 10, threshold));
    }

    @Test
    void zeroPurchasedIsNotLow() {
        assertFalse(Median.isLow(0, 0, Ratio.of(1, 4)));
    }

    @Test
    void lowAllocationOverEligibleLinesOnly() {
        LocalDate asOf = LocalDate.of(2024, 6, 1);
        UUID customer = UUID.randomUUID();
        LocalDate start = asOf.minusDays(30);
        LocalDate end = asOf.plusDays(200);
        record Case(Line line, int assigned) {
        }
        List<Case> cases = List.of(
                new Case(new Line("A", Product.MEETINGS, customer, false, "ACTIVE", start, end, true, 3), 1),
                new Case(new Line("B", Product.MEETINGS, customer, false, "ACTIVE", start, end, true, 3), 2),
                new Case(new Line("C", Product.MEETINGS, customer, false, "ACTIVE", start, end, true, 3), 2),
                // not eligible: zero purchased, too recent, cancelled
                new Case(new Line("D", Product.MEETINGS, customer, false, "ACTIVE", start, end, true, 0), 0),
                new Case(new Line("E", Product.MEETINGS, customer, false, "ACTIVE", asOf.minusDays(29), end, true, 100), 0),
                new Case(new Line("F", Product.MEETINGS, customer, false, "CANCELLED", start, end, true, 100), 0));
        List<Ratio> ratios = cases.stream().filter(c -> c.line().allocationEligibleAt(asOf))
                .map(c -> Ratio.of(c.assigned(), c.line().purchased())).toList();
        assertEquals(3, ratios.size());
        Ratio threshold = Median.threshold(Median.of(ratios).orElseThrow(), FACTOR);
        assertSameValue(Ratio.of(1, 3), threshold);
        assertFalse(Median.isLow(1, 3, threshold));
    }
}
