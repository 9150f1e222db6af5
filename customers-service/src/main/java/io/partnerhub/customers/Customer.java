package io.partnerhub.customers;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer organisation of a partner. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_org_id", nullable = false, updatable = false)
    public String partnerOrgId;

    @Column(nullable = false)
    public String name;

    @Column(name = "external_id")
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "managed_by", nullable = false)
    public ManagedBy managedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(nullable = false)
    public boolean deleted;

    /** Last sign-in of the customer org's own admin (Control Hub). */
    @Column(name = "last_admin_activity_at")
    public Instant lastAdminActivityAt;

    /** Grows by one with every change; the ETag and the version of every event about this customer. */
    @Column(nullable = false)
    public long version;
}
