package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerhub.analytics.UsageHistory.Snapshot;
import io.partnerhub.analytics.UsageHistory.Value;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageHistoryTest {

    private static LocalDate d(int month, int day) {
        return LocalDate.of(2024, month, day);
    }

    private static UsageHistory history(Snapshot... snapshots) {
        return UsageHistory.of(List.of(snapshots));
    }

    @Test
    void valueOnTheExactDateOfASnapshot() {
        UsageHistory h = history(new Snapshot(d(1, 1), 4, 2), new Snapshot(d(1, 10), 6, 3));
        assertEquals(new Value(6, 3), h.at(d(1, 10)));
        assertEquals(new Value(4, 2), h.at(d(1, 1)));
    }

    @Test
    void snapshotMissingOnTheDateUsesTheLatestBefore() {
        UsageHistory h = history(new Snapshot(d(1, 1), 4, 2), new Snapshot(d(1, 10), 6, 3));
        assertEquals(new Value(4, 2), h.at(d(1, 9)));
        assertEquals(new Value(6, 3), h.at(d(3, 1)));
    }

    @Test
    void noSnapshotOnOrBeforeTheDateIsZero() {
        UsageHistory h = history(new Snapshot(d(1, 10), 6, 3));
        assertEquals(Value.NONE, h.at(d(1, 9)));
        assertEquals(new Value(0, 0), UsageHistory.EMPTY.at(d(1, 9)));
    }

    @Test
    void snapshotsAreOrderedByDateWhateverTheInputOrder() {
        UsageHistory h = history(new Snapshot(d(1, 20), 9, 9), new Snapshot(d(1, 1), 1, 1), new Snapshot(d(1, 10), 5, 5));
        assertEquals(new Value(1, 1), h.at(d(1, 5)));
        assertEquals(new Value(5, 5), h.at(d(1, 15)));
        assertEquals(new Value(9, 9), h.at(d(1, 25)));
    }

    @Test
    void weeklyChangeIsValueAtAsOfMinusValueSevenDaysBefore() {
        UsageHistory h = history(new Snapshot(d(1, 1), 4, 2), new Snapshot(d(1, 12), 7, 5));
        LocalDate asOf = d(1, 15);
        assertEquals(3, h.at(asOf).assigned() - h.at(asOf.minusDays(7)).assigned());
        assertEquals(3, h.at(asOf).used() - h.at(asOf.minusDays(7)).used());
    }

    @Test
    void weeklyChangeWithoutSnapshotAWeekBeforeCountsFromZero() {
        UsageHistory h = history(new Snapshot(d(1, 12), 7, 5));
        LocalDate asOf = d(1, 15);
        assertEquals(7, h.at(asOf).assigned() - h.at(asOf.minusDays(7)).assigned());
    }

    @Test
    void maxUsedCountsSnapshotBeforeTheWindowForItsFirstDay() {
        UsageHistory h = history(new Snapshot(d(1, 1), 0, 9), new Snapshot(d(1, 15), 0, 3));
        assertEquals(9, h.maxUsed(d(1, 10), d(2, 9)));
    }

    @Test
    void maxUsedIgnoresAnEarlierValueReplacedOnTheFirstDay() {
        UsageHistory h = history(new Snapshot(d(1, 1), 0, 9), new Snapshot(d(1, 11), 0, 2));
        assertEquals(2, h.maxUsed(d(1, 10), d(2, 9)));
    }

    @Test
    void maxUsedExcludesTheWindowStartDayItself() {
        UsageHistory h = history(new Snapshot(d(1, 10), 0, 9), new Snapshot(d(1, 11), 0, 2));
        assertEquals(2, h.maxUsed(d(1, 10), d(2, 9)));
    }

    @Test
    void maxUsedIncludesTheWindowLastDayAndNotLater() {
        UsageHistory h = history(new Snapshot(d(1, 11), 0, 1), new Snapshot(d(2, 9), 0, 8), new Snapshot(d(2, 10), 0, 50));
        assertEquals(8, h.maxUsed(d(1, 10), d(2, 9)));
    }

    @Test
    void maxUsedWithoutAnySnapshotIsZero() {
        assertEquals(0, UsageHistory.EMPTY.maxUsed(d(1, 10), d(2, 9)));
        assertEquals(0, history(new Snapshot(d(3, 1), 0, 5)).maxUsed(d(1, 10), d(2, 9)));
    }

    @Test
    void maxUsedOfAnEmptyWindowIsZero() {
        UsageHistory h = history(new Snapshot(d(1, 1), 0, 9));
        assertEquals(0, h.maxUsed(d(2, 9), d(2, 9)));
    }

    @Test
    void forEachPieceGivesConstantNonZeroPartsInsideTheRange() {
        UsageHistory h = history(new Snapshot(d(1, 1), 2, 1), new Snapshot(d(1, 10), 0, 0), new Snapshot(d(1, 20), 5, 3));
        List<String> pieces = new ArrayList<>();
        h.forEachPiece(DateRange.of(d(1, 5), d(2, 1)), (part, assigned, used) -> pieces.add(part.from() + ".." + part.to() + "=" + assigned + "/" + used));
        assertEquals(List.of("2024-01-05..2024-01-10=2/1", "2024-01-20..2024-02-01=5/3"), pieces);
    }

    @Test
    void forEachPieceOfEmptyRangeCallsNothing() {
        UsageHistory h = history(new Snapshot(d(1, 1), 2, 1));
        List<DateRange> pieces = new ArrayList<>();
        h.forEachPiece(DateRange.EMPTY, (part, assigned, used) -> pieces.add(part));
        assertTrue(pieces.isEmpty());
    }
}
