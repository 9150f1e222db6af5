package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerhub.platform.runtime.numbers.Rounding;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RatioTest {

    private static void assertSameValue(Ratio expected, Ratio actual) {
        assertEquals(0, expected.compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void percentOfAnExactValue() {
        assertEquals(new BigDecimal("12.5"), Ratio.of(1, 8).percent());
        assertEquals(new BigDecimal("7.5"), Ratio.of(3, 40).percent());
        assertEquals(new BigDecimal("100.0"), Ratio.of(4, 4).percent());
        assertEquals(new BigDecimal("0.0"), Ratio.of(0, 7).percent());
    }

    @Test
    void percentRoundsHalfUpAtSecondDecimalFive() {
        assertEquals(new BigDecimal("6.3"), Ratio.of(1, 16).percent()); // 6.25
        assertEquals(new BigDecimal("0.2"), Ratio.of(3, 2000).percent()); // 0.15
        assertEquals(new BigDecimal("0.3"), Ratio.of(1, 400).percent()); // 0.25
    }

    @Test
    void percentRoundsDownBelowFive() {
        assertEquals(new BigDecimal("0.1"), Ratio.of(1, 800).percent()); // 0.125
        assertEquals(new BigDecimal("33.3"), Ratio.of(1, 3).percent());
    }

    @Test
    void percentRoundsUpAboveFive() {
        assertEquals(new BigDecimal("66.7"), Ratio.of(2, 3).percent());
    }

    @Test
    void roundingPercentHalfUp() {
        assertEquals(new BigDecimal("0.2"), Rounding.percent(3, 2000));
        assertEquals(new BigDecimal("6.3"), Rounding.percent(1, 16));
        assertEquals(new BigDecimal("12.5"), Rounding.percent(1, 8));
    }

    @Test
    void roundingPercentOfZeroWholeIsZero() {
        assertEquals(new BigDecimal("0.0"), Rounding.percent(5, 0));
        assertEquals(new BigDecimal("0.0"), Rounding.percent(0, 0));
    }

    @Test
    void ofBigDecimalIsExact() {
        assertSameValue(Ratio.of(1, 2), Ratio.of(new BigDecimal("0.5")));
        assertSameValue(Ratio.of(1, 2), Ratio.of(new BigDecimal("0.50")));
        assertSameValue(Ratio.of(2, 1), Ratio.of(new BigDecimal("2")));
        assertSameValue(Ratio.of(100, 1), Ratio.of(new BigDecimal("1E+2")));
        assertSameValue(Ratio.of(0, 1), Ratio.of(new BigDecimal("0.000")));
        assertSameValue(Ratio.of(3, 8), Ratio.of(new BigDecimal("0.375")));
    }

    @Test
    void nonPositiveDenominatorIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(1, -2));
    }

    @Test
    void compareToComparesValuesNotRepresentations() {
        assertEquals(0, Ratio.of(1, 2).compareTo(Ratio.of(2, 4)));
        assertTrue(Ratio.of(1, 3).compareTo(Ratio.of(1, 2)) < 0);
        assertTrue(Ratio.of(2, 3).compareTo(Ratio.of(1, 2)) > 0);
    }

    @Test
    void plusTimesAndHalf() {
        assertSameValue(Ratio.of(5, 6), Ratio.of(1, 2).plus(Ratio.of(1, 3)));
        assertSameValue(Ratio.of(1, 6), Ratio.of(1, 2).times(Ratio.of(1, 3)));
        assertSameValue(Ratio.of(3, 8), Ratio.of(3, 4).half());
    }

    @Test
    void exceedsWhenPartOverWholeIsStrictlyBelow() {
        Ratio third = Ratio.of(1, 3);
        assertTrue(third.exceeds(32, 100));
        assertFalse(third.exceeds(1, 3));
        assertFalse(third.exceeds(2, 6));
        assertFalse(third.exceeds(34, 100));
    }
}
