package io.partnerhub.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What one customer adds to its partner's figures, as changes by date: a figure at asOf is the sum of every change
 * dated on or before asOf. Each rule of {@link Line} gives the range of asOf dates at which a line counts; a
 * customer counts once per figure over the union of its lines' ranges, and the sums (purchased, assigned, used)
 * follow the line's snapshots inside its range. Summed over customers, the changes let the partner's figures at
 * any date be read without looking at its lines.
 */
public final class Contributions {

    /** Which lines a figure covers: both products (the top KPIs) or one. */
    public enum Scope {
        ALL, MEETINGS, CALLING;

        public static Scope of(Product product) {
            return product == Product.MEETINGS ? MEETINGS : CALLING;
        }
    }

    public enum Metric {
        LIVE(Line::live, true),
        EXPIRING(Line::expiring, true),
        RENEWING(Line::renewing, true),
        RECENT(Line::recentlyAdded, false);

        final Function<Line, DateRange> range;
        final boolean usage;

        Metric(Function<Line, DateRange> range, boolean usage) {
            this.range = range;
            this.usage = usage;
        }
    }

    public record Key(Scope scope, Metric metric, LocalDate day) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::scope).thenComparing(Key::metric).thenComparing(Key::day);
    }

    /** customers, purchased, assigned, used: a change at a date, or a figure at asOf. */
    public record Amounts(long customers, long purchased, long assigned, long used) {
        public static final Amounts ZERO = new Amounts(0, 0, 0, 0);

        public Amounts plus(Amounts other) {
            return new Amounts(customers + other.customers, purchased + other.purchased, assigned + other.assigned, used + other.used);
        }

        public Amounts negate() {
            return new Amounts(-customers, -purchased, -assigned, -used);
        }

        public boolean isZero() {
            return customers == 0 && purchased == 0 && assigned == 0 && used == 0;
        }
    }

    /** A line with its snapshots. */
    public record LineHistory(Line line, UsageHistory usage) {
    }

    /** A figure's key without a date. */
    public record Figure(Scope scope, Metric metric) {
    }

    private static final int LONGS_PER_CHANGE = 7;

    private final TreeMap<Key, Amounts> changes;

    private Contributions(TreeMap<Key, Amounts> changes) {
        this.changes = changes;
    }

    public static Contributions none() {
        return new Contributions(new TreeMap<>(Key.ORDER));
    }

    /** A visible customer's contributions from its lines (an invisible customer contributes {@link #none()}). */
    public static Contributions of(Collection<LineHistory> lines) {
        Contributions result = none();
        for (Metric metric : Metric.values()) {
            Map<Scope, List<DateRange>> ranges = new EnumMap<>(Scope.class);
            for (LineHistory history : lines) {
                Line line = history.line();
                DateRange range = metric.range.apply(line);
                if (range.isEmpty()) {
                    continue;
                }
                Scope scope = Scope.of(line.product());
                ranges.computeIfAbsent(Scope.ALL, s -> new ArrayList<>()).add(range);
                ranges.computeIfAbsent(scope, s -> new ArrayList<>()).add(range);
                result.add(scope, metric, range, new Amounts(0, line.purchased(), 0, 0));
                if (metric.usage) {
                    history.usage().forEachPiece(range, (part, assigned, used) ->
                            result.add(scope, metric, part, new Amounts(0, 0, assigned, used)));
                }
            }
            ranges.forEach((scope, list) -> {
                for (DateRange covered : union(list)) {
                    result.add(scope, metric, covered, new Amounts(1, 0, 0, 0));
                }
            });
        }
        return result;
    }

    /** The change from {@code before} to this: what a partner's sums must add when a customer's contributions change. */
    public Contributions minus(Contributions before) {
        Contributions diff = new Contributions(new TreeMap<>(changes.comparator()));
        changes.forEach(diff::add);
        before.changes.forEach((key, amounts) -> diff.add(key, amounts.negate()));
        return diff;
    }

    public Map<Key, Amounts> changes() {
        return changes;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Every figure at asOf: the sum of the changes dated on or before it. */
    public Map<Figure, Amounts> at(LocalDate asOf) {
        Map<Figure, Amounts> figures = new java.util.HashMap<>();
        changes.forEach((key, amounts) -> {
            if (!key.day().isAfter(asOf)) {
                figures.merge(new Figure(key.scope(), key.metric()), amounts, Amounts::plus);
            }
        });
        return figures;
    }

    /** Adds another customer's contributions (for figures over a set of customers). */
    public void addAll(Contributions other) {
        other.changes.forEach(this::add);
    }

    /** Flat, for storage: scope, metric, epoch day, customers, purchased, assigned, used per change. */
    public Long[] encode() {
        Long[] flat = new Long[changes.size() * LONGS_PER_CHANGE];
        int i = 0;
        for (Map.Entry<Key, Amounts> change : changes.entrySet()) {
            Key key = change.getKey();
            Amounts a = change.getValue();
            flat[i++] = (long) key.scope().ordinal();
            flat[i++] = (long) key.metric().ordinal();
            flat[i++] = key.day().toEpochDay();
            flat[i++] = a.customers();
            flat[i++] = a.purchased();
            flat[i++] = a.assigned();
            flat[i++] = a.used();
        }
        return flat;
    }

    public static Contributions decode(Long[] flat) {
        Contributions result = none();
        if (flat == null) {
            return result;
        }
        for (int i = 0; i + LONGS_PER_CHANGE <= flat.length; i += LONGS_PER_CHANGE) {
            result.add(new Key(Scope.values()[flat[i].intValue()], Metric.values()[flat[i + 1].intValue()],
                    LocalDate.ofEpochDay(flat[i + 2])), new Amounts(flat[i + 3], flat[i + 4], flat[i + 5], flat[i + 6]));
        }
        return result;
    }

    private void add(Scope scope, Metric metric, DateRange range, Amounts amounts) {
        add(new Key(scope, metric, range.from()), amounts);
        if (!range.to().equals(LocalDate.MAX)) {
            add(new Key(scope, metric, range.to()), amounts.negate());
        }
    }

    private void add(Key key, Amounts amounts) {
        Amounts sum = changes.getOrDefault(key, Amounts.ZERO).plus(amounts);
        if (sum.isZero()) {
            changes.remove(key);
        } else {
            changes.put(key, sum);
        }
    }

    /** Overlapping or touching ranges merged, in date order. */
    static List<DateRange> union(List<DateRange> ranges) {
        List<DateRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(DateRange::from));
        List<DateRange> merged = new ArrayList<>();
        DateRange current = null;
        for (DateRange range : sorted) {
            if (current != null && !range.from().isAfter(current.to())) {
                current = new DateRange(current.from(), range.to().isAfter(current.to()) ? range.to() : current.to());
            } else {
                if (current != null) {
                    merged.add(current);
                }
                current = range;
            }
        }
        if (current != null) {
            merged.add(current);
        }
        return merged;
    }
}
