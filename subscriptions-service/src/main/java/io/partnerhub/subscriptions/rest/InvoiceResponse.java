package io.partnerhub.subscriptions.rest;

import io.partnerhub.subscriptions.InvoiceStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An invoice; {@code paidAmount} is the sum of its {@code payments} (oldest first), PAID once it covers {@code amount}. */
public record InvoiceResponse(String invoiceId, String number, String subscriptionId, String customerId, LocalDate periodStart,
                              LocalDate periodEnd, BigDecimal amount, String currency, LocalDate dueDate, InvoiceStatus status,
                              Instant issuedAt, @Schema(nullable = true) Instant paidAt, long version,
                              @Schema(description = "The sum of the invoice's payments") BigDecimal paidAmount,
                              @Schema(description = "The invoice's payments, oldest first") List<Payment> payments) {

    /** A payment recorded against the invoice. */
    @Schema(name = "InvoicePayment")
    public record Payment(String paymentId, BigDecimal amount, @Schema(nullable = true) String reference, Instant recordedAt) {
    }
}
