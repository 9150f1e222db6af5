package io.partnerhub.customers;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The partner org (the tenant) and its first-time setup. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    @Id
    @Column(name = "partner_org_id")
    public String partnerOrgId;

    public String name;

    @Column(name = "setup_completed", nullable = false)
    public boolean setupCompleted;

    @Column(name = "terms_accepted_at")
    public Instant termsAcceptedAt;

    @Column(name = "plan_confirmed_at")
    public Instant planConfirmedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
