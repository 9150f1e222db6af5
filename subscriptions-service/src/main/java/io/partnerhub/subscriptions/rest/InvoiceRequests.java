package io.partnerhub.subscriptions.rest;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

public final class InvoiceRequests {

    private InvoiceRequests() {
    }

    public record Issue(@NotBlank @Size(max = 64) String number,
                        @NotNull LocalDate periodStart,
                        @NotNull LocalDate periodEnd,
                        @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
                        @NotNull LocalDate dueDate) {
    }

    /**
     * A payment: a positive amount of the invoice's currency with at most 2 decimals, at most what the invoice still
     * owes (checked by the service); {@code reference} the payer's reference, optional.
     */
    public record Payment(@NotNull @DecimalMin(value = "0.00", inclusive = false, message = "must be greater than 0")
                          @Digits(integer = 12, fraction = 2) BigDecimal amount,
                          @Size(max = 128) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
                          String reference) {
    }
}
