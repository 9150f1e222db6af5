package io.partnerhub.customers;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A partner admin in the partner's directory; {@code adminId} is the Keycloak token subject. */
@Entity
@Table(name = "admin")
@IdClass(Admin.Key.class)
public class Admin extends PanacheEntityBase {

    @Id
    @Column(name = "partner_org_id")
    public String partnerOrgId;

    @Id
    @Column(name = "admin_id")
    public String adminId;

    public String email;

    @Column(name = "display_name")
    public String displayName;

    @Column(nullable = false)
    public String role;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(nullable = false)
    public boolean deleted;

    @Column(nullable = false)
    public long version;

    /** Tokens of this admin issued at or before this instant are refused (role change, removal); null: none. */
    @Column(name = "access_revoked_at")
    public Instant accessRevokedAt;

    public static class Key implements Serializable {
        public String partnerOrgId;
        public String adminId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(partnerOrgId, k.partnerOrgId) && Objects.equals(adminId, k.adminId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partnerOrgId, adminId);
        }
    }
}
