package io.partnerhub.callingmetrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UsageBucketTest {

    @Test
    void threeActiveWeeksIsLightFourIsRegular() {
        assertEquals(UsageBucket.LIGHT, UsageBucket.of(3));
        assertEquals(UsageBucket.REGULAR, UsageBucket.of(4));
    }

    @Test
    void sixActiveWeeksIsRegularSevenIsHeavy() {
        assertEquals(UsageBucket.REGULAR, UsageBucket.of(6));
        assertEquals(UsageBucket.HEAVY, UsageBucket.of(7));
    }

    @Test
    void theOuterEdges() {
        assertEquals(UsageBucket.LIGHT, UsageBucket.of(1));
        assertEquals(UsageBucket.HEAVY, UsageBucket.of(8));
        assertNull(UsageBucket.of(0));
    }
}
