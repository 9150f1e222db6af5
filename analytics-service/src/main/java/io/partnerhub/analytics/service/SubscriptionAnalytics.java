package io.partnerhub.analytics.service;

import io.partnerhub.analytics.AnalyticsDates;
import io.partnerhub.analytics.Contributions;
import io.partnerhub.analytics.Contributions.Amounts;
import io.partnerhub.analytics.Contributions.Figure;
import io.partnerhub.analytics.Contributions.Metric;
import io.partnerhub.analytics.Contributions.Scope;
import io.partnerhub.analytics.Line;
import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.UsageHistory;
import io.partnerhub.analytics.repository.ContributionStore;
import io.partnerhub.analytics.repository.FigureQueries;
import io.partnerhub.analytics.repository.FigureQueries.NamedLine;
import io.partnerhub.analytics.repository.FigureQueries.Table;
import io.partnerhub.analytics.repository.LineSetStore;
import io.partnerhub.analytics.repository.LineSetStore.Kind;
import io.partnerhub.analytics.repository.LineSetStore.PageMember;
import io.partnerhub.analytics.repository.Viewer;
import io.partnerhub.analytics.service.AnalyticsViews.EndingKpis;
import io.partnerhub.analytics.service.AnalyticsViews.ExpiringRow;
import io.partnerhub.analytics.service.AnalyticsViews.Kpis;
import io.partnerhub.analytics.service.AnalyticsViews.LowKpis;
import io.partnerhub.analytics.service.AnalyticsViews.LowRow;
import io.partnerhub.analytics.service.AnalyticsViews.OverageKpis;
import io.partnerhub.analytics.service.AnalyticsViews.OverageRow;
import io.partnerhub.analytics.service.AnalyticsViews.RecentKpis;
import io.partnerhub.analytics.service.AnalyticsViews.RecentRow;
import io.partnerhub.analytics.service.AnalyticsViews.RenewingRow;
import io.partnerhub.analytics.service.AnalyticsViews.Section;
import io.partnerhub.analytics.service.AnalyticsViews.Trend;
import io.partnerhub.analytics.service.AnalyticsViews.TrendPoint;
import io.partnerhub.platform.runtime.numbers.Rounding;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscription KPIs and the six sections. Figures of a partner's whole portfolio come from its sums by date;
 * a partner-admin's from the contributions of their own customers, computed by the same rules at read time. Tables
 * list lines in SQL and take each row's values from the line's snapshots.
 */
@ApplicationScoped
public class SubscriptionAnalytics {

    private final FigureQueries queries;
    private final ContributionStore contributions;
    private final LineSets lineSets;
    private final LineSetStore lineSetStore;
    private final Pool pool;

    public SubscriptionAnalytics(FigureQueries queries, ContributionStore contributions, LineSets lineSets,
                                 LineSetStore lineSetStore, Pool pool) {
        this.queries = queries;
        this.contributions = contributions;
        this.lineSets = lineSets;
        this.lineSetStore = lineSetStore;
        this.pool = pool;
    }

    public Uni<Kpis> kpis(Viewer viewer, LocalDate asOf) {
        return queries.state(viewer.partnerOrgId()).chain(state -> figures(viewer, asOf)
                .chain(figures -> lineSets.ensure(viewer.partnerOrgId(), asOf)
                        .chain(() -> lineSetStore.customers(viewer, asOf))
                        .map(sets -> new Kpis(asOf, state.freshAt(), customers(figures, Scope.ALL, Metric.LIVE),
                                customers(figures, Scope.ALL, Metric.EXPIRING), customers(figures, Scope.ALL, Metric.RENEWING),
                                sets.getOrDefault(Kind.LOW, 0L), sets.getOrDefault(Kind.OVER, 0L)))));
    }

    public Uni<Trend> trend(Viewer viewer, Product product, LocalDate asOf, int weeks) {
        List<LocalDate> ends = AnalyticsDates.weekEnds(asOf, weeks);
        Scope scope = Scope.of(product);
        Uni<Map<LocalDate, Amounts>> live;
        if (viewer.wholePortfolio()) {
            live = queries.partnerLiveAt(viewer.partnerOrgId(), scope, ends);
        } else {
            live = ownContributions(viewer).map(own -> {
                Map<LocalDate, Amounts> byDate = new java.util.HashMap<>();
                for (LocalDate end : ends) {
                    byDate.put(end, own.at(end).getOrDefault(new Figure(scope, Metric.LIVE), Amounts.ZERO));
                }
                return byDate;
            });
        }
        return queries.state(viewer.partnerOrgId()).chain(state -> live.map(byDate -> new Trend(product.name(), asOf, state.freshAt(),
                ends.stream().map(end -> {
                    Amounts a = byDate.getOrDefault(end, Amounts.ZERO);
                    return new TrendPoint(end, a.purchased(), a.assigned(), a.used());
                }).toList())));
    }

    public Uni<Section<RecentKpis, RecentRow>> recentlyAdded(Viewer viewer, Product product, LocalDate asOf, TablePage page) {
        return section(viewer, product, asOf, Metric.RECENT, a -> new RecentKpis(a.customers(), a.purchased()), Table.RECENT, page,
                (line, usage) -> {
                    UsageHistory.Value now = usage.at(asOf);
                    UsageHistory.Value weekBefore = usage.at(asOf.minusDays(AnalyticsDates.WEEK_DAYS));
                    Line l = line.line();
                    return new RecentRow(l.customerId().toString(), line.customerName(), l.subscriptionId(), l.trial(),
                            AnalyticsDates.days(l.start(), asOf), l.purchased(), now.used(), now.assigned(),
                            available(l.purchased(), now.assigned()), now.assigned() - weekBefore.assigned(),
                            now.used() - weekBefore.used());
                });
    }

    public Uni<Section<EndingKpis, ExpiringRow>> expiring(Viewer viewer, Product product, LocalDate asOf, TablePage page) {
        return section(viewer, product, asOf, Metric.EXPIRING, SubscriptionAnalytics::endingKpis, Table.EXPIRING, page,
                (line, usage) -> {
                    UsageHistory.Value now = usage.at(asOf);
                    Line l = line.line();
                    return new ExpiringRow(l.customerId().toString(), line.customerName(), l.subscriptionId(), l.trial(),
                            AnalyticsDates.days(asOf, l.end()), l.purchased(), now.used(), now.assigned(),
                            available(l.purchased(), now.assigned()), AnalyticsDates.usageLast3Months(usage, asOf));
                });
    }

    public Uni<Section<EndingKpis, RenewingRow>> renewing(Viewer viewer, Product product, LocalDate asOf, TablePage page) {
        return section(viewer, product, asOf, Metric.RENEWING, SubscriptionAnalytics::endingKpis, Table.RENEWING, page,
                (line, usage) -> {
                    UsageHistory.Value now = usage.at(asOf);
                    Line l = line.line();
                    return new RenewingRow(l.customerId().toString(), line.customerName(), l.subscriptionId(), l.trial(),
                            AnalyticsDates.days(asOf, l.end()), l.purchased(), now.used(), now.assigned(),
                            available(l.purchased(), now.assigned()), AnalyticsDates.usageLast3Months(usage, asOf));
                });
    }

    public Uni<Section<LowKpis, LowRow>> lowAllocation(Viewer viewer, Product product, LocalDate asOf, TablePage page) {
        return setSection(viewer, product, asOf, Kind.LOW, page,
                totals -> lineSetStore.medians(viewer.partnerOrgId(), asOf).map(medians -> {
                    LineSetStore.ProductMedian median = medians.get(product);
                    return new LowKpis(totals.customers(), Rounding.percent(totals.assigned(), totals.purchased()),
                            Rounding.percent(totals.used(), totals.assigned()), totals.available(),
                            median == null || median.median() == null ? null : median.median().percent());
                }),
                (m, usage) -> {
                    Line l = m.line();
                    int assigned = m.member().assigned();
                    int weekBefore = usage.at(asOf.minusDays(AnalyticsDates.WEEK_DAYS)).assigned();
                    return new LowRow(l.customerId().toString(), m.customerName(), l.subscriptionId(), l.trial(),
                            AnalyticsDates.months(l.start(), asOf), assigned, Rounding.percent(assigned, l.purchased()),
                            l.purchased(), m.member().used(), available(l.purchased(), assigned), assigned - weekBefore);
                });
    }

    public Uni<Section<OverageKpis, OverageRow>> overage(Viewer viewer, Product product, LocalDate asOf, TablePage page) {
        return setSection(viewer, product, asOf, Kind.OVER, page,
                totals -> Uni.createFrom().item(new OverageKpis(totals.customers(), totals.overage(),
                        Rounding.ratio(totals.overage(), totals.customers()))),
                (m, usage) -> {
                    Line l = m.line();
                    int assigned = m.member().assigned();
                    int used = m.member().used();
                    return new OverageRow(l.customerId().toString(), m.customerName(), l.subscriptionId(), l.trial(),
                            AnalyticsDates.months(asOf, l.end()), l.autoRenew(), l.purchased(), assigned,
                            Rounding.percent(assigned, l.purchased()), used, Rounding.percent(used, l.purchased()),
                            assigned - (long) l.purchased());
                });
    }

    @FunctionalInterface
    interface RowOf<L, R> {
        R row(L line, UsageHistory usage);
    }

    private <K, R> Uni<Section<K, R>> section(Viewer viewer, Product product, LocalDate asOf, Metric metric,
                                              Function<Amounts, K> kpis, Table table, TablePage page,
                                              RowOf<NamedLine, R> rowOf) {
        Figure figure = new Figure(Scope.of(product), metric);
        return queries.state(viewer.partnerOrgId()).chain(state -> figures(viewer, asOf)
                .chain(figures -> queries.table(table, viewer, product, asOf, page.afterDate(), page.afterId(), page.fetch())
                        .chain(lines -> {
                            TablePage.Cut<NamedLine> cut = page.cut(lines,
                                    l -> Cursor.of(table.sortDate(l.line()).toString(), l.line().subscriptionId()));
                            return queries.histories(viewer.partnerOrgId(), product,
                                            cut.items().stream().map(l -> l.line().subscriptionId()).toList())
                                    .map(histories -> new Section<>(product.name(), asOf, state.freshAt(),
                                            kpis.apply(figures.getOrDefault(figure, Amounts.ZERO)),
                                            rows(cut.items(), l -> l.line().subscriptionId(), histories, rowOf), cut.nextCursor()));
                        })));
    }

    private <K, R> Uni<Section<K, R>> setSection(Viewer viewer, Product product, LocalDate asOf, Kind kind, TablePage page,
                                                 Function<LineSetStore.Totals, Uni<K>> kpis, RowOf<PageMember, R> rowOf) {
        return queries.state(viewer.partnerOrgId()).chain(state -> lineSets.ensure(viewer.partnerOrgId(), asOf)
                .chain(() -> lineSetStore.totals(viewer, asOf, product, kind))
                .chain(totals -> kpis.apply(totals))
                .chain(k -> lineSetStore.page(viewer, asOf, product, kind, page.afterKey(), page.afterId(), page.fetch())
                        .chain(members -> {
                            TablePage.Cut<PageMember> cut = page.cut(members,
                                    m -> Cursor.of(m.member().sortKey().toPlainString(), m.member().subscriptionId()));
                            return queries.histories(viewer.partnerOrgId(), product,
                                            cut.items().stream().map(m -> m.member().subscriptionId()).toList())
                                    .map(histories -> new Section<>(product.name(), asOf, state.freshAt(), k,
                                            rows(cut.items(), m -> m.member().subscriptionId(), histories, rowOf), cut.nextCursor()));
                        })));
    }

    private static <L, R> List<R> rows(List<L> lines, Function<L, String> idOf, Map<String, UsageHistory> histories, RowOf<L, R> rowOf) {
        List<R> rows = new ArrayList<>(lines.size());
        for (L line : lines) {
            rows.add(rowOf.row(line, histories.getOrDefault(idOf.apply(line), UsageHistory.EMPTY)));
        }
        return rows;
    }

    /** The viewer's figures at asOf: the partner's sums, or the sum of a partner-admin's own customers' contributions. */
    private Uni<Map<Figure, Amounts>> figures(Viewer viewer, LocalDate asOf) {
        if (viewer.wholePortfolio()) {
            return queries.partnerFigures(viewer.partnerOrgId(), asOf);
        }
        return ownContributions(viewer).map(own -> own.at(asOf));
    }

    private Uni<Contributions> ownContributions(Viewer viewer) {
        return queries.customersOf(viewer.partnerOrgId(), viewer.assignedTo())
                .chain(customers -> customers.isEmpty() ? Uni.createFrom().item(Map.<java.util.UUID, List<Contributions.LineHistory>>of())
                        : contributions.histories(pool, viewer.partnerOrgId(), customers))
                .map(histories -> {
                    Contributions sum = Contributions.none();
                    histories.values().forEach(lines -> sum.addAll(Contributions.of(lines)));
                    return sum;
                });
    }

    private static EndingKpis endingKpis(Amounts a) {
        return new EndingKpis(a.customers(), Rounding.percent(a.assigned(), a.purchased()), Rounding.percent(a.used(), a.purchased()));
    }

    private static long customers(Map<Figure, Amounts> figures, Scope scope, Metric metric) {
        return figures.getOrDefault(new Figure(scope, metric), Amounts.ZERO).customers();
    }

    private static long available(int purchased, int assigned) {
        return Math.max(purchased - (long) assigned, 0);
    }
}
