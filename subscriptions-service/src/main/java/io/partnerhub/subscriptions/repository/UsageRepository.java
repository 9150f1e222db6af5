package io.partnerhub.subscriptions.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Dated license snapshots, stored set-based: one statement for a whole batch. */
@ApplicationScoped
@WithSession
public class UsageRepository {

    /** One snapshot to store; {@code idx} is its index in the request. */
    public record Input(int idx, String sid, String product, LocalDate date, int assigned, int used) {
    }

    /** A stored snapshot with the subscription it belongs to. */
    public record Stored(int idx, String subscriptionId, String customerId, String product, LocalDate date, int assigned, int used) {
    }

    private final Json json;

    public UsageRepository(Json json) {
        this.json = json;
    }

    /**
     * Upserts every snapshot whose subscription (of this partner) has a line of its product; within the batch
     * the last snapshot of a (subscription, product, date) wins, as a later write would.
     *
     * @return the snapshots that matched, in request order (the others are rejected by the caller)
     */
    public Uni<List<Stored>> upsert(String partnerOrgId, List<Input> inputs, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with input as (
                            select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb))
                                as t(idx int, sid text, product text, date date, assigned int, used int)
                        ), known as (
                            select i.idx, s.id as ref, s.subscription_id, s.customer_id, i.product, i.date, i.assigned, i.used
                              from input i
                              join subscription s on s.partner_org_id = ?2 and s.subscription_id = i.sid
                              join subscription_line l on l.subscription_ref = s.id and l.product = i.product
                        ), latest as (
                            select distinct on (ref, product, date) * from known order by ref, product, date, idx desc
                        ), stored as (
                            insert into license_usage (subscription_ref, product, usage_date, assigned, used, recorded_at)
                            select ref, product, date, assigned, used, ?3 from latest
                            on conflict (subscription_ref, product, usage_date) do update
                               set assigned = excluded.assigned, used = excluded.used, recorded_at = excluded.recorded_at
                            returning 1
                        )
                        select coalesce(json_agg(json_build_object('idx', idx, 'subscriptionId', subscription_id,
                                   'customerId', customer_id, 'product', product, 'date', date, 'assigned', assigned,
                                   'used', used) order by idx), '[]')::text
                          from known
                        """, String.class)
                .setParameter(1, json.write(inputs))
                .setParameter(2, partnerOrgId)
                .setParameter(3, now.atOffset(ZoneOffset.UTC))
                .getSingleResult())
                .map(text -> json.list(text, Stored.class));
    }
}
