package io.partnerhub.analytics.repository;

import io.partnerhub.analytics.Line;
import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.mapping.AnalyticsEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes of the subscription read model, each one statement on the caller's connection and transaction. The
 * analytics tables are written and read through the reactive pool (statements bind whole arrays); the customer
 * table is the platform's {@code CustomerScope}.
 */
@ApplicationScoped
public class ReadModelWriter {

    /** @return the ids of these events not processed by {@code consumer} before (now recorded as processed) */
    public Uni<Set<String>> firstTime(SqlConnection connection, String consumer, List<String> eventIds) {
        return connection.preparedQuery("""
                        insert into processed_event (consumer, event_id) select $1, unnest($2::text[])
                        on conflict do nothing returning event_id""")
                .execute(Tuple.of(consumer, eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getString(0));
                    }
                    return fresh;
                });
    }

    /**
     * Stores a subscription's state and replaces its lines when the event's version is newer than the stored one.
     *
     * @return the customers whose figures may change: the event's, and the one stored before if it was another
     */
    public Uni<List<UUID>> subscription(SqlConnection connection, AnalyticsEvent.SubscriptionChanged s) {
        List<String> products = new ArrayList<>();
        List<Integer> purchased = new ArrayList<>();
        for (Map.Entry<Product, Integer> line : s.purchased().entrySet()) {
            products.add(line.getKey().name());
            purchased.add(line.getValue());
        }
        Tuple params = Tuple.tuple()
                .addString(s.partnerOrgId()).addString(s.subscriptionId()).addUUID(s.customerId()).addLong(s.version())
                .addBoolean(s.trial()).addString(s.status()).addBoolean(Line.liveStatus(s.trial(), s.status()))
                .addLocalDate(s.start()).addLocalDate(s.end()).addBoolean(s.autoRenew())
                .addArrayOfString(products.toArray(String[]::new)).addArrayOfInteger(purchased.toArray(Integer[]::new));
        return connection.preparedQuery("""
                        with old as (select customer_id from subscription where partner_org_id = $1 and subscription_id = $2),
                        up as (
                            insert into subscription (partner_org_id, subscription_id, customer_id, version) values ($1, $2, $3, $4)
                            on conflict (partner_org_id, subscription_id) do update
                               set customer_id = excluded.customer_id, version = excluded.version
                             where subscription.version < excluded.version
                            returning 1),
                        lines as (
                            insert into subscription_line (partner_org_id, subscription_id, product, customer_id, trial, status, live,
                                                           start_date, end_date, auto_renew, purchased, last_day, last_assigned, last_used)
                            select $1, $2, x.product, $3, $5, $6, $7, $8, $9, $10, x.purchased, v.day, v.assigned, v.used
                              from unnest($11::text[], $12::int[]) as x(product, purchased)
                              left join lateral (select s.day, s.assigned, s.used from license_snapshot s
                                                  where s.partner_org_id = $1 and s.subscription_id = $2 and s.product = x.product
                                                  order by s.day desc limit 1) v on true
                             where exists (select 1 from up)
                            on conflict (partner_org_id, subscription_id, product) do update
                               set customer_id = excluded.customer_id, trial = excluded.trial, status = excluded.status,
                                   live = excluded.live, start_date = excluded.start_date, end_date = excluded.end_date,
                                   auto_renew = excluded.auto_renew, purchased = excluded.purchased
                            returning 1),
                        gone as (
                            delete from subscription_line
                             where partner_org_id = $1 and subscription_id = $2 and product <> all($11::text[])
                               and exists (select 1 from up)
                            returning 1)
                        select exists (select 1 from up), (select customer_id from old)""")
                .execute(params)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    List<UUID> customers = new ArrayList<>();
                    if (row.getBoolean(0)) {
                        customers.add(s.customerId());
                        UUID before = row.getUUID(1);
                        if (before != null && !before.equals(s.customerId())) {
                            customers.add(before);
                        }
                    }
                    return customers;
                });
    }

    /**
     * Stores dated license values; a date already stored keeps the later write (event time, then event id).
     *
     * @return the customers whose figures may change: the event's, and the subscription's if it is known as another's
     */
    public Uni<List<UUID>> snapshots(SqlConnection connection, AnalyticsEvent.UsageRecorded u) {
        int n = u.snapshots().size();
        String[] products = new String[n];
        LocalDate[] days = new LocalDate[n];
        Integer[] assigned = new Integer[n];
        Integer[] used = new Integer[n];
        for (int i = 0; i < n; i++) {
            AnalyticsEvent.Snapshot s = u.snapshots().get(i);
            products[i] = s.product().name();
            days[i] = s.day();
            assigned[i] = s.assigned();
            used[i] = s.used();
        }
        Tuple params = Tuple.tuple().addString(u.partnerOrgId()).addString(u.subscriptionId())
                .addOffsetDateTime(OffsetDateTime.ofInstant(u.time(), ZoneOffset.UTC)).addString(u.eventId())
                .addArrayOfString(products).addArrayOfLocalDate(days).addArrayOfInteger(assigned).addArrayOfInteger(used);
        return connection.preparedQuery("""
                        with stored as (
                            insert into license_snapshot (partner_org_id, subscription_id, product, day, assigned, used, recorded_at, event_id)
                            select $1, $2, x.product, x.day, x.assigned, x.used, $3, $4
                              from unnest($5::text[], $6::date[], $7::int[], $8::int[]) as x(product, day, assigned, used)
                            on conflict (partner_org_id, subscription_id, product, day) do update
                               set assigned = excluded.assigned, used = excluded.used, recorded_at = excluded.recorded_at,
                                   event_id = excluded.event_id
                             where (license_snapshot.recorded_at, license_snapshot.event_id) < (excluded.recorded_at, excluded.event_id)
                            returning 1)
                        select (select count(*) from stored), (select customer_id from subscription where partner_org_id = $1 and subscription_id = $2)""")
                .execute(params)
                .call(rows -> rows.iterator().next().getLong(0) == 0 ? Uni.createFrom().voidItem() : latest(connection, u, products))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    List<UUID> customers = new ArrayList<>();
                    if (row.getLong(0) > 0) {
                        customers.add(u.customerId());
                        UUID owner = row.getUUID(1);
                        if (owner != null && !owner.equals(u.customerId())) {
                            customers.add(owner);
                        }
                    }
                    return customers;
                });
    }

    /** Each line's latest snapshot, after snapshots of it were stored. */
    private static Uni<Void> latest(SqlConnection connection, AnalyticsEvent.UsageRecorded u, String[] products) {
        return connection.preparedQuery("""
                        update subscription_line l set last_day = v.day, last_assigned = v.assigned, last_used = v.used
                          from (select distinct on (product) product, day, assigned, used from license_snapshot
                                 where partner_org_id = $1 and subscription_id = $2 and product = any($3::text[])
                                 order by product, day desc) v
                         where l.partner_org_id = $1 and l.subscription_id = $2 and l.product = v.product""")
                .execute(Tuple.of(u.partnerOrgId(), u.subscriptionId(), products))
                .replaceWithVoid();
    }

    /**
     * Marks customers for a new computation of their contributions, in the change's transaction. Taking the row lock
     * (an update on conflict) makes a recompute that clears the mark meanwhile wait for this transaction, so it
     * reads the change.
     */
    public Uni<Void> markDirty(SqlConnection connection, Collection<CustomerKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CustomerKey> sorted = keys.stream().distinct().sorted(CustomerKey.ORDER).toList();
        return connection.preparedQuery("""
                        insert into dirty_customer (partner_org_id, customer_id)
                        select * from unnest($1::text[], $2::uuid[])
                        on conflict (partner_org_id, customer_id) do update set marked_at = now()""")
                .execute(Tuple.of(sorted.stream().map(CustomerKey::partnerOrgId).toArray(String[]::new),
                        sorted.stream().map(CustomerKey::customerId).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** The partner's data changed: line sets computed before are stale; {@code freshAt} is the newest event applied. */
    public Uni<Void> changed(SqlConnection connection, String partnerOrgId, Instant freshAt) {
        return connection.preparedQuery("""
                        insert into partner_state (partner_org_id, data_version, fresh_at) values ($1, 1, $2)
                        on conflict (partner_org_id) do update
                           set data_version = partner_state.data_version + 1,
                               fresh_at = greatest(partner_state.fresh_at, excluded.fresh_at)""")
                .execute(Tuple.of(partnerOrgId, OffsetDateTime.ofInstant(freshAt, ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
