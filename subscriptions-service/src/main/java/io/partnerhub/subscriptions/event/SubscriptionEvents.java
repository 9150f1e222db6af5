package io.partnerhub.subscriptions.event;

import io.partnerhub.platform.runtime.outbox.Outbox;
import io.partnerhub.subscriptions.CustomerOrder;
import io.partnerhub.subscriptions.Invoice;
import io.partnerhub.subscriptions.InvoicePayment;
import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.SubscriptionType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What subscriptions-service tells the world on {@code partnerhub.subscriptions.v1} (docs/events.md), always through
 * the outbox of the caller's transaction, keyed by customer id. Subscription events carry the full state and
 * its version.
 */
@ApplicationScoped
public class SubscriptionEvents {

    public static final String ORDER_RECEIVED = "partnerhub.order.received";
    public static final String CREATED = "partnerhub.subscription.created";
    public static final String AMENDED = "partnerhub.subscription.amended";
    public static final String PROVISIONED = "partnerhub.subscription.provisioned";
    public static final String SUSPENDED = "partnerhub.subscription.suspended";
    public static final String RESUMED = "partnerhub.subscription.resumed";
    public static final String RENEWED = "partnerhub.subscription.renewed";
    public static final String EXPIRED = "partnerhub.subscription.expired";
    public static final String CANCELLED = "partnerhub.subscription.cancelled";
    public static final String TRIAL_STARTED = "partnerhub.trial.started";
    public static final String TRIAL_EXTENDED = "partnerhub.trial.extended";
    public static final String TRIAL_CONVERTED = "partnerhub.trial.converted";
    public static final String TRIAL_EXPIRED = "partnerhub.trial.expired";
    public static final String TRIAL_CANCELLED = "partnerhub.trial.cancelled";
    public static final String USAGE_RECORDED = "partnerhub.license.usage-recorded";
    public static final String INVOICE_ISSUED = "partnerhub.invoice.issued";
    public static final String INVOICE_PAID = "partnerhub.invoice.paid";
    public static final String INVOICE_OVERDUE = "partnerhub.invoice.overdue";
    /** A payment that leaves the invoice still owing (the one that settles it is {@link #INVOICE_PAID}). */
    public static final String INVOICE_PAYMENT_RECORDED = "partnerhub.invoice.payment-recorded";

    public record LineState(String product, String sku, int purchased) {
    }

    public record SubscriptionState(String subscriptionId, String customerId, SubscriptionType type, SubscriptionStatus status,
                                    LocalDate startDate, LocalDate endDate, boolean autoRenew, Integer termMonths,
                                    List<LineState> lines, String convertedTo) {
    }

    public record SubscriptionChanged(SubscriptionState subscription, long version) {
    }

    /** {@code startedBy}: the admin who started it (customers-service assigns a partner-admin to that customer). */
    public record TrialStarted(SubscriptionState subscription, long version, String startedBy) {
    }

    public record TrialConverted(SubscriptionState subscription, long version, String convertedTo) {
    }

    public record OrderLine(String product, String sku, int quantity) {
    }

    public record NewCustomer(String externalId, String name, String managedBy) {
    }

    public record OrderState(String orderId, String ccwOrderId, int revision, String subscriptionId, String customerId,
                             NewCustomer customer, LocalDate startDate, int termMonths, boolean autoRenew,
                             List<OrderLine> lines, Instant receivedAt, String outcome) {
    }

    public record OrderReceived(OrderState order) {
    }

    public record Snapshot(String product, LocalDate date, int assigned, int used) {
    }

    public record UsageRecorded(String subscriptionId, String customerId, List<Snapshot> snapshots) {
    }

    public record InvoiceState(String invoiceId, String number, String subscriptionId, String customerId, BigDecimal amount,
                               String currency, LocalDate periodStart, LocalDate periodEnd, LocalDate dueDate, String status,
                               Instant paidAt, BigDecimal paidAmount) {
    }

    public record PaymentState(String paymentId, BigDecimal amount, String reference, Instant recordedAt) {
    }

    /** {@code payment}: the payment that caused it (payment-recorded and paid), otherwise null. */
    public record InvoiceChanged(InvoiceState invoice, long version, PaymentState payment) {
    }

    private final Outbox outbox;
    private final String topic;

    public SubscriptionEvents(Outbox outbox, @ConfigProperty(name = "partnerhub.topics.subscriptions") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    public static SubscriptionState state(Subscription s, List<Line> lines) {
        return new SubscriptionState(s.subscriptionId, s.customerId.toString(), s.type, s.status, s.startDate, s.endDate,
                s.autoRenew, s.termMonths,
                lines.stream().map(l -> new LineState(l.product().name(), l.sku(), l.purchased())).toList(), s.convertedTo);
    }

    public Uni<Void> subscriptionChanged(String type, Subscription s, List<Line> lines) {
        return publish(subscriptionChangedMessage(type, s, lines));
    }

    public Outbox.Message subscriptionChangedMessage(String type, Subscription s, List<Line> lines) {
        return new Outbox.Message(topic, type, s.customerId.toString(), s.partnerOrgId, new SubscriptionChanged(state(s, lines), s.version));
    }

    /** Many events in one outbox statement per thousand (bulk ingestion), in list order. */
    public Uni<Void> publishAll(List<Outbox.Message> messages) {
        return messages.isEmpty() ? Uni.createFrom().voidItem() : outbox.publishAll(messages).replaceWithVoid();
    }

    public Uni<Void> trialStarted(Subscription trial, List<Line> lines, String startedBy) {
        return publish(TRIAL_STARTED, trial, new TrialStarted(state(trial, lines), trial.version, startedBy));
    }

    public Uni<Void> trialConverted(Subscription trial, List<Line> lines) {
        return publish(TRIAL_CONVERTED, trial, new TrialConverted(state(trial, lines), trial.version, trial.convertedTo));
    }

    public Uni<Void> orderReceived(CustomerOrder order, List<OrderLine> lines) {
        return publish(orderReceivedMessage(order, lines));
    }

    public Outbox.Message orderReceivedMessage(CustomerOrder order, List<OrderLine> lines) {
        NewCustomer customer = order.customerExternalId == null ? null
                : new NewCustomer(order.customerExternalId, order.customerName, order.customerManagedBy);
        OrderState state = new OrderState(order.id.toString(), order.ccwOrderId, order.revision, order.subscriptionId,
                order.customerId.toString(), customer, order.startDate, order.termMonths, order.autoRenew, lines,
                order.receivedAt, order.outcome);
        return new Outbox.Message(topic, ORDER_RECEIVED, order.customerId.toString(), order.partnerOrgId, new OrderReceived(state));
    }

    public Outbox.Message usageRecordedMessage(String partnerOrgId, String subscriptionId, String customerId, List<Snapshot> snapshots) {
        return new Outbox.Message(topic, USAGE_RECORDED, customerId, partnerOrgId, new UsageRecorded(subscriptionId, customerId, snapshots));
    }

    public Uni<Void> invoiceChanged(String type, Invoice invoice) {
        return invoiceChanged(type, invoice, null);
    }

    public Uni<Void> invoiceChanged(String type, Invoice invoice, InvoicePayment payment) {
        InvoiceState state = new InvoiceState(invoice.id.toString(), invoice.number, invoice.subscriptionId,
                invoice.customerId.toString(), invoice.amount, invoice.currency, invoice.periodStart, invoice.periodEnd,
                invoice.dueDate, invoice.status.name(), invoice.paidAt, invoice.paidAmount);
        PaymentState paid = payment == null ? null
                : new PaymentState(payment.id.toString(), payment.amount, payment.reference, payment.recordedAt);
        return outbox.publish(topic, type, invoice.customerId.toString(), invoice.partnerOrgId,
                        new InvoiceChanged(state, invoice.version, paid))
                .replaceWithVoid();
    }

    private Uni<Void> publish(String type, Subscription s, Object data) {
        return outbox.publish(topic, type, s.customerId.toString(), s.partnerOrgId, data).replaceWithVoid();
    }

    private Uni<Void> publish(Outbox.Message m) {
        return outbox.publish(m.topic(), m.type(), m.key(), m.partnerOrgId(), m.data()).replaceWithVoid();
    }
}
