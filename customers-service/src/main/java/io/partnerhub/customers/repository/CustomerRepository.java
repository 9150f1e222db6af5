package io.partnerhub.customers.repository;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.CustomerAdmin;
import io.partnerhub.customers.CustomerTag;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    /** The customer if the actor may see it: same partner, not deleted, and for a partner-admin assigned or self-created. */
    public Uni<Customer> findVisible(Actor actor, UUID id) {
        if (actor.assignedOnly()) {
            return find("""
                    from Customer c where c.id = ?1 and c.partnerOrgId = ?2 and c.deleted = false
                    and (c.createdBy = ?3 or exists (select 1 from CustomerAdmin a where a.customerId = c.id and a.adminId = ?3))
                    """, id, actor.partnerOrgId(), actor.subject()).firstResult();
        }
        return find("from Customer c where c.id = ?1 and c.partnerOrgId = ?2 and c.deleted = false", id, actor.partnerOrgId())
                .firstResult();
    }

    public Uni<List<String>> adminIds(UUID customerId) {
        return CustomerAdmin.<CustomerAdmin>find("customerId = ?1 order by adminId", customerId).list()
                .map(admins -> admins.stream().map(a -> a.adminId).toList());
    }

    public Uni<List<String>> tagIds(UUID customerId) {
        return CustomerTag.<CustomerTag>find("customerId = ?1 order by tagId", customerId).list()
                .map(tags -> tags.stream().map(t -> t.tagId.toString()).toList());
    }

    public Uni<Long> countExternalId(String partnerOrgId, String externalId) {
        return count("partnerOrgId = ?1 and externalId = ?2 and deleted = false", partnerOrgId, externalId);
    }
}
