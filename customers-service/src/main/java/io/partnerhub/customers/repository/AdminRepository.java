package io.partnerhub.customers.repository;

import io.partnerhub.customers.Admin;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class AdminRepository implements PanacheRepositoryBase<Admin, Admin.Key> {

    public Uni<Admin> findActive(String partnerOrgId, String adminId) {
        return find("partnerOrgId = ?1 and adminId = ?2 and deleted = false", partnerOrgId, adminId).firstResult();
    }

    public Uni<Admin> findAny(String partnerOrgId, String adminId) {
        return find("partnerOrgId = ?1 and adminId = ?2", partnerOrgId, adminId).firstResult();
    }

    public Uni<List<Admin>> listActive(String partnerOrgId) {
        return list("partnerOrgId = ?1 and deleted = false order by lower(coalesce(displayName, email, adminId)), adminId", partnerOrgId);
    }
}
