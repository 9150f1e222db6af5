package io.partnerhub.platform.runtime.numbers;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RoundingTest {

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void halfRoundsUp() {
        assertEquals(d("0.2"), Rounding.oneDecimal(d("0.15")));
        assertEquals(d("0.3"), Rounding.oneDecimal(d("0.25")));
        assertEquals(d("0.1"), Rounding.oneDecimal(d("0.149999")));
    }

    @Test
    void percentOfOneInEightIs12Point5AndTwoInThreeIs66Point7() {
        assertEquals(d("12.5"), Rounding.percent(1, 8));
        assertEquals(d("66.7"), Rounding.percent(2, 3));
        assertEquals(d("33.3"), Rounding.percent(1, 3));
    }

    @Test
    void percentOfNothingIsZero() {
        assertEquals(d("0.0"), Rounding.percent(0, 0));
    }

    @Test
    void minutesAreSecondsOverSixtyRounded() {
        assertEquals(d("1.5"), Rounding.minutes(90));
        assertEquals(d("0.1"), Rounding.minutes(3));   // 0.05 → 0.1
        assertEquals(d("0.0"), Rounding.minutes(2));   // 0.0333…
    }

    @Test
    void averageOfNothingIsNull() {
        assertNull(Rounding.average(BigDecimal.ZERO, 0));
        assertEquals(d("12.3"), Rounding.average(d("37"), 3));
    }

    @Test
    void ratioAndChange() {
        assertEquals(d("2.5"), Rounding.ratio(5, 2));
        assertEquals(d("0.0"), Rounding.ratio(5, 0));
        assertEquals(d("-33.3"), Rounding.changePct(2, 3));
        assertEquals(d("100.0"), Rounding.changePct(2, 1));
        assertNull(Rounding.changePct(3, 0));
    }

    @Test
    void negativeHalvesRoundAwayFromZero() {
        assertEquals(d("-0.2"), Rounding.oneDecimal(d("-0.15")));
    }
}
