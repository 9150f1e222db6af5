package io.partnerhub.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static long inSeconds(long seconds) {
        return NOW.getEpochSecond() + seconds;
    }

    @Test
    void aRememberedTokenIsFoundUntilItsExpiryAndNeverAtOrAfterIt() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, clock);
        tokens.remember("token-a", "alice", inSeconds(300));

        assertEquals("alice", tokens.find("token-a"));
        clock.now = NOW.plusSeconds(299).plusMillis(999);
        assertEquals("alice", tokens.find("token-a"));
        clock.now = NOW.plusSeconds(300);
        assertNull(tokens.find("token-a"));
        assertEquals(0, tokens.size(), "an expired token found is dropped");
    }

    @Test
    void onlyTheVerySameTokenTextIsRecognised() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, new MutableClock(NOW));
        tokens.remember("header.payload.signature", "alice", inSeconds(300));

        assertNull(tokens.find("header.payload.signaturf"));
        assertNull(tokens.find("header.payload.signature "));
        assertNull(tokens.find("header.payload"));
        assertEquals("alice", tokens.find("header.payload.signature"));
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, new MutableClock(NOW));
        tokens.remember("expired", "alice", inSeconds(0));
        tokens.remember("long-expired", "alice", inSeconds(-60));

        assertEquals(0, tokens.size());
        assertNull(tokens.find("expired"));
    }

    @Test
    void whenFullExpiredTokensMakeRoomAndOtherwiseANewTokenIsNotRemembered() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedTokens<String> tokens = new VerifiedTokens<>(2, clock);
        tokens.remember("short", "a", inSeconds(10));
        tokens.remember("long", "b", inSeconds(600));
        tokens.remember("third", "c", inSeconds(600));
        assertEquals(2, tokens.size());
        assertNull(tokens.find("third"), "full: not remembered");

        clock.now = NOW.plusSeconds(10);
        tokens.remember("third", "c", inSeconds(600));
        assertEquals("c", tokens.find("third"), "the expired one made room");
        assertEquals("b", tokens.find("long"));
        assertEquals(2, tokens.size());
    }

    @Test
    void zeroEntriesRemembersNothing() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(0, new MutableClock(NOW));
        tokens.remember("token", "alice", inSeconds(300));

        assertNull(tokens.find("token"));
    }

    @Test
    void theFirstIdentityOfATokenStays() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, new MutableClock(NOW));
        tokens.remember("token", "first", inSeconds(300));
        tokens.remember("token", "second", inSeconds(900));

        assertEquals("first", tokens.find("token"));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
