package io.partnerhub.subscriptions.repository;

import io.partnerhub.subscriptions.InvoicePayment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class InvoicePaymentRepository implements PanacheRepositoryBase<InvoicePayment, UUID> {

    /** The payments of these invoices (one query), each invoice's oldest first. */
    public Uni<Map<UUID, List<InvoicePayment>>> ofInvoices(Collection<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find("invoiceId in ?1 order by recordedAt, id", List.copyOf(invoiceIds)).list()
                .map(rows -> rows.stream().collect(Collectors.groupingBy(p -> p.invoiceId, Collectors.toList())));
    }
}
