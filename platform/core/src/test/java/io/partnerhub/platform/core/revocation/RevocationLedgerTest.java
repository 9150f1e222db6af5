package io.partnerhub.platform.core.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevocationLedgerTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final RevocationLedger ledger = new RevocationLedger(Duration.ofMinutes(15), clock);

    @Test
    void aTokenIssuedAtOrBeforeTheChangedSecondIsRevokedOneIssuedAfterIsNot() {
        ledger.record("alice", Instant.parse("2026-12-01T09:59:30.750Z"));
        long second = Instant.parse("2026-12-01T09:59:30Z").getEpochSecond();
        assertTrue(ledger.revoked("alice", second - 200));
        assertTrue(ledger.revoked("alice", second));
        assertFalse(ledger.revoked("alice", second + 1));
        assertFalse(ledger.revoked("bob", second - 200));
        assertFalse(ledger.revoked(null, second));
    }

    @Test
    void theLatestChangeWinsWhateverOrderTheEventsCameIn() {
        Instant earlier = NOW.minusSeconds(120);
        Instant later = NOW.minusSeconds(60);
        ledger.record("alice", later);
        ledger.record("alice", earlier);
        ledger.record("alice", later);
        assertEquals(Optional.of(later), ledger.revokedAt("alice"));
        assertTrue(ledger.revoked("alice", later.getEpochSecond()));
        assertFalse(ledger.revoked("alice", later.getEpochSecond() + 1));

        ledger.record("bob", earlier);
        ledger.record("bob", later);
        assertEquals(Optional.of(later), ledger.revokedAt("bob"));
    }

    @Test
    void changesOlderThanTheWindowAreIgnoredAndPruned() {
        ledger.record("old", NOW.minus(Duration.ofMinutes(15)).minusSeconds(1));
        assertEquals(Optional.empty(), ledger.revokedAt("old"));
        assertEquals(0, ledger.size());

        ledger.record("alice", NOW.minus(Duration.ofMinutes(10)));
        ledger.record("bob", NOW.minus(Duration.ofMinutes(2)));
        assertEquals(2, ledger.size());

        clock.now = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1); // alice's change is now 15 min 1 s old
        ledger.prune();
        assertEquals(1, ledger.size());
        assertEquals(Optional.empty(), ledger.revokedAt("alice"));
        assertEquals(Optional.of(NOW.minus(Duration.ofMinutes(2))), ledger.revokedAt("bob"));

        clock.now = NOW.plus(Duration.ofMinutes(13)); // bob's change is exactly 15 min old: still kept
        ledger.prune();
        assertEquals(1, ledger.size());
        clock.now = clock.now.plusMillis(1);
        ledger.prune();
        assertEquals(0, ledger.size());
    }

    @Test
    void theWindowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RevocationLedger(Duration.ZERO, clock));
    }
}
