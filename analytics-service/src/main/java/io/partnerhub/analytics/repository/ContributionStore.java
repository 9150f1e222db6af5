package io.partnerhub.analytics.repository;

import io.partnerhub.analytics.Contributions;
import io.partnerhub.analytics.Contributions.Amounts;
import io.partnerhub.analytics.Contributions.Key;
import io.partnerhub.analytics.Line;
import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.UsageHistory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Customers' lines with their snapshots, their stored contributions, and the partner's sums of them by date. */
@ApplicationScoped
public class ContributionStore {

    /** Serialises the recomputes of one customer (replicas included), keys locked in one order. */
    public Uni<Void> lock(SqlConnection connection, String partnerOrgId, List<UUID> customers) {
        return connection.preparedQuery("""
                        select pg_advisory_xact_lock(h)
                          from (select distinct hashtextextended($1 || '/' || c::text, 0) as h from unnest($2::uuid[]) as c order by 1) k""")
                .execute(Tuple.of(partnerOrgId, customers.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> clearDirty(SqlConnection connection, String partnerOrgId, List<UUID> customers) {
        return connection.preparedQuery("delete from dirty_customer where partner_org_id = $1 and customer_id = any($2::uuid[])")
                .execute(Tuple.of(partnerOrgId, customers.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} customers marked for a recompute longer than {@code olderThanMillis} ago. */
    public Uni<List<CustomerKey>> dirty(SqlClient client, int limit, long olderThanMillis) {
        return client.preparedQuery("""
                        select partner_org_id, customer_id from dirty_customer
                         where marked_at < now() - make_interval(secs => $2::double precision / 1000)
                         order by marked_at limit $1""")
                .execute(Tuple.of(limit, olderThanMillis))
                .map(rows -> {
                    List<CustomerKey> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(new CustomerKey(row.getString(0), row.getUUID(1)));
                    }
                    return keys;
                });
    }

    /** The customers of these that are deleted (a customer not known yet is not). */
    public Uni<Set<UUID>> deleted(SqlClient client, String partnerOrgId, List<UUID> customers) {
        return client.preparedQuery("select customer_id from customer where partner_org_id = $1 and customer_id = any($2::uuid[]) and deleted")
                .execute(Tuple.of(partnerOrgId, customers.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> deleted = new HashSet<>();
                    for (Row row : rows) {
                        deleted.add(row.getUUID(0));
                    }
                    return deleted;
                });
    }

    /** Every line of these customers with its snapshots, by customer. */
    public Uni<Map<UUID, List<Contributions.LineHistory>>> histories(SqlClient client, String partnerOrgId, List<UUID> customers) {
        UUID[] ids = customers.toArray(UUID[]::new);
        return client.preparedQuery("""
                        select subscription_id, product, customer_id, trial, status, start_date, end_date, auto_renew, purchased
                          from subscription_line where partner_org_id = $1 and customer_id = any($2::uuid[])""")
                .execute(Tuple.of(partnerOrgId, ids))
                .chain(lineRows -> client.preparedQuery("""
                                select s.subscription_id, s.product, s.day, s.assigned, s.used
                                  from subscription_line l
                                  join license_snapshot s on s.partner_org_id = l.partner_org_id
                                                         and s.subscription_id = l.subscription_id and s.product = l.product
                                 where l.partner_org_id = $1 and l.customer_id = any($2::uuid[])""")
                        .execute(Tuple.of(partnerOrgId, ids))
                        .map(snapshotRows -> {
                            Map<String, List<UsageHistory.Snapshot>> snapshots = new HashMap<>();
                            for (Row row : snapshotRows) {
                                snapshots.computeIfAbsent(row.getString(0) + "/" + row.getString(1), k -> new ArrayList<>())
                                        .add(new UsageHistory.Snapshot(row.getLocalDate(2), row.getInteger(3), row.getInteger(4)));
                            }
                            Map<UUID, List<Contributions.LineHistory>> byCustomer = new HashMap<>();
                            for (Row row : lineRows) {
                                Line line = line(row);
                                List<UsageHistory.Snapshot> of = snapshots.get(line.subscriptionId() + "/" + line.product().name());
                                byCustomer.computeIfAbsent(line.customerId(), k -> new ArrayList<>()).add(new Contributions.LineHistory(line,
                                        of == null ? UsageHistory.EMPTY : UsageHistory.of(of)));
                            }
                            return byCustomer;
                        }));
    }

    /** A {@code subscription_line} row read from its first nine columns in the order of {@link #histories}. */
    static Line line(Row row) {
        return new Line(row.getString(0), Product.valueOf(row.getString(1)), row.getUUID(2), row.getBoolean(3), row.getString(4),
                row.getLocalDate(5), row.getLocalDate(6), row.getBoolean(7), row.getInteger(8));
    }

    public Uni<Map<UUID, Contributions>> stored(SqlConnection connection, String partnerOrgId, List<UUID> customers) {
        return connection.preparedQuery("select customer_id, changes from customer_contribution where partner_org_id = $1 and customer_id = any($2::uuid[])")
                .execute(Tuple.of(partnerOrgId, customers.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Contributions> stored = new HashMap<>();
                    for (Row row : rows) {
                        stored.put(row.getUUID(0), Contributions.decode(row.getArrayOfLongs(1)));
                    }
                    return stored;
                });
    }

    public Uni<Void> store(SqlConnection connection, String partnerOrgId, Map<UUID, Contributions> contributions) {
        List<Tuple> upserts = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        contributions.forEach((customer, c) -> {
            if (c.isEmpty()) {
                removed.add(customer);
            } else {
                upserts.add(Tuple.of(partnerOrgId, customer, c.encode()));
            }
        });
        Uni<Void> stored = upserts.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        insert into customer_contribution (partner_org_id, customer_id, changes) values ($1, $2, $3)
                        on conflict (partner_org_id, customer_id) do update set changes = excluded.changes""")
                .executeBatch(upserts).replaceWithVoid();
        return stored.chain(() -> removed.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery(
                        "delete from customer_contribution where partner_org_id = $1 and customer_id = any($2::uuid[])")
                .execute(Tuple.of(partnerOrgId, removed.toArray(UUID[]::new))).replaceWithVoid());
    }

    /** Adds a difference to the partner's sums by date, rows in key order. */
    public Uni<Void> addToPartner(SqlConnection connection, String partnerOrgId, Contributions difference) {
        Map<Key, Amounts> changes = difference.changes();
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = changes.size();
        String[] scopes = new String[n];
        String[] metrics = new String[n];
        LocalDate[] days = new LocalDate[n];
        Long[] customers = new Long[n];
        Long[] purchased = new Long[n];
        Long[] assigned = new Long[n];
        Long[] used = new Long[n];
        int i = 0;
        for (Map.Entry<Key, Amounts> change : changes.entrySet()) {
            scopes[i] = change.getKey().scope().name();
            metrics[i] = change.getKey().metric().name();
            days[i] = change.getKey().day();
            customers[i] = change.getValue().customers();
            purchased[i] = change.getValue().purchased();
            assigned[i] = change.getValue().assigned();
            used[i] = change.getValue().used();
            i++;
        }
        return connection.preparedQuery("""
                        insert into partner_day (partner_org_id, scope, metric, day, customers, purchased, assigned, used)
                        select $1, x.* from unnest($2::text[], $3::text[], $4::date[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
                                      as x(scope, metric, day, customers, purchased, assigned, used)
                        on conflict (partner_org_id, scope, metric, day) do update
                           set customers = partner_day.customers + excluded.customers,
                               purchased = partner_day.purchased + excluded.purchased,
                               assigned = partner_day.assigned + excluded.assigned,
                               used = partner_day.used + excluded.used""")
                .execute(Tuple.tuple().addString(partnerOrgId).addArrayOfString(scopes).addArrayOfString(metrics)
                        .addArrayOfLocalDate(days).addArrayOfLong(customers).addArrayOfLong(purchased)
                        .addArrayOfLong(assigned).addArrayOfLong(used))
                .replaceWithVoid();
    }
}
