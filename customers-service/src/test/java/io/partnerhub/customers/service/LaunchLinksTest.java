package io.partnerhub.customers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.partnerhub.platform.runtime.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The launch signing key: shared by every replica when configured, at least 32 bytes. */
class LaunchLinksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Actor ACTOR = new Actor("7f3c1a52-0b1e-4c7a-9a39-6d5f2f1c0a01", "alice", false);
    private static final UUID CUSTOMER = UUID.fromString("5b0c6f0e-2d7e-4f4a-9d0c-1a2b3c4d5e6f");

    private static LaunchLinks links(Optional<String> key) {
        return new LaunchLinks(key, "https://admin.webex.example/launch", Duration.ofMinutes(5), CLOCK);
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> links(Optional.of("too-short")));
        assertEquals("PARTNERHUB_LAUNCH_SIGNING_KEY (partnerhub.launch.signing-key) is 9 bytes long; at least 32 are required",
                failure.getMessage());
    }

    @Test
    void replicasWithTheSameKeySignTheSameLink() {
        String key = "0123456789abcdef0123456789abcdef";
        assertEquals(links(Optional.of(key)).issue(ACTOR, CUSTOMER).url(), links(Optional.of(key)).issue(ACTOR, CUSTOMER).url());
    }

    @Test
    void withoutAKeyEachProcessSignsWithItsOwn() {
        assertNotEquals(links(Optional.empty()).issue(ACTOR, CUSTOMER).url(), links(Optional.empty()).issue(ACTOR, CUSTOMER).url());
    }
}
