package io.partnerhub.customers.repository;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How a customer's statuses, subscription types and products are computed from the subscription summary (rules:
 * docs/product-rules.md, Statuses), and the stored copy of them for one day ({@code customer_status}, see
 * V8__customer_status.sql). Reads use a stored row when it is of the read's day and thresholds and compute the rest
 * live; so a stored row must change in the same transaction as anything it is computed from:
 * {@link #refresh(Mutiny.Session, UUID)} and {@link #refreshSubscription(Mutiny.Session, String, String)} do that for
 * the writes of customers-service, {@code CustomerStatusRefresh} recomputes every customer for a new day.
 * The two take an advisory lock of {@link #LOCK} (writes shared, each batch of the day's refresh exclusive), so a
 * batch never stores a row computed without a write that committed meanwhile; a write during the refresh stores its
 * customer's row for the day still recorded, and the refresh's last step recomputes those.
 */
public final class CustomerStatuses {

    /** The advisory lock between the writes' recomputations (shared) and the refresh for a new day (exclusive). */
    public static final long LOCK = 0x5048_4355_5354L;

    private CustomerStatuses() {
    }

    /**
     * {@code s.statuses}, {@code s.types} and {@code p.products} of the customer {@code c} at {@code asOf}, as two lateral
     * joins; the arguments are SQL expressions (a parameter or a column).
     */
    public static String computed(String asOf, String expiringSoonDays, String noRecentActivityDays) {
        String live = "(x.start_date <= " + asOf + " and " + asOf + " < coalesce(x.end_date, 'infinity'::date)"
                + " and x.status not in ('CANCELLED', 'CONVERTED'))";
        String ordered = "(x.status = 'ORDER_READY' and coalesce(x.end_date, 'infinity'::date) > " + asOf + ")";
        return """
                  cross join lateral (
                    select array_remove(array[
                        case when bool_or(%1$s and x.type = 'TRIAL') then 'TRIAL' end,
                        case when bool_or(%1$s and x.type = 'SUBSCRIPTION' and x.status = 'ACTIVE') then 'ACTIVE' end,
                        case when bool_or(%1$s and x.end_date > %3$s and x.end_date <= %3$s + %4$s and not x.auto_renew) then 'EXPIRING_SOON' end,
                        case when bool_or(%1$s and x.overage) then 'LICENSE_OVERAGE' end,
                        case when coalesce((select max(a.day) from customer_admin_activity a where a.customer_id = c.id and a.day <= %3$s),
                                           (c.created_at at time zone 'UTC')::date) <= %3$s - %5$s then 'NO_RECENT_ACTIVITY' end,
                        case when bool_or(%2$s) then 'ORDER_READY' end,
                        case when bool_or(%1$s and x.status = 'SUSPENDED') then 'SUSPENDED' end,
                        case when count(*) > 0 and not bool_or(%1$s) and not bool_or(%2$s)
                                  and bool_or(x.end_date <= %3$s or x.status = 'CANCELLED') then 'EXPIRED' end
                      ], null)::text[] as statuses,
                      coalesce(array_agg(distinct x.type) filter (where %1$s or %2$s), '{}')::text[] as types
                    from (
                      select ss.*, exists (
                               select 1 from subscription_line l
                                where l.partner_org_id = ss.partner_org_id and l.subscription_id = ss.subscription_id
                                  and coalesce((select ls.assigned from license_snapshot ls
                                                 where ls.partner_org_id = l.partner_org_id and ls.subscription_id = l.subscription_id
                                                   and ls.product = l.product and ls.day <= %3$s
                                                 order by ls.day desc limit 1), 0) > l.purchased) as overage
                        from subscription_summary ss
                       where ss.customer_id = c.id and ss.partner_org_id = c.partner_org_id
                    ) x
                  ) s
                  cross join lateral (
                    select coalesce(array_agg(distinct l.product order by l.product), '{}')::text[] as products
                      from subscription_summary x
                      join subscription_line l on l.partner_org_id = x.partner_org_id and l.subscription_id = x.subscription_id
                     where x.customer_id = c.id and x.partner_org_id = c.partner_org_id and (%1$s or %2$s)
                  ) p
                """.formatted(live, ordered, asOf, expiringSoonDays, noRecentActivityDays);
    }

    /**
     * Recomputes the stored rows of the customers matching {@code condition} (on {@code c}) for the day and thresholds
     * of {@code days} (a relation {@code d(day, expiring_soon_days, no_recent_activity_days)}).
     */
    static String refreshWhere(String days, String condition) {
        return "insert into customer_status (customer_id, day, expiring_soon_days, no_recent_activity_days, statuses, types, products)\n"
                + "select c.id, d.day, d.expiring_soon_days, d.no_recent_activity_days, s.statuses, s.types, p.products\n"
                + "  from " + days + " d\n  cross join customer c\n"
                + computed("d.day", "d.expiring_soon_days", "d.no_recent_activity_days")
                + " where not c.deleted and " + condition + "\n"
                + "on conflict (customer_id) do update set day = excluded.day, expiring_soon_days = excluded.expiring_soon_days,\n"
                + "    no_recent_activity_days = excluded.no_recent_activity_days, statuses = excluded.statuses,\n"
                + "    types = excluded.types, products = excluded.products";
    }

    private static final String GIVEN_DAY = "(select $1::date as day, $2::int as expiring_soon_days, $3::int as no_recent_activity_days)";

    /**
     * The next batch of customers (ids after {@code $4}, at most {@code $5}) at the day {@code $1} with thresholds
     * {@code $2}, {@code $3} (reactive client parameters); answers the batch's last id, no row when none was left.
     */
    public static final String REFRESH_BATCH = "with done as (" + refreshWhere(GIVEN_DAY,
            "c.id in (select b.id from customer b where not b.deleted and b.id > $4 order by b.id limit $5)")
            + "\nreturning customer_id) select customer_id from done order by customer_id desc limit 1";

    /** The customers without a row of the stored day: changed by a write while the day's batches ran, or created. */
    public static final String REFRESH_LAGGARDS = refreshWhere("customer_status_day",
            "c.id in (select b.id from customer b cross join customer_status_day bd"
                    + " left join customer_status r on r.customer_id = b.id and r.day = bd.day"
                    + " and r.expiring_soon_days = bd.expiring_soon_days and r.no_recent_activity_days = bd.no_recent_activity_days"
                    + " where not b.deleted and r.customer_id is null)");

    private static final String REFRESH_CUSTOMERS = refreshWhere("customer_status_day", "c.id in (?1)");

    private static final String REFRESH_SUBSCRIPTION = refreshWhere("customer_status_day",
            "c.id in (select ss.customer_id from subscription_summary ss where ss.partner_org_id = ?1 and ss.subscription_id = ?2)");

    private static final String SHARED_LOCK = "select 1 from pg_advisory_xact_lock_shared(" + LOCK + ")";

    /** Recomputes one customer's stored row in the session's transaction (after its pending changes are flushed). */
    public static Uni<Void> refresh(Mutiny.Session session, UUID customerId) {
        return refresh(session, java.util.List.of(customerId));
    }

    /** Recomputes several customers' stored rows in one statement, in the session's transaction (after a flush). */
    public static Uni<Void> refresh(Mutiny.Session session, java.util.List<UUID> customerIds) {
        return session.flush()
                .chain(() -> session.createNativeQuery(SHARED_LOCK).getSingleResult())
                .chain(() -> session.createNativeQuery(REFRESH_CUSTOMERS).setParameter(1, customerIds).executeUpdate())
                .replaceWithVoid();
    }

    /** Recomputes the stored row of the customer a subscription belongs to now, in the session's transaction. */
    public static Uni<Void> refreshSubscription(Mutiny.Session session, String partnerOrgId, String subscriptionId) {
        return session.flush()
                .chain(() -> session.createNativeQuery(SHARED_LOCK).getSingleResult())
                .chain(() -> session.createNativeQuery(REFRESH_SUBSCRIPTION).setParameter(1, partnerOrgId)
                        .setParameter(2, subscriptionId).executeUpdate())
                .replaceWithVoid();
    }
}
