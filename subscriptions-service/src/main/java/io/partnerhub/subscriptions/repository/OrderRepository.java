package io.partnerhub.subscriptions.repository;

import io.partnerhub.subscriptions.CustomerOrder;
import io.partnerhub.subscriptions.Subscription;
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

    private final Json json;

    public OrderRepository(Json json) {
        this.json = json;
    }

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

    /** A revision already received, as far as placing another one needs it. */
    public record Received(UUID orderId, int revision, String subscriptionId, UUID customerId, String outcome,
                           String customerExternalId, String customerName, String customerManagedBy, java.time.LocalDate startDate,
                           int termMonths, boolean autoRenew, String lines) {
    }

    /** What placing a revision needs to know, in one round trip. */
    public record Known(List<Received> revisions, boolean subscriptionExists) {
    }

    /** Every revision received of the order (highest first) and whether the subscription id is taken. */
    public Uni<Known> known(String partnerOrgId, String ccwOrderId, String subscriptionId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select json_build_object(
                            'revisions', coalesce((select json_agg(json_build_object('orderId', o.id, 'revision', o.revision,
                                    'subscriptionId', o.subscription_id, 'customerId', o.customer_id, 'outcome', o.outcome,
                                    'customerExternalId', o.customer_external_id, 'customerName', o.customer_name,
                                    'customerManagedBy', o.customer_managed_by, 'startDate', o.start_date,
                                    'termMonths', o.term_months, 'autoRenew', o.auto_renew, 'lines', o.lines)
                                    order by o.revision desc)
                                  from customer_order o where o.partner_org_id = ?1 and o.ccw_order_id = ?2), '[]'),
                            'subscriptionExists', exists (select 1 from subscription s
                                                           where s.partner_org_id = ?1 and s.subscription_id = ?3))::text
                        """, String.class)
                .setParameter(1, partnerOrgId)
                .setParameter(2, ccwOrderId)
                .setParameter(3, subscriptionId)
                .getSingleResult())
                .map(text -> json.read(text, Known.class));
    }

    /**
     * The first revision of an order: its subscription (ORDER_READY, version 1), the lines and the order row in
     * one statement.
     *
     * @return true when the order row was inserted
     */
    public Uni<Boolean> createWithSubscription(CustomerOrder o, Subscription s, String linesJson) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with s as (
                            insert into subscription (id, partner_org_id, subscription_id, customer_id, type, status, start_date,
                                   end_date, term_months, auto_renew, created_at, updated_at, version)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)
                            returning id
                        ), l as (
                            insert into subscription_line (subscription_ref, product, sku, purchased)
                            select s.id, x.product, x.sku, x.purchased
                              from s, jsonb_to_recordset(cast(cast(?13 as text) as jsonb)) as x(product text, sku text, purchased int)
                        )
                        insert into customer_order (id, partner_org_id, ccw_order_id, revision, subscription_id, customer_id,
                               customer_external_id, customer_name, customer_managed_by, start_date, term_months, auto_renew,
                               lines, received_at, outcome)
                        select ?14, ?2, ?15, ?16, ?3, ?4, ?17, ?18, ?19, ?7, ?9, ?10, ?20, ?11, ?21 from s
                        on conflict (partner_org_id, ccw_order_id, revision) do nothing
                        """)
                .setParameter(1, s.id)
                .setParameter(2, s.partnerOrgId)
                .setParameter(3, s.subscriptionId)
                .setParameter(4, s.customerId)
                .setParameter(5, s.type.name())
                .setParameter(6, s.status.name())
                .setParameter(7, s.startDate)
                .setParameter(8, s.endDate)
                .setParameter(9, s.termMonths)
                .setParameter(10, s.autoRenew)
                .setParameter(11, s.createdAt.atOffset(ZoneOffset.UTC))
                .setParameter(12, s.version)
                .setParameter(13, linesJson)
                .setParameter(14, o.id)
                .setParameter(15, o.ccwOrderId)
                .setParameter(16, o.revision)
                .setParameter(17, o.customerExternalId)
                .setParameter(18, o.customerName)
                .setParameter(19, o.customerManagedBy)
                .setParameter(20, o.lines)
                .setParameter(21, o.outcome)
                .executeUpdate())
                .map(inserted -> inserted == 1);
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
