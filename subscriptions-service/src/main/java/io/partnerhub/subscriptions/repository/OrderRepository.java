package io.partnerhub.subscriptions.repository;

import io.partnerhub.subscriptions.CustomerOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    /**
     * Inserts this revision, with its outcome, unless (partner, ccwOrderId, revision) exists (a guard: callers
     * hold the order's advisory lock and have checked already).
     *
     * @return true when this call inserted it
     */
    public Uni<Boolean> claim(CustomerOrder o) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customer_order (id, partner_org_id, ccw_order_id, revision, subscription_id, customer_id,
                               customer_external_id, customer_name, customer_managed_by, start_date, term_months, auto_renew,
                               lines, received_at, outcome)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as date), ?11, ?12, ?13, ?14, ?15)
                        on conflict (partner_org_id, ccw_order_id, revision) do nothing
                        """)
                .setParameter(1, o.id)
                .setParameter(2, o.partnerOrgId)
                .setParameter(3, o.ccwOrderId)
                .setParameter(4, o.revision)
                .setParameter(5, o.subscriptionId)
                .setParameter(6, o.customerId)
                .setParameter(7, o.customerExternalId)
                .setParameter(8, o.customerName)
                .setParameter(9, o.customerManagedBy)
                .setParameter(10, o.startDate)
                .setParameter(11, o.termMonths)
                .setParameter(12, o.autoRenew)
                .setParameter(13, o.lines)
                .setParameter(14, o.receivedAt.atOffset(ZoneOffset.UTC))
                .setParameter(15, o.outcome)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Every revision received of one order, highest first (an order has a handful). */
    public Uni<List<CustomerOrder>> revisions(String partnerOrgId, String ccwOrderId) {
        return find("partnerOrgId = ?1 and ccwOrderId = ?2 order by revision desc", partnerOrgId, ccwOrderId).list();
    }

    /** A customer's order history, newest first, after the keyset (receivedAt, id) of the previous page. */
    public Uni<List<CustomerOrder>> history(String partnerOrgId, UUID customerId, Instant afterReceivedAt, UUID afterId, int limit) {
        if (afterReceivedAt == null) {
            return find("partnerOrgId = ?1 and customerId = ?2 order by receivedAt desc, id desc", partnerOrgId, customerId)
                    .page(0, limit).list();
        }
        return find("partnerOrgId = ?1 and customerId = ?2 and (receivedAt < ?3 or (receivedAt = ?3 and id < ?4))"
                        + " order by receivedAt desc, id desc", partnerOrgId, customerId, afterReceivedAt, afterId)
                .page(0, limit).list();
    }
}
