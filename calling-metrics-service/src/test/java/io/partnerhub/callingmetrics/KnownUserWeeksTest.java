package io.partnerhub.callingmetrics;

import io.partnerhub.callingmetrics.BatchTotals.UserBlock;
import io.partnerhub.callingmetrics.repository.KnownUserWeeks;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownUserWeeksTest {

    static final UUID ACME = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-0000000000b1");

    static KnownUserWeeks known(int capacity) {
        return new KnownUserWeeks(capacity);
    }

    @Test
    void holdsOnlyWeeksRememberedForThatPartnerAndUser() {
        KnownUserWeeks known = known(100);
        known.remember(1, List.of(new UserBlock(ACME, ALICE, 7, 0b0011)));
        known.remember(1, List.of(new UserBlock(ACME, ALICE, 7, 0b0100)));

        assertTrue(known.holds(1, new UserBlock(ACME, ALICE, 7, 0b0111)));
        assertTrue(known.holds(1, new UserBlock(ACME, ALICE, 7, 0b0010)));
        assertFalse(known.holds(1, new UserBlock(ACME, ALICE, 7, 0b1001)), "one week of the two is unknown");
        assertFalse(known.holds(1, new UserBlock(ACME, ALICE, 8, 0b0001)), "another block");
        assertFalse(known.holds(1, new UserBlock(ACME, BOB, 7, 0b0001)), "another user");
        assertFalse(known.holds(2, new UserBlock(ACME, ALICE, 7, 0b0001)), "another partner");
    }

    @Test
    void forgetsEverythingWhenFullAndLooksUpAgain() {
        KnownUserWeeks known = known(2);
        known.remember(1, List.of(new UserBlock(ACME, ALICE, 7, 1), new UserBlock(ACME, BOB, 7, 1)));
        known.remember(1, List.of(new UserBlock(ACME, ALICE, 8, 1)));

        assertFalse(known.holds(1, new UserBlock(ACME, ALICE, 7, 1)));
        assertFalse(known.holds(1, new UserBlock(ACME, BOB, 7, 1)));
        assertTrue(known.holds(1, new UserBlock(ACME, ALICE, 8, 1)));
    }
}
