package io.partnerhub.callingmetrics;

import java.util.UUID;

/**
 * Hash codes for in-memory keys made of ids. The default record hash combines {@link UUID#hashCode} with small
 * multipliers, and ids that follow a pattern (sequential or generated from counters, as some integrators' are) then
 * share hash codes (about three keys per code for counter-made customer and user ids): lookups walk chains. These
 * mix all 128 bits of each id (SplitMix64 finalizer).
 */
public final class KeyHash {

    private KeyHash() {
    }

    public static int of(UUID first, UUID second, long number) {
        long h = mix(first.getMostSignificantBits() ^ mix(first.getLeastSignificantBits()));
        if (second != null) {
            h = mix(h ^ second.getMostSignificantBits()) ^ mix(h + second.getLeastSignificantBits());
        }
        h = mix(h ^ number);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
