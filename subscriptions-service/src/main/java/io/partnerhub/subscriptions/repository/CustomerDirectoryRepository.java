package io.partnerhub.subscriptions.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Whether customers exist for a partner, as far as this service can tell: the customer read model kept from
 * {@code partnerhub.customers.v1} (platform CustomerScope), and customers a CCW order of the partner introduced by
 * external id (customers-service creates those from the order event, under the same derived id).
 */
@ApplicationScoped
@WithSession
public class CustomerDirectoryRepository {

    /** What this service knows of a customer id for one partner. */
    public enum Presence {
        /** the partner's customer: known from customers-service (not deleted), or introduced by one of its CCW orders */
        KNOWN,
        /** known, but another partner's or deleted: never the partner's */
        NOT_THEIRS,
        /** never heard of (yet) */
        UNKNOWN
    }

    private final Json json;

    public CustomerDirectoryRepository(Json json) {
        this.json = json;
    }

    private record Row(UUID customerId, String presence) {
    }

    public Uni<Map<UUID, Presence>> presence(String partnerOrgId, Collection<UUID> customerIds) {
        List<String> ids = customerIds.stream().map(UUID::toString).distinct().toList();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce(json_agg(json_build_object('customerId', i.id, 'presence',
                               case when c.customer_id is not null and (c.partner_org_id <> ?1 or c.deleted) then 'NOT_THEIRS'
                                    when c.customer_id is not null then 'KNOWN'
                                    when exists (select 1 from customer_order o where o.partner_org_id = ?1 and o.customer_id = i.id
                                                   and o.customer_external_id is not null) then 'KNOWN'
                                    else 'UNKNOWN' end)), '[]')::text
                          from (select cast(x as uuid) as id from jsonb_array_elements_text(cast(cast(?2 as text) as jsonb)) as x) i
                          left join customer c on c.customer_id = i.id
                        """, String.class)
                .setParameter(1, partnerOrgId)
                .setParameter(2, json.write(ids))
                .getSingleResult())
                .map(text -> json.list(text, Row.class).stream()
                        .collect(Collectors.toMap(Row::customerId, r -> Presence.valueOf(r.presence()))));
    }
}
