package io.partnerhub.analytics.service;

import io.partnerhub.analytics.Median;
import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.Ratio;
import io.partnerhub.analytics.config.AnalyticsConfig;
import io.partnerhub.analytics.repository.LineSetStore;
import io.partnerhub.analytics.repository.LineSetStore.Kind;
import io.partnerhub.analytics.repository.LineSetStore.Member;
import io.partnerhub.analytics.repository.LineSetStore.ProductMedian;
import io.partnerhub.analytics.repository.LineSetStore.Valued;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The low-allocation and overage lines at a date. Both need every live line's value at that date (and the median
 * of all eligible lines), so they are computed on the first read after a change of the partner's data and kept for
 * the reads that follow.
 */
@ApplicationScoped
public class LineSets {

    /** Decimal places of a ratio as a sort key: distinct ratios of whole numbers below 2^31 stay distinct. */
    private static final int RATIO_SCALE = 20;

    private final Pool pool;
    private final LineSetStore store;
    private final Ratio factor;

    public LineSets(Pool pool, LineSetStore store, AnalyticsConfig config) {
        this.pool = pool;
        this.store = store;
        this.factor = Ratio.of(config.lowAllocationFactor());
    }

    /** Makes sure the partner's sets at asOf are current. */
    public Uni<Void> ensure(String partnerOrgId, LocalDate asOf) {
        return pool.withConnection(c -> store.dataVersion(c, partnerOrgId)
                        .chain(version -> store.current(c, partnerOrgId, asOf, version)))
                .chain(current -> current ? Uni.createFrom().voidItem() : compute(partnerOrgId, asOf));
    }

    private Uni<Void> compute(String partnerOrgId, LocalDate asOf) {
        return pool.withTransaction(c -> store.lock(c, partnerOrgId, asOf)
                .chain(() -> store.dataVersion(c, partnerOrgId))
                .chain(version -> store.current(c, partnerOrgId, asOf, version).chain(current -> current ? Uni.createFrom().voidItem()
                        : store.liveAt(c, partnerOrgId, asOf).chain(lines -> {
                            List<ProductMedian> medians = new ArrayList<>();
                            List<Member> members = new ArrayList<>();
                            for (Product product : Product.values()) {
                                select(product, asOf, lines, medians, members);
                            }
                            return store.replace(c, partnerOrgId, asOf, version, totals(medians, members), members);
                        }))));
    }

    /** One product's median and its low and over lines. */
    void select(Product product, LocalDate asOf, List<Valued> lines, List<ProductMedian> medians, List<Member> members) {
        List<Valued> eligible = new ArrayList<>();
        List<Ratio> ratios = new ArrayList<>();
        for (Valued v : lines) {
            if (v.line().product() != product || !v.line().liveAt(asOf)) {
                continue;
            }
            if (v.assigned() > v.line().purchased()) {
                members.add(member(Kind.OVER, v, BigDecimal.valueOf(v.line().purchased() - (long) v.assigned())));
            }
            if (v.line().allocationEligibleAt(asOf)) {
                eligible.add(v);
                ratios.add(Ratio.of(v.assigned(), v.line().purchased()));
            }
        }
        Ratio median = Median.of(ratios).orElse(null);
        medians.add(new ProductMedian(product, eligible.size(), median));
        if (median == null) {
            return;
        }
        Ratio threshold = Median.threshold(median, factor);
        for (Valued v : eligible) {
            if (Median.isLow(v.assigned(), v.line().purchased(), threshold)) {
                members.add(member(Kind.LOW, v, BigDecimal.valueOf(v.assigned())
                        .divide(BigDecimal.valueOf(v.line().purchased()), RATIO_SCALE, RoundingMode.DOWN)));
            }
        }
    }

    /** The whole portfolio's totals of each product's sets, and its customers in each kind over both products. */
    static List<LineSetStore.ProductSets> totals(List<ProductMedian> medians, List<Member> members) {
        long allLow = members.stream().filter(m -> m.kind() == Kind.LOW).map(Member::customerId).distinct().count();
        long allOver = members.stream().filter(m -> m.kind() == Kind.OVER).map(Member::customerId).distinct().count();
        List<LineSetStore.ProductSets> products = new ArrayList<>();
        for (ProductMedian median : medians) {
            products.add(new LineSetStore.ProductSets(median,
                    LineSetStore.Totals.of(members.stream().filter(m -> m.product() == median.product() && m.kind() == Kind.LOW).toList()),
                    LineSetStore.Totals.of(members.stream().filter(m -> m.product() == median.product() && m.kind() == Kind.OVER).toList()),
                    allLow, allOver));
        }
        return products;
    }

    private static Member member(Kind kind, Valued v, BigDecimal sortKey) {
        return new Member(kind, v.line().product(), sortKey, v.line().subscriptionId(), v.line().customerId(),
                v.line().purchased(), v.assigned(), v.used());
    }
}
