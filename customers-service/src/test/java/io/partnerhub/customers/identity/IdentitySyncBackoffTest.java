package io.partnerhub.customers.identity;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The retry delay per admin while Keycloak fails: 200 ms doubling, capped at 30 s. */
class IdentitySyncBackoffTest {

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void doublesFromTheFirstRetryUpToTheCap() {
        assertEquals(Duration.ofMillis(200), IdentitySync.backoff(0, FIRST, MAX));
        assertEquals(Duration.ofMillis(400), IdentitySync.backoff(1, FIRST, MAX));
        assertEquals(Duration.ofMillis(800), IdentitySync.backoff(2, FIRST, MAX));
        assertEquals(Duration.ofMillis(25_600), IdentitySync.backoff(7, FIRST, MAX));
        assertEquals(Duration.ofSeconds(30), IdentitySync.backoff(8, FIRST, MAX));
        assertEquals(Duration.ofSeconds(30), IdentitySync.backoff(1000, FIRST, MAX));
    }
}
