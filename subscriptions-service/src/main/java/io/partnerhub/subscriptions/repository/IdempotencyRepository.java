package io.partnerhub.subscriptions.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Stored first answers of requests sent with an {@code Idempotency-Key}. */
@ApplicationScoped
@WithSession
public class IdempotencyRepository {

    private final Json json;

    public IdempotencyRepository(Json json) {
        this.json = json;
    }

    public record Stored(String scope, String requestHash, Integer status, String body) {
    }

    /**
     * Claims the key unless a live (younger than {@code expiredBefore}) record holds it; a concurrent claim of the
     * same key waits for the first transaction.
     *
     * @return true when this call owns the key
     */
    public Uni<Boolean> claim(String partnerOrgId, String caller, String key, String scope, String requestHash, Instant now, Instant expiredBefore) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into idempotency_record (partner_org_id, caller, idempotency_key, scope, request_hash, created_at)
                        values (?1, ?7, ?2, ?3, ?6, ?4)
                        on conflict (partner_org_id, caller, idempotency_key) do update
                           set scope = excluded.scope, request_hash = excluded.request_hash, created_at = excluded.created_at,
                               response_status = null, response_body = null
                         where idempotency_record.created_at < ?5
                        """)
                .setParameter(1, partnerOrgId)
                .setParameter(2, key)
                .setParameter(3, scope)
                .setParameter(4, now.atOffset(ZoneOffset.UTC))
                .setParameter(5, expiredBefore.atOffset(ZoneOffset.UTC))
                .setParameter(6, requestHash)
                .setParameter(7, caller)
                .executeUpdate())
                .map(n -> n == 1);
    }

    public Uni<Stored> find(String partnerOrgId, String caller, String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce(json_agg(json_build_object('scope', scope, 'requestHash', request_hash, 'status', response_status, 'body', response_body)), '[]')::text
                          from idempotency_record where partner_org_id = ?1 and idempotency_key = ?2 and caller = ?3
                        """, String.class)
                .setParameter(1, partnerOrgId)
                .setParameter(2, key)
                .setParameter(3, caller)
                .getSingleResult())
                .map(text -> {
                    List<Stored> rows = json.list(text, Stored.class);
                    return rows.isEmpty() ? null : rows.get(0);
                });
    }

    public Uni<Void> store(String partnerOrgId, String caller, String key, int status, String body) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotency_record set response_status = ?3, response_body = ?4
                         where partner_org_id = ?1 and idempotency_key = ?2 and caller = ?5
                        """)
                .setParameter(1, partnerOrgId)
                .setParameter(2, key)
                .setParameter(3, status)
                .setParameter(4, body)
                .setParameter(5, caller)
                .executeUpdate())
                .replaceWithVoid();
    }
}
