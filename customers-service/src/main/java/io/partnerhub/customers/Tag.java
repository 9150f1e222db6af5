package io.partnerhub.customers;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A partner-wide custom tag. */
@Entity
@Table(name = "tag")
public class Tag extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_org_id", nullable = false, updatable = false)
    public String partnerOrgId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String color;

    public String description;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public long version;
}
