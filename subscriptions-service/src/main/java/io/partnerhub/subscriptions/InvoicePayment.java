package io.partnerhub.subscriptions;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment recorded against an invoice: a positive amount, never changed once recorded. */
@Entity
@Table(name = "invoice_payment")
public class InvoicePayment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    public UUID invoiceId;

    @Column(name = "partner_org_id", nullable = false, updatable = false)
    public String partnerOrgId;

    @Column(nullable = false, updatable = false, precision = 14, scale = 2)
    public BigDecimal amount;

    @Column(updatable = false)
    public String reference;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    public String recordedBy;
}
