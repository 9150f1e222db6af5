package io.partnerhub.subscriptions.repository;

import io.partnerhub.platform.runtime.inbox.CustomerScope;
import io.partnerhub.subscriptions.Subscription;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    /** Filters of a subscription list; empty lists mean "any". Values are already validated. */
    public record Filter(String partnerOrgId, List<String> customerIds, List<String> statuses, List<String> products,
                         List<String> types) {
    }

    public Uni<Subscription> findByExternalId(String partnerOrgId, String subscriptionId) {
        return find("partnerOrgId = ?1 and subscriptionId = ?2", partnerOrgId, subscriptionId).firstResult();
    }

    /** The subscription, locked for the rest of the transaction (lifecycle changes serialise on it). */
    public Uni<Subscription> findForUpdate(String partnerOrgId, String subscriptionId) {
        return find("partnerOrgId = ?1 and subscriptionId = ?2", partnerOrgId, subscriptionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Subscription> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Boolean> hasActiveTrial(String partnerOrgId, UUID customerId) {
        return count("partnerOrgId = ?1 and customerId = ?2 and type = io.partnerhub.subscriptions.SubscriptionType.TRIAL"
                        + " and status = io.partnerhub.subscriptions.SubscriptionStatus.ACTIVE", partnerOrgId, customerId)
                .map(n -> n > 0);
    }

    /**
     * One page ordered by subscriptionId, starting strictly after {@code after} (keyset); with {@code assignedTo} (a
     * partner-admin), only subscriptions of the customers that admin sees.
     */
    public Uni<List<Subscription>> page(Filter filter, String assignedTo, String after, int limit) {
        StringBuilder sql = new StringBuilder("select s.* from subscription s where s.partner_org_id = ?1");
        List<Object> params = new ArrayList<>();
        params.add(filter.partnerOrgId());
        if (assignedTo != null) {
            params.add(assignedTo);
            sql.append(" and ").append(CustomerScope.visibleTo("s.customer_id", "?1", "?" + params.size()));
        }
        anyOf(sql, params, "cast(s.customer_id as text)", filter.customerIds());
        anyOf(sql, params, "s.status", filter.statuses());
        anyOf(sql, params, "s.type", filter.types());
        if (!filter.products().isEmpty()) {
            params.add(String.join(",", filter.products()));
            sql.append(" and exists (select 1 from subscription_line l where l.subscription_ref = s.id and l.product = any(string_to_array(?")
                    .append(params.size()).append(", ',')))");
        }
        if (after != null) {
            params.add(after);
            sql.append(" and s.subscription_id > ?").append(params.size());
        }
        sql.append(" order by s.subscription_id limit ").append(limit);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Subscription.class);
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.getResultList();
        });
    }

    /** Live subscriptions and active trials whose term or trial ended on or before {@code today}, locked, skipping locked ones. */
    public Uni<List<Subscription>> dueForTermEnd(LocalDate today, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select s.* from subscription s
                         where s.status in ('ORDER_READY', 'ACTIVE', 'SUSPENDED') and s.end_date <= cast(?1 as date)
                         order by s.end_date, s.id limit ?2 for update skip locked
                        """, Subscription.class)
                .setParameter(1, today)
                .setParameter(2, limit)
                .getResultList());
    }

    /** ACTIVE subscriptions with an OVERDUE invoice due before {@code dueBefore} (past its grace period), locked. */
    public Uni<List<Subscription>> dueForSuspension(LocalDate dueBefore, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select s.* from subscription s
                         where s.status = 'ACTIVE' and s.type = 'SUBSCRIPTION'
                           and exists (select 1 from invoice i where i.subscription_ref = s.id and i.status = 'OVERDUE'
                                          and i.due_date < cast(?1 as date))
                         order by s.id limit ?2 for update skip locked
                        """, Subscription.class)
                .setParameter(1, dueBefore)
                .setParameter(2, limit)
                .getResultList());
    }

    private static void anyOf(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        params.add(String.join(",", values));
        sql.append(" and ").append(column).append(" = any(string_to_array(?").append(params.size()).append(", ','))");
    }
}
