package io.partnerhub.callingmetrics;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyHashTest {

    /** Ids made from counters: 100,000 users of 2,000 customers (user n belongs to customer n % 2,000). */
    static UUID id(int kind, int n) {
        return new UUID(((long) kind << 32) | 0x4000L, 0x8000_0000_0000_0000L | n);
    }

    @Test
    void patternedIdsSpreadOverHashCodes() {
        Set<Integer> keyHashes = new HashSet<>();
        Set<Integer> recordHashes = new HashSet<>();
        record Plain(UUID customer, UUID user, int block) {
        }
        for (int user = 0; user < 100_000; user++) {
            keyHashes.add(KeyHash.of(id(1, user % 2_000), id(2, user), 443));
            recordHashes.add(new Plain(id(1, user % 2_000), id(2, user), 443).hashCode());
        }
        // a record's own hash code gives these keys about one value per three keys ...
        assertTrue(recordHashes.size() < 40_000, "record hashes: " + recordHashes.size());
        // ... KeyHash nearly one per key (32-bit codes: a handful of collisions among 100,000 is expected)
        assertTrue(keyHashes.size() > 99_990, "key hashes: " + keyHashes.size());
    }
}
