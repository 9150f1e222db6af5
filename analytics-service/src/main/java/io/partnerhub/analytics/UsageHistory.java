package io.partnerhub.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A line's dated license snapshots: the value at a date is the latest snapshot on or before it, 0 when there is
 * none. One snapshot per date (the store keeps the latest write of each date).
 */
public final class UsageHistory {

    public record Snapshot(LocalDate day, int assigned, int used) {
    }

    /** assigned and used at a date. */
    public record Value(int assigned, int used) {
        public static final Value NONE = new Value(0, 0);
    }

    public static final UsageHistory EMPTY = new UsageHistory(List.of());

    private final List<Snapshot> snapshots;

    private UsageHistory(List<Snapshot> sorted) {
        this.snapshots = sorted;
    }

    public static UsageHistory of(Collection<Snapshot> snapshots) {
        List<Snapshot> sorted = new ArrayList<>(snapshots);
        sorted.sort(Comparator.comparing(Snapshot::day));
        return new UsageHistory(List.copyOf(sorted));
    }

    public Value at(LocalDate day) {
        Value value = Value.NONE;
        for (Snapshot snapshot : snapshots) {
            if (snapshot.day().isAfter(day)) {
                break;
            }
            value = new Value(snapshot.assigned(), snapshot.used());
        }
        return value;
    }

    /** The highest {@code used} at any date of {@code (fromExclusive, toInclusive]}. */
    public int maxUsed(LocalDate fromExclusive, LocalDate toInclusive) {
        LocalDate first = fromExclusive.plusDays(1);
        if (first.isAfter(toInclusive)) {
            return 0;
        }
        int max = at(first).used();
        for (Snapshot snapshot : snapshots) {
            if (snapshot.day().isAfter(first) && !snapshot.day().isAfter(toInclusive)) {
                max = Math.max(max, snapshot.used());
            }
        }
        return max;
    }

    /** Calls {@code piece} for each part of {@code range} over which the value is constant and not zero. */
    public void forEachPiece(DateRange range, PieceConsumer piece) {
        if (range.isEmpty()) {
            return;
        }
        for (int i = 0; i < snapshots.size(); i++) {
            Snapshot snapshot = snapshots.get(i);
            LocalDate until = i + 1 < snapshots.size() ? snapshots.get(i + 1).day() : LocalDate.MAX;
            DateRange part = DateRange.of(snapshot.day(), until).intersect(range);
            if (!part.isEmpty() && (snapshot.assigned() != 0 || snapshot.used() != 0)) {
                piece.accept(part, snapshot.assigned(), snapshot.used());
            }
        }
    }

    @FunctionalInterface
    public interface PieceConsumer {
        void accept(DateRange part, int assigned, int used);
    }
}
