package io.partnerhub.callingmetrics;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityThresholdTest {

    final QualityThreshold rule = new QualityThreshold(new BigDecimal("20"), 5);

    @Test
    void reachingTheThresholdIsDegraded() {
        assertTrue(rule.degraded(10, 2));
        assertFalse(rule.degraded(10, 1));
    }

    @Test
    void tooFewCallsAreNeverDegraded() {
        assertFalse(rule.degraded(4, 4));
    }

    @Test
    void crossingIsReportedOnceNotWhileItStaysDegraded() {
        assertTrue(rule.crossed(10, 2, 1, 1));   // 9 calls / 1 poor → 10 / 2
        assertFalse(rule.crossed(11, 3, 1, 1));  // already degraded before
        assertFalse(rule.crossed(12, 2, 1, 0));  // not degraded after
    }

    @Test
    void reachingTheMinimumCallCountCanCrossToo() {
        assertTrue(rule.crossed(5, 5, 1, 1));
    }
}
