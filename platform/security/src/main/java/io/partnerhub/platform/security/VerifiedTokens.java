package io.partnerhub.platform.security;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens that passed verification, each with what it proved, until the token expires. The key is the whole
 * token text, so only the very same token is recognised; a token is never found at or after its {@code exp}.
 * Bounded: when full, expired entries are dropped first, and if it is still full a new token is not remembered (it
 * is then verified on every request, as without this store).
 */
public final class VerifiedTokens<V> {

    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Clock clock;

    /** {@code maxEntries} 0 remembers nothing. */
    public VerifiedTokens(int maxEntries, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be 0 or more");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** What {@code token} proved, or null when it was not verified here or has expired since. */
    public V find(String token) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.value();
    }

    /** Remembers a verified token until {@code expiresAtEpochSecond} (its {@code exp} claim). */
    public void remember(String token, V value, long expiresAtEpochSecond) {
        long expiresAtMillis = expiresAtEpochSecond * 1000;
        long now = clock.millis();
        if (maxEntries == 0 || now >= expiresAtMillis) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> now >= entry.expiresAtMillis());
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.putIfAbsent(token, new Entry<>(value, expiresAtMillis));
    }

    public int size() {
        return entries.size();
    }
}
