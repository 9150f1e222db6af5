package io.partnerhub.subscriptions;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One revision of a CCW order as received: the customer's order history. (partner, ccwOrderId, revision) is
 * unique, which makes replays idempotent. {@code lines} holds the order lines as JSON, as received.
 */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_org_id", nullable = false, updatable = false)
    public String partnerOrgId;

    @Column(name = "ccw_order_id", nullable = false, updatable = false)
    public String ccwOrderId;

    @Column(nullable = false, updatable = false)
    public int revision;

    @Column(name = "subscription_id", nullable = false, updatable = false)
    public String subscriptionId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Column(name = "customer_external_id", updatable = false)
    public String customerExternalId;

    @Column(name = "customer_name", updatable = false)
    public String customerName;

    @Column(name = "customer_managed_by", updatable = false)
    public String customerManagedBy;

    @Column(name = "start_date", nullable = false, updatable = false)
    public LocalDate startDate;

    @Column(name = "term_months", nullable = false, updatable = false)
    public int termMonths;

    @Column(name = "auto_renew", nullable = false, updatable = false)
    public boolean autoRenew;

    @Column(nullable = false, updatable = false)
    public String lines;

    @Column(name = "received_at", nullable = false, updatable = false)
    public Instant receivedAt;

    /** CREATED (it created the subscription) or AMENDED (it changed its quantities). */
    @Column
    public String outcome;
}
