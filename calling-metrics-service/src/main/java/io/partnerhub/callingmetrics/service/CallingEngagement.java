package io.partnerhub.callingmetrics.service;

import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.partnerhub.platform.runtime.numbers.Rounding;
import io.partnerhub.callingmetrics.UsageBucket;
import io.partnerhub.callingmetrics.Week;
import io.partnerhub.callingmetrics.repository.AggregateQueries;
import io.partnerhub.callingmetrics.repository.AggregateQueries.Count;
import io.partnerhub.callingmetrics.repository.AggregateQueries.CustomerQueue;
import io.partnerhub.callingmetrics.repository.AggregateQueries.CustomerWeek;
import io.partnerhub.callingmetrics.repository.AggregateQueries.Scope;
import io.partnerhub.callingmetrics.repository.AggregateQueries.WeekTotals;
import io.partnerhub.callingmetrics.repository.Partners;
import io.partnerhub.callingmetrics.service.CallingViews.Buckets;
import io.partnerhub.callingmetrics.service.CallingViews.CustomerQuality;
import io.partnerhub.callingmetrics.service.CallingViews.CustomerQualityRow;
import io.partnerhub.callingmetrics.service.CallingViews.CustomerUsage;
import io.partnerhub.callingmetrics.service.CallingViews.CustomerUsageRow;
import io.partnerhub.callingmetrics.service.CallingViews.EndpointQuality;
import io.partnerhub.callingmetrics.service.CallingViews.EndpointQualityRow;
import io.partnerhub.callingmetrics.service.CallingViews.FeatureRow;
import io.partnerhub.callingmetrics.service.CallingViews.FeatureUsage;
import io.partnerhub.callingmetrics.service.CallingViews.QualityTrend;
import io.partnerhub.callingmetrics.service.CallingViews.QualityWeek;
import io.partnerhub.callingmetrics.service.CallingViews.QueueInsights;
import io.partnerhub.callingmetrics.service.CallingViews.QueueKpis;
import io.partnerhub.callingmetrics.service.CallingViews.QueueRow;
import io.partnerhub.callingmetrics.service.CallingViews.UsageWeek;
import io.partnerhub.callingmetrics.service.CallingViews.UserUsage;
import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.platform.runtime.security.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The calling engagement figures of docs/product-rules.md, from the weekly aggregates; the current week as of a day before its
 * Saturday counts only its records up to that day, read from its raw records when some start later.
 */
@ApplicationScoped
public class CallingEngagement {

    private final AggregateQueries queries;
    private final Partners partners;

    public CallingEngagement(AggregateQueries queries, Partners partners) {
        this.queries = queries;
        this.partners = partners;
    }

    /**
     * The actor's view: their partner (id -1 matches nothing when it has no record yet), their customers only for a
     * partner-admin, and the reference week only to date when it runs past asOf's day and some record of it that the
     * actor sees starts after that day (otherwise its aggregates are those figures, and cheaper to read).
     */
    private Uni<Scope> scope(Actor actor, LocalDate asOf, LocalDate week) {
        return partners.find(actor.partnerOrgId()).chain(id -> {
            Scope scope = new Scope(id == null ? -1 : id, actor.partnerOrgId(), CustomerScope.assignedTo(actor));
            if (!Week.endsAfter(week, asOf)) {
                return Uni.createFrom().item(scope);
            }
            Instant cut = Week.endOfDay(asOf);
            return queries.lastStartTime(scope, week)
                    .map(last -> last == null || last.isBefore(cut) ? scope : scope.upTo(week, cut));
        });
    }

    /** Users by usage trend: the 8 weeks (oldest first) and the HEAVY/REGULAR/LIGHT buckets of their users. */
    public Uni<UserUsage> userUsage(Actor actor, LocalDate asOf, Week.WeekChoice choice) {
        LocalDate week = Week.reference(asOf, choice);
        List<LocalDate> weeks = Week.trend(week);
        LocalDate from = weeks.get(0);
        return scope(actor, asOf, week).chain(scope -> queries.weekTotals(scope, from, week)
                .chain(totals -> queries.usersByActiveWeeks(scope, from, week).map(byWeeks -> {
                    Map<LocalDate, WeekTotals> byWeek = byWeek(totals);
                    List<UsageWeek> points = weeks.stream().map(w -> {
                        WeekTotals t = byWeek.get(w);
                        return new UsageWeek(w, t == null ? 0 : t.activeUsers(), t == null ? 0 : t.calls(),
                                Rounding.minutes(t == null ? 0 : t.durationSeconds()));
                    }).toList();
                    long[] buckets = new long[UsageBucket.values().length];
                    for (Count users : byWeeks) {
                        UsageBucket bucket = UsageBucket.of(Integer.parseInt(users.key()));
                        if (bucket != null) {
                            buckets[bucket.ordinal()] += users.calls();
                        }
                    }
                    return new UserUsage(asOf, week, freshest(totals), points, new Buckets(buckets[UsageBucket.HEAVY.ordinal()],
                            buckets[UsageBucket.REGULAR.ordinal()], buckets[UsageBucket.LIGHT.ordinal()]));
                })));
    }

    /** Customers &amp; usage: customers with a record in the week or the week before. */
    public Uni<CustomerUsage> customerUsage(Actor actor, LocalDate asOf, Week.WeekChoice choice, CustomerTablePage page) {
        LocalDate week = Week.reference(asOf, choice);
        return scope(actor, asOf, week).chain(scope -> queries.customerWeeks(scope, week.minusWeeks(1), week)).map(rows -> {
            List<CustomerUsageRow> items = new ArrayList<>();
            for (CustomerPair pair : pairs(rows, week)) {
                CustomerWeek now = pair.now();
                long calls = now == null ? 0 : now.calls();
                long users = now == null ? 0 : now.activeUsers();
                long before = pair.before() == null ? 0 : pair.before().calls();
                items.add(new CustomerUsageRow(pair.customerId().toString(), pair.name(), users, calls,
                        Rounding.minutes(now == null ? 0 : now.durationSeconds()), Rounding.ratio(calls, users),
                        Rounding.changePct(calls, before)));
            }
            CustomerTablePage.Result<CustomerUsageRow> cut = page.apply(items, CustomerUsageRow::customerName, CustomerUsageRow::customerId);
            return new CustomerUsage(asOf, week, freshestOf(rows), cut.items(), cut.nextCursor());
        });
    }

    /** Call quality per week of the 8. */
    public Uni<QualityTrend> qualityTrend(Actor actor, LocalDate asOf, Week.WeekChoice choice) {
        LocalDate week = Week.reference(asOf, choice);
        List<LocalDate> weeks = Week.trend(week);
        return scope(actor, asOf, week).chain(scope -> queries.weekTotals(scope, weeks.get(0), week)).map(totals -> {
            Map<LocalDate, WeekTotals> byWeek = byWeek(totals);
            List<QualityWeek> points = weeks.stream().map(w -> {
                WeekTotals t = byWeek.get(w);
                long calls = t == null ? 0 : t.calls();
                long poor = t == null ? 0 : t.poorCalls();
                return new QualityWeek(w, calls, poor, Rounding.percent(poor, calls));
            }).toList();
            return new QualityTrend(asOf, week, freshest(totals), points);
        });
    }

    /** Quality by endpoint type in the week: every type, in the order of the contract. */
    public Uni<EndpointQuality> endpointQuality(Actor actor, LocalDate asOf, Week.WeekChoice choice) {
        LocalDate week = Week.reference(asOf, choice);
        return scope(actor, asOf, week).chain(scope -> queries.endpointTotals(scope, week, week).chain(counts -> queries.lastIngestedAt(scope, week, week).map(fresh -> {
            Map<String, Count> byType = new HashMap<>();
            counts.forEach(count -> byType.put(count.key(), count));
            List<EndpointQualityRow> items = new ArrayList<>();
            for (EndpointType type : EndpointType.values()) {
                Count count = byType.get(type.name());
                long calls = count == null ? 0 : count.calls();
                long poor = count == null ? 0 : count.poorCalls();
                items.add(new EndpointQualityRow(type.name(), calls, poor, Rounding.percent(poor, calls)));
            }
            return new EndpointQuality(asOf, week, fresh, items);
        })));
    }

    /**
     * Customers &amp; call quality. {@code poorPctChange} is the difference of the two weeks' (rounded) poor
     * percentages in percentage points, so it matches the figures shown side by side.
     */
    public Uni<CustomerQuality> customerQuality(Actor actor, LocalDate asOf, Week.WeekChoice choice, CustomerTablePage page) {
        LocalDate week = Week.reference(asOf, choice);
        return scope(actor, asOf, week).chain(scope -> queries.customerWeeks(scope, week.minusWeeks(1), week)).map(rows -> {
            List<CustomerQualityRow> items = new ArrayList<>();
            for (CustomerPair pair : pairs(rows, week)) {
                long calls = pair.now() == null ? 0 : pair.now().calls();
                long poor = pair.now() == null ? 0 : pair.now().poorCalls();
                BigDecimal pct = Rounding.percent(poor, calls);
                BigDecimal change = null;
                if (pair.before() != null && pair.before().calls() > 0) {
                    change = pct.subtract(Rounding.percent(pair.before().poorCalls(), pair.before().calls()));
                }
                items.add(new CustomerQualityRow(pair.customerId().toString(), pair.name(), calls, poor, pct, change));
            }
            CustomerTablePage.Result<CustomerQualityRow> cut = page.apply(items, CustomerQualityRow::customerName, CustomerQualityRow::customerId);
            return new CustomerQuality(asOf, week, freshestOf(rows), cut.items(), cut.nextCursor());
        });
    }

    /** Advanced features in the week, over customers with call queues (a queued record in any of the 8 weeks). */
    public Uni<FeatureUsage> features(Actor actor, LocalDate asOf, Week.WeekChoice choice) {
        LocalDate week = Week.reference(asOf, choice);
        LocalDate from = Week.trend(week).get(0);
        return scope(actor, asOf, week).chain(scope -> queries.featureTotalsOfQueueCustomers(scope, from, week)
                .chain(counts -> queries.lastIngestedAt(scope, from, week).map(fresh -> {
                    Map<String, Long> byFeature = new HashMap<>();
                    counts.forEach(count -> byFeature.put(count.key(), count.calls()));
                    List<FeatureRow> items = new ArrayList<>();
                    for (Feature feature : Feature.values()) {
                        items.add(new FeatureRow(feature.name(), byFeature.getOrDefault(feature.name(), 0L)));
                    }
                    return new FeatureUsage(asOf, week, fresh, items);
                })));
    }

    /** Call queue KPIs over the week's queued records, and one row per customer with queued records. */
    public Uni<QueueInsights> queues(Actor actor, LocalDate asOf, Week.WeekChoice choice, CustomerTablePage page) {
        LocalDate week = Week.reference(asOf, choice);
        return scope(actor, asOf, week).chain(scope -> queries.customerQueues(scope, week, week).chain(rows -> queries.lastIngestedAt(scope, week, week).map(fresh -> {
            long queued = 0;
            long answered = 0;
            long abandoned = 0;
            BigDecimal answeredWait = BigDecimal.ZERO;
            BigDecimal abandonedWait = BigDecimal.ZERO;
            List<QueueRow> items = new ArrayList<>();
            for (CustomerQueue q : rows) {
                queued += q.queued();
                answered += q.answered();
                abandoned += q.abandoned();
                answeredWait = answeredWait.add(q.answeredWaitSum());
                abandonedWait = abandonedWait.add(q.abandonedWaitSum());
                items.add(new QueueRow(q.customerId().toString(), q.customerName(), q.queued(), q.answered(), q.abandoned(),
                        Rounding.percent(q.abandoned(), q.queued()), Rounding.average(q.answeredWaitSum(), q.answered()),
                        Rounding.average(q.abandonedWaitSum(), q.abandoned())));
            }
            QueueKpis kpis = new QueueKpis(Rounding.average(answeredWait, answered), Rounding.average(abandonedWait, abandoned),
                    Rounding.percent(abandoned, queued));
            CustomerTablePage.Result<QueueRow> cut = page.apply(items, QueueRow::customerName, QueueRow::customerId);
            return new QueueInsights(asOf, week, fresh, kpis, cut.items(), cut.nextCursor());
        })));
    }

    /** A customer's reference week and the week before (either may be missing). */
    record CustomerPair(UUID customerId, String name, CustomerWeek now, CustomerWeek before) {
    }

    private static List<CustomerPair> pairs(List<CustomerWeek> rows, LocalDate week) {
        Map<UUID, CustomerWeek[]> byCustomer = new LinkedHashMap<>();
        for (CustomerWeek row : rows) {
            CustomerWeek[] pair = byCustomer.computeIfAbsent(row.customerId(), id -> new CustomerWeek[2]);
            pair[row.weekStart().equals(week) ? 0 : 1] = row;
        }
        List<CustomerPair> pairs = new ArrayList<>();
        byCustomer.forEach((id, pair) -> {
            String name = pair[0] != null ? pair[0].customerName() : pair[1].customerName();
            pairs.add(new CustomerPair(id, name, pair[0], pair[1]));
        });
        return pairs;
    }

    private static Map<LocalDate, WeekTotals> byWeek(List<WeekTotals> totals) {
        Map<LocalDate, WeekTotals> byWeek = new HashMap<>();
        totals.forEach(t -> byWeek.put(t.weekStart(), t));
        return byWeek;
    }

    private static Instant freshest(List<WeekTotals> totals) {
        return totals.stream().map(WeekTotals::lastIngestedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private static Instant freshestOf(List<CustomerWeek> rows) {
        return rows.stream().map(CustomerWeek::lastIngestedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
