package io.partnerhub.subscriptions.mapping;

import io.partnerhub.subscriptions.Invoice;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.rest.InvoiceResponse;
import io.partnerhub.subscriptions.rest.SubscriptionResponse;
import io.partnerhub.subscriptions.service.SubscriptionView;

public final class SubscriptionMapper {

    private SubscriptionMapper() {
    }

    public static SubscriptionResponse toResponse(SubscriptionView view) {
        Subscription s = view.subscription();
        return new SubscriptionResponse(s.subscriptionId, s.customerId.toString(), s.type, s.status, s.startDate, s.endDate,
                s.isTrial() ? null : s.endDate, s.autoRenew, s.termMonths,
                view.lines().stream().map(l -> new SubscriptionResponse.Line(l.product(), l.sku(), l.purchased(), l.assigned(),
                        l.used(), l.available(), l.overage())).toList(),
                s.convertedTo, view.asOf(), s.version);
    }

    public static InvoiceResponse toResponse(Invoice i) {
        return new InvoiceResponse(i.id.toString(), i.number, i.subscriptionId, i.customerId.toString(), i.periodStart,
                i.periodEnd, i.amount, i.currency, i.dueDate, i.status, i.issuedAt, i.paidAt, i.version, i.paidAmount,
                i.payments.stream().map(p -> new InvoiceResponse.Payment(p.id.toString(), p.amount, p.reference, p.recordedAt))
                        .toList());
    }
}
