package io.partnerhub.subscriptions;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A subscription or a trial of one customer. {@code subscriptionId} is the external id (from CCW, or generated
 * for trials), unique per partner; {@code id} is the internal key its lines, usage and invoices refer to.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_org_id", nullable = false, updatable = false)
    public String partnerOrgId;

    @Column(name = "subscription_id", nullable = false, updatable = false)
    public String subscriptionId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public SubscriptionType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    /** End of the current term (renewal date), or of the trial. */
    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    /** Null for a trial. */
    @Column(name = "term_months")
    public Integer termMonths;

    @Column(name = "auto_renew", nullable = false)
    public boolean autoRenew;

    /** For a converted trial: the subscription it became. */
    @Column(name = "converted_to")
    public String convertedTo;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Grows by one with every change; the version of every event about this subscription. */
    @Column(nullable = false)
    public long version;

    public boolean isTrial() {
        return type == SubscriptionType.TRIAL;
    }
}
