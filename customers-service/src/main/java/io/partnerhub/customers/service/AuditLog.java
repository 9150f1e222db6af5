package io.partnerhub.customers.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Who changed what, when, with the state before and after; written in the transaction of the change. */
@ApplicationScoped
public class AuditLog {

    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> record(Actor actor, String action, String resourceType, String resourceId, UUID customerId,
                            Object before, Object after) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into audit_entry (partner_org_id, at, actor, action, resource_type, resource_id, customer_id, before, after)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(cast(?7 as text) as uuid), cast(cast(?8 as text) as jsonb), cast(cast(?9 as text) as jsonb))
                        """)
                .setParameter(1, actor.partnerOrgId())
                .setParameter(2, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .setParameter(3, actor.subject())
                .setParameter(4, action)
                .setParameter(5, resourceType)
                .setParameter(6, resourceId)
                .setParameter(7, customerId == null ? null : customerId.toString())
                .setParameter(8, toJson(before))
                .setParameter(9, toJson(after))
                .executeUpdate())
                .replaceWithVoid();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit state not serialisable", e);
        }
    }
}
