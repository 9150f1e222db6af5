package io.partnerhub.platform.core.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per subject, the latest moment its access changed ({@code accessRevokedAt}): a token of that subject issued at or
 * before that second is refused. The maximum is kept, so redelivered or reordered events change nothing; entries older
 * than the window are dropped, because every token issued before them has expired anyway (the window must stay longer
 * than the access-token lifespan plus clock skew).
 */
public final class RevocationLedger {

    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> revokedAt = new ConcurrentHashMap<>();

    public RevocationLedger(Duration window, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the revocation window must be positive: " + window);
        }
        this.window = window;
        this.clock = clock;
    }

    /** Notes a change of the subject's access; an older moment than the one known, or one outside the window, is ignored. */
    public void record(String subject, Instant accessRevokedAt) {
        if (subject == null || subject.isEmpty() || accessRevokedAt == null || accessRevokedAt.isBefore(horizon())) {
            return;
        }
        revokedAt.merge(subject, accessRevokedAt, (known, seen) -> seen.isAfter(known) ? seen : known);
    }

    /** Drops every subject whose last change is older than the window. */
    public void prune() {
        Instant horizon = horizon();
        revokedAt.values().removeIf(at -> at.isBefore(horizon));
    }

    /** Whether a token of {@code subject} issued at {@code issuedAtEpochSecond} (its {@code iat}) must be refused. */
    public boolean revoked(String subject, long issuedAtEpochSecond) {
        if (subject == null) {
            return false;
        }
        Instant at = revokedAt.get(subject);
        return at != null && issuedAtEpochSecond <= at.getEpochSecond();
    }

    public Optional<Instant> revokedAt(String subject) {
        return Optional.ofNullable(subject == null ? null : revokedAt.get(subject));
    }

    public int size() {
        return revokedAt.size();
    }

    public Duration window() {
        return window;
    }

    private Instant horizon() {
        return clock.instant().minus(window);
    }
}
