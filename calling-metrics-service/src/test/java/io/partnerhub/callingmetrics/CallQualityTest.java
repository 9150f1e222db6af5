package io.partnerhub.callingmetrics;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallQualityTest {

    static boolean poor(String mos, String loss, String jitter, String latency) {
        return CallQuality.isPoor(d(mos), d(loss), d(jitter), d(latency));
    }

    static BigDecimal d(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    @Test
    void packetLossAtFivePercentIsNotPoorAboveItIs() {
        assertFalse(poor(null, "5", null, null));
        assertFalse(poor(null, "5.0", null, null));
        assertTrue(poor(null, "5.01", null, null));
    }

    @Test
    void jitterAt150MsIsNotPoorAboveItIs() {
        assertFalse(poor(null, null, "150", null));
        assertTrue(poor(null, null, "150.1", null));
    }

    @Test
    void latencyAt400MsIsNotPoorAboveItIs() {
        assertFalse(poor(null, null, null, "400"));
        assertTrue(poor(null, null, null, "401"));
    }

    @Test
    void mosAt3Point5IsNotPoorBelowItIs() {
        assertFalse(poor("3.5", null, null, null));
        assertTrue(poor("3.49", null, null, null));
    }

    @Test
    void missingValuesNeverMakeACallPoor() {
        assertFalse(poor(null, null, null, null));
    }

    @Test
    void oneBadMeasureIsEnoughWhenTheOthersAreGood() {
        assertTrue(poor("4.4", "0", "10", "500"));
    }
}
