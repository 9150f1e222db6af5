package io.partnerhub.subscriptions.repository;

import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.LineUsage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Lines of subscriptions and their license values at a date (set-based SQL). */
@ApplicationScoped
@WithSession
public class LineRepository {

    private final Json json;

    public LineRepository(Json json) {
        this.json = json;
    }

    record LineRow(UUID ref, Line line) {
    }

    record UsageRow(UUID ref, String product, String sku, int purchased, int assigned, int used) {
    }

    public Uni<List<Line>> lines(UUID ref) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce(json_agg(json_build_object('product', product, 'sku', sku, 'purchased', purchased)
                                                 order by product), '[]')::text
                          from subscription_line where subscription_ref = ?1
                        """, String.class)
                .setParameter(1, ref)
                .getSingleResult())
                .map(text -> json.list(text, Line.class));
    }

    /** Replaces the lines of a subscription (an amended order may change quantities, add or drop products). */
    public Uni<Void> replace(UUID ref, List<Line> lines) {
        return Panache.getSession().chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery("delete from subscription_line where subscription_ref = ?1")
                                .setParameter(1, ref).executeUpdate()))
                .chain(() -> insert(ref, lines));
    }

    /** Lines of a new subscription (flushes the session first: the subscription row must exist). */
    public Uni<Void> insert(UUID ref, List<Line> lines) {
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery("""
                                insert into subscription_line (subscription_ref, product, sku, purchased)
                                select ?1, x.product, x.sku, x.purchased
                                  from jsonb_to_recordset(cast(cast(?2 as text) as jsonb)) as x(product text, sku text, purchased int)
                                """)
                        .setParameter(1, ref)
                        .setParameter(2, json.write(lines))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Each subscription's lines with assigned and used at {@code asOf}: the latest snapshot on or before it, 0 if none. */
    public Uni<Map<UUID, List<LineUsage>>> linesAt(Collection<UUID> refs, LocalDate asOf) {
        if (refs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String refList = refs.stream().map(UUID::toString).collect(Collectors.joining(","));
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce(json_agg(json_build_object('ref', l.subscription_ref, 'product', l.product, 'sku', l.sku,
                                   'purchased', l.purchased, 'assigned', coalesce(u.assigned, 0), 'used', coalesce(u.used, 0))
                                   order by l.subscription_ref, l.product), '[]')::text
                          from subscription_line l
                          left join lateral (
                               select assigned, used from license_usage u
                                where u.subscription_ref = l.subscription_ref and u.product = l.product
                                  and u.usage_date <= cast(?2 as date)
                                order by u.usage_date desc limit 1) u on true
                         where l.subscription_ref = any(cast(string_to_array(?1, ',') as uuid[]))
                        """, String.class)
                .setParameter(1, refList)
                .setParameter(2, asOf)
                .getSingleResult())
                .map(text -> {
                    Map<UUID, List<LineUsage>> byRef = new LinkedHashMap<>();
                    for (UsageRow row : json.list(text, UsageRow.class)) {
                        byRef.computeIfAbsent(row.ref(), k -> new java.util.ArrayList<>())
                                .add(new LineUsage(io.partnerhub.subscriptions.Product.valueOf(row.product()), row.sku(),
                                        row.purchased(), row.assigned(), row.used()));
                    }
                    return byRef;
                });
    }
}
