package io.partnerhub.subscriptions.rest;

import io.partnerhub.subscriptions.InvoiceStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record InvoiceResponse(String invoiceId, String number, String subscriptionId, String customerId, LocalDate periodStart,
                              LocalDate periodEnd, BigDecimal amount, String currency, LocalDate dueDate, InvoiceStatus status,
                              Instant issuedAt, @Schema(nullable = true) Instant paidAt, long version) {
}
