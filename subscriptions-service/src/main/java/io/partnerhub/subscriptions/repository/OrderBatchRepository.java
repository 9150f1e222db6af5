package io.partnerhub.subscriptions.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Set-based statements of an order batch: a handful of round trips for up to 1,000 orders. */
@ApplicationScoped
@WithSession
public class OrderBatchRepository {

    /** What a batch needs to know: every received revision of its orders, and which of its subscription ids are taken. */
    public record Known(List<Revision> revisions, List<String> subscriptions) {
    }

    public record Revision(String ccwOrderId, java.util.UUID orderId, int revision, String subscriptionId, java.util.UUID customerId,
                           String outcome, String customerExternalId, String customerName, String customerManagedBy,
                           java.time.LocalDate startDate, int termMonths, boolean autoRenew, String lines) {
    }

    private final Json json;

    public OrderBatchRepository(Json json) {
        this.json = json;
    }

    /**
     * Takes the transaction-scoped advisory locks of all keys, in the given order (callers sort them, so
     * concurrent batches never wait on each other in a cycle).
     */
    public Uni<Void> lock(List<String> keys) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select cast(count(pg_advisory_xact_lock(hashtextextended(k, 0))) as text)
                          from jsonb_array_elements_text(cast(cast(?1 as text) as jsonb)) as k
                        """, String.class)
                .setParameter(1, json.write(keys))
                .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<Known> known(String partnerOrgId, List<String> ccwOrderIds, List<String> subscriptionIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select json_build_object(
                            'revisions', coalesce((select json_agg(json_build_object('ccwOrderId', o.ccw_order_id, 'orderId', o.id,
                                    'revision', o.revision, 'subscriptionId', o.subscription_id, 'customerId', o.customer_id,
                                    'outcome', o.outcome, 'customerExternalId', o.customer_external_id, 'customerName', o.customer_name,
                                    'customerManagedBy', o.customer_managed_by, 'startDate', o.start_date,
                                    'termMonths', o.term_months, 'autoRenew', o.auto_renew, 'lines', o.lines))
                                  from customer_order o
                                 where o.partner_org_id = ?1
                                   and o.ccw_order_id in (select jsonb_array_elements_text(cast(cast(?2 as text) as jsonb)))), '[]'),
                            'subscriptions', coalesce((select json_agg(s.subscription_id) from subscription s
                                 where s.partner_org_id = ?1
                                   and s.subscription_id in (select jsonb_array_elements_text(cast(cast(?3 as text) as jsonb)))), '[]'))::text
                        """, String.class)
                .setParameter(1, partnerOrgId)
                .setParameter(2, json.write(ccwOrderIds))
                .setParameter(3, json.write(subscriptionIds))
                .getSingleResult())
                .map(text -> json.read(text, Known.class));
    }

    /**
     * Creates the subscriptions (ORDER_READY, version 1), their lines and the order rows of many first revisions
     * in one statement. Each row: ref, order_id, ccw_order_id, revision, subscription_id, customer_id,
     * customer_external_id, customer_name, customer_managed_by, start_date, end_date, term_months, auto_renew,
     * lines (JSON array of {product, sku, purchased}), order_lines (the order's lines as stored text).
     *
     * @return how many order rows were inserted
     */
    public Uni<Integer> createAll(String partnerOrgId, List<Map<String, Object>> rows, Instant receivedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with input as (
                            select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as t(ref uuid, order_id uuid,
                                ccw_order_id text, revision int, subscription_id text, customer_id uuid, customer_external_id text,
                                customer_name text, customer_managed_by text, start_date date, end_date date, term_months int,
                                auto_renew boolean, lines jsonb, order_lines text)
                        ), s as (
                            insert into subscription (id, partner_org_id, subscription_id, customer_id, type, status, start_date,
                                   end_date, term_months, auto_renew, created_at, updated_at, version)
                            select ref, ?2, subscription_id, customer_id, 'SUBSCRIPTION', 'ORDER_READY', start_date, end_date,
                                   term_months, auto_renew, ?3, ?3, 1
                              from input
                        ), l as (
                            insert into subscription_line (subscription_ref, product, sku, purchased)
                            select i.ref, x.product, x.sku, x.purchased
                              from input i, jsonb_to_recordset(i.lines) as x(product text, sku text, purchased int)
                        )
                        insert into customer_order (id, partner_org_id, ccw_order_id, revision, subscription_id, customer_id,
                               customer_external_id, customer_name, customer_managed_by, start_date, term_months, auto_renew,
                               lines, received_at, outcome)
                        select order_id, ?2, ccw_order_id, revision, subscription_id, customer_id, customer_external_id,
                               customer_name, customer_managed_by, start_date, term_months, auto_renew, order_lines, ?3, 'CREATED'
                          from input
                        """)
                .setParameter(1, json.write(rows))
                .setParameter(2, partnerOrgId)
                .setParameter(3, receivedAt.atOffset(ZoneOffset.UTC))
                .executeUpdate());
    }
}
