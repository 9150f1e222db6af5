package io.partnerhub.subscriptions.repository;

import io.partnerhub.subscriptions.Invoice;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

    /** A subscription's invoices, oldest first, after the keyset (issuedAt, id) of the previous page. */
    public Uni<List<Invoice>> ofSubscription(UUID subscriptionRef, java.time.Instant afterIssuedAt, UUID afterId, int limit) {
        if (afterIssuedAt == null) {
            return find("subscriptionRef = ?1 order by issuedAt, id", subscriptionRef).page(0, limit).list();
        }
        return find("subscriptionRef = ?1 and (issuedAt > ?2 or (issuedAt = ?2 and id > ?3)) order by issuedAt, id",
                subscriptionRef, afterIssuedAt, afterId).page(0, limit).list();
    }

    public Uni<Invoice> findOfPartner(String partnerOrgId, UUID id) {
        return find("partnerOrgId = ?1 and id = ?2", partnerOrgId, id).firstResult();
    }

    public Uni<Invoice> findForUpdate(String partnerOrgId, UUID id) {
        return find("partnerOrgId = ?1 and id = ?2", partnerOrgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Boolean> numberTaken(String partnerOrgId, String number) {
        return count("partnerOrgId = ?1 and number = ?2", partnerOrgId, number).map(n -> n > 0);
    }

    /** Whether the subscription still has an OVERDUE invoice past its grace period (due before {@code dueBefore}). */
    public Uni<Boolean> hasOverduePastGrace(UUID subscriptionRef, LocalDate dueBefore) {
        return count("subscriptionRef = ?1 and status = io.partnerhub.subscriptions.InvoiceStatus.OVERDUE and dueDate < ?2",
                subscriptionRef, dueBefore).map(n -> n > 0);
    }

    /** OPEN invoices whose due date has passed, locked, skipping locked ones. */
    public Uni<List<Invoice>> dueForOverdue(LocalDate today, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select i.* from invoice i where i.status = 'OPEN' and i.due_date < cast(?1 as date)
                         order by i.due_date, i.id limit ?2 for update skip locked
                        """, Invoice.class)
                .setParameter(1, today)
                .setParameter(2, limit)
                .getResultList());
    }
}
