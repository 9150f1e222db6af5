package io.partnerhub.callingmetrics.repository;

import io.partnerhub.callingmetrics.BatchTotals.UserBlock;
import io.partnerhub.callingmetrics.KeyHash;
import io.partnerhub.callingmetrics.config.CallingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Active user weeks this service knows are committed in {@code user_activity}. Ingest leaves those out of a batch's
 * totals, so the database does not look up again the users it has already seen active that week (most users of a
 * batch, once a week is under way). Only committed weeks are remembered, and they are never removed from the table,
 * so leaving them out never loses a user; what is not remembered is simply looked up.
 */
@ApplicationScoped
public class KnownUserWeeks {

    private record Key(int partnerId, UUID customerId, UUID userId, int block) {
        @Override
        public int hashCode() {
            return KeyHash.of(customerId, userId, ((long) partnerId << 32) | block);
        }
    }

    private final ConcurrentHashMap<Key, Long> weeks = new ConcurrentHashMap<>();
    private final int capacity;

    @Inject
    public KnownUserWeeks(CallingConfig config) {
        this(config.knownUserBlocks());
    }

    /** @param capacity how many (user, block) pairs it remembers before it forgets them all */
    public KnownUserWeeks(int capacity) {
        this.capacity = capacity;
    }

    /** Whether every week of {@code block} is known to be in the table. */
    public boolean holds(int partnerId, UserBlock block) {
        Long known = weeks.get(new Key(partnerId, block.customerId(), block.userId(), block.block()));
        return known != null && (known & block.weeks()) == block.weeks();
    }

    /** Remembers weeks of a transaction that has committed. */
    public void remember(int partnerId, Collection<UserBlock> blocks) {
        if (weeks.size() + blocks.size() > capacity) {
            weeks.clear();
        }
        for (UserBlock block : blocks) {
            weeks.merge(new Key(partnerId, block.customerId(), block.userId(), block.block()), block.weeks(), (a, b) -> a | b);
        }
    }
}
