package io.partnerhub.analytics.repository;

import io.partnerhub.analytics.Line;
import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.Ratio;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The low-allocation and overage lines of a partner at a date ({@code line_set}), computed from every live line's
 * value at that date and kept while the partner's data version is unchanged.
 */
@ApplicationScoped
public class LineSetStore {

    public enum Kind { LOW, OVER }

    /** Sets are kept for this many dates per partner (the most recently computed), however many dates are asked for. */
    static final int DATES_KEPT = 16;

    /** A live line with its value at the date. */
    public record Valued(Line line, int assigned, int used) {
    }

    /** A line of a set as stored, ordered by {@code sortKey} then subscription id. */
    public record Member(Kind kind, Product product, BigDecimal sortKey, String subscriptionId, UUID customerId, int purchased,
                         int assigned, int used) {
    }

    /** The median of one product's eligible lines at the date (null median without any). */
    public record ProductMedian(Product product, int eligible, Ratio median) {
    }

    /** Over one set of lines: distinct customers and the sums of its lines. */
    public record Totals(long customers, long purchased, long assigned, long used, long available, long overage) {

        public static Totals of(List<Member> members) {
            java.util.Set<UUID> customers = new java.util.HashSet<>();
            long purchased = 0;
            long assigned = 0;
            long used = 0;
            long available = 0;
            long overage = 0;
            for (Member m : members) {
                customers.add(m.customerId());
                purchased += m.purchased();
                assigned += m.assigned();
                used += m.used();
                available += Math.max(m.purchased() - (long) m.assigned(), 0);
                overage += Math.max(m.assigned() - (long) m.purchased(), 0);
            }
            return new Totals(customers.size(), purchased, assigned, used, available, overage);
        }
    }

    /** What is stored for one product at a date: its median, and the whole portfolio's totals of its sets. */
    public record ProductSets(ProductMedian median, Totals low, Totals over, long allLowCustomers, long allOverCustomers) {
    }

    /** A member of a page with what its row shows besides the stored values. */
    public record PageMember(Member member, Line line, String customerName) {
    }

    private final Pool pool;

    public LineSetStore(Pool pool) {
        this.pool = pool;
    }

    /** Whether both products' sets at asOf were computed at this data version. */
    public Uni<Boolean> current(SqlClient client, String partnerOrgId, LocalDate asOf, long dataVersion) {
        return client.preparedQuery("select count(*) from line_set_state where partner_org_id = $1 and as_of = $2 and data_version = $3")
                .execute(Tuple.of(partnerOrgId, asOf, dataVersion))
                .map(rows -> rows.iterator().next().getLong(0) == Product.values().length);
    }

    /** One computation of a partner's sets at a time (replicas included). */
    public Uni<Void> lock(SqlConnection connection, String partnerOrgId, LocalDate asOf) {
        return connection.preparedQuery("select pg_advisory_xact_lock(hashtextextended('line_set/' || $1 || '/' || $2, 0))")
                .execute(Tuple.of(partnerOrgId, asOf.toString())).replaceWithVoid();
    }

    public Uni<Long> dataVersion(SqlConnection connection, String partnerOrgId) {
        return connection.preparedQuery("select data_version from partner_state where partner_org_id = $1")
                .execute(Tuple.of(partnerOrgId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
    }

    /**
     * Every line live at asOf of the partner's not deleted customers, with its value at asOf: the line's latest
     * snapshot when it is not after asOf (no lookup), otherwise the latest on or before asOf.
     */
    public Uni<List<Valued>> liveAt(SqlConnection connection, String partnerOrgId, LocalDate asOf) {
        return connection.preparedQuery("""
                        select l.subscription_id, l.product, l.customer_id, l.trial, l.status, l.start_date, l.end_date, l.auto_renew,
                               l.purchased,
                               case when l.last_day <= $2 then l.last_assigned else coalesce(v.assigned, 0) end,
                               case when l.last_day <= $2 then l.last_used else coalesce(v.used, 0) end
                          from subscription_line l
                          left join lateral (select s.assigned, s.used from license_snapshot s
                                              where l.last_day > $2 and s.partner_org_id = l.partner_org_id
                                                and s.subscription_id = l.subscription_id and s.product = l.product and s.day <= $2
                                              order by s.day desc limit 1) v on true
                         where l.partner_org_id = $1 and l.live and l.start_date <= $2 and l.end_date > $2
                           and not exists (select 1 from customer d where d.partner_org_id = $1 and d.customer_id = l.customer_id and d.deleted)""")
                .execute(Tuple.of(partnerOrgId, asOf))
                .map(rows -> {
                    List<Valued> lines = new ArrayList<>();
                    for (Row row : rows) {
                        lines.add(new Valued(ContributionStore.line(row), row.getInteger(9), row.getInteger(10)));
                    }
                    return lines;
                });
    }

    /**
     * Replaces the sets at asOf, and drops the partner's sets of other dates computed at an older data version or
     * beyond the {@link #DATES_KEPT} most recent.
     */
    public Uni<Void> replace(SqlConnection connection, String partnerOrgId, LocalDate asOf, long dataVersion,
                             List<ProductSets> sets, List<Member> members) {
        int n = members.size();
        String[] kinds = new String[n];
        String[] products = new String[n];
        BigDecimal[] keys = new BigDecimal[n];
        String[] subscriptions = new String[n];
        UUID[] customers = new UUID[n];
        Integer[] purchased = new Integer[n];
        Integer[] assigned = new Integer[n];
        Integer[] used = new Integer[n];
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            kinds[i] = m.kind().name();
            products[i] = m.product().name();
            keys[i] = m.sortKey();
            subscriptions[i] = m.subscriptionId();
            customers[i] = m.customerId();
            purchased[i] = m.purchased();
            assigned[i] = m.assigned();
            used[i] = m.used();
        }
        List<Tuple> states = sets.stream().map(p -> Tuple.tuple().addString(partnerOrgId).addLocalDate(asOf)
                .addString(p.median().product().name()).addLong(dataVersion).addInteger(p.median().eligible())
                .addBigDecimal(p.median().median() == null ? null : new BigDecimal(p.median().median().numerator()))
                .addBigDecimal(p.median().median() == null ? null : new BigDecimal(p.median().median().denominator()))
                .addInteger((int) p.low().customers()).addLong(p.low().purchased()).addLong(p.low().assigned())
                .addLong(p.low().used()).addLong(p.low().available()).addInteger((int) p.over().customers())
                .addLong(p.over().overage()).addInteger((int) p.allLowCustomers()).addInteger((int) p.allOverCustomers())).toList();
        return connection.preparedQuery("""
                        delete from line_set s using line_set_state t
                         where s.partner_org_id = $1 and t.partner_org_id = $1 and s.as_of = t.as_of and s.product = t.product
                           and (t.as_of = $2 or t.data_version < $3)""")
                .execute(Tuple.of(partnerOrgId, asOf, dataVersion))
                .chain(() -> connection.preparedQuery("delete from line_set_state where partner_org_id = $1 and (as_of = $2 or data_version < $3)")
                        .execute(Tuple.of(partnerOrgId, asOf, dataVersion)))
                .chain(() -> connection.preparedQuery("""
                                insert into line_set_state (partner_org_id, as_of, product, data_version, eligible, median_num, median_den,
                                                            low_customers, low_purchased, low_assigned, low_used, low_available,
                                                            over_customers, over_overage, all_low_customers, all_over_customers)
                                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""").executeBatch(states))
                .chain(() -> n == 0 ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                                insert into line_set (partner_org_id, as_of, kind, product, sort_key, subscription_id, customer_id,
                                                      purchased, assigned, used)
                                select $1, $2, x.* from unnest($3::text[], $4::text[], $5::numeric[], $6::text[], $7::uuid[], $8::int[],
                                                               $9::int[], $10::int[])
                                   as x(kind, product, sort_key, subscription_id, customer_id, purchased, assigned, used)""")
                        .execute(Tuple.tuple().addString(partnerOrgId).addLocalDate(asOf).addArrayOfString(kinds)
                                .addArrayOfString(products).addArrayOfBigDecimal(keys).addArrayOfString(subscriptions)
                                .addArrayOfUUID(customers).addArrayOfInteger(purchased).addArrayOfInteger(assigned)
                                .addArrayOfInteger(used)).replaceWithVoid())
                .chain(() -> connection.preparedQuery("""
                                with kept as (select distinct as_of, computed_at from line_set_state where partner_org_id = $1
                                               order by computed_at desc limit $2),
                                sets as (delete from line_set where partner_org_id = $1 and as_of not in (select as_of from kept))
                                delete from line_set_state where partner_org_id = $1 and as_of not in (select as_of from kept)""")
                        .execute(Tuple.of(partnerOrgId, DATES_KEPT)).replaceWithVoid());
    }

    public Uni<Map<Product, ProductMedian>> medians(String partnerOrgId, LocalDate asOf) {
        return pool.preparedQuery("select product, eligible, median_num, median_den from line_set_state where partner_org_id = $1 and as_of = $2")
                .execute(Tuple.of(partnerOrgId, asOf))
                .map(rows -> {
                    Map<Product, ProductMedian> medians = new HashMap<>();
                    for (Row row : rows) {
                        Product product = Product.valueOf(row.getString(0));
                        BigDecimal num = row.getBigDecimal(2);
                        Ratio median = num == null ? null : new Ratio(num.toBigInteger(), row.getBigDecimal(3).toBigInteger());
                        medians.put(product, new ProductMedian(product, row.getInteger(1), median));
                    }
                    return medians;
                });
    }

    /** The number of distinct customers with a line in each kind of set, over both products. */
    public Uni<Map<Kind, Long>> customers(Viewer viewer, LocalDate asOf) {
        if (viewer.wholePortfolio()) {
            return pool.preparedQuery("""
                            select all_low_customers, all_over_customers from line_set_state
                             where partner_org_id = $1 and as_of = $2 limit 1""")
                    .execute(Tuple.of(viewer.partnerOrgId(), asOf))
                    .map(rows -> {
                        Map<Kind, Long> counts = new HashMap<>();
                        for (Row row : rows) {
                            counts.put(Kind.LOW, (long) row.getInteger(0));
                            counts.put(Kind.OVER, (long) row.getInteger(1));
                        }
                        return counts;
                    });
        }
        return pool.preparedQuery("""
                        select s.kind, count(distinct s.customer_id) from line_set s
                         where s.partner_org_id = $1 and s.as_of = $2 and %s group by s.kind""".formatted(viewer.condition("s.customer_id", 3)))
                .execute(params(viewer, Tuple.of(viewer.partnerOrgId(), asOf)))
                .map(rows -> {
                    Map<Kind, Long> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.put(Kind.valueOf(row.getString(0)), row.getLong(1));
                    }
                    return counts;
                });
    }

    public Uni<Totals> totals(Viewer viewer, LocalDate asOf, Product product, Kind kind) {
        if (viewer.wholePortfolio()) {
            return pool.preparedQuery("""
                            select low_customers, low_purchased, low_assigned, low_used, low_available, over_customers, over_overage
                              from line_set_state where partner_org_id = $1 and as_of = $2 and product = $3""")
                    .execute(Tuple.of(viewer.partnerOrgId(), asOf, product.name()))
                    .map(rows -> {
                        if (!rows.iterator().hasNext()) {
                            return new Totals(0, 0, 0, 0, 0, 0);
                        }
                        Row r = rows.iterator().next();
                        return kind == Kind.LOW
                                ? new Totals(r.getInteger(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), 0)
                                : new Totals(r.getInteger(5), 0, 0, 0, 0, r.getLong(6));
                    });
        }
        return pool.preparedQuery("""
                        select count(distinct s.customer_id), coalesce(sum(s.purchased), 0), coalesce(sum(s.assigned), 0),
                               coalesce(sum(s.used), 0), coalesce(sum(greatest(s.purchased - s.assigned, 0)), 0),
                               coalesce(sum(greatest(s.assigned - s.purchased, 0)), 0)
                          from line_set s
                         where s.partner_org_id = $1 and s.as_of = $2 and s.product = $3 and s.kind = $4 and %s"""
                        .formatted(viewer.condition("s.customer_id", 5)))
                .execute(params(viewer, Tuple.of(viewer.partnerOrgId(), asOf, product.name(), kind.name())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Totals(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
                });
    }

    /** Members after ({@code afterKey}, {@code afterId}) (null for the first page), up to {@code limit} or all when null. */
    public Uni<List<PageMember>> page(Viewer viewer, LocalDate asOf, Product product, Kind kind, BigDecimal afterKey,
                                      String afterId, Integer limit) {
        Tuple params = Tuple.tuple().addString(viewer.partnerOrgId()).addLocalDate(asOf).addString(product.name())
                .addString(kind.name()).addBigDecimal(afterKey).addString(afterId);
        return pool.preparedQuery("""
                        select l.subscription_id, l.product, l.customer_id, l.trial, l.status, l.start_date, l.end_date, l.auto_renew,
                               l.purchased, c.name, s.sort_key, s.purchased, s.assigned, s.used
                          from line_set s
                          join subscription_line l on l.partner_org_id = s.partner_org_id and l.subscription_id = s.subscription_id
                                                  and l.product = s.product
                          left join customer c on c.partner_org_id = s.partner_org_id and c.customer_id = s.customer_id
                         where s.partner_org_id = $1 and s.as_of = $2 and s.product = $3 and s.kind = $4
                           and ($5::numeric is null or (s.sort_key, s.subscription_id) > ($5, $6)) and %s
                         order by s.sort_key, s.subscription_id %s""".formatted(setCondition(viewer, 7),
                        limit == null ? "" : "limit " + limit))
                .execute(params(viewer, params))
                .map(rows -> {
                    List<PageMember> members = new ArrayList<>();
                    for (Row row : rows) {
                        Line line = ContributionStore.line(row);
                        members.add(new PageMember(new Member(kind, product, row.getBigDecimal(10), line.subscriptionId(),
                                line.customerId(), row.getInteger(11), row.getInteger(12), row.getInteger(13)), line, row.getString(9)));
                    }
                    return members;
                });
    }

    /** A set leaves deleted customers out when it is computed: only a partner-admin's rows need a condition. */
    private static String setCondition(Viewer viewer, int adminParam) {
        return viewer.wholePortfolio() ? "true" : viewer.condition("s.customer_id", adminParam);
    }

    private static Tuple params(Viewer viewer, Tuple params) {
        if (!viewer.wholePortfolio()) {
            params.addString(viewer.assignedTo());
        }
        return params;
    }

}
