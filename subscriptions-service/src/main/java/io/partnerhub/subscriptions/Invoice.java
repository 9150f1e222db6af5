package io.partnerhub.subscriptions;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An invoice of a subscription. OVERDUE past the grace period suspends the subscription; payment resumes it. */
@Entity
@Table(name = "invoice")
public class Invoice extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_org_id", nullable = false, updatable = false)
    public String partnerOrgId;

    @Column(name = "subscription_ref", nullable = false, updatable = false)
    public UUID subscriptionRef;

    @Column(name = "subscription_id", nullable = false, updatable = false)
    public String subscriptionId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Column(nullable = false, updatable = false)
    public String number;

    @Column(name = "period_start", nullable = false, updatable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false, updatable = false)
    public LocalDate periodEnd;

    @Column(nullable = false, updatable = false, precision = 14, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "due_date", nullable = false, updatable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvoiceStatus status;

    @Column(name = "issued_at", nullable = false, updatable = false)
    public Instant issuedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    /** The sum of its payments; PAID once it covers {@link #amount}. */
    @Column(name = "paid_amount", nullable = false, precision = 14, scale = 2)
    public BigDecimal paidAmount;

    @Column(nullable = false)
    public long version;

    /** Its payments, oldest first, as the service loaded them for an answer (not a mapped association). */
    @Transient
    public List<InvoicePayment> payments = List.of();

    /** What is still owed: amount − paidAmount (never below zero). */
    public BigDecimal outstanding() {
        return amount.subtract(paidAmount).max(BigDecimal.ZERO);
    }
}
